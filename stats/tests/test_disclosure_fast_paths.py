"""The fast paths of the year's disclosure control (docs/performance.md, "The year's
disclosure control without changing what it hides") against their plain definitions: one
constraint's determined cell, the exact search working out parts on first use, the LP's
rows and costs."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stats import disclosure, disclosure_echelon, disclosure_ranges
from stats.disclosure import Reason, Sum, Table, suppress_exact
from stats.disclosure_echelon import _determined_by_one, determined, reduced
from stats.disclosure_ranges import _constraint_rows, _Lp, protect_ranges
from stats.tests.test_disclosure import _g_tables

_cells = st.sampled_from(["a", "b", "c", "d", "e"])


@st.composite
def _one_constraint(draw: st.DrawFn) -> tuple[Sum, list[Hashable]]:
    """A constraint over a few cells (a cell may repeat, the total may be a part too) and
    some unknown cells, not all of them in the constraint."""
    parts = tuple(draw(st.lists(_cells, max_size=4)))
    total = draw(_cells)
    unknown: list[Hashable] = list(draw(st.lists(_cells, unique=True)))
    return Sum(parts, total), unknown


@settings(max_examples=300, deadline=None)
@given(_one_constraint())
def test_determined_by_one_property_agrees_with_the_elimination(
    constraint_and_unknown: tuple[Sum, list[Hashable]],
) -> None:
    constraint, unknown = constraint_and_unknown
    plain = {unknown[p] for p, row in reduced([constraint], unknown).items() if len(row) == 1}

    assert (_determined_by_one(constraint, unknown), determined([constraint], unknown)) == (
        plain,
        plain,
    )


class _EveryPart:
    """``stats.disclosure._ByPart`` by its definition: every part worked out at once."""

    def __init__(self, compute: Any, size: int) -> None:
        self.values = [compute(number) for number in range(size)]

    def __getitem__(self, number: int) -> set[Hashable]:
        return self.values[number]

    def __setitem__(self, number: int, value: set[Hashable]) -> None:
        self.values[number] = value


def _hidden(result: Any) -> list[tuple[Hashable, Reason]]:
    return list(result.hidden.items())


@settings(max_examples=80, deadline=None)
@given(_g_tables(), st.data())
def test_suppress_exact_property_parts_on_first_use_agree_with_every_part_at_once(
    table_and_k: tuple[Table, int], data: st.DataObject
) -> None:
    table, k = table_and_k
    shown = [key for key, value in table.values.items() if table.published[key] and value >= k]
    start = {key: Reason.SECONDARY for key in shown if data.draw(st.booleans())}

    fast = _hidden(suppress_exact(table, k, start=start))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(disclosure, "_ByPart", _EveryPart)
        plain = _hidden(suppress_exact(table, k, start=start))

    assert fast == plain


@settings(max_examples=80, deadline=None)
@given(_g_tables())
def test_suppress_exact_property_table_without_small_counts_hides_nothing(
    table_and_k: tuple[Table, int],
) -> None:
    table, k = table_and_k
    for key, value in table.values.items():
        if 1 <= value < k:
            table.values[key] = value + k  # not a valid table any more: never checked here
    result = suppress_exact(table, k)

    assert (_hidden(result), result.sensitive) == ([], frozenset())


def _plain_rows(
    column: Mapping[Hashable, int], values: Mapping[Hashable, int], sums: Sequence[Sum]
) -> list[tuple[dict[int, float], float, float]]:
    """The rows as ``_Lp`` built them before ``_constraint_rows``."""
    rows: list[tuple[dict[int, float], float, float]] = []
    for constraint in sums:
        row: dict[int, float] = {}
        rhs = 0.0
        terms = [(part, 1) for part in constraint.parts] + [(constraint.total, -1)]
        for cell, sign in terms:
            if cell in column:
                row[column[cell]] = row.get(column[cell], 0.0) + sign
            else:
                rhs -= sign * values[cell]
        row = {index: value for index, value in row.items() if value}
        if row:
            rows.append((row, rhs, rhs))
    return rows


@settings(max_examples=150, deadline=None)
@given(_g_tables(), st.data())
def test_constraint_rows_property_agree_with_the_plain_rows(
    table_and_k: tuple[Table, int], data: st.DataObject
) -> None:
    table, _k = table_and_k
    cells = [key for key in table.values if data.draw(st.booleans())]
    column = {key: index for index, key in enumerate(cells)}
    sums = [*table.sums, Sum(tuple(cells[:2]), cells[0])] if cells else table.sums

    fast = _constraint_rows(column, table.values, sums)

    assert [(list(row.items()), low, high) for row, low, high in fast] == [
        (list(row.items()), low, high) for row, low, high in _plain_rows(column, table.values, sums)
    ]


class _CostsOneByOne(_Lp):
    """``_Lp`` setting its costs one column at a time, as before ``_set_costs``."""

    def _set_costs(self, costs: Mapping[int, float]) -> None:
        for index in self.current:
            self.highs.changeColCost(index, 0.0)
        for index, cost in costs.items():
            self.highs.changeColCost(index, cost)
        self.current = list(costs)


@settings(max_examples=60, deadline=None)
@given(_g_tables())
def test_protect_ranges_property_costs_in_one_call_agree_with_one_by_one(
    table_and_k: tuple[Table, int],
) -> None:
    table, k = table_and_k
    exact = suppress_exact(table, k)

    fast = _hidden(protect_ranges(table, k, exact))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(disclosure_ranges, "_Lp", _CostsOneByOne)
        plain = _hidden(protect_ranges(table, k, exact))

    assert fast == plain


@st.composite
def _growing_sums(draw: st.DrawFn) -> list[tuple[list[Sum], list[Hashable], bool]]:
    """Steps of a growing list of constraints: each adds a few constraints over old and
    new cells and names the unknown cells, either as the year's snapshots do (the last
    unknown cells less those determined, plus some new ones) or at random."""
    steps: list[tuple[list[Sum], list[Hashable], bool]] = []
    cells: list[Hashable] = []
    for step in range(draw(st.integers(1, 4))):
        new = [(step, index) for index in range(draw(st.integers(1, 5)))]
        cells += new
        added = [
            Sum(
                tuple(draw(st.lists(st.sampled_from(cells), min_size=1, max_size=3))),
                draw(st.sampled_from(new)),
            )
            for _ in range(draw(st.integers(1, 5)))
        ]
        as_the_year = draw(st.booleans())
        chosen = [key for key in cells if draw(st.booleans())]
        steps.append((added, chosen, as_the_year))
    return steps


@settings(max_examples=200, deadline=None)
@given(_growing_sums())
def test_determined_by_form_property_agrees_with_the_plain_elimination(
    steps: list[tuple[list[Sum], list[Hashable], bool]],
) -> None:
    # Every component is large enough to keep its reduced form, so each call after the
    # first may eliminate on from an earlier form.
    sums: list[Sum] = []
    answers, expected = [], []
    unknown: list[Hashable] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(disclosure_echelon, "SEED_SIZE", 1)
        by_component = disclosure_echelon.Determined(sums)
        for added, chosen, as_the_year in steps:
            sums.extend(added)
            if as_the_year:
                known = determined(sums, unknown) if unknown else set()
                step = {key for key in chosen if key[0] == added[0].total[0]}  # type: ignore[index]
                unknown = [key for key in unknown if key not in known] + sorted(step)  # type: ignore[type-var]
            else:
                unknown = chosen
            answers.append(by_component(unknown))
            expected.append(determined(sums, unknown))

    assert answers == expected
