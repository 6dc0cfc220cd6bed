"""Secondary suppression on the demo association's exit-reason tables (three periods).

``data/demo_exit_reasons.json`` holds the unsuppressed exit-reason and participant tables
(``dataclasses.asdict`` of the shapes). The earlier greedy search hid 44, 20 and 4
secondary cells here (for 2026H1 every group, ``all`` included); the bounds below are what
the cycle-closing search achieves.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from stats import published
from stats.disclosure import Suppressed, Table
from stats.participant_tables.shapes import (
    ExitGroups,
    ExitReasonsTable,
    ExtentRow,
    OutcomesFigures,
    OutcomesTable,
    ParticipantsFigures,
    ParticipantsRow,
    ParticipantsTable,
    ReasonRow,
    ShareSplit,
    Split,
)
from stats.tests.test_disclosure import _pinned

DEMO = json.loads((Path(__file__).parent / "data" / "demo_exit_reasons.json").read_text())
K = 5


def _exit_reasons(period: str) -> ExitReasonsTable:
    data = DEMO[period]["exit_reasons"]
    return ExitReasonsTable(
        rows=[ReasonRow(row["reason"], Split(**row["counts"])) for row in data["rows"]],
        work_extent=[
            ExtentRow(row["extent"], Split(**row["counts"])) for row in data["work_extent"]
        ],
        groups=ExitGroups(**{name: Split(**g) for name, g in data["groups"].items()}),
    )


def _published_exits_total(period: str) -> dict[str, Any]:
    """The participants table's total of exits ytd as the memo publishes it."""
    data = DEMO[period]["participants"]
    measures = published.PARTICIPANT_MEASURES
    participants = ParticipantsTable(
        rows=[
            ParticipantsRow(row["intervention"], *(Split(**row[m]) for m in measures))
            for row in data["rows"]
        ],
        total=ParticipantsFigures(*(Split(**data["total"][m]) for m in measures)),
    )
    work_or_studies = Split(**DEMO[period]["exit_reasons"]["groups"]["work_or_studies"])
    outcomes = OutcomesTable(
        rows=[],
        total=OutcomesFigures(
            work_or_studies,
            ShareSplit(None, None, None),
            None,
            exited=participants.total.exited,
        ),
    )
    table, _ = published.participants_and_outcomes(participants, outcomes, k=K, applied=True)
    total: dict[str, Any] = table.json["total"]["exited"]
    return total


def _suppressed_exit_reasons(
    monkeypatch: pytest.MonkeyPatch, period: str, *, fixed: bool
) -> tuple[published.Published, Suppressed]:
    """The published exit-reason table and the suppression behind it."""
    results: list[Suppressed] = []
    original = published.suppress

    def spy(table: Table, k: int, **options: Any) -> Suppressed:
        results.append(original(table, k, **options))
        return results[-1]

    known = _published_exits_total(period) if fixed else None
    monkeypatch.setattr(published, "suppress", spy)
    table = published.exit_reasons(_exit_reasons(period), k=K, applied=True, known_all=known)
    return table, results[0]


@pytest.mark.parametrize(
    ("period", "primary", "bound", "bound_fixed"),
    # 2025H2: 11 with range protection (stats.disclosure_ranges), 10 with the exact check.
    [("2026H1", 16, 4, 4), ("2025H2", 30, 11, 11), ("2025H1", 13, 1, 4)],
)
def test_exit_reasons_demo_hides_few_secondary_cells(
    monkeypatch: pytest.MonkeyPatch, period: str, primary: int, bound: int, bound_fixed: int
) -> None:
    _, free = _suppressed_exit_reasons(monkeypatch, period, fixed=False)
    _, fixed = _suppressed_exit_reasons(monkeypatch, period, fixed=True)

    assert (len(free.primary), len(fixed.primary)) == (primary, primary)
    assert len(free.secondary) <= bound
    assert len(fixed.secondary) <= bound_fixed


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("2026H1", {"women": 76, "men": 53, "total": 129}),
        ("2025H2", {"women": 42, "men": 21, "total": 63}),
        # 2025H1 is gone: range protection now hides the participants table's total 7 of
        # two small counts as well, so nothing of "all" is known to carry over.
    ],
)
def test_exit_reasons_demo_all_shows_what_the_participants_table_shows(
    period: str, expected: dict[str, Any]
) -> None:
    known = _published_exits_total(period)

    table = published.exit_reasons(_exit_reasons(period), k=K, applied=True, known_all=known)

    assert (known, table.json["groups"]["all"]) == (expected, expected)


@pytest.mark.parametrize("period", sorted(DEMO))
@pytest.mark.parametrize("fixed", [False, True])
def test_exit_reasons_demo_no_hidden_cell_can_be_recomputed(
    monkeypatch: pytest.MonkeyPatch, period: str, fixed: bool
) -> None:
    _, result = _suppressed_exit_reasons(monkeypatch, period, fixed=fixed)
    table = result.table
    protected = [
        key
        for key, value in table.values.items()
        if key not in table.fixed
        and (key in result.hidden or (not table.published[key] and 1 <= value < K))
    ]

    assert (
        _pinned(table, result, protected),
        [k for k in result.secondary if k in table.fixed],
    ) == (
        [],
        [],
    )


def test_exit_reasons_known_all_fixes_only_matching_whole_counts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    results: list[Suppressed] = []
    original = published.suppress

    def spy(table: Table, k: int, **options: Any) -> Suppressed:
        results.append(original(table, k, **options))
        return results[-1]

    monkeypatch.setattr(published, "suppress", spy)
    published.exit_reasons(_exit_reasons("2026H1"), k=K, applied=True)
    published.exit_reasons(
        _exit_reasons("2026H1"),
        k=K,
        applied=True,
        known_all={"women": "..", "men": 52, "total": 129},
    )

    assert [result.table.fixed for result in results] == [set(), {("group", "all", "total")}]
