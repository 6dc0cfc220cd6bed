"""Disclosure control (röjandeskydd) for published tables (spec/reports.md, "Shared rules").

Published tables (board role, public documents) hide every count from 1 to k-1
(k = 5 unless the association sets another threshold, never below 3) and hide further
cells so that no hidden count can be recomputed from totals or from the gender split.
Every hidden cell, primary or secondary, is shown as ``".."`` (:data:`HIDDEN`): a
different marker would tell which is which, and "<5" on a secondary cell of 52 would be
false. Shares whose numerator or denominator is hidden are hidden too. 0 is shown.

The model:

- A :class:`Table` holds named cells with whole, non-negative values. A cell is either
  *published* (a column of the document) or *unpublished*: it exists only to express a sum.
  The ``annat`` gender count is the main example: it is not a column, yet
  total = women + men + annat, so it can be derived from the published total, women and
  men. Unpublished cells are treated like published ones when it comes to sensitivity.
  A cell may be *fixed*: the attacker already knows it from another published table.
- Linear constraints ``sum(parts) = total`` (row totals, column totals, the gender
  identity, a table total row).
- The attacker knows every shown value, every fixed cell and every constraint. We also
  assume the attacker knows every unpublished cell whose value is 0 (``annat`` is usually
  0, so "everyone is a woman or a man" is a good guess). That covers the attacker who uses
  that counts are never negative: a cell that is 0 sits on the boundary and can be pinned
  by it, a positive cell cannot.

:func:`suppress` then:

1. *Primary suppression*: every cell with a value in 1..k-1 is *sensitive*; sensitive
   published cells are hidden.
2. *Secondary suppression*: while some sensitive or hidden cell is *determined* (its unit
   vector lies in the row space of the constraint matrix over the unknown cells, computed
   by exact Gauss-Jordan elimination), hide one or two more shown cells, chosen so that
   they close a cycle around the first determined cell (see :func:`_cells_to_hide`), or,
   when no such choice exists, one cell by the earlier greedy rule (:func:`_greedy`).
   Zeros and fixed cells are never hidden (a hidden 0 is pinned by non-negativity; a fixed
   cell is known anyway). This always ends: every round hides at least one cell.
3. Secondary cells that turn out unnecessary are shown again, and the exact check is run
   once more over the whole table: it is the arbiter of everything above.
4. *Ranges* (``stats.disclosure_ranges``, :func:`protect_ranges`): more cells are hidden
   until no protected cell can be narrowed, by everything shown together with
   non-negativity and "a hidden count is at least 1", to fewer than k - 1 values; the LP
   work is bounded, with a fallback that withholds (docs/disclosure.md, "Ranges").

The choices are heuristic, so they may hide more than an optimal choice would; they are
deterministic (no set or hash order is involved), so the same table always gives the same
hidden cells.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from finsam.disclosure import DEFAULT_THRESHOLD, MINIMUM_THRESHOLD
from stats.disclosure_echelon import OneShotEchelon as _Echelon  # noqa: F401  (tests)
from stats.disclosure_echelon import cells as _cells
from stats.disclosure_echelon import determined as _determined
from stats.disclosure_search import (
    _cells_to_hide,
    _hideable,
    _is_unknown,
    _Parts,
    _targets,
)

if TYPE_CHECKING:
    from stats.disclosure_ranges import RangeState

#: A cell's name, e.g. ``("KRAFT-22", "registered", "women")``.
Key = Hashable
RowKey = TypeVar("RowKey", bound=Hashable)

#: What a hidden count or share is shown as, in every table, document and the JSON.
HIDDEN = ".."


def hidden_note(threshold: int) -> str:
    """What ``..`` hides, in plain Swedish (spec/reports.md, "Shared rules"): the one text
    every table, document and chart uses for it."""
    return _(
        "..: uppgiften visas inte eftersom den kan röja enskilda personer: antal "
        "1–%(last)d och antal som annars skulle kunna räknas fram."
    ) % {"last": threshold - 1}


#: The published parts of a gender split G, and the unpublished rest.
WOMEN, MEN, TOTAL, OTHER = "women", "men", "total", "annat"
GENDERS = (WOMEN, MEN, TOTAL)


@dataclass(frozen=True)
class Sum:
    """The constraint ``sum(parts) == total``."""

    parts: tuple[Key, ...]
    total: Key

    def __init__(self, parts: tuple[Key, ...], total: Key) -> None:
        # What the generated ``__init__`` of a frozen dataclass does (each field through
        # ``object.__setattr__``) at ~60 % of the cost: the year's tables make tens of
        # thousands of sums.
        fields = self.__dict__
        fields["parts"] = parts
        fields["total"] = total


@dataclass
class Table:
    """Cells, whether each is published, and the sums that hold between them.

    Adding a cell twice with the same value and flag is allowed (so several shapes can
    share a cell and be suppressed together); anything else is an error. Adding it again
    with ``fixed=True`` marks it fixed.
    """

    values: dict[Key, int] = field(default_factory=dict)
    published: dict[Key, bool] = field(default_factory=dict)
    sums: list[Sum] = field(default_factory=list)
    #: (numerator, denominator) pairs of the published shares.
    shares: list[tuple[Key, Key]] = field(default_factory=list)
    #: Cells known from another published table (:meth:`fix`); only ever tested for
    #: membership, so a set keeps the results deterministic.
    fixed: set[Key] = field(default_factory=set)
    #: Unpublished cells that only link other cells (e.g. "carried over from before the
    #: year" between registered and active): never protected themselves, even when small.
    linking: set[Key] = field(default_factory=set)

    def add_cell(
        self,
        key: Key,
        value: int,
        *,
        published: bool = True,
        fixed: bool = False,
        linking: bool = False,
    ) -> None:
        """Add a cell. ``fixed`` marks a cell the attacker already knows from another
        published table (see :meth:`fix`); ``linking`` an unpublished cell that only
        expresses a sum (it is not a count the tables publish, so it is not protected)."""
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"Cell {key!r}: a count is a whole number >= 0, not {value!r}.")
        if key in self.values:
            if (self.values[key], self.published[key]) != (value, published):
                raise ValueError(f"Cell {key!r} was added twice with different contents.")
        else:
            self.values[key] = value
            self.published[key] = published
        if linking:
            if published:
                raise ValueError(f"Cell {key!r}: a linking cell is unpublished.")
            self.linking.add(key)
        if fixed:
            self.fix(key)

    def fix(self, key: Key) -> None:
        """Mark a cell as known to the attacker from another published table: it is never
        hidden to protect another cell (hiding it would protect nothing), and the search
        counts it as known. If its count is from 1 to k-1 it is still hidden here (and the
        note says that it is known from elsewhere), but it cannot be protected."""
        if key not in self.values:
            raise KeyError(key)
        self.fixed.add(key)

    def add_sum(self, parts: Iterable[Key], total: Key) -> None:
        constraint = Sum(tuple(parts), total)
        for key in (*constraint.parts, constraint.total):
            if key not in self.values:
                raise KeyError(key)
        if sum(self.values[key] for key in constraint.parts) != self.values[total]:
            raise ValueError(f"The parts of {total!r} do not add up to it.")
        self.sums.append(constraint)

    def add_share(self, numerator: Key, denominator: Key) -> None:
        """Record a published share numerator / denominator (both cells must exist)."""
        for key in (numerator, denominator):
            if key not in self.values:
                raise KeyError(key)
        self.shares.append((numerator, denominator))

    def add_g(self, prefix: tuple[Hashable, ...], counts: Mapping[str, int]) -> None:
        """A gender split G: published cells ``prefix + ("women",)``, ``("men",)``,
        ``("total",)``, the unpublished ``prefix + ("annat",)`` = total - women - men, and
        the identity total = women + men + annat."""
        other = counts[TOTAL] - counts[WOMEN] - counts[MEN]
        if other < 0:
            raise ValueError(f"{prefix!r}: women + men exceeds the total.")
        for gender in GENDERS:
            self.add_cell((*prefix, gender), counts[gender])
        self.add_cell((*prefix, OTHER), other, published=False)
        self.add_sum([(*prefix, WOMEN), (*prefix, MEN), (*prefix, OTHER)], (*prefix, TOTAL))

    def add_g_rows(
        self,
        rows: Mapping[RowKey, Mapping[str, Mapping[str, int]]],
        *,
        total_row: Hashable | None = None,
    ) -> None:
        """A "G table": ``rows[row][measure]`` is a G (``{"women", "men", "total"}``); the
        cells are ``(row, measure, gender)``. With ``total_row``, also the row
        ``(total_row, measure, gender)`` summing the rows per measure and gender (``annat``
        included)."""
        measures: list[str] = []
        for row, by_measure in rows.items():
            for measure, counts in by_measure.items():
                self.add_g((row, measure), counts)
                if measure not in measures:
                    measures.append(measure)
        if total_row is None:
            return
        if total_row in rows:
            raise ValueError(f"The total row {total_row!r} is also a row.")
        for measure in measures:
            members = [row for row, by_measure in rows.items() if measure in by_measure]
            for gender in (*GENDERS, OTHER):
                parts = [(row, measure, gender) for row in members]
                value = sum(self.values[key] for key in parts)
                self.add_cell((total_row, measure, gender), value, published=gender != OTHER)
                self.add_sum(parts, (total_row, measure, gender))
            prefix = (total_row, measure)
            self.add_sum([(*prefix, WOMEN), (*prefix, MEN), (*prefix, OTHER)], (*prefix, TOTAL))

    def add_counts(self, counts: Mapping[RowKey, int], *, total: Key | None = None) -> None:
        """A plain list of counts (e.g. anonymous participations per intervention), with an
        optional published ``total`` cell summing them."""
        for key, value in counts.items():
            self.add_cell(key, value)
        if total is not None:
            if total in counts:
                raise ValueError(f"The total {total!r} is also a row.")
            self.add_cell(total, sum(counts.values()))
            self.add_sum(counts, total)


class Reason(enum.StrEnum):
    PRIMARY = "primary"  # a count from 1 to k-1
    SECONDARY = "secondary"  # hidden so that a small count cannot be recomputed


@dataclass(frozen=True)
class Suppressed:
    """The outcome of :func:`suppress` (or :func:`unsuppressed`): what to show."""

    table: Table
    threshold: int
    applied: bool
    #: Hidden published cells, in the order they were hidden.
    hidden: Mapping[Key, Reason]
    #: Every cell, published or not, with a value from 1 to threshold - 1.
    sensitive: frozenset[Key]

    @property
    def marker(self) -> str:
        return HIDDEN

    def is_hidden(self, key: Key) -> bool:
        """A hidden published cell, or an unpublished sensitive one (e.g. a small ``annat``
        used in a share)."""
        if key not in self.table.values:
            raise KeyError(key)
        if not self.applied:
            return False
        return key in self.hidden or (not self.table.published[key] and key in self.sensitive)

    def value(self, key: Key) -> int | str:
        """The count of a published cell, or ``".."`` when it is hidden."""
        if not self.table.published.get(key, False):
            raise KeyError(key)
        return self.marker if self.is_hidden(key) else self.table.values[key]

    def share(self, numerator: Key, denominator: Key, value: int | None) -> int | str | None:
        """The share ``value`` (a whole percent or None), or ``".."`` when its numerator or
        denominator is hidden."""
        if self.is_hidden(numerator) or self.is_hidden(denominator):
            return self.marker
        return value

    def share_hidden(self, numerator: Key, denominator: Key) -> bool:
        return self.is_hidden(numerator) or self.is_hidden(denominator)

    @property
    def primary(self) -> list[Key]:
        return [key for key, reason in self.hidden.items() if reason is Reason.PRIMARY]

    @property
    def secondary(self) -> list[Key]:
        return [key for key, reason in self.hidden.items() if reason is Reason.SECONDARY]

    @property
    def note(self) -> str:
        """The Swedish note printed under the table: what ``..`` hides, the same words for
        primary and secondary cells (which the reader must not be able to tell apart)."""
        if not self.applied:
            return _("Alla antal visas, utan röjandeskydd.")
        if not self.hidden:
            return _("Inga antal har dolts.")
        text = hidden_note(self.threshold)
        known = sum(1 for key in self.hidden if key in self.table.fixed)
        if known:
            text += " " + ngettext(
                "%(count)d dold uppgift redovisas också i en annan tabell och kan inte "
                "skyddas här.",
                "%(count)d dolda uppgifter redovisas också i en annan tabell och kan inte "
                "skyddas här.",
                known,
            ) % {"count": known}
        return text


def unsuppressed(table: Table) -> Suppressed:
    """The office's unsuppressed version: every count shown, rendered the same way."""
    return Suppressed(table, DEFAULT_THRESHOLD, False, {}, frozenset())


def suppress(
    table: Table,
    k: int = DEFAULT_THRESHOLD,
    *,
    blocks: Callable[[Key], Hashable | None] | None = None,
    hidden_before: Mapping[Key, Reason] | None = None,
    start: Mapping[Key, Reason] | None = None,
    ranges: bool = True,
    range_state: RangeState | None = None,
) -> Suppressed:
    """Hide the small counts of ``table`` and every cell that would reveal one, exactly
    (:func:`suppress_exact`) and, with ``ranges``, to within fewer than k - 1 values
    (``stats.disclosure_ranges``, which ``range_state`` carries between calls on one
    growing table): the two checks alternate until both hold. Every round hides at least
    one more cell, and the range check's LP solves are bounded (its fallback withholds)."""
    result = suppress_exact(table, k, blocks=blocks, hidden_before=hidden_before, start=start)
    if not ranges:
        return result
    from stats.disclosure_ranges import protect_ranges

    return protect_ranges(table, k, result, hidden_before=hidden_before, range_state=range_state)


def suppress_exact(
    table: Table,
    k: int = DEFAULT_THRESHOLD,
    *,
    blocks: Callable[[Key], Hashable | None] | None = None,
    hidden_before: Mapping[Key, Reason] | None = None,
    start: Mapping[Key, Reason] | None = None,
) -> Suppressed:
    """Hide the small counts of ``table`` and every cell that would let a reader
    recompute one.

    ``start`` are cells to hide from the outset (what suppressing a part of the table on
    its own hid: ``stats.disclosure_periods``). ``hidden_before`` are cells an earlier
    publication hid (``stats.disclosure_periods``:
    an earlier period of the same year): they stay hidden, are protected like every hidden
    cell, and are never shown again; the other cells of that publication are fixed.

    ``blocks`` names the block of each cell (None: none), e.g. the intervention of a row
    of a large table whose rows are linked only through a total row. Each block is first
    suppressed on its own with the sums inside it, which is cheap, and the search over the
    whole table starts from what the blocks hid: it then has only the exposures through
    the links between blocks left. The result is safe either way (the search and the
    final check run over the whole table); blocks only make large tables fast."""
    if k < MINIMUM_THRESHOLD:
        raise ValueError(
            _("Gränsen för röjandeskydd måste vara minst %(minimum)d.")
            % {"minimum": MINIMUM_THRESHOLD}
        )
    sensitive = frozenset(
        key for key, value in table.values.items() if 1 <= value < k and key not in table.linking
    )
    hidden: dict[Key, Reason] = {
        key: Reason.PRIMARY for key in table.values if key in sensitive and table.published[key]
    }
    before = dict(hidden_before or {})
    hidden.update({key: reason for key, reason in before.items() if key not in hidden})
    presolved = _presolve(table, k, blocks, before) if blocks is not None else {}
    # ``start``: cells some cheaper run hid already (kept like the blocks' cells).
    presolved.update({key: reason for key, reason in (start or {}).items() if key not in hidden})
    hidden.update({key: reason for key, reason in presolved.items() if key not in hidden})
    targets = _targets(table, sensitive, hidden)
    if not targets:
        # Nothing to protect (e.g. a block with no small count): the search, the "show
        # again" pass (which only shows cells the search hid) and the check have nothing
        # to do.
        return Suppressed(table, k, True, hidden, sensitive)
    #: Cells hidden before that the known cells pin anyway: nothing here can protect them.
    given_up: set[Key] = set()
    parts = _Parts(table)
    # Each part's determined cells, worked out when a target of it is first looked at
    # (the search reads only the parts of its targets, and works a part out again
    # whenever it hides a cell there).
    determined = _ByPart(lambda number: parts.determined(number, hidden), len(parts.sums))
    while exposed := [key for key in targets if key in parts.among(key, determined)]:
        number = parts.number[exposed[0]]
        try:
            cells = _cells_to_hide(table, parts, number, targets, exposed, hidden)
        except ValueError:
            if exposed[0] in sensitive:
                raise
            targets.remove(exposed[0])
            if exposed[0] in before:
                # Hidden by an earlier publication: it stays hidden there.
                given_up.add(exposed[0])
                continue
            # A cell hidden to protect others that the fixed cells pin anyway: hiding it
            # protects nothing, and showing it tells the reader nothing new.
            del hidden[exposed[0]]
            determined[number] = parts.determined(number, hidden)
            continue
        for key in cells:
            hidden[key] = Reason.SECONDARY
            targets.append(key)
            determined[parts.number[key]] = parts.determined(parts.number[key], hidden)
    # Show again what the search hid and turned out unnecessary (the blocks did this for
    # their own cells already).
    found = [key for key, reason in hidden.items() if reason is Reason.SECONDARY]
    for key in reversed([key for key in found if key not in presolved and key not in before]):
        trial = {other: reason for other, reason in hidden.items() if other != key}
        after = parts.determined(parts.number[key], trial)
        if not any(cell in after for cell in targets if cell != key):
            hidden = trial
    # The arbiter: the exact check over the whole table at once.
    unknown = [key for key in table.values if _is_unknown(table, key, hidden)]
    determined_cells = _determined(table.sums, unknown)
    final_targets = [key for key in _targets(table, sensitive, hidden) if key not in given_up]
    if any(key in determined_cells for key in final_targets):
        raise RuntimeError("A protected cell can be recomputed.")  # pragma: no cover
    return Suppressed(table, k, True, hidden, sensitive)


class _ByPart:
    """A value per part, computed on first use (``compute(number)``) unless set before."""

    def __init__(self, compute: Callable[[int], set[Key]], size: int) -> None:
        self.compute = compute
        self.values: list[set[Key] | None] = [None] * size

    def __getitem__(self, number: int) -> set[Key]:
        value = self.values[number]
        if value is None:
            value = self.values[number] = self.compute(number)
        return value

    def __setitem__(self, number: int, value: set[Key]) -> None:
        self.values[number] = value

    def __len__(self) -> int:
        return len(self.values)


def _presolve(
    table: Table,
    k: int,
    blocks: Callable[[Key], Hashable | None],
    before: Mapping[Key, Reason],
) -> dict[Key, Reason]:
    """What suppressing each block on its own hides (see :func:`suppress`)."""
    hidden: dict[Key, Reason] = {}
    for part in _block_tables(table, blocks):
        hidden.update(suppress_exact(part, k).hidden)
    # No sum may then have exactly one unknown cell that is protected (it would be the
    # difference of the others): hide the smallest shown positive cell of every such sum
    # until none is left. The exact
    # search goes on from there; this only spares it most of its rounds.
    sensitive = {
        key for key, value in table.values.items() if 1 <= value < k and key not in table.linking
    }
    hidden.update({key: Reason.PRIMARY for key in sensitive if table.published[key]})
    hidden.update({key: reason for key, reason in before.items() if key not in hidden})
    order = {key: index for index, key in enumerate(table.values)}
    values, published, fixed = table.values, table.published, table.fixed
    every = [_cells(constraint) for constraint in table.sums]
    changed = True
    while changed:
        changed = False
        for cells in every:
            # ``_is_unknown``, inlined: this loop runs over every sum until nothing changes.
            unknown = [
                key
                for key in cells
                if key not in fixed and (key in hidden or (not published[key] and values[key] > 0))
            ]
            if len(unknown) != 1 or unknown[0] in fixed:
                continue
            if unknown[0] not in hidden and unknown[0] not in sensitive:
                continue
            candidates = [key for key in cells if _hideable(table, key, hidden)]
            if candidates:
                choice = min(candidates, key=lambda key: (table.values[key], order[key]))
                hidden[choice] = Reason.SECONDARY
                changed = True
    return {
        key: reason
        for key, reason in hidden.items()
        if reason is Reason.SECONDARY and key not in before
    }


def _block_tables(table: Table, blocks: Callable[[Key], Hashable | None]) -> list[Table]:
    """Each block of ``table`` as a table of its own: its cells and the sums all of whose
    cells are in it (in table order), in one pass over the sums."""
    members: dict[Hashable, list[Key]] = {}
    block_of: dict[Key, Hashable] = {}
    for key in table.values:
        block = blocks(key)
        if block is not None:
            members.setdefault(block, []).append(key)
            block_of[key] = block
    inside_sums: dict[Hashable, list[Sum]] = {block: [] for block in members}
    for constraint in table.sums:
        found = {block_of.get(key) for key in _cells(constraint)}
        if len(found) == 1 and (block := found.pop()) is not None:
            inside_sums[block].append(constraint)
    return [
        Table(
            values={key: table.values[key] for key in keys},
            published={key: table.published[key] for key in keys},
            sums=inside_sums[block],
            fixed={key for key in keys if key in table.fixed},
            linking={key for key in keys if key in table.linking},
        )
        for block, keys in members.items()
    ]
