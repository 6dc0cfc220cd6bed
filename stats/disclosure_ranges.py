"""Range protection (docs/disclosure.md, "Ranges"): no hidden small count may be narrowed,
by everything shown, to fewer than k - 1 possible values.

The exact check of ``stats.disclosure`` stops a reader from *recomputing* a small count. A
reader who also uses that counts are never negative and that a hidden count ("..") is at
least 1 (0 is always shown) can still bound it: a shown total 3 over two hidden counts
tells that each is 1 or 2. The rule: for every *protected* cell (a count from 1 to k - 1,
not fixed, not shown), the lowest and highest values it can take given every identity,
every shown and fixed cell, "hidden >= 1" and "unpublished >= 0" are at least k - 2 apart
(k - 1 possible values, as many as "1 to k - 1"). Bounds are those of the linear programme
(HiGHS), rounded inwards.

Cost is bounded by design:

- The unknown cells split into independent *components* (linked by identities through
  unknown cells; known cells are constants). A cell's bounds depend on its component
  only, so each component is decided once and its verdict kept (:class:`RangeState`)
  until a newly hidden cell changes it (the key is the component's cells and identities).
- A component is decided by one *certificate* LP first: maximise, over its protected
  cells p, the sum of min(p - true p, k - 2). Every p that reaches k - 2 is wide (the
  truth is feasible, so its range spans at least [true p, true p + k - 2]). Only the
  others get their own LPs (max, then min only if needed), each solved warm on the same
  model, and each maximum's solution may certify further cells.
- A narrow cell is widened by one *deviation* LP: the shown cells near it (or, failing
  that, in its whole part of the table) may move, at a cost of 1 per unit, and the cell
  must reach its minimum + k - 2. The cells that moved are hidden: the solution is then
  a feasible table, so the range is certified wide without another check.
- Every LP counts against ``budget`` (:data:`MAX_SOLVES` per ``suppress`` call) and no
  component above :data:`MAX_CELLS` cells is solved. An undecided component falls back
  to *withholding its part*: every count of the part of the table linked to it by
  identities that may be hidden is hidden, so the reader sees there only zeros and counts
  published by other tables, the least any suppression of this table can show
  (:attr:`RangeState.withheld` records it).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from stats.disclosure import Key, Reason, Sum, Suppressed, Table, suppress_exact
from stats.disclosure_echelon import cells as _cells
from stats.disclosure_search import _hideable, _is_unknown, _Parts, _targets

#: LP solves allowed per ``suppress`` call (then the fallback: see the module docstring).
MAX_SOLVES = 2000
#: Cells of the largest component or region solved by LP.
MAX_CELLS = 5000
#: Rounding slack for the LP's floating-point values.
EPSILON = 1e-6
#: Rounds of certificate LPs per component before single cells are solved.
CERTIFICATE_ROUNDS = 3
#: How many identities away from a narrow cell the deviation LP first looks.
RING = 3


class BudgetSpent(Exception):
    """The LP budget of the call is spent."""


@dataclass
class RangeState:
    """The range checks of one table (which may grow: ``stats.disclosure_periods`` adds
    snapshots to one combined table): its identities by cell, the verdicts of the
    components decided so far, and the LP solves spent."""

    table: Table
    budget: int = MAX_SOLVES
    max_cells: int = MAX_CELLS
    solves: int = 0
    #: (cells, identities) of a component -> its narrow cells with their minimum.
    verdicts: dict[tuple[frozenset[Key], frozenset[int]], list[tuple[Key, int]]] = field(
        default_factory=dict
    )
    #: Protected cells whose part was withheld (the fallback), and cells no shown cell of
    #: this table can widen (bounded by zeros and cells known from other tables alone).
    withheld: set[Key] = field(default_factory=set)
    given_up: set[Key] = field(default_factory=set)
    _sums_of: dict[Key, list[int]] = field(default_factory=dict)
    #: The cells of each sum (parts, then total; a cell twice in a sum is there twice),
    #: in the order of ``table.sums``.
    _cells_of: list[tuple[Key, ...]] = field(default_factory=list)

    def _index(self) -> None:
        sums = self.table.sums
        holders = self._sums_of
        for number in range(len(self._cells_of), len(sums)):
            cells = _cells(sums[number])
            self._cells_of.append(cells)
            for cell in cells:
                found = holders.get(cell)
                if found is None:
                    holders[cell] = [number]
                elif found[-1] != number:
                    found.append(number)

    def sums_of(self, key: Key) -> list[int]:
        if len(self._cells_of) != len(self.table.sums):
            self._index()
        return self._sums_of.get(key, [])

    def cells_of(self, number: int) -> tuple[Key, ...]:
        """The cells of sum ``number`` (a cell twice in the sum is listed twice: every
        reader skips the cells it has seen)."""
        if len(self._cells_of) != len(self.table.sums):
            self._index()
        return self._cells_of[number]

    def spend(self) -> None:
        if self.solves >= self.budget:
            raise BudgetSpent
        self.solves += 1


def protected_cells(
    table: Table, sensitive: Iterable[Key], hidden: Mapping[Key, Reason]
) -> list[Key]:
    """The small counts the reader must not narrow (sensitive, not fixed, not shown), in
    table order."""
    wanted = {key for key in sensitive if key not in table.fixed}
    return [key for key in table.values if key in wanted and _is_unknown(table, key, hidden)]


def narrow(
    state: RangeState, k: int, sensitive: Iterable[Key], hidden: Mapping[Key, Reason]
) -> list[tuple[Key, int]] | None:
    """The protected cells that the reader can narrow to fewer than k - 1 values, each
    with its minimum, in table order (empty: none is narrow); None when the budget does
    not reach to decide it."""
    try:
        return [found for _cells_, found in _narrow_by_component(state, k, sensitive, hidden)]
    except BudgetSpent:
        return None


def widen(
    state: RangeState, k: int, sensitive: Iterable[Key], hidden: Mapping[Key, Reason]
) -> dict[Key, Reason]:
    """Cells to hide so that narrow protected cells become wide (one pass: the caller
    runs the exact check again and calls this until it returns nothing). Every narrow
    cell is widened (each hidden cell can only widen the others); a component the budget
    cannot decide is withheld."""
    table = state.table
    added: dict[Key, Reason] = {}
    # The deviation LP of a whole part, reused for its other narrow cells in this pass
    # (cells hidden since are still movable in it: a solution that moves one is as
    # feasible, and hiding it again changes nothing).
    models: dict[Key, _Lp] = {}
    try:
        for _cells_of, (key, low) in _narrow_by_component(state, k, sensitive, hidden):
            if key in state.given_up:
                continue
            moved = _widening(state, k, {**hidden, **added}, key, low, models)
            if moved is None:
                state.given_up.add(key)
            else:
                added.update(dict.fromkeys(moved, Reason.SECONDARY))
    except BudgetSpent:
        protected = protected_cells(table, sensitive, {**hidden, **added})
        undecided = [key for key in protected if key not in state.withheld]
        linked = _Parts(table) if undecided else None
        for key in undecided:
            state.withheld.add(key)
            number = linked.number.get(key) if linked is not None else None
            if linked is None or number is None:
                continue
            for cell in linked.cells[number]:
                if _hideable(table, cell, {**hidden, **added}):
                    added[cell] = Reason.SECONDARY
    return added


def _narrow_by_component(
    state: RangeState, k: int, sensitive: Iterable[Key], hidden: Mapping[Key, Reason]
) -> list[tuple[list[Key], tuple[Key, int]]]:
    """(component cells, narrow cell with its minimum) for every narrow cell; raises
    :class:`BudgetSpent`."""
    table = state.table
    protected = [
        key
        for key in protected_cells(table, sensitive, hidden)
        if key not in state.withheld and key not in state.given_up
    ]
    wanted = set(protected)
    seen: set[Key] = set()
    found: list[tuple[list[Key], tuple[Key, int]]] = []
    for key in protected:
        if key in seen:
            continue
        cells, numbers = _component(state, hidden, key)
        seen.update(cells)
        verdict_key = (frozenset(cells), frozenset(numbers))
        if verdict_key not in state.verdicts:
            if len(cells) > state.max_cells:
                raise BudgetSpent
            inside = [cell for cell in cells if cell in wanted]
            state.verdicts[verdict_key] = _decide(state, k, hidden, cells, numbers, inside)
        found.extend((cells, narrow) for narrow in state.verdicts[verdict_key])
    order = {key: index for index, key in enumerate(protected)}
    return sorted(found, key=lambda item: order[item[1][0]])


def _component(
    state: RangeState, hidden: Mapping[Key, Reason], start: Key
) -> tuple[list[Key], list[int]]:
    """The unknown cells linked to ``start`` through identities over unknown cells, and
    those identities (numbers in ``table.sums``)."""
    table = state.table
    values, published, fixed = table.values, table.published, table.fixed
    sums_of, cells_of = state.sums_of, state.cells_of
    cells, seen, numbers = [start], {start}, set()
    position = 0
    while position < len(cells):
        for number in sums_of(cells[position]):
            if number in numbers:
                continue
            numbers.add(number)
            for cell in cells_of(number):
                # ``_is_unknown``, inlined (this is the hot loop of the range check).
                if (
                    cell not in seen
                    and cell not in fixed
                    and (cell in hidden or (not published[cell] and values[cell] > 0))
                ):
                    seen.add(cell)
                    cells.append(cell)
        position += 1
    return cells, sorted(numbers)


def _decide(
    state: RangeState,
    k: int,
    hidden: Mapping[Key, Reason],
    cells: list[Key],
    numbers: list[int],
    protected: list[Key],
) -> list[tuple[Key, int]]:
    """The narrow cells of one component (see the module docstring)."""
    table = state.table
    lp = _Lp(table, hidden, cells, {}, [table.sums[n] for n in numbers])
    lp.watch(protected)
    # Certificate LPs: a low point (the open protected cells as small as they can be
    # together) and a high point k - 2 above it where possible. Every solution is a
    # feasible table, so a cell whose values over the solutions so far span k - 2 is
    # wide. Repeated over the cells left open while that helps.
    open_ = set(protected)
    for _round in range(CERTIFICATE_ROUNDS):
        state.spend()
        lp.low_point([key for key in protected if key in open_])
        state.spend()
        lp.high_point(protected, open_, k)
        before, open_ = open_, lp.open(open_, k)
        if not open_ or open_ == before:
            break
    narrow: list[tuple[Key, int]] = []
    for key in protected:
        if key not in open_:
            continue
        state.spend()
        high = lp.optimum(key, maximise=True)
        open_ = lp.open(open_, k)
        if high is None or key not in open_:
            continue
        state.spend()
        low = lp.optimum(key, maximise=False)
        open_ = lp.open(open_, k)
        if low is None:  # pragma: no cover - every cell is bounded below
            raise RuntimeError(f"Range check of {key!r}: no lower bound")
        if key in open_ and high - low < k - 2:
            narrow.append((key, low))
        open_.discard(key)
    return narrow


def _widening(
    state: RangeState,
    k: int,
    hidden: Mapping[Key, Reason],
    key: Key,
    low: int,
    parts: dict[Key, _Lp],
) -> list[Key] | None:
    """The shown cells to hide so that ``key`` can reach ``low + k - 2``: the fewest
    units of change (deviation LP), near ``key`` first, then in its whole part (whose
    model ``parts`` keeps by cell). None when no shown cell of this table can widen it."""
    table = state.table
    for depth in (RING, None):
        lp = parts.get(key) if depth is None else None
        if depth is not None and key in parts:
            continue
        if lp is None:
            region = _region(state, key, depth)
            if len(region) > state.max_cells:
                raise BudgetSpent
            variables = [cell for cell in region if _is_unknown(table, cell, hidden)]
            movable = {
                cell: table.values[cell] for cell in region if _hideable(table, cell, hidden)
            }
            numbers = sorted({n for cell in [*variables, *movable] for n in state.sums_of(cell)})
            lp = _Lp(table, hidden, variables, movable, [table.sums[n] for n in numbers])
            if depth is None:
                parts.update(dict.fromkeys(variables, lp))
        state.spend()
        moved = lp.deviation(key, low + k - 2)
        if moved is not None:
            return moved
    return None


def _region(state: RangeState, key: Key, depth: int | None) -> list[Key]:
    """The cells up to ``depth`` identities away from ``key`` (None: its whole part)."""
    cells, seen, numbers = [key], {key}, set()
    frontier = [key]
    steps = 0
    while frontier and (depth is None or steps < depth):
        following: list[Key] = []
        for cell in frontier:
            for number in state.sums_of(cell):
                if number in numbers:
                    continue
                numbers.add(number)
                for other in state.cells_of(number):
                    if other not in seen:
                        seen.add(other)
                        cells.append(other)
                        following.append(other)
        frontier = following
        steps += 1
    return cells


def _constraint_rows(
    column: Mapping[Key, int], values: Mapping[Key, int], sums: Sequence[Sum]
) -> list[tuple[dict[int, float], float, float]]:
    """Each identity as a row over the LP's columns (``column``: cell -> its column; every
    other cell is a constant moved to the right-hand side): (coefficients, lower, upper),
    the rows without a column left out."""
    rows: list[tuple[dict[int, float], float, float]] = []
    find = column.get
    for constraint in sums:
        row: dict[int, float] = {}
        rhs = 0.0
        for cell in constraint.parts:
            index = find(cell)
            if index is None:
                rhs -= values[cell]
            else:
                row[index] = row.get(index, 0.0) + 1
        index = find(constraint.total)
        if index is None:
            rhs += values[constraint.total]
        else:
            row[index] = row.get(index, 0.0) - 1
        if 0.0 in row.values():
            row = {index: value for index, value in row.items() if value}
        if row:
            rows.append((row, rhs, rhs))
    return rows


class _Lp:
    """One linear programme in HiGHS over ``cells`` (unknown: >= 1 when hidden, >= 0
    otherwise) and ``movable`` shown cells (>= 1, each with a deviation from its shown
    value), with the identities ``sums``; every other cell is a constant. The model is
    built once and solved again, warm, per objective."""

    def __init__(
        self,
        table: Table,
        hidden: Mapping[Key, Reason],
        cells: Sequence[Key],
        movable: Mapping[Key, int],
        sums: Sequence[Sum],
    ) -> None:
        import highspy
        import numpy as np

        self.highspy, self.np = highspy, np
        self.table = table
        self.columns = [*cells, *movable]
        self.column = {cell: index for index, cell in enumerate(self.columns)}
        # The bare solver: ``highspy.Highs`` adds callbacks and prints a banner.
        solver = getattr(getattr(highspy, "_core", None), "_Highs", highspy.Highs)
        self.highs = solver()
        self.highs.setOptionValue("output_flag", False)
        # Warm re-solves from the last basis (presolve would start each solve afresh).
        self.highs.setOptionValue("presolve", "off")
        self.highs.setOptionValue("solver", "simplex")
        self.highs.setOptionValue("threads", 1)
        self.highs.setOptionValue("simplex_strategy", 4)
        self.infinite = highspy.kHighsInf
        lower = [1.0 if table.published[cell] or cell in hidden else 0.0 for cell in cells]
        lower += [1.0] * len(movable)
        self.lower = lower
        #: The column whose lower bound ``deviation`` raised, with its own lower bound.
        self.target: tuple[int, float] | None = None
        self._add_columns(lower, [self.infinite] * len(self.columns))
        self.current: list[int] = []
        self.slacks: int | None = None
        self.watched: list[Key] = []
        self.seen: dict[Key, tuple[float, float]] = {}
        self.slack_rows = 0
        rows = _constraint_rows(self.column, table.values, sums)
        self.movable = movable
        if movable:
            # Deviation columns: cell - up + down = shown value, up, down >= 0.
            first = len(self.columns)
            self._add_columns([0.0] * (2 * len(movable)), [self.infinite] * (2 * len(movable)))
            for number, (cell, value) in enumerate(movable.items()):
                row = {self.column[cell]: 1.0, first + 2 * number: -1.0}
                row[first + 2 * number + 1] = 1.0
                rows.append((row, float(value), float(value)))
        self._add_rows(rows)

    def _add_columns(self, lower: list[float], upper: list[float]) -> None:
        np = self.np
        self.highs.addVars(len(lower), np.array(lower), np.array(upper))

    def _add_rows(self, rows: list[tuple[dict[int, float], float, float]]) -> None:
        if not rows:
            return
        np = self.np
        starts: list[int] = []
        indices: list[int] = []
        values: list[float] = []
        for row, _lower, _upper in rows:
            starts.append(len(indices))
            indices.extend(row)
            values.extend(row.values())
        self.highs.addRows(
            len(rows),
            np.array([lower for _, lower, _ in rows]),
            np.array([upper for _, _, upper in rows]),
            len(indices),
            np.array(starts, dtype=np.int32),
            np.array(indices, dtype=np.int32),
            np.array(values),
        )

    def _set_costs(self, costs: Mapping[int, float]) -> None:
        """The costs of the last objective set to 0 and ``costs`` set, in one call."""
        changed = dict.fromkeys(self.current, 0.0)
        changed.update(costs)
        if changed:
            indices = sorted(changed)
            np = self.np
            self.highs.changeColsCost(
                len(indices),
                np.array(indices, dtype=np.int32),
                np.array([changed[index] for index in indices], dtype=np.float64),
            )
        self.current = list(costs)

    def _objective(self, costs: Mapping[int, float], *, maximise: bool) -> str:
        self._set_costs(costs)
        sense = self.highspy.ObjSense
        self.highs.changeObjectiveSense(sense.kMaximize if maximise else sense.kMinimize)
        self.highs.run()
        status = self.highs.getModelStatus()
        statuses = self.highspy.HighsModelStatus
        if status == statuses.kOptimal:
            if self.watched:
                values = self.values()
                for key in self.watched:
                    value = values[self.column[key]]
                    low, high = self.seen[key]
                    self.seen[key] = (min(low, value), max(high, value))
            return "optimal"
        if status in (statuses.kUnbounded, statuses.kUnboundedOrInfeasible):
            if maximise and len(costs) == 1 and self.watched:
                # One cell without an upper bound: as wide as can be.
                (index,) = costs
                key = self.columns[index]
                if key in self.seen:
                    self.seen[key] = (self.seen[key][0], math.inf)
            return "unbounded"
        if status == statuses.kInfeasible:
            return "infeasible"
        raise RuntimeError(f"Range check: the solver stopped with {status}")  # pragma: no cover

    def values(self) -> list[float]:
        return list(self.highs.getSolution().col_value)

    def watch(self, cells: Sequence[Key]) -> None:
        """Record the lowest and highest value of ``cells`` over every solution."""
        self.watched = list(cells)
        self.seen = dict.fromkeys(cells, (math.inf, -math.inf))

    def open(self, cells: Iterable[Key], k: int) -> set[Key]:
        """The cells whose values over the solutions so far span less than k - 2."""
        return {key for key in cells if self.seen[key][1] - self.seen[key][0] < k - 2 - EPSILON}

    def low_point(self, cells: Sequence[Key]) -> None:
        """A feasible point with the sum of ``cells`` as small as it can be."""
        status = self._objective({self.column[key]: 1.0 for key in cells}, maximise=False)
        if status != "optimal":  # pragma: no cover - bounded below, the truth is feasible
            raise RuntimeError(f"Range check: the low point is {status}")

    def high_point(self, protected: Sequence[Key], open_: set[Key], k: int) -> None:
        """A feasible point maximising, over ``open_``, the sum of min(cell - its lowest
        value so far, k - 2). The slack columns (one per protected cell) are added once
        and reused."""
        if not open_:
            return
        if self.slacks is None:
            self.slacks = self.highs.getNumCol()
            self.slack_rows = self.highs.getNumRow()
            self._add_columns([-self.infinite] * len(protected), [float(k - 2)] * len(protected))
            # slack - cell <= -low: slack <= cell - low, and slack <= k - 2.
            self._add_rows(
                [
                    ({self.slacks + n: 1.0, self.column[key]: -1.0}, -self.infinite, 0.0)
                    for n, key in enumerate(protected)
                ]
            )
        for number, key in enumerate(protected):
            if key in open_:
                low = self.seen[key][0]
                self.highs.changeRowBounds(self.slack_rows + number, -self.infinite, -low)
        costs = {self.slacks + n: 1.0 for n, key in enumerate(protected) if key in open_}
        self._objective(costs, maximise=True)

    def optimum(self, key: Key, *, maximise: bool) -> int | None:
        """The largest (smallest) value of ``key``, rounded inwards; None if unbounded."""
        status = self._objective({self.column[key]: 1.0}, maximise=maximise)
        if status == "unbounded":
            return None
        if status != "optimal":  # pragma: no cover - the truth is feasible
            raise RuntimeError(f"Range check of {key!r}: {status}")
        value = self.highs.getInfo().objective_function_value
        return math.floor(value + EPSILON) if maximise else math.ceil(value - EPSILON)

    def deviation(self, key: Key, reach: int) -> list[Key] | None:
        """The movable cells that must change (least total change) for ``key`` to reach
        ``reach`` (empty: it can already); None when it cannot."""
        if self.target is not None:
            self.highs.changeColBounds(self.target[0], self.target[1], self.infinite)
        column = self.column[key]
        self.target = (column, self.lower[column])
        self.highs.changeColBounds(column, float(reach), self.infinite)
        first = len(self.columns)
        costs = {first + number: 1.0 for number in range(2 * len(self.movable))}
        if self._objective(costs, maximise=False) != "optimal":
            return None
        values = self.values()
        moved = [
            cell
            for cell, value in self.movable.items()
            if abs(values[self.column[cell]] - value) > EPSILON
        ]
        return moved


def protect_ranges(
    table: Table,
    k: int,
    result: Suppressed,
    *,
    hidden_before: Mapping[Key, Reason] | None = None,
    range_state: RangeState | None = None,
    verify: bool = True,
) -> Suppressed:
    """``result`` (no protected cell determined) with more cells hidden until no protected
    cell can be narrowed to fewer than k - 1 values either (``stats.disclosure_ranges``).

    Hiding more cells never makes a cell determined that was not, and a cell hidden to
    widen a range moves in a feasible change of the table, so it is not determined
    either; only the fallback (``stats.disclosure_ranges.widen``) may hide a cell that
    the known cells pin, and such a cell is not a small count (those are hidden already).
    ``verify`` checks it by elimination anyway (and runs the exact search on if not)."""
    state = range_state if range_state is not None else RangeState(table)
    checked = result.hidden
    while True:
        while added := {
            key: why
            for key, why in widen(state, k, result.sensitive, result.hidden).items()
            if key not in result.hidden
        }:
            result = Suppressed(table, k, True, {**result.hidden, **added}, result.sensitive)
        if result.hidden is checked or not verify:
            return result
        # The cells hidden to widen a range move in a feasible change of the table, so
        # neither they nor any other cell become determined; one elimination of the parts
        # they are in confirms it (cells determined before, e.g. pinned by fixed cells,
        # were given up by the exact search). Otherwise the exact search goes on from
        # here and the ranges are checked again.
        parts = _Parts(table)
        added_cells = [key for key in result.hidden if key not in checked]
        touched = sorted({parts.number[key] for key in added_cells if key in parts.number})
        new = set().union(*(parts.determined(number, result.hidden) for number in touched))
        if new:
            new -= set().union(*(parts.determined(number, checked) for number in touched))
        if not any(key in new for key in _targets(table, result.sensitive, result.hidden)):
            return result
        before = hidden_before or {}
        kept = {key: why for key, why in result.hidden.items() if key not in before}
        result = suppress_exact(table, k, hidden_before=hidden_before, start=kept)
        checked = result.hidden
