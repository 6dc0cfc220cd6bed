"""Range protection (docs/disclosure.md, "Ranges"): no hidden small count may be narrowed,
by everything shown, to fewer than k - 1 possible values.

The exact check of ``stats.disclosure`` stops a reader from *recomputing* a small count.
A reader who also uses that counts are never negative and that a hidden count ("..") is at
least 1 (0 is always shown) can still bound it: a shown total 6 over two hidden counts
tells that each is 1 to 5; a shown total 3 over two hidden cells, that each is 1 or 2.
The rule here (the protection interval of cell suppression): for every protected cell
(a count from 1 to k - 1 that is not known from another table), the lowest and highest
value it can take, given every identity, every shown and fixed cell, "hidden >= 1" and
"unpublished >= 0", are at least k - 2 apart, so the reader is left with at least k - 1
possible values, as many as "1 to k - 1" (1-4 for k = 5).

The bounds are those of the linear programme (the LP relaxation, computed with HiGHS
through ``scipy.optimize.linprog``), rounded inwards to whole numbers. The identities
have coefficients +1 and -1 and the bounds are whole, so the relaxation's bounds are
whole in practice; a reader with an integer solver gets no more than rounding inwards.
Each LP is over one *component*: the unknown cells linked by identities through other
unknown cells (known cells are constants), which keeps the problems small.

:func:`widen` hides more cells until no protected cell is narrow, or gives up on a cell
no shown cell can widen (recorded by the caller).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from stats.disclosure import Key, Reason, Sum, Table, _cells, _hideable, _is_unknown

#: Rounding slack for the LP's floating-point bounds.
EPSILON = 1e-6


@dataclass(frozen=True)
class Bounds:
    """lo <= value <= hi for whatever the reader knows (hi is None when unbounded)."""

    lo: int
    hi: int | None

    def width(self) -> float:
        return math.inf if self.hi is None else self.hi - self.lo


class _System:
    """The identities over the unknown cells of a table given a set of hidden cells, built
    component by component as they are asked for."""

    def __init__(
        self, table: Table, hidden: Mapping[Key, Reason], sums_of: Mapping[Key, list[Sum]]
    ) -> None:
        self.table = table
        self.hidden = hidden
        self.sums_of = sums_of
        self._models: dict[Key, _Model] = {}

    def unknown(self, key: Key) -> bool:
        return _is_unknown(self.table, key, self.hidden)

    def lower(self, key: Key) -> int:
        return 1 if self.table.published[key] else 0

    def component(self, key: Key) -> tuple[list[Key], list[tuple[dict[Key, int], int]]]:
        """The unknown cells linked to ``key`` through identities (known cells are
        constants), and those identities over them: (coefficients, right-hand side)."""
        cells, seen, done = [key], {key}, set()
        rows: list[tuple[dict[Key, int], int]] = []
        position = 0
        while position < len(cells):
            for constraint in self.sums_of.get(cells[position], ()):
                if id(constraint) in done:
                    continue
                done.add(id(constraint))
                row: dict[Key, int] = {}
                rhs = 0
                terms = [(part, 1) for part in constraint.parts] + [(constraint.total, -1)]
                for cell, sign in terms:
                    if self.unknown(cell):
                        row[cell] = row.get(cell, 0) + sign
                    else:
                        rhs -= sign * self.table.values[cell]
                row = {cell: value for cell, value in row.items() if value}
                if not row:
                    continue
                rows.append((row, rhs))
                for cell in row:
                    if cell not in seen:
                        seen.add(cell)
                        cells.append(cell)
            position += 1
        return cells, rows

    def model(self, key: Key) -> _Model:
        if key not in self._models:
            cells, rows = self.component(key)
            model = _Model(cells, rows, [self.lower(cell) for cell in cells])
            for cell in cells:
                self._models[cell] = model
        return self._models[key]

    def bounds(self, key: Key, need: int) -> Bounds:
        """The reader's bounds on ``key``; the lower one only when the upper one is less
        than ``need`` above the true value (otherwise the range is wide enough anyway,
        the true value being feasible)."""
        model = self.model(key)
        hi = model.optimum(key, maximise=True)
        value = self.table.values[key]
        if hi is None or hi - value >= need:
            return Bounds(self.lower(key) if hi is None else hi - need, hi)
        lo = model.optimum(key, maximise=False)
        if lo is None:  # pragma: no cover - a minimum over cells >= 0 is finite
            raise RuntimeError(f"Range check of {key!r}: no lower bound")
        return Bounds(lo, hi)


class _Model:
    """One component's linear programme in HiGHS, solved again (warm) per objective."""

    def __init__(
        self, cells: list[Key], rows: list[tuple[dict[Key, int], int]], lower: list[int]
    ) -> None:
        import highspy
        import numpy as np

        self.np = np
        self.highspy = highspy
        self.column = {cell: index for index, cell in enumerate(cells)}
        self.width = len(cells)
        self.current: int | None = None
        # The bare solver: ``highspy.Highs`` adds callbacks and prints a banner per process.
        solver = getattr(getattr(highspy, "_core", None), "_Highs", highspy.Highs)
        self.highs = solver()
        self.highs.setOptionValue("output_flag", False)
        infinite = highspy.kHighsInf
        self.highs.addVars(self.width, np.array(lower, dtype=float), np.full(self.width, infinite))
        starts: list[int] = []
        indices: list[int] = []
        values: list[float] = []
        rhs: list[float] = []
        for row, value in rows:
            starts.append(len(indices))
            for cell, coefficient in row.items():
                indices.append(self.column[cell])
                values.append(float(coefficient))
            rhs.append(float(value))
        if rows:
            self.highs.addRows(
                len(rows),
                np.array(rhs),
                np.array(rhs),
                len(indices),
                np.array(starts, dtype=np.int32),
                np.array(indices, dtype=np.int32),
                np.array(values),
            )

    def optimum(self, key: Key, *, maximise: bool) -> int | None:
        """The largest (smallest) value of ``key``, rounded inwards; None if unbounded."""
        highspy = self.highspy
        column = self.column[key]
        if self.current != column:
            if self.current is not None:
                self.highs.changeColCost(self.current, 0.0)
            self.highs.changeColCost(column, 1.0)
            self.current = column
        sense = highspy.ObjSense.kMaximize if maximise else highspy.ObjSense.kMinimize
        self.highs.changeObjectiveSense(sense)
        self.highs.run()
        status = self.highs.getModelStatus()
        if status == highspy.HighsModelStatus.kUnbounded:
            return None
        if status != highspy.HighsModelStatus.kOptimal:  # pragma: no cover - x* is feasible
            raise RuntimeError(f"Range check of {key!r}: {status}")
        value = self.highs.getInfo().objective_function_value
        return math.floor(value + EPSILON) if maximise else math.ceil(value - EPSILON)


def _sums_of(table: Table) -> dict[Key, list[Sum]]:
    index: dict[Key, list[Sum]] = {}
    for constraint in table.sums:
        for key in dict.fromkeys(_cells(constraint)):
            index.setdefault(key, []).append(constraint)
    return index


def protected_cells(
    table: Table, sensitive: Iterable[Key], hidden: Mapping[Key, Reason]
) -> list[Key]:
    """The small counts the reader must not narrow: sensitive, not fixed, not shown."""
    return [key for key in sensitive if key not in table.fixed and _is_unknown(table, key, hidden)]


def narrow(
    table: Table,
    k: int,
    sensitive: Iterable[Key],
    hidden: Mapping[Key, Reason],
    skip: Iterable[Key] = (),
    sums_of: Mapping[Key, list[Sum]] | None = None,
) -> list[Key]:
    """The protected cells (in table order) that the reader can narrow to fewer than
    k - 1 values."""
    system = _System(table, hidden, sums_of if sums_of is not None else _sums_of(table))
    skipped = set(skip)
    wanted = set(protected_cells(table, sensitive, hidden)) - skipped
    return [
        key for key in table.values if key in wanted and system.bounds(key, k - 2).width() < k - 2
    ]


def widen(
    table: Table,
    k: int,
    sensitive: Iterable[Key],
    hidden: Mapping[Key, Reason],
    given_up: set[Key],
) -> dict[Key, Reason]:
    """Cells to hide so that the narrow protected cells are wide enough (one pass: the
    caller runs the exact check again and calls this until it returns nothing). A cell no
    shown cell can widen is added to ``given_up``."""
    sensitive = frozenset(sensitive)
    sums_of = _sums_of(table)
    added: dict[Key, Reason] = {}
    order = {key: index for index, key in enumerate(table.values)}
    for key in narrow(table, k, sensitive, hidden, skip=given_up, sums_of=sums_of):
        current = {**hidden, **added}
        system = _System(table, current, sums_of)
        width = system.bounds(key, k - 2).width()
        if width >= k - 2:
            continue  # an earlier choice of this pass widened it already
        choice = _best(table, k, key, system, width, order)
        if choice is None:
            given_up.add(key)
        else:
            added[choice] = Reason.SECONDARY
    return added


def _best(
    table: Table,
    k: int,
    key: Key,
    system: _System,
    width: float,
    order: Mapping[Key, int],
) -> Key | None:
    """The shown cell whose hiding widens ``key`` most (enough is enough: the first that
    reaches k - 2, by the smallest value, then table order); candidates are the shown
    cells of the identities of ``key`` itself, then those of its component. None when no
    shown cell is linked to it."""
    cells, _ = system.component(key)
    for layer in ([key], cells):
        candidates = _candidates(system, layer)
        best: tuple[float, Key] | None = None
        for candidate in sorted(candidates, key=lambda c: (table.values[c], order[c]))[:12]:
            trial = _System(table, {**system.hidden, candidate: Reason.SECONDARY}, system.sums_of)
            gained = trial.bounds(key, k - 2).width()
            if gained >= k - 2:
                return candidate
            if gained > width and (best is None or gained > best[0]):
                best = (gained, candidate)
        if best is not None:
            return best[1]
    # No single cell widens it (two must be hidden together): hide the smallest shown
    # cell of the component and let the next pass go on from there.
    for layer in (cells, [key]):
        fallback = sorted(_candidates(system, layer), key=lambda c: (table.values[c], order[c]))
        if fallback:
            return fallback[0]
    return None


def _candidates(system: _System, cells: Sequence[Key]) -> set[Key]:
    """The shown hideable cells of the identities that involve ``cells``."""
    return {
        other
        for cell in cells
        for constraint in system.sums_of.get(cell, ())
        for other in _cells(constraint)
        if _hideable(system.table, other, system.hidden)
    }
