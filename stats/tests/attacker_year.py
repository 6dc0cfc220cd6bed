"""The independent attacker (``attacker.py``) on everything the board sees of one year, with
range recovery (test helper; shares no code with ``stats.disclosure`` either).

The memos of a year publish year-to-date figures at the quarter ends (2026Q1, 2026H1 =
2026Q2, 2026Q3, 2026 = 2026H2 = 2026Q4; the dashboard shows the current half-year's). The
attacker reads one memo per quarter end, each with its own identities (``attacker.build``,
cells prefixed with the period), and ties them together by what the definitions say
between two quarter ends a < b of the same year (spec/reports.md, "Periods"):

- registered ytd, exited ytd, exits to work or studies, participations with an action
  plan, exits by reason and by extent, the target group's counts, anonymous registrations,
  activity attendees and the participations with two progression assessments only grow:
  b = a + (what happened in between), a count >= 0 that the attacker knows when it is 0;
- carried over from before the year and exited before the year are the same all year.

Exact recovery is ``attacker.Attack.recomputed`` over the joint system. Range recovery
(:func:`ranges`) bounds every protected cell by linear programming (``scipy.optimize.
linprog``, HiGHS) over the same identities plus what else the reader knows: every shown
count, that a hidden count ("..") is at least 1 (0 is always shown), that every count is at
least 0, and that a shown share p of n / d means 200 n >= (2p - 1) d and
200 n <= (2p + 1) d - 1 (whole counts, rounded half up).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from stats.tests.attacker import Attack, Cell, Facts, Leak, build

P, X, T = "participants", "exit_reasons", "target_group"


def merge(
    memos: Sequence[tuple[Mapping[str, Any], Mapping[str, Any]]], facts: Mapping[str, Facts]
) -> Attack:
    """One system for the memos (``(shown, truth)`` per quarter end, in date order)."""
    merged: Attack | None = None
    previous: tuple[str, Attack] | None = None
    for shown, truth in memos:
        single = build(shown, truth, facts)
        tag = shown["period"]
        if merged is None:
            merged = Attack(threshold=single.threshold)

        def tagged(cell: Cell, tag: str = tag) -> Cell:
            return (tag, *cell)

        merged.truth.update({tagged(c): v for c, v in single.truth.items()})
        merged.shown.update(tagged(c) for c in single.shown)
        merged.hidden.update(tagged(c) for c in single.hidden)
        merged.known.update(tagged(c) for c in single.known)
        merged.linking.update(tagged(c) for c in single.linking)
        merged.sums.extend(
            (tuple(tagged(p) for p in parts), tagged(total)) for parts, total in single.sums
        )
        merged.shares.extend((tagged(n), tagged(d), v) for n, d, v in single.shares)
        merged.dropped.extend(f"{tag}: {text}" for text in single.dropped)
        if previous is not None:
            _link(merged, previous, (tag, single))
        previous = (tag, single)
    assert merged is not None
    return merged


def _grows(cell: Cell) -> bool:
    table = cell[0]
    if table == P:
        return cell[2] in ("registered", "exited")
    if table == "outcomes":
        return cell[2] in ("to_work_or_studies", "planned")
    if table == X:
        return cell[1] in ("reason", "extent")
    if table == T:
        return (
            cell[1] != "active" and not cell[1].startswith("not ") and cell[1] != "education:none"
        )
    if table == "progression":
        # Participations with two assessments ytd only grow; the outcomes move either way.
        return cell[-1] == "participations"
    return table in ("anonymous", "activities")


def _same(cell: Cell) -> bool:
    return cell[0] == P and cell[2] in ("carried", "exited_before")


def _link(attack: Attack, earlier: tuple[str, Attack], later: tuple[str, Attack]) -> None:
    (a_tag, a), (b_tag, b) = earlier, later
    for cell in a.truth:
        if cell not in b.truth:
            continue
        old, new = (a_tag, *cell), (b_tag, *cell)
        if _same(cell):
            attack.add_sum([old], new)
        elif _grows(cell):
            attack.rest(("flow", b_tag, *cell), [old], new, linking=True)


@dataclass(frozen=True)
class Range:
    """What the reader can tell about a protected cell: lo <= value <= hi."""

    cell: Cell
    value: int
    lo: float
    hi: float


def protected(attack: Attack) -> list[Cell]:
    """The cells the reader must not pin down: hidden counts from 1 to k-1 and unpublished
    ones (not linking cells) from 1 to k-1 that are not known."""
    k = attack.threshold
    return [
        cell
        for cell, value in attack.truth.items()
        if 1 <= value < k
        and cell not in attack.known
        and cell not in attack.linking
        and cell[0] != "flow"
    ]


def ranges(attack: Attack, cells: Sequence[Cell] | None = None) -> list[Range]:
    """The interval (LP relaxation, so never narrower than the whole-number one) of each
    protected cell given everything the reader knows."""
    import numpy as np
    from scipy.optimize import linprog  # type: ignore[import-untyped]  # scipy ships no type hints
    from scipy.sparse import coo_matrix  # type: ignore[import-untyped]  # scipy ships no type hints

    known = set(attack.known) | {leak.cell for leak in attack.recomputed()}
    unknown = [cell for cell in attack.truth if cell not in known]
    index = {cell: i for i, cell in enumerate(unknown)}

    def row_of(terms: Sequence[tuple[Cell, int]], rhs: int) -> tuple[dict[int, int], int] | None:
        """sum(c x) (op) rhs over the unknown cells, the known ones moved to the right."""
        row: dict[int, int] = {}
        for cell, coefficient in terms:
            if cell in index:
                row[index[cell]] = row.get(index[cell], 0) + coefficient
            else:
                rhs -= coefficient * attack.truth[cell]
        row = {i: v for i, v in row.items() if v}
        return (row, rhs) if row else None

    rows_eq = [
        row
        for parts, total in attack.sums
        if (row := row_of([*((p, 1) for p in parts), (total, -1)], 0)) is not None
    ]
    rows_ub = []
    for n, d, p in attack.shares:
        # p rounded half up from 100 n / d: 200 n >= (2p - 1) d and 200 n <= (2p + 1) d - 1.
        for terms, rhs in (
            ([(n, -200), (d, 2 * p - 1)], 0),
            ([(n, 200), (d, -(2 * p + 1))], -1),
        ):
            if (row := row_of(terms, rhs)) is not None:
                rows_ub.append(row)
    bounds = [(1 if cell in attack.hidden else 0, None) for cell in unknown]

    def matrix(rows: list[tuple[dict[int, int], int]]) -> tuple[Any, Any]:
        data, r, c = [], [], []
        for number, (row, _) in enumerate(rows):
            for i, v in row.items():
                data.append(v)
                r.append(number)
                c.append(i)
        shape = (len(rows), len(unknown))
        return coo_matrix((data, (r, c)), shape=shape).tocsr(), np.array([b for _, b in rows])

    a_eq, b_eq = matrix(rows_eq) if rows_eq else (None, None)
    a_ub, b_ub = matrix(rows_ub) if rows_ub else (None, None)
    found = []
    for cell in cells if cells is not None else protected(attack):
        if cell in known:
            found.append(Range(cell, attack.truth[cell], attack.truth[cell], attack.truth[cell]))
            continue
        objective = np.zeros(len(unknown))
        objective[index[cell]] = 1.0
        limits = []
        for sense in (1.0, -1.0):
            result = linprog(
                sense * objective,
                A_ub=a_ub,
                b_ub=b_ub,
                A_eq=a_eq,
                b_eq=b_eq,
                bounds=bounds,
                method="highs",
            )
            limits.append(sense * result.fun if result.status == 0 else None)
        lo, hi = limits
        found.append(
            Range(
                cell,
                attack.truth[cell],
                lo if lo is not None else 0.0,
                hi if hi is not None else float("inf"),
            )
        )
    return found


def narrow(attack: Attack) -> list[Range]:
    """Protected cells the reader pins to fewer than k - 1 whole numbers (narrower than
    "1 to k-1", which is what a hidden small count may be anyway)."""
    k = attack.threshold
    return [r for r in ranges(attack) if r.hi - r.lo < k - 2 - 1e-6]


def exact(attack: Attack) -> list[Leak]:
    return attack.leaks()
