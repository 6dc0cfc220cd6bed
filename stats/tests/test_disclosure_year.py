"""Disclosure control across the periods of one year (issue 18.5): everything the board
sees of a year together (the quarter-end memos; the dashboard shows the current
half-year's) lets no reader recompute a hidden small count (``attacker_year``)."""

from __future__ import annotations

from typing import Any

import pytest

from stats import memo as memo_module
from stats.memo import compute_memo
from stats.periods import Period
from stats.tests import attacker_year
from stats.tests.attacker import Attack, Leak
from stats.tests.test_disclosure_attack import _facts, _random_association
from tenancy.models import Association

#: One memo per quarter end of 2024 (2024Q2 = 2024H1 and 2024Q4 = 2024H2 = 2024).
YEAR_2024 = ("2024Q1", "2024H1", "2024Q3", "2024")
PERSON_TABLES = ("participants", "outcomes", "anonymous", "exit_reasons", "target_group")


def _pairs(association: Association, periods: tuple[str, ...]) -> list[tuple[Any, Any]]:
    return [
        (
            compute_memo(association, Period.parse(code), suppress=True).json,
            compute_memo(association, Period.parse(code), suppress=False).json,
        )
        for code in periods
    ]


def _year_leaks(
    association: Association,
) -> tuple[list[Leak], list[attacker_year.Range], list[str]]:
    """What the reader of the year's memos recomputes exactly, what they narrow to fewer
    than k - 1 values (range recovery) and the identities that did not hold."""
    pairs = _pairs(association, YEAR_2024)
    assert [_wrong_markers(shown, truth) for shown, truth in pairs] == [[]] * len(pairs)
    attack = attacker_year.merge(pairs, _facts(association))
    return attack.leaks(), attacker_year.narrow(attack), attack.dropped


def _wrong_markers(shown: Any, truth: Any, path: str = "") -> list[str]:
    """Every place where the suppressed memo differs from the truth by anything but ".."
    (issue 10.4: every hidden cell, primary or secondary, is ".."; never "<5")."""
    if isinstance(shown, dict):
        return [
            wrong
            for key in shown
            for wrong in _wrong_markers(shown[key], truth[key], f"{path}.{key}")
        ]
    if isinstance(shown, list):
        return [
            wrong
            for index, item in enumerate(shown)
            for wrong in _wrong_markers(item, truth[index], f"{path}[{index}]")
        ]
    if shown == truth or (shown == ".." and path.split(".")[1] == "tables"):
        return []
    if path in (".suppression.applied", ".suppression.note"):
        return []
    return [f"{path}: {shown!r} (truth {truth!r})"]


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
def test_year_of_memos_random_association_reveals_no_small_count(seed: int) -> None:
    association = _random_association(seed)

    assert _year_leaks(association) == ([], [], [])


@pytest.mark.django_db
def test_memos_ending_on_the_same_day_hide_the_same_cells() -> None:
    association = _random_association(3)

    def person_tables(code: str) -> dict[str, Any]:
        tables = compute_memo(association, Period.parse(code), suppress=True).json["tables"]
        return {name: tables[name] for name in PERSON_TABLES}

    assert (person_tables("2024Q2"), person_tables("2024H2"), person_tables("2024Q4")) == (
        person_tables("2024H1"),
        person_tables("2024"),
        person_tables("2024"),
    )


@pytest.mark.django_db
def test_year_attacker_recomputes_counts_when_periods_are_suppressed_apart(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The oracle can fail: suppressing each memo on its own (as before issue 18.5), the
    memos of 2024 together give small counts away that each memo alone protects."""
    association = _random_association(1)

    monkeypatch.setattr(memo_module, "year_suppression", _alone)
    pairs = _pairs(association, YEAR_2024)
    each_alone = [attacker_year.merge([pair], _facts(association)).leaks() for pair in pairs]

    leaks = attacker_year.merge(pairs, _facts(association)).leaks()

    assert (each_alone, len(leaks) > 0) == ([[], [], [], []], True)


def _alone(association: Any, period: Period, **kwargs: Any) -> Any:
    """``year_suppression`` of the period's own end only (no earlier snapshot)."""
    from stats import year_suppression as ys

    ends = ys.snapshot_ends
    try:
        ys.snapshot_ends = lambda period: [period.end]
        return ys.year_suppression(association, period, **kwargs)
    finally:
        ys.snapshot_ends = ends


def test_range_recovery_pins_two_hidden_counts_of_a_shown_sum() -> None:
    """Range recovery: a shown total 3 of two hidden counts (each at least 1, as ".." is
    never 0) pins both to 1-2, which exact recovery cannot."""
    attack = Attack(threshold=5)
    attack.cell(("a",), 1, "..")
    attack.cell(("b",), 2, "..")
    attack.cell(("total",), 3, 3)
    attack.add_sum([("a",), ("b",)], ("total",))

    found = attacker_year.ranges(attack)

    assert (
        attack.leaks(),
        [(r.cell, r.lo, r.hi) for r in found],
        attacker_year.narrow(attack),
    ) == (
        [],
        [(("a",), 1.0, 2.0), (("b",), 1.0, 2.0)],
        found,
    )


@pytest.mark.django_db
def test_year_of_demo_memos_reveals_no_small_count() -> None:
    """The demo association "exempel" in 2026 (the attack of issue 18.5: cells the year
    memo hid as secondary protection were printed by the 2026H1 memo, and range recovery
    pinned 15 hidden small counts to 2-3 values). Its shares have
    denominators over 100, so some share identities are ambiguous (``dropped``)."""
    from demo.loader import load_demo

    load_demo()
    association = Association.objects.get(slug="exempel")
    pairs = _pairs(association, ("2026Q1", "2026H1", "2026Q3", "2026"))

    attack = attacker_year.merge(pairs, _facts(association))

    assert (
        attack.leaks(),
        attacker_year.narrow(attack),
        [_wrong_markers(shown, truth) for shown, truth in pairs],
    ) == ([], [], [[]] * 4)
