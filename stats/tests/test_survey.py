"""The survey figures of spec/survey.md section 3, against hand-computed values."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stats.survey import (
    Given,
    combine,
    mode,
    percent,
    share_split,
    vs_national,
    vs_previous,
)


@pytest.mark.parametrize(
    ("count", "n", "expected"),
    [(2, 3, 67), (1, 8, 13), (1, 200, 1), (1, 3, 33), (0, 5, 0), (5, 5, 100), (0, 0, None)],
)
def test_percent_is_whole_percent_half_up(count: int, n: int, expected: int | None) -> None:
    assert percent(count, n) == expected


@given(st.integers(min_value=1, max_value=10_000), st.data())
def test_percent_matches_decimal_half_up(n: int, data: st.DataObject) -> None:
    from decimal import ROUND_HALF_UP, Decimal

    count = data.draw(st.integers(min_value=0, max_value=n))
    expected = int((Decimal(count * 100) / Decimal(n)).quantize(Decimal(1), ROUND_HALF_UP))

    assert percent(count, n) == expected


def test_share_split_masks_a_gender_below_six_answers() -> None:
    answers = [Given("kvinna", v) for v in (6, 5, 5, 4, 3, 2)] + [
        Given("man", 5),
        Given("man", 1),
        Given("ej_angivet", 6),
    ]

    assert share_split(answers, "topp2") == {"total": 56, "women": 50, "men": "masked"}


def test_share_split_topp3_and_gender_without_answers_is_null() -> None:
    answers = [Given("man", v) for v in (4, 4, 3, 2, 6, 1)]

    assert share_split(answers, "topp3") == {"total": 50, "women": None, "men": 50}


def test_share_split_without_answers_is_null() -> None:
    assert share_split([], "ja") == {"total": None, "women": None, "men": None}


def test_share_split_yes_no_counts_ja() -> None:
    answers = [Given("annat", 1), Given("annat", 0), Given("annat", 1)]

    assert share_split(answers, "ja") == {"total": 67, "women": None, "men": None}


@pytest.mark.parametrize(
    ("values", "scale", "expected"),
    [
        ([5, 5, 6, 6, 3], "omfattning", 6),
        ([1, 1, 1, 6], "frekvens", 1),
        ([1, 0], "janej", "ja"),
        ([0, 0, 1], "janej", "nej"),
        ([], "frekvens", None),
    ],
)
def test_mode_ties_give_the_higher_value(
    values: list[int], scale: str, expected: int | str | None
) -> None:
    assert mode(values, scale) == expected


@pytest.mark.parametrize(
    ("own", "other", "national", "previous"),
    [
        (70, 67, "higher", "up"),
        (69, 67, "same", "flat"),
        (65, 67, "same", "flat"),
        (64, 67, "lower", "down"),
        ("masked", 67, None, None),
        (70, None, None, None),
        (None, 50, None, None),
    ],
)
def test_bands_are_two_percentage_points(
    own: int | str | None, other: int | None, national: str | None, previous: str | None
) -> None:
    assert (vs_national(own, other), vs_previous(own, other)) == (national, previous)


@pytest.mark.parametrize(
    ("verdicts", "expected"),
    [
        (["higher", "lower", "same"], "mixed"),
        (["same", None, "higher"], "higher"),
        (["same", "lower"], "lower"),
        (["same", None], "same"),
        ([None, None], None),
        ([], None),
    ],
)
def test_combine_indicator_verdicts(verdicts: list[str | None], expected: str | None) -> None:
    assert combine(verdicts, "higher", "lower", "same") == expected
