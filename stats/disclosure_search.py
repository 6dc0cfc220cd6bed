"""The search of :func:`stats.disclosure.suppress_exact`: the sums split into independent
parts (:class:`_Parts`, each with its incremental elimination), and the choice of the next
cells to hide (:func:`_cells_to_hide`, falling back to :func:`_greedy`).

Private to the disclosure modules (``stats.disclosure``, ``stats.disclosure_ranges``).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

from stats.disclosure_echelon import Echelon as _Incremental
from stats.disclosure_echelon import cells as _cells
from stats.disclosure_echelon import determined as _determined

if TYPE_CHECKING:
    from stats.disclosure import Key, Reason, Sum, Table


def _targets(table: Table, sensitive: frozenset[Key], hidden: Mapping[Key, Reason]) -> list[Key]:
    """The cells that must not be determined: sensitive ones and every hidden one, except
    the fixed ones (the attacker has them from another table whatever this one shows)."""
    return [
        key
        for key in table.values
        if (key in sensitive or key in hidden) and key not in table.fixed
    ]


def _is_unknown(table: Table, key: Key, hidden: Mapping[Key, Reason]) -> bool:
    """A hidden cell or a positive unpublished one, unless it is fixed."""
    if key in table.fixed:
        return False
    return key in hidden or (not table.published[key] and table.values[key] > 0)


def _hideable(table: Table, key: Key, hidden: Mapping[Key, Reason]) -> bool:
    """A shown positive published cell that is not fixed."""
    return (
        table.published[key]
        and key not in hidden
        and key not in table.fixed
        and table.values[key] > 0
    )


class _PerPart(Protocol):
    """A set per part, by the part's number (a list, or one computed on first use)."""

    def __getitem__(self, number: int, /) -> set[Key]: ...


class _Parts:
    """The sums split into independent parts: two sums are in the same part when they
    share a cell, directly or through other sums. Whether a cell is determined depends on
    the sums of its part only (the row space is the direct sum of the parts' row spaces),
    so a part is checked again only when a cell of it is hidden."""

    def __init__(self, table: Table) -> None:
        self.table = table
        parent: dict[Key, Key] = {}

        def root(key: Key) -> Key:
            while parent.setdefault(key, key) != key:
                parent[key] = parent[parent[key]]
                key = parent[key]
            return key

        for constraint in table.sums:
            first = root(constraint.total)
            for key in constraint.parts:
                other = root(key)
                if other != first:
                    parent[other] = first
        numbers: dict[Key, int] = {}
        self.sums: list[list[Sum]] = []
        for constraint in table.sums:
            number = numbers.setdefault(root(constraint.total), len(numbers))
            if number == len(self.sums):
                self.sums.append([])
            self.sums[number].append(constraint)
        #: Cell -> its part (cells in no sum have none).
        self.number = {key: numbers[root(key)] for key in table.values if key in parent}
        self.cells: list[list[Key]] = [[] for _ in self.sums]
        #: The number of sums of the table when the parts were made.
        self.size = len(table.sums)
        for key, number in self.number.items():
            self.cells[number].append(key)

    #: Part -> its reduced constraints as of the last call (:meth:`echelon`).
    _echelons: dict[int, _Incremental] | None = None
    #: Part -> the hidden cells of the part as of the last call.
    _hidden: dict[int, set[Key]]

    def unknown(self, number: int, hidden: Mapping[Key, Reason]) -> list[Key]:
        return [key for key in self.cells[number] if _is_unknown(self.table, key, hidden)]

    def determined(self, number: int, hidden: Mapping[Key, Reason]) -> set[Key]:
        if not self._echelons or number not in self._echelons:
            # Most parts never need a search: the elimination over the unknown cells
            # alone (without the shown ones the search chooses from) is cheaper.
            return _determined(self.sums[number], self.unknown(number, hidden))
        echelon = self.echelon(number, hidden)
        return {echelon.key[column] for column in echelon.determined}

    def echelon(self, number: int, hidden: Mapping[Key, Reason]) -> _Incremental:
        """The reduced constraints of a part with ``hidden`` hidden: eliminated once, then
        updated by the cells hidden or shown since the last call (docs/performance.md,
        "Incremental elimination"). Only the hidden cells are looked at, not the part."""
        if self._echelons is None:
            self._echelons = {}
            self._hidden = {}
        now = {key for key in hidden if self.number.get(key) == number}
        echelon = self._echelons.get(number)
        if echelon is not None:
            changed = sorted(now ^ self._hidden[number], key=self.index.order.__getitem__)
            column = self.index.order
            if all(
                _hideable(self.table, key, hidden)
                if column[key] in echelon.unknown
                else column[key] in echelon.key
                for key in changed
                if _is_unknown(self.table, key, hidden) != (column[key] in echelon.unknown)
            ):
                for key in changed:
                    now_unknown = _is_unknown(self.table, key, hidden)
                    if now_unknown and column[key] not in echelon.unknown:
                        echelon.hide(column[key])
                    elif not now_unknown and column[key] in echelon.unknown:
                        echelon.show(column[key])
                self._hidden[number] = now
                return echelon
        unknown = self.unknown(number, hidden)
        hideable = [key for key in self.cells[number] if _hideable(self.table, key, hidden)]
        echelon = _Incremental(self.sums[number], unknown, hideable, self.index.order)
        self._echelons[number] = echelon
        self._hidden[number] = now
        return echelon

    def among(self, key: Key, by_part: _PerPart) -> set[Key]:
        """The set of ``key``'s part (empty for a cell in no sum)."""
        number = self.number.get(key)
        return set() if number is None else by_part[number]

    @functools.cached_property
    def index(self) -> _Index:
        return _Index(self.table)


class _Index:
    """Where each cell is: its place in the table (also the echelons' column numbers) and
    the sums it is in."""

    def __init__(self, table: Table) -> None:
        self.order = {key: index for index, key in enumerate(table.values)}
        self.totals = {constraint.total for constraint in table.sums}
        self.sums_of: dict[Key, list[int]] = {}
        for number, constraint in enumerate(table.sums):
            for key in _cells(constraint):
                self.sums_of.setdefault(key, []).append(number)


def _cells_to_hide(
    table: Table,
    parts: _Parts,
    number: int,
    targets: Sequence[Key],
    exposed: Sequence[Key],
    hidden: Mapping[Key, Reason],
) -> list[Key]:
    """The shown cells to hide next so that the first exposed cell x is no longer
    determined (``number`` is the part of x).

    x is a combination of shown cells (its reduced row); hiding one of them, y, works
    unless y is itself tied to shown cells only (a relation), which would make y
    determined. So the options are every such y alone and every pair of y with a partner z
    from y's relations (hiding both closes a cycle, such as the rectangle of two reasons by
    women and total). Of the options that leave x undetermined, take the one that leaves
    the fewest protected cells (hidden or sensitive, the option included) determined, then
    the smallest hidden total, then the first in key order. When no option helps, fall
    back to :func:`_greedy`, which hides one cell; :func:`suppress` goes on from there.

    Columns are numbered in table order, so an option (a tuple of columns) sorts by the
    table order of its cells."""
    echelon = parts.echelon(number, hidden)
    column = parts.index.order
    x = column[exposed[0]]
    first = sorted(index for index in echelon.rows[x] if index not in echelon.unknown)
    if not first:
        raise _unprotectable(exposed[0])
    partners = {y: {z for row in echelon.relations_with(y) for z in row} - {y} for y in first}
    options: list[tuple[int, ...]] = [(y,) for y in first]
    options += sorted({(min(y, z), max(y, z)) for y, zs in partners.items() for z in zs})
    protected = {column[key] for key in targets if column[key] in echelon.key}
    # |determined & protected| before any option; each option changes it by its gains
    # and losses (an option's own cells are hideable columns, never determined before).
    base = len(echelon.determined & protected)
    best: tuple[tuple[int, int, tuple[int, ...]], tuple[int, ...]] | None = None
    for option in options:
        gained, lost = echelon.changes_after(option)
        if x in gained or (x in echelon.determined and x not in lost):
            continue
        chosen = set(option)
        score = (
            base - len(lost & protected) + len(gained & (protected | chosen)),
            sum(table.values[echelon.key[index]] for index in option),
            option,
        )
        if best is None or score < best[0]:
            best = (score, option)
    if best is None:
        return [_greedy(table, exposed, hidden, parts.index)]
    return [echelon.key[index] for index in best[1]]


def _greedy(
    table: Table, exposed: Sequence[Key], hidden: Mapping[Key, Reason], index: _Index | None = None
) -> Key:
    """The earlier rule: of the shown positive cells in the constraints that involve an
    exposed cell (or, when those have none, the constraints one step further, linked
    through an unknown cell, and so on), the first non-total cell, then the smallest value,
    then the first added."""
    index = index or _Index(table)
    reached = set(exposed)
    # The cells reached last: the next constraints are the unseen ones they are in.
    frontier = reached
    seen: set[int] = set()
    while True:
        layer = sorted({n for key in frontier for n in index.sums_of.get(key, ())} - seen)
        if not layer:
            raise _unprotectable(exposed[0])
        seen.update(layer)
        cells = [key for n in layer for key in _cells(table.sums[n])]
        candidates = [key for key in cells if _hideable(table, key, hidden)]
        if candidates:
            break
        frontier = {key for key in cells if _is_unknown(table, key, hidden)} - reached
        reached |= frontier
    return min(
        candidates,
        key=lambda key: (key in index.totals, table.values[key], index.order[key]),
    )


def _unprotectable(key: Key) -> ValueError:
    """The error for a cell that the known cells pin whatever this table hides."""
    return ValueError(
        f"Cell {key!r} follows from cells known from other tables; "
        "no suppression in this table can protect it."
    )
