"""Everything the board sees of one year together (issue 18.5, docs/disclosure.md): every
memo of the year (quarters, half-years, the year) and the dashboard, attacked by the
independent attacker with exact and range recovery."""

from __future__ import annotations

from typing import Any

import pytest
from django_scopes import scope

from dashboard.key_figures import EXIT_GROUPS, compute_key_figures
from stats.memo import compute_memo
from stats.periods import Period
from stats.tests import attacker_year
from stats.tests.test_disclosure_attack import _facts, _random_association
from stats.tests.test_disclosure_year import _wrong_markers

#: Every memo of 2024 a board member can produce, in order of their end date (2024Q2 and
#: 2024H1 end on the same day, as do 2024Q4, 2024H2 and 2024).
EVERY_MEMO_2024 = ("2024Q1", "2024Q2", "2024H1", "2024Q3", "2024Q4", "2024H2", "2024")


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [5, 6])
def test_every_memo_of_a_year_together_reveals_no_small_count_nor_narrows_one(
    seed: int,
) -> None:
    association = _random_association(seed)
    pairs = [
        (
            compute_memo(association, Period.parse(code), suppress=True).json,
            compute_memo(association, Period.parse(code), suppress=False).json,
        )
        for code in EVERY_MEMO_2024
    ]

    attack = attacker_year.merge(pairs, _facts(association))

    assert (
        attack.leaks(),
        attacker_year.narrow(attack),
        [_wrong_markers(shown, truth) for shown, truth in pairs],
    ) == ([], [], [[]] * len(pairs))


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["2024H1", "2024"])
def test_dashboard_publishes_no_count_the_memo_of_its_half_year_does_not(code: str) -> None:
    """The dashboard's participant figures are cells of the current half-year's memo,
    shown or hidden alike, so the joint suppression of the memos covers them."""
    association = _random_association(2)
    period = Period.parse(code)
    memo: dict[str, Any] = compute_memo(association, period, suppress=True).json["tables"]

    with scope(association=association):
        figures = compute_key_figures(association, period=period, suppress=True)

    assert (
        figures.registered,
        figures.share_to_work_or_studies,
        [bar.value for bar in figures.exit_bars],
        figures.goals,
    ) == (
        memo["participants"]["total"]["registered"],
        memo["outcomes"]["total"]["share_to_work_or_studies"],
        [memo["exit_reasons"]["groups"][key]["total"] for key, _label in EXIT_GROUPS],
        memo["association_goals"]["rows"],
    )
