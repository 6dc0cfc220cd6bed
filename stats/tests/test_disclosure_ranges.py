"""Range protection (``stats.disclosure_ranges``): no hidden small count is narrowed to
fewer than k - 1 values by the shown cells, "hidden >= 1" and "unpublished >= 0"."""

from __future__ import annotations

from collections.abc import Hashable

from stats.disclosure import Reason, Table, suppress, suppress_exact
from stats.disclosure_ranges import narrow, widen
from stats.tests import attacker_year
from stats.tests.attacker import Attack


def _two_parts(a: int, b: int) -> Table:
    table = Table()
    table.add_counts({("a",): a, ("b",): b}, total=("total",))
    return table


def test_narrow_finds_two_hidden_parts_of_a_small_shown_sum() -> None:
    table = _two_parts(1, 6)
    hidden: dict[Hashable, Reason] = {("a",): Reason.PRIMARY, ("b",): Reason.SECONDARY}

    assert narrow(table, 5, [("a",)], hidden) == []
    assert narrow(table, 5, [("a",)], {**hidden}) == []
    small = _two_parts(1, 3)
    assert narrow(small, 5, [("a",), ("b",)], hidden) == [("a",), ("b",)]


def test_narrow_is_empty_when_the_range_is_k_minus_one_values() -> None:
    # a + b = 5 with both hidden: a is 1..4, four values, as wide as "1-4".
    table = _two_parts(1, 4)

    found = narrow(table, 5, [("a",), ("b",)], {("a",): Reason.PRIMARY, ("b",): Reason.PRIMARY})

    assert found == []


def test_exact_suppression_alone_leaves_a_narrow_cell_that_suppress_widens() -> None:
    # Anonymous participations 1, 2, 30, 40 with a shown total 73: the exact check is
    # content with hiding 1 and 2 (neither can be recomputed), but 73 - 30 - 40 = 3 pins
    # each to 1 or 2; hiding 30 as well leaves 1..32.
    table = Table()
    table.add_counts({("a",): 1, ("b",): 2, ("c",): 30, ("d",): 40}, total=("total",))
    exact = suppress_exact(table, 5)

    result = suppress(table, 5)

    assert (
        sorted(map(str, exact.hidden)),
        narrow(table, 5, exact.sensitive, exact.hidden),
        sorted(map(str, result.hidden)),
        narrow(table, 5, result.sensitive, result.hidden),
    ) == (["('a',)", "('b',)"], [("a",), ("b",)], ["('a',)", "('b',)", "('c',)"], [])


def test_widen_gives_up_on_a_cell_no_shown_cell_can_widen() -> None:
    table = _two_parts(1, 2)
    table.fix(("total",))
    given_up: set[object] = set()

    added = widen(
        table, 5, [("a",), ("b",)], {("a",): Reason.PRIMARY, ("b",): Reason.PRIMARY}, given_up
    )

    assert (added, given_up) == ({}, {("a",), ("b",)})


def test_suppress_result_agrees_with_the_independent_range_attacker() -> None:
    table = Table()
    table.add_g_rows(
        {
            "r1": {"m": {"women": 1, "men": 2, "total": 3}},
            "r2": {"m": {"women": 20, "men": 30, "total": 50}},
            "r3": {"m": {"women": 12, "men": 18, "total": 30}},
        },
        total_row="all",
    )
    result = suppress(table, 5)
    attack = Attack(threshold=5)

    def cell(key: Hashable) -> tuple[str, ...]:
        assert isinstance(key, tuple)
        return tuple(str(part) for part in key)

    for key, value in table.values.items():
        shown = result.value(key) if table.published[key] else None
        attack.cell(cell(key), value, shown)
    for constraint in table.sums:
        attack.add_sum([cell(part) for part in constraint.parts], cell(constraint.total))

    assert (attack.leaks(), attacker_year.narrow(attack)) == ([], [])
