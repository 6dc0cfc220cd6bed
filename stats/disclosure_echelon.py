"""The reduced constraint matrix that the exact search of :mod:`stats.disclosure` keeps up
to date while it hides cells (one at a time), instead of eliminating the whole part again
after each hidden cell (docs/performance.md, "Incremental elimination").

The constraints of a part are kept over its *unknown* cells (U: hidden, or unpublished and
positive) and its *hideable* ones (H: shown, positive, published, not fixed), as a basis of
the row space in which every row has its own *pivot* column, 0 in every other row:

- *top* rows have their pivot in U; together they are a reduced basis of the constraints
  over U, so a cell of U is determined exactly when its row has no other U entry;
- *relation* rows have no U entry at all (they tie shown cells only); they are the reduced
  row echelon form of those relations over H in table order (each pivot the first cell of
  its row), which is unique, so the search's choices do not depend on the history;
- the top rows are 0 at every relation pivot, so the row of a determined cell x is the
  unique expression of x in shown cells reduced by the relations.

Moving one cell between H and U changes only the rows that hold it (:meth:`Echelon.hide`,
:meth:`Echelon.show`). Arithmetic is exact, as in :func:`reduced`.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Protocol

#: A cell's name.
Key = Hashable
#: An exact number in the elimination.
Exact = int | Fraction


class Constraint(Protocol):
    """``sum(parts) == total`` (``stats.disclosure.Sum``)."""

    @property
    def parts(self) -> tuple[Key, ...]: ...

    @property
    def total(self) -> Key: ...


class Echelon:
    """The reduced constraints of one part over its unknown and hideable cells, updated as
    cells are hidden or shown again. Columns are numbered by ``order`` (the table order of
    the cells), so sorting columns sorts cells in table order."""

    def __init__(
        self,
        sums: Sequence[Constraint],
        unknown: Sequence[Key],
        hideable: Sequence[Key],
        order: Mapping[Key, int],
    ) -> None:
        columns = [*unknown, *hideable]
        #: Column -> cell.
        self.key: dict[int, Key] = {order[key]: key for key in columns}
        #: The unknown columns.
        self.unknown: set[int] = {order[key] for key in unknown}
        #: Pivot column -> its row (column -> coefficient, 1 at the pivot).
        self.rows: dict[int, dict[int, Exact]] = {}
        #: Column -> the pivots of the rows with a nonzero coefficient there.
        self.where: dict[int, set[int]] = {}
        #: Top pivot -> how many unknown columns its row has.
        self.count: dict[int, int] = {}
        #: The determined unknown columns (top rows with one unknown column).
        self.determined: set[int] = set()
        # The reduced row echelon form with U first has exactly these properties.
        for pivot, row in reduced(sums, columns).items():
            self._put(order[columns[pivot]], {order[columns[i]]: c for i, c in row.items()})

    def relations_with(self, column: int) -> list[dict[int, Exact]]:
        """The relation rows with a nonzero coefficient at ``column``, in pivot order."""
        return [self.rows[p] for p in sorted(self.where.get(column, ())) if p not in self.unknown]

    def hide(self, column: int) -> None:
        """Move the hideable ``column`` to the unknown side."""
        if column in self.unknown or column not in self.key:
            raise ValueError(f"Column {column} is not a hideable column.")
        holders = sorted(self.where.get(column, ()))
        relations = [pivot for pivot in holders if pivot not in self.unknown]
        self.unknown.add(column)
        if column in self.rows:
            # A relation pivot: its row now pins the cell (every other row is 0 there).
            self._recount(column)
            return
        if not relations:
            # Only top rows hold it: they have one unknown column more.
            for pivot in holders:
                self._recount(pivot)
            return
        # The relation with the last pivot takes the column as its pivot; clearing the
        # column from the other relations (whose pivots come earlier) keeps them reduced.
        chosen = max(relations)
        row = self._take(chosen)
        row = scaled(row, row[column])
        for pivot in holders:
            if pivot != chosen:
                self._clear(pivot, row, column)
        self._put(column, row)

    def show(self, column: int) -> None:
        """Move the unknown ``column`` to the hideable side (the cell is shown again)."""
        if column not in self.unknown:
            raise ValueError(f"Column {column} is not an unknown column.")
        self.unknown.discard(column)
        holders = sorted(self.where.get(column, ()))
        if column not in self.rows:
            for pivot in holders:
                self._recount(pivot)
            return
        row = self._take(column)
        rest = [index for index in row if index in self.unknown]
        # Another unknown column of the row becomes its pivot; when there is none the row
        # is a relation, whose pivot is its first column.
        pivot = min(rest) if rest else min(row)
        row = scaled(row, row[pivot])
        for other in sorted(self.where.get(pivot, ())):
            self._clear(other, row, pivot)
        self._put(pivot, row)
        for other in holders:
            if other in self.rows:
                self._recount(other)

    def changes_after(self, hide: Sequence[int]) -> tuple[set[int], set[int]]:
        """The columns that become determined, and those that stop being determined, once
        the hideable columns ``hide`` are hidden too (nothing is changed).

        The relations that hold ``hide`` give the new rows over ``hide``; a new column is
        determined when its row has no other entry. A top row that was not determined has
        two unknown columns or more and keeps them, so only the determined top rows that
        hold ``hide`` can change: they stop being determined unless the new rows cancel
        their entries in ``hide``."""
        rows, unknown = self.rows, self.unknown
        holders = {p for index in hide for p in self.where.get(index, ())}
        pending = [
            {index: rows[n][index] for index in hide if index in rows[n]}
            for n in sorted(holders)
            if n not in unknown
        ]
        new = _pivot_rows(pending, hide)
        gained = {index for index, row in new.items() if len(row) == 1}
        if not new:
            # Every determined top row that holds ``hide`` gets another unknown column.
            return gained, holders & self.determined
        lost: set[int] = set()
        for pivot in holders & self.determined:
            top = rows[pivot]
            row = {index: top[index] for index in hide if index in top}
            for index, pivot_row in new.items():
                if index in row:
                    eliminate(row, pivot_row, index)
            if row:
                lost.add(pivot)
        return gained, lost

    def _put(self, pivot: int, row: dict[int, Exact]) -> None:
        self.rows[pivot] = row
        for index in row:
            self.where.setdefault(index, set()).add(pivot)
        self._recount(pivot)

    def _take(self, pivot: int) -> dict[int, Exact]:
        row = self.rows.pop(pivot)
        for index in row:
            self.where[index].discard(pivot)
        self.count.pop(pivot, None)
        self.determined.discard(pivot)
        return row

    def _clear(self, pivot: int, pivot_row: Mapping[int, Exact], column: int) -> None:
        """Clear ``column`` from the row of ``pivot`` with ``pivot_row`` (1 there)."""
        row = self.rows[pivot]
        before = set(row)
        eliminate(row, pivot_row, column)
        for index in before - row.keys():
            self.where[index].discard(pivot)
        for index in row.keys() - before:
            self.where.setdefault(index, set()).add(pivot)
        self._recount(pivot)

    def _recount(self, pivot: int) -> None:
        if pivot not in self.unknown:
            return
        count = sum(1 for index in self.rows[pivot] if index in self.unknown)
        self.count[pivot] = count
        if count == 1:
            self.determined.add(pivot)
        else:
            self.determined.discard(pivot)


class OneShotEchelon:
    """The search's structure before it was kept up to date (:class:`Echelon`), kept for
    the tests: every constraint of a part in reduced row echelon form over its unknown cells (the
    first ``width`` columns) and its hideable cells (the rest). The rows with an unknown
    pivot ("top"), restricted to the unknown columns, are the reduced form
    :func:`_determined` works on; the other rows ("relations") tie shown cells only.

    Hiding a few more cells moves their columns to the unknown side: a relation that
    involves one of them gains a pivot there (the cell becomes determined unless the
    relation also involves another newly hidden cell), and a top row that involves one of
    them no longer pins its pivot (unless the new pivot rows cancel the entry).
    :meth:`determined_after` works this out on the affected rows only."""

    def __init__(self, sums: Sequence[Constraint], unknown: Sequence[Key], hideable: Sequence[Key]):
        self.columns: list[Key] = [*unknown, *hideable]
        self.width = len(unknown)
        pivots = reduced(sums, self.columns)
        self.top = {pivot: row for pivot, row in pivots.items() if pivot < self.width}
        self.relations = [row for pivot, row in pivots.items() if pivot >= self.width]
        self.unknown_count = {
            pivot: sum(1 for index in row if index < self.width) for pivot, row in self.top.items()
        }
        self.determined = {pivot for pivot, count in self.unknown_count.items() if count == 1}
        self.top_with: dict[int, list[int]] = {}
        for pivot, row in self.top.items():
            for index in row:
                if index >= self.width:
                    self.top_with.setdefault(index, []).append(pivot)
        self.relations_at: dict[int, list[int]] = {}
        for number, row in enumerate(self.relations):
            for index in row:
                self.relations_at.setdefault(index, []).append(number)

    def relations_with(self, index: int) -> list[dict[int, Exact]]:
        return [self.relations[number] for number in self.relations_at.get(index, [])]

    def determined_after(self, hide: Sequence[int]) -> set[int]:
        """The columns (unknown or in ``hide``) determined once ``hide`` is hidden too."""
        gained, lost = self.changes_after(hide)
        return (self.determined - lost) | gained

    def changes_after(self, hide: Sequence[int]) -> tuple[set[int], set[int]]:
        """The columns that become determined, and those that stop being determined, once
        ``hide`` is hidden too (``determined_after`` without copying ``determined``: the
        search scores thousands of options on parts of thousands of cells)."""
        numbers = sorted({n for index in hide for n in self.relations_at.get(index, [])})
        pending = [
            {index: self.relations[n][index] for index in hide if index in self.relations[n]}
            for n in numbers
        ]
        new = _pivot_rows(pending, hide)
        gained: set[int] = set()
        lost: set[int] = set()
        for pivot in sorted({p for index in hide for p in self.top_with.get(index, [])}):
            row = {index: self.top[pivot][index] for index in hide if index in self.top[pivot]}
            for index, pivot_row in new.items():
                eliminate(row, pivot_row, index)
            now = self.unknown_count[pivot] + len(row) == 1
            if now and pivot not in self.determined:
                gained.add(pivot)
            elif not now and pivot in self.determined:
                lost.add(pivot)
        gained.update(index for index, row in new.items() if len(row) == 1)
        return gained, lost


def cells(constraint: Constraint) -> tuple[Key, ...]:
    return (*constraint.parts, constraint.total)


def determined(sums: Sequence[Constraint], unknown: Sequence[Key]) -> set[Key]:
    """The unknown cells whose value follows from the constraints and the known cells.

    Each constraint is a row over the unknown cells (known cells move to the right-hand
    side, which does not matter for the question). In a matrix in reduced row echelon form
    a unit vector e_j lies in the row space exactly when some row equals e_j.

    One constraint (most components of the year's tables) is its own reduced form: it
    determines a cell exactly when it has one unknown cell with a nonzero coefficient.
    """
    if len(sums) == 1:
        return _determined_by_one(sums[0], unknown)
    return {unknown[pivot] for pivot, row in reduced(sums, unknown).items() if len(row) == 1}


def _determined_by_one(constraint: Constraint, unknown: Sequence[Key]) -> set[Key]:
    """:func:`determined` for one constraint."""
    wanted = set(unknown)
    row: dict[Key, int] = {}
    for key in constraint.parts:
        if key in wanted:
            row[key] = row.get(key, 0) + 1
    if constraint.total in wanted:
        row[constraint.total] = row.get(constraint.total, 0) - 1
    found = [key for key, value in row.items() if value]
    return set(found) if len(found) == 1 else set()


class Determined:
    """:func:`determined` over one growing list of constraints, component by component,
    each component's answer kept for the rest of one computation (docs/performance.md,
    "Components").

    The constraints over the unknown cells split into *components*: two constraints are
    in the same one when they share an unknown cell (directly or through others). The row
    space is the direct sum of the components' row spaces, so a unit vector lies in it
    exactly when it lies in its component's: :meth:`__call__` returns exactly what
    :func:`determined` does. A component is named by its constraints' positions in
    ``sums`` and its unknown cells; ``sums`` may only grow (what is at a position never
    changes), so the same name always has the same answer, and the snapshots of a year
    (``stats.disclosure_periods``), which leave most components of the earlier snapshots
    as they were, eliminate only the new or changed ones."""

    def __init__(self, sums: Sequence[Constraint]) -> None:
        self.sums = sums
        self._known: dict[tuple[tuple[int, ...], frozenset[Key]], frozenset[Key]] = {}
        #: Cell -> the positions of the constraints that hold it (up to ``_indexed``).
        self._sums_of: dict[Key, list[int]] = {}
        #: The cells of each constraint indexed so far.
        self._cells: list[tuple[Key, ...]] = []
        self._indexed = 0
        #: The reduced forms of the last large components (:meth:`_by_form`).
        self._forms: list[_Form] = []

    def _index(self) -> None:
        sums = self.sums
        sums_of = self._sums_of
        for number in range(self._indexed, len(sums)):
            found = cells(sums[number])
            self._cells.append(found)
            for key in found:
                holders = sums_of.get(key)
                if holders is None:
                    sums_of[key] = [number]
                elif holders[-1] != number:
                    holders.append(number)
        self._indexed = len(sums)

    def __call__(self, unknown: Sequence[Key]) -> set[Key]:
        self._index()
        wanted = set(unknown)
        seen: set[Key] = set()
        result: set[Key] = set()
        sums_of, cells_of = self._sums_of, self._cells
        for start in unknown:
            if start in seen:
                continue
            seen.add(start)
            members, numbers = [start], set()
            position = 0
            while position < len(members):
                for number in sums_of.get(members[position], ()):
                    if number in numbers:
                        continue
                    numbers.add(number)
                    for key in cells_of[number]:
                        if key in wanted and key not in seen:
                            seen.add(key)
                            members.append(key)
                position += 1
            if not numbers:
                continue
            if len(numbers) == 1:
                # One constraint (most components): answered as cheaply as looked up.
                (number,) = numbers
                result |= _determined_by_one(self.sums[number], members)
                continue
            name = (tuple(sorted(numbers)), frozenset(members))
            answer = self._known.get(name)
            if answer is None:
                if len(numbers) >= SEED_SIZE:
                    answer = self._by_form(name[0], members, wanted)
                else:
                    answer = frozenset(determined([self.sums[n] for n in name[0]], members))
                self._known[name] = answer
            result |= answer
        return result

    def _by_form(
        self, numbers: tuple[int, ...], members: list[Key], wanted: set[Key]
    ) -> frozenset[Key]:
        """:func:`determined` for a large component, eliminating on from the reduced form
        of an earlier large component it contains (when one still holds) instead of from
        scratch; its own form is kept for the later ones."""
        present = set(numbers)
        seed = next(
            (
                form
                for form in sorted(self._forms, key=lambda form: -len(form.numbers))
                if not form.numbers.isdisjoint(present) and self._holds(form, wanted, present)
            ),
            None,
        )
        if seed is None:
            columns: list[Key] = list(members)
            column = {key: index for index, key in enumerate(columns)}
            pivots: dict[int, dict[int, Exact]] = {}
            holders: dict[int, set[int]] = {}
            todo: Sequence[int] = numbers
        else:
            columns = list(seed.columns)
            pivots = {pivot: dict(row) for pivot, row in seed.pivots.items()}
            holders = {index: set(found) for index, found in seed.holders.items()}
            column = {}
            for key, index in seed.column.items():
                if key in wanted:
                    column[key] = index
                else:
                    # Known now: it was determined (``_holds``), its row is e_key and
                    # every other row is 0 there, so row and column go.
                    del pivots[index]
            for key in members:
                if key not in column:
                    column[key] = len(columns)
                    columns.append(key)
            todo = [number for number in numbers if number not in seed.numbers]
        _reduce_into([self.sums[number] for number in todo], column, pivots, holders)
        self._forms = [
            *self._forms[-(KEPT_FORMS - 1) :],
            _Form(columns, column, present, pivots, holders),
        ]
        return frozenset(columns[pivot] for pivot, row in pivots.items() if len(row) == 1)

    def _holds(self, form: _Form, wanted: set[Key], present: set[int]) -> bool:
        """Whether ``form``, less the rows of its columns known now, is a reduced form of
        its constraints over the unknown cells ``wanted``, all of them in the component of
        the constraints ``present``: each of its columns known now was determined (a row
        e_key, 0 in every other row: the row and the column go, and the other rows span
        the constraints with that cell known), no cell of its constraints that was known
        then is unknown now, and each of its constraints outside the component has no
        unknown cell left (a row of 0s)."""
        for key, index in form.column.items():
            if key not in wanted:
                row = form.pivots.get(index)
                if row is None or len(row) != 1:
                    return False
        cells_of = self._cells
        for number in form.numbers:
            inside = number in present
            for key in cells_of[number]:
                if key in wanted and (not inside or key not in form.column):
                    return False
        return True


#: Components of at least this many constraints are eliminated on from an earlier one's
#: reduced form (the one component of the year's tables that grows with every snapshot).
SEED_SIZE = 40
#: How many such reduced forms :class:`Determined` keeps.
KEPT_FORMS = 4


@dataclass
class _Form:
    """The reduced form of one component's constraints (``numbers``) over its unknown cells
    (``column``: cell -> column; ``columns`` also lists cells dropped since)."""

    columns: list[Key]
    column: dict[Key, int]
    numbers: set[int]
    pivots: dict[int, dict[int, Exact]]
    holders: dict[int, set[int]]


def reduced(sums: Iterable[Constraint], columns: Sequence[Key]) -> dict[int, dict[int, Exact]]:
    """The constraints over ``columns`` (cells not in it are dropped) in reduced row echelon
    form by Gauss-Jordan elimination: pivot column -> row (column -> coefficient, 1 at the
    pivot), each pivot the lowest column of its row and 0 in every other row.

    As the rows are kept reduced, a new row is reduced by subtracting, once, the rows of
    the pivot columns it has (which changes none of its other pivot columns), and the new
    pivot is then cleared from the rows that hold it (``holders``). Arithmetic is exact:
    coefficients stay ``int`` while they are whole (the usual case, as every constraint has
    coefficients +1 and -1) and become ``Fraction`` otherwise."""
    column = {key: index for index, key in enumerate(columns)}
    pivots: dict[int, dict[int, Exact]] = {}
    # Non-pivot column -> the pivots whose row has a nonzero coefficient there.
    holders: dict[int, set[int]] = {}
    _reduce_into(sums, column, pivots, holders)
    return pivots


def _reduce_into(
    sums: Iterable[Constraint],
    column: Mapping[Key, int],
    pivots: dict[int, dict[int, Exact]],
    holders: dict[int, set[int]],
) -> None:
    """:func:`reduced`'s elimination: add ``sums`` over the columns ``column`` to the
    reduced rows ``pivots`` (with their ``holders``: non-pivot column -> the pivots whose
    row has a nonzero coefficient there), keeping them reduced. The rows need not be
    empty: any reduced form of earlier rows (every pivot 0 in the other rows) will do."""
    find = column.get
    for constraint in sums:
        row: dict[int, Exact] = {}
        for key in constraint.parts:
            index = find(key)
            if index is not None:
                row[index] = row.get(index, 0) + 1
        index = find(constraint.total)
        if index is not None:
            row[index] = row.get(index, 0) - 1
        if not row:
            continue
        for pivot in [index for index, value in row.items() if value and index in pivots]:
            factor = row[pivot]
            for index, coefficient in pivots[pivot].items():
                row[index] = row.get(index, 0) - factor * coefficient
        row = {index: value for index, value in row.items() if value}
        if not row:
            continue
        pivot = min(row)
        row = scaled(row, row[pivot])
        # Clearing the pivot from another row changes that row only at the columns of
        # ``row``: those are the holders to update (each row is cleared on its own, so
        # their order does not matter).
        for other in holders.pop(pivot, ()):
            target = pivots[other]
            eliminate(target, row, pivot)
            for index in row:
                if index == pivot:
                    continue
                if index in target:
                    holders.setdefault(index, set()).add(other)
                else:
                    found = holders.get(index)
                    if found is not None:
                        found.discard(other)
        pivots[pivot] = row
        for index in row:
            if index != pivot:
                holders.setdefault(index, set()).add(pivot)


def scaled(row: dict[int, Exact], scale: Exact) -> dict[int, Exact]:
    if scale == 1:
        return dict(row)
    if scale == -1:
        return {index: -value for index, value in row.items()}
    return {index: Fraction(value) / scale for index, value in row.items()}


def eliminate(row: dict[int, Exact], pivot_row: Mapping[int, Exact], pivot: int) -> None:
    """Subtract from ``row``, in place, the multiple of ``pivot_row`` (1 at ``pivot``) that
    clears ``pivot``, dropping the entries that become 0."""
    factor = row.get(pivot)
    if not factor:
        return
    for index, coefficient in pivot_row.items():
        updated = row.get(index, 0) - factor * coefficient
        if updated:
            row[index] = updated
        else:
            row.pop(index, None)


def _pivot_rows(
    pending: list[dict[int, Exact]], hide: Sequence[int]
) -> dict[int, dict[int, Exact]]:
    """Column of ``hide`` -> the row of ``pending`` (the rows restricted to ``hide``)
    pivoted on it, each eliminated from the others, for the columns some row holds."""
    new: dict[int, dict[int, Exact]] = {}
    for index in hide:
        found = next((row for row in pending if row.get(index)), None)
        if found is None:
            continue
        pending = [row for row in pending if row is not found]
        pivot_row = scaled(found, found[index])
        for row in [*pending, *new.values()]:
            eliminate(row, pivot_row, index)
        new[index] = pivot_row
    return new
