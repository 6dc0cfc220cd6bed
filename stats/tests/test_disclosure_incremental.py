"""The search with its reduced constraints kept up to date (``stats.disclosure_echelon``)
gives exactly what the search that eliminated every part again after each hidden cell gave
(docs/performance.md, "Incremental elimination"): the same hidden cells, the same reasons,
in the same order, on generated tables, large tables and the demo's memos.

The earlier search is rebuilt here (:func:`_earlier`): ``suppress`` itself is unchanged
apart from where it gets a part's structure, so patching the three places where the
earlier search eliminated from scratch (a part's determined cells, and the structure the
choice of the next cells is made on) runs the earlier search."""

from __future__ import annotations

import json
from collections.abc import Hashable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stats import disclosure, disclosure_search
from stats.disclosure import Key, Reason, Sum, Table, _Echelon, suppress
from stats.disclosure_echelon import Echelon
from stats.tests.test_disclosure import _g_tables
from stats.tests.test_disclosure_fixed import _tables_with_fixed_cells
from stats.tests.test_disclosure_search import _large_g_table


def _cells_to_hide_before(
    table: Table,
    sums: Sequence[Sum],
    unknown: Sequence[Key],
    targets: Sequence[Key],
    exposed: Sequence[Key],
    hidden: Mapping[Key, Reason],
) -> list[Key]:
    """``_cells_to_hide`` as it was: one full elimination of the part per call."""
    in_sums = {key for constraint in sums for key in (*constraint.parts, constraint.total)}
    hideable = [
        key
        for key in table.values
        if key in in_sums and disclosure_search._hideable(table, key, hidden)
    ]
    echelon = _Echelon(sums, unknown, hideable)
    column = {key: index for index, key in enumerate(echelon.columns)}
    x = column[exposed[0]]
    first = sorted(index for index in echelon.top[x] if index >= echelon.width)
    if not first:
        raise disclosure_search._unprotectable(exposed[0])
    partners = {y: {z for row in echelon.relations_with(y) for z in row} - {y} for y in first}
    options: list[tuple[int, ...]] = [(y,) for y in first]
    options += sorted({(min(y, z), max(y, z)) for y, zs in partners.items() for z in zs})
    protected = {column[key] for key in targets if key in column}
    base = len(echelon.determined & protected)
    best: tuple[tuple[int, int, tuple[int, ...]], tuple[int, ...]] | None = None
    for option in options:
        gained, lost = echelon.changes_after(option)
        if x in gained or (x in echelon.determined and x not in lost):
            continue
        score = (
            base - len(lost & protected) + len(gained & (protected | set(option))),
            sum(table.values[echelon.columns[index]] for index in option),
            option,
        )
        if best is None or score < best[0]:
            best = (score, option)
    if best is None:
        return [_greedy_before(table, exposed, hidden)]
    return [echelon.columns[index] for index in best[1]]


def _greedy_before(table: Table, exposed: Sequence[Key], hidden: Mapping[Key, Reason]) -> Key:
    """``_greedy`` as it was: every sum of the table looked at in every layer."""
    reached = set(exposed)
    seen: set[int] = set()
    while True:
        layer = [
            index
            for index, constraint in enumerate(table.sums)
            if index not in seen and any(key in reached for key in _cells(constraint))
        ]
        if not layer:
            raise disclosure_search._unprotectable(exposed[0])
        seen.update(layer)
        cells = [key for index in layer for key in _cells(table.sums[index])]
        candidates = [key for key in cells if disclosure_search._hideable(table, key, hidden)]
        if candidates:
            break
        reached.update(key for key in cells if disclosure_search._is_unknown(table, key, hidden))
    order = {key: index for index, key in enumerate(table.values)}
    totals = {constraint.total for constraint in table.sums}
    return min(candidates, key=lambda key: (key in totals, table.values[key], order[key]))


def _cells(constraint: Sum) -> tuple[Key, ...]:
    return (*constraint.parts, constraint.total)


@contextmanager
def _earlier() -> Iterator[None]:
    """Run the earlier search: every part eliminated from scratch on every question."""

    def determined(parts: Any, number: int, hidden: Mapping[Key, Reason]) -> set[Key]:
        return disclosure_search._determined(parts.sums[number], parts.unknown(number, hidden))

    def cells_to_hide(
        table: Table,
        parts: Any,
        number: int,
        targets: Sequence[Key],
        exposed: Sequence[Key],
        hidden: Mapping[Key, Reason],
    ) -> list[Key]:
        sums, unknown = parts.sums[number], parts.unknown(number, hidden)
        return _cells_to_hide_before(table, sums, unknown, targets, exposed, hidden)

    with (
        mock.patch.object(disclosure_search._Parts, "determined", determined),
        mock.patch.object(disclosure, "_cells_to_hide", cells_to_hide),
    ):
        yield


def _outcome(table: Table, k: int, **options: Any) -> tuple[Any, ...]:
    """Everything ``suppress`` gives, the order of the hidden cells included (or the
    error it raises)."""
    try:
        result = suppress(table, k, **options)
    except ValueError as error:
        return ("refused", str(error))
    return (result, list(result.hidden.items()))


def _both(table: Table, k: int, **options: Any) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    now = _outcome(table, k, **options)
    with _earlier():
        before = _outcome(table, k, **options)
    return now, before


@st.composite
def _tables_with_options(draw: st.DrawFn) -> tuple[Table, int, dict[str, Any]]:
    table, k = draw(st.one_of(_g_tables(), _tables_with_fixed_cells()))
    options: dict[str, Any] = {}
    if draw(st.booleans()):
        options["blocks"] = lambda key: key[0] if key[0] != "total" else None
    shown = [key for key, value in table.values.items() if table.published[key] and value]
    before = draw(st.lists(st.sampled_from(shown), max_size=3, unique=True)) if shown else []
    if before:
        options["hidden_before"] = dict.fromkeys(before, Reason.SECONDARY)
    return table, k, options


@settings(max_examples=300, deadline=None)
@given(_tables_with_options())
def test_suppress_property_incremental_search_equals_the_earlier_search(
    table_k_options: tuple[Table, int, dict[str, Any]],
) -> None:
    table, k, options = table_k_options

    now, before = _both(table, k, **options)

    assert now == before


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_suppress_large_table_incremental_search_equals_the_earlier_search(seed: int) -> None:
    table = _large_g_table(40, ("exited", "to_work", "studies"), seed)

    now, before = _both(table, 5)

    assert now == before
    assert len(now[1]) > 20


def test_echelon_hide_and_show_again_gives_the_same_determined_cells() -> None:
    table = _large_g_table(12, ("exited", "to_work"), 7)
    parts = disclosure_search._Parts(table)
    hidden = {key: Reason.PRIMARY for key, value in table.values.items() if 1 <= value < 5}
    number = max(range(len(parts.sums)), key=lambda n: len(parts.cells[n]))
    shown = [key for key in parts.cells[number] if disclosure_search._hideable(table, key, hidden)]
    steps: list[tuple[set[Hashable], set[Hashable]]] = []

    for key in shown[:6] + shown[:3]:
        if key in hidden:
            del hidden[key]
        else:
            hidden[key] = Reason.SECONDARY
        steps.append(
            (
                parts.determined(number, hidden),
                disclosure_search._determined(parts.sums[number], parts.unknown(number, hidden)),
            )
        )

    assert [now for now, _ in steps] == [before for _, before in steps]


@pytest.mark.django_db
def test_demo_memos_incremental_search_equals_the_earlier_search() -> None:
    from demo.loader import load_demo
    from stats.memo import compute_memo
    from stats.periods import Period
    from tenancy.models import Association

    load_demo()
    association = Association.objects.get(slug="exempel")
    periods = [Period.parse(code) for code in ("2026Q1", "2026H1", "2026Q3", "2026", "2025")]

    def memos() -> list[str]:
        return [
            json.dumps(compute_memo(association, period).json, sort_keys=True, default=str)
            for period in periods
        ]

    now = memos()
    with _earlier():
        before = memos()

    assert now == before


def _canonical(echelon: Echelon) -> tuple[Any, ...]:
    """What the search reads of an echelon: the determined cells with their rows, and the
    relations (both unique for the same unknown and hideable cells)."""
    return (
        {p: dict(echelon.rows[p]) for p in echelon.determined},
        {p: dict(row) for p, row in echelon.rows.items() if p not in echelon.unknown},
    )


@settings(max_examples=200, deadline=None)
@given(_g_tables(), st.data())
def test_echelon_property_updated_equals_eliminated_from_scratch(
    table_and_k: tuple[Table, int], data: st.DataObject
) -> None:
    table, _ = table_and_k
    order = {key: index for index, key in enumerate(table.values)}
    cells = list(table.values)
    unknown = {key for key in cells if data.draw(st.booleans())}
    echelon = Echelon(
        table.sums,
        [k for k in cells if k in unknown],
        [k for k in cells if k not in unknown],
        order,
    )
    moves = data.draw(st.lists(st.sampled_from(cells), max_size=12))
    pairs = []

    for key in moves:
        if key in unknown:
            unknown.discard(key)
            echelon.show(order[key])
        else:
            unknown.add(key)
            echelon.hide(order[key])
        fresh = Echelon(
            table.sums,
            [k for k in cells if k in unknown],
            [k for k in cells if k not in unknown],
            order,
        )
        pairs.append((_canonical(echelon), _canonical(fresh)))

    assert [now for now, _ in pairs] == [fresh for _, fresh in pairs]
