"""Disclosure control across the periods of one year (docs/disclosure.md).

Every participant figure of the memo is year to date, so the memos of one year publish
overlapping figures: the 2026Q1, 2026H1 (= 2026Q2), 2026Q3 and 2026 (= 2026H2 = 2026Q4)
memos are four *snapshots* of the same counts at the quarter ends, and the dashboard shows
the current half-year's. Suppressed one by one, a cell one memo hides to protect a small
count may be printed by another, and the flows between two snapshots (registered in
April-June = H1 - Q1) tie them together.

So the snapshots of a year are suppressed *in order*, each as one linked problem with the
earlier ones (:func:`suppress_in_order`):

- snapshot i's table is added to one combined table, its cells prefixed with its index;
- between consecutive snapshots a < b, every count that only grows during the year gets
  the link ``b = a + flow``, with the flow an unpublished linking cell (known to the
  reader when it is 0), and the counts fixed within the year (carried over from before
  the year, exited before the year) get ``b = a``; everything else (ongoing, active, exits
  to date, complements, goals) follows from the sums inside each snapshot;
- the earlier snapshots are as they were published: their shown cells are *fixed* (known
  to the reader) and their hidden cells stay hidden (``hidden_before``) and are protected
  like every hidden cell; only snapshot i's own cells may be hidden now;
- snapshot i starts from its own (exact) suppression plus every (still positive) cell
  the previous snapshot hid; when the exact check over all snapshots so far finds no
  small count determined and the range check (``stats.disclosure_ranges``) none narrowed,
  that is the answer, and only otherwise does the joint search run (exact and ranges).
  One :class:`~stats.disclosure_ranges.RangeState` serves every snapshot, so a
  component of an earlier snapshot that no new identity touches is not solved again.

Snapshot i therefore depends only on the data of snapshots 1..i: the H1 memo, computed with
the H1 data, and the H1 snapshot inside the year memo hide the same cells, and the year
memo treats what the H1 memo printed as known. (A correction entered later that changes
an earlier quarter's figures changes that quarter's memo too; see docs/disclosure.md.)
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

from stats.disclosure import (
    Key,
    Reason,
    Sum,
    Suppressed,
    Table,
    suppress,
)
from stats.disclosure_echelon import Determined
from stats.disclosure_ranges import RangeState, protect_ranges

#: How a cell of a snapshot relates to the same cell of the next snapshot.
GROWS, SAME = "grows", "same"


@dataclass(frozen=True)
class Snapshot:
    """One period end's table, how its cells link to the next snapshot's (``link``:
    :data:`GROWS`, :data:`SAME` or None) and its blocks for ``suppress``."""

    table: Table
    link: Callable[[Key], str | None]
    blocks: Callable[[Key], Hashable | None] | None = None


def suppress_in_order(snapshots: Sequence[Snapshot], k: int) -> list[Suppressed]:
    """The suppression of each snapshot, each one given the earlier ones as published
    (see the module docstring). Returns one :class:`Suppressed` per snapshot over its own
    (unprefixed) table."""
    combined = Table()
    before: dict[Key, Reason] = {}
    results: list[Suppressed] = []
    state = RangeState(combined)
    # The exact checks over the combined table, component by component: the components
    # of the earlier snapshots that no new identity touches are not eliminated again.
    determined = Determined(combined.sums)
    # The sensitive cells of the combined table so far (``_sensitive``, kept as the
    # snapshots are added: a cell's count and whether it links never change, and the
    # flows between snapshots link).
    sensitive: set[Key] = set()
    for index, snapshot in enumerate(snapshots):
        _add(combined, index, snapshot.table)
        if index:
            _link(combined, index, snapshots[index - 1])
        own_sensitive = _sensitive_frozenset(snapshot.table, k)
        sensitive.update((index, *_tuple(key)) for key in own_sensitive)
        # The snapshot on its own first (cheap, and most of what it must hide), plus every
        # cell the previous snapshot hid (so the flows between hidden cells stay hidden).
        # When the exact check over all snapshots so far finds nothing to recompute, only
        # the range check is left; otherwise the joint search goes on from there.
        alone = suppress(snapshot.table, k, blocks=snapshot.blocks, ranges=False)
        start: dict[Key, Reason] = {(index, *_tuple(key)): why for key, why in alone.hidden.items()}
        if results:
            for key in results[-1].hidden:
                cell = (index, *_tuple(key))
                if combined.published.get(cell) and combined.values[cell] > 0:
                    start.setdefault(cell, Reason.SECONDARY)
        own: dict[Key, Reason]
        if _safe(combined, k, {**before, **start}, determined, sensitive):
            # Nothing to recompute: only ranges may still need more cells hidden.
            result = protect_ranges(
                combined,
                k,
                Suppressed(combined, k, True, {**before, **start}, frozenset(sensitive)),
                hidden_before=before,
                range_state=state,
                verify=False,
            )
        else:
            result = suppress(combined, k, hidden_before=before, start=start, range_state=state)
        own = {
            _tuple(key)[1:]: why for key, why in result.hidden.items() if _tuple(key)[0] == index
        }
        results.append(Suppressed(snapshot.table, k, True, own, own_sensitive))
        # As published: what this snapshot shows is known from now on, what it hides
        # stays hidden.
        for key, published in snapshot.table.published.items():
            if not published:
                continue
            if key in own:
                before[(index, *_tuple(key))] = own[key]
            else:
                combined.fix((index, *_tuple(key)))
        # What the reader can work out from everything published so far is known to them
        # too (never a protected cell: the suppression above saw to that); fixing it keeps
        # the later rounds' elimination small.
        unknown = [
            key
            for key in combined.values
            if key not in combined.fixed
            and (key in before or (not combined.published[key] and combined.values[key] > 0))
        ]
        for key in determined(unknown):
            combined.fix(key)
    return results


def _sensitive(table: Table, k: int) -> set[Key]:
    return {
        key for key, value in table.values.items() if 1 <= value < k and key not in table.linking
    }


def _sensitive_frozenset(table: Table, k: int) -> frozenset[Key]:
    return frozenset(_sensitive(table, k))


def _safe(
    table: Table,
    k: int,
    hidden: dict[Key, Reason],
    determined: Determined | None = None,
    sensitive: set[Key] | None = None,
) -> bool:
    """No protected cell (a small count not fixed) is determined by everything shown.
    ``sensitive``: ``_sensitive(table, k)`` if known already."""
    unknown = [
        key
        for key in table.values
        if key not in table.fixed
        and (key in hidden or (not table.published[key] and table.values[key] > 0))
    ]
    if sensitive is None:
        sensitive = _sensitive(table, k)
    protected = [key for key in sensitive if key not in table.fixed]
    if any(table.published[key] and key not in hidden for key in protected):
        return False
    found = (determined or Determined(table.sums))(unknown)
    return not any(key in found for key in protected)


def _tuple(key: Key) -> tuple[Hashable, ...]:
    if not isinstance(key, tuple):
        raise TypeError(f"A snapshot's cells are tuples, not {key!r}.")
    return key


def _add(combined: Table, index: int, table: Table) -> None:
    """Snapshot ``index``'s cells and sums, prefixed with ``index``. The snapshot's table
    checked its cells and sums when they were added (whole counts, parts that add up), and
    the prefix makes every cell new, so they are copied as they are."""
    prefixed = {key: (index, *_tuple(key)) for key in table.values}
    for key, cell in prefixed.items():
        if cell in combined.values:
            raise ValueError(f"Cell {cell!r} was added twice.")
        combined.values[cell] = table.values[key]
        combined.published[cell] = table.published[key]
        if key in table.linking:
            combined.linking.add(cell)
        if key in table.fixed:
            combined.fixed.add(cell)
    combined.sums.extend(
        Sum(tuple(prefixed[part] for part in constraint.parts), prefixed[constraint.total])
        for constraint in table.sums
    )


def _link(combined: Table, index: int, earlier: Snapshot) -> None:
    """The links between snapshot ``index - 1`` and ``index`` (each only where it holds in
    the data, as every sum)."""
    previous = index - 1
    values, published, sums = combined.values, combined.published, combined.sums
    link = earlier.link
    # Added directly, as ``add_cell`` and ``add_sum`` would: both cells exist, each flow
    # is new (its name holds ``index``) and whole, and the sums hold by construction.
    for key in earlier.table.values:
        kind = link(key)
        if kind is None:
            continue
        tail = _tuple(key)
        old, new = (previous, *tail), (index, *tail)
        if new not in values:
            continue
        difference = values[new] - values[old]
        if kind == SAME and difference == 0:
            sums.append(Sum((old,), new))
        elif kind == GROWS and difference >= 0:
            flow = ("flow", index, *tail)
            if flow in values:
                raise ValueError(f"Cell {flow!r} was added twice.")
            values[flow] = difference
            published[flow] = False
            combined.linking.add(flow)
            sums.append(Sum((old, flow), new))
