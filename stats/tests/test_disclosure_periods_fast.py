"""The year's suppression (``stats.disclosure_periods.suppress_in_order``) with its fast
paths (the exact checks component by component, memoised within one call; snapshots copied
without re-checking) against the plain definition (one elimination over every sum; cells
and sums added one by one through ``Table``), on random snapshots of random G tables."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stats import disclosure_periods
from stats.disclosure import Table, _determined
from stats.disclosure_periods import GROWS, SAME, Snapshot, suppress_in_order
from stats.tests.test_disclosure import _g_tables


class _PlainDetermined:
    """:class:`stats.disclosure_echelon.Determined` by its definition."""

    def __init__(self, sums: Sequence[Any]) -> None:
        self.sums = sums

    def __call__(self, unknown: Sequence[Hashable]) -> set[Hashable]:
        return _determined(list(self.sums), list(unknown))


def _plain_add(combined: Table, index: int, table: Table) -> None:
    for key, value in table.values.items():
        combined.add_cell(
            (index, *key),  # type: ignore[misc]
            value,
            published=table.published[key],
            linking=key in table.linking,
            fixed=key in table.fixed,
        )
    for constraint in table.sums:
        combined.add_sum(
            [(index, *part) for part in constraint.parts],  # type: ignore[misc]
            (index, *constraint.total),  # type: ignore[misc]
        )


def _plain_link(combined: Table, index: int, earlier: Snapshot) -> None:
    """The links through ``Table.add_cell`` and ``Table.add_sum`` (which check them)."""
    for key in earlier.table.values:
        kind = earlier.link(key)
        old, new = (index - 1, *key), (index, *key)  # type: ignore[misc]
        if kind is None or new not in combined.values:
            continue
        difference = combined.values[new] - combined.values[old]
        if kind == SAME and difference == 0:
            combined.add_sum([old], new)
        elif kind == GROWS and difference >= 0:
            flow = ("flow", index, *key)  # type: ignore[misc]
            combined.add_cell(flow, difference, published=False, linking=True)
            combined.add_sum([old, flow], new)


def _grows(key: Hashable) -> str | None:
    return GROWS


def _mixed(key: Hashable) -> str | None:
    """Grows, stays the same all year, or is not linked, by measure and gender."""
    assert isinstance(key, tuple)
    if key[-1] == "annat":
        return None
    return SAME if key[1] == "to_work" and key[-1] == "men" else GROWS


def _hidden(results: list[Any]) -> list[list[tuple[Hashable, str]]]:
    """Every snapshot's hidden cells with their reasons, in the order they were hidden."""
    return [list(result.hidden.items()) for result in results]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(_g_tables(), min_size=1, max_size=3),
    st.integers(3, 6),
    st.sampled_from([_grows, _mixed]),
)
def test_suppress_in_order_property_fast_paths_agree_with_the_plain_definition(
    tables: list[tuple[Table, int]], k: int, link: Callable[[Hashable], str | None]
) -> None:
    snapshots = [Snapshot(table, link) for table, _k in tables]

    fast = _hidden(suppress_in_order(snapshots, k))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(disclosure_periods, "Determined", _PlainDetermined)
        patch.setattr(disclosure_periods, "_add", _plain_add)
        patch.setattr(disclosure_periods, "_link", _plain_link)
        plain = _hidden(suppress_in_order(snapshots, k))

    assert fast == plain


@settings(max_examples=40, deadline=None)
@given(
    st.lists(_g_tables(), min_size=1, max_size=3),
    st.integers(3, 6),
    st.sampled_from([_grows, _mixed]),
)
def test_suppress_in_order_property_kept_sensitive_cells_are_the_plain_ones(
    tables: list[tuple[Table, int]], k: int, link: Callable[[Hashable], str | None]
) -> None:
    snapshots = [Snapshot(table, link) for table, _k in tables]
    safe = disclosure_periods._safe
    checked: list[bool] = []

    def recording(table: Table, k: int, hidden: Any, determined: Any, sensitive: Any) -> bool:
        checked.append(sensitive == disclosure_periods._sensitive(table, k))
        return safe(table, k, hidden, determined, sensitive)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(disclosure_periods, "_safe", recording)
        results = suppress_in_order(snapshots, k)

    assert (checked, [result.sensitive for result in results]) == (
        [True] * len(snapshots),
        [frozenset(disclosure_periods._sensitive(table, k)) for table, _k in tables],
    )
