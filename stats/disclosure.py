"""Disclosure control (röjandeskydd) for published tables (spec/reports.md, "Shared rules").

Published tables (board role, public documents) show every count from 1 to k-1 as ``"<k"``
(k = 5 unless the association sets another threshold, never below 3) and hide further
cells so that no hidden count can be recomputed from totals or from the gender split.
Shares whose numerator or denominator is hidden are hidden too. 0 is shown.

The model:

- A :class:`Table` holds named cells with whole, non-negative values. A cell is either
  *published* (a column of the document) or *unpublished*: it exists only to express a sum.
  The ``annat`` gender count is the main example: it is not a column, yet
  total = women + men + annat, so it can be derived from the published total, women and
  men. Unpublished cells are treated like published ones when it comes to sensitivity.
- Linear constraints ``sum(parts) = total`` (row totals, column totals, the gender
  identity, a table total row).
- The attacker knows every shown value and every constraint. We also assume the attacker
  knows every unpublished cell whose value is 0 (``annat`` is usually 0, so "everyone is a
  woman or a man" is a good guess). That covers the attacker who uses that counts are never
  negative: a cell that is 0 sits on the boundary and can be pinned by it, a positive cell
  cannot.

:func:`suppress` then:

1. *Primary suppression*: every cell with a value in 1..k-1 is *sensitive*; sensitive
   published cells are hidden.
2. *Secondary suppression*: while some sensitive or hidden cell is *determined* (its unit
   vector lies in the row space of the constraint matrix over the unknown cells, computed
   by exact Gauss-Jordan elimination over fractions), hide one more published cell. The
   candidates are the shown positive cells of the constraints that involve a determined
   cell (hiding a 0 would not help: the attacker can pin a hidden 0 by non-negativity);
   non-total cells come first, then the smallest value, then the order the cells were
   added. This always ends: once every positive cell is hidden, no positive cell can be
   determined.

The search is greedy, so it may hide more than an optimal choice would; it is
deterministic (no set or hash order is involved), so the same table always gives the same
hidden cells.
"""

from __future__ import annotations

import enum
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TypeVar

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

#: A cell's name, e.g. ``("KRAFT-22", "registered", "women")``.
Key = Hashable
RowKey = TypeVar("RowKey", bound=Hashable)
#: An exact number in the elimination.
Exact = int | Fraction

DEFAULT_THRESHOLD = 5
MINIMUM_THRESHOLD = 3

#: The published parts of a gender split G, and the unpublished rest.
WOMEN, MEN, TOTAL, OTHER = "women", "men", "total", "annat"
GENDERS = (WOMEN, MEN, TOTAL)


@dataclass(frozen=True)
class Sum:
    """The constraint ``sum(parts) == total``."""

    parts: tuple[Key, ...]
    total: Key


@dataclass
class Table:
    """Cells, whether each is published, and the sums that hold between them.

    Adding a cell twice with the same value and flag is allowed (so several shapes can
    share a cell and be suppressed together); anything else is an error.
    """

    values: dict[Key, int] = field(default_factory=dict)
    published: dict[Key, bool] = field(default_factory=dict)
    sums: list[Sum] = field(default_factory=list)
    #: (numerator, denominator) pairs of the published shares.
    shares: list[tuple[Key, Key]] = field(default_factory=list)

    def add_cell(self, key: Key, value: int, *, published: bool = True) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"Cell {key!r}: a count is a whole number >= 0, not {value!r}.")
        if key in self.values:
            if (self.values[key], self.published[key]) != (value, published):
                raise ValueError(f"Cell {key!r} was added twice with different contents.")
            return
        self.values[key] = value
        self.published[key] = published

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
        return f"<{self.threshold}"

    def is_hidden(self, key: Key) -> bool:
        """A hidden published cell, or an unpublished sensitive one (e.g. a small ``annat``
        used in a share)."""
        if key not in self.table.values:
            raise KeyError(key)
        if not self.applied:
            return False
        return key in self.hidden or (not self.table.published[key] and key in self.sensitive)

    def value(self, key: Key) -> int | str:
        """The count of a published cell, or ``"<k"`` when it is hidden."""
        if not self.table.published.get(key, False):
            raise KeyError(key)
        return self.marker if self.is_hidden(key) else self.table.values[key]

    def share(self, numerator: Key, denominator: Key, value: int | None) -> int | str | None:
        """The share ``value`` (a whole percent or None), or ``"<k"`` when its numerator or
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
        """The Swedish note printed under the table."""
        if not self.applied:
            return _("Alla antal visas, utan röjandeskydd.")
        count = len(self.hidden)
        if count == 0:
            return _("Inga antal har dolts.")
        text = _("Antal 1–%(last)d visas som %(marker)s.") % {
            "last": self.threshold - 1,
            "marker": self.marker,
        }
        text += " " + ngettext(
            "%(count)d cell har dolts för att skydda små antal",
            "%(count)d celler har dolts för att skydda små antal",
            count,
        ) % {"count": count}
        secondary = len(self.secondary)
        if secondary:
            text += " (" + ngettext(
                "varav %(count)d för att den annars kunde räknas fram ur summor",
                "varav %(count)d för att de annars kunde räknas fram ur summor",
                secondary,
            ) % {"count": secondary}
            text += ")"
        return text + "."


def unsuppressed(table: Table) -> Suppressed:
    """The office's unsuppressed version: every count shown, rendered the same way."""
    return Suppressed(table, DEFAULT_THRESHOLD, False, {}, frozenset())


def suppress(table: Table, k: int = DEFAULT_THRESHOLD) -> Suppressed:
    """Hide the small counts of ``table`` and every cell that would reveal one."""
    if k < MINIMUM_THRESHOLD:
        raise ValueError(
            _("Gränsen för röjandeskydd måste vara minst %(minimum)d.")
            % {"minimum": MINIMUM_THRESHOLD}
        )
    order = {key: index for index, key in enumerate(table.values)}
    values, published = table.values, table.published
    totals = {constraint.total for constraint in table.sums}
    sensitive = frozenset(key for key, value in values.items() if 1 <= value < k)
    hidden: dict[Key, Reason] = {
        key: Reason.PRIMARY for key in values if key in sensitive and published[key]
    }
    # Cells that must not be determined: sensitive ones and every hidden one.
    targets = [key for key in values if key in sensitive or key in hidden]
    while True:
        # Cells the attacker does not know: hidden ones and positive unpublished ones.
        unknown = [key for key in values if key in hidden or _unknown(table, key)]
        determined = _determined(table.sums, unknown)
        exposed = [key for key in targets if key in determined]
        if not exposed:
            return Suppressed(table, k, True, hidden, sensitive)
        candidates = _candidates(table, exposed, hidden)
        if not candidates:  # pragma: no cover - impossible when the sums hold
            raise RuntimeError("No cell left to hide.")
        chosen = min(candidates, key=lambda key: (key in totals, values[key], order[key]))
        hidden[chosen] = Reason.SECONDARY
        targets.append(chosen)


def _unknown(table: Table, key: Key) -> bool:
    return not table.published[key] and table.values[key] > 0


def _candidates(table: Table, exposed: Sequence[Key], hidden: Mapping[Key, Reason]) -> list[Key]:
    """The shown positive cells in the constraints that involve an exposed cell; when those
    have none, the constraints one step further (linked through an unknown cell), and so on.
    """

    def shown(key: Key) -> bool:
        return table.published[key] and key not in hidden and table.values[key] > 0

    def unknown(key: Key) -> bool:
        return key in hidden or _unknown(table, key)

    reached = set(exposed)
    seen: set[int] = set()
    while True:
        layer = [
            index
            for index, constraint in enumerate(table.sums)
            if index not in seen
            and any(key in reached for key in (*constraint.parts, constraint.total))
        ]
        if not layer:
            return []
        seen.update(layer)
        cells = [key for index in layer for key in _cells(table.sums[index])]
        candidates = [key for key in cells if shown(key)]
        if candidates:
            return candidates
        reached.update(key for key in cells if unknown(key))


def _cells(constraint: Sum) -> tuple[Key, ...]:
    return (*constraint.parts, constraint.total)


def _determined(sums: Sequence[Sum], unknown: Sequence[Key]) -> set[Key]:
    """The unknown cells whose value follows from the constraints and the known cells.

    Each constraint is a row over the unknown cells (known cells move to the right-hand
    side, which does not matter for the question). Gauss-Jordan elimination keeps the rows
    in reduced form; a unit vector e_j lies in the row space of a reduced matrix exactly
    when some reduced row equals e_j. Arithmetic is exact: coefficients stay ``int`` while
    they are whole (the usual case, as every constraint has coefficients +1 and -1) and
    become ``Fraction`` otherwise.
    """
    column = {key: index for index, key in enumerate(unknown)}
    pivots: dict[int, dict[int, Exact]] = {}
    for constraint in sums:
        row: dict[int, Exact] = {}
        for key, sign in [(key, 1) for key in constraint.parts] + [(constraint.total, -1)]:
            if key in column:
                index = column[key]
                row[index] = row.get(index, 0) + sign
        for pivot, pivot_row in pivots.items():
            factor = row.get(pivot)
            if factor:
                for index, coefficient in pivot_row.items():
                    row[index] = row.get(index, 0) - factor * coefficient
        row = {index: value for index, value in row.items() if value}
        if not row:
            continue
        pivot = min(row)
        scale = row[pivot]
        if scale == -1:
            row = {index: -value for index, value in row.items()}
        elif scale != 1:
            row = {index: Fraction(value) / scale for index, value in row.items()}
        for pivot_row in pivots.values():
            factor = pivot_row.get(pivot)
            if factor:
                for index, coefficient in row.items():
                    updated = pivot_row.get(index, 0) - factor * coefficient
                    if updated:
                        pivot_row[index] = updated
                    else:
                        pivot_row.pop(index, None)
        pivots[pivot] = row
    return {unknown[pivot] for pivot, row in pivots.items() if len(row) == 1}
