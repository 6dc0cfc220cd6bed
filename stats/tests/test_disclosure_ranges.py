"""Range protection (``stats.disclosure_ranges``, docs/disclosure.md "Ranges"): no hidden
small count can be narrowed to fewer than k - 1 values, checked by the independent
attacker (``attacker_year.ranges``: scipy's LP, written apart from the protection), and
the work is bounded by counted LP solves (never by timing)."""

from __future__ import annotations

from collections.abc import Mapping

from hypothesis import given, settings
from hypothesis import strategies as st

from stats.disclosure import Suppressed, Table, suppress, suppress_exact
from stats.disclosure_ranges import RangeState, narrow, widen
from stats.tests import attacker_year
from stats.tests.attacker import Attack

K = 5


def _attack(result: Suppressed) -> Attack:
    """What a reader of ``result`` knows, for the independent attacker."""
    table = result.table
    attack = Attack(threshold=result.threshold)
    for key, value in table.values.items():
        cell = key if isinstance(key, tuple) else (key,)
        shown: object = None
        if table.published[key]:
            shown = ".." if result.is_hidden(key) else value
        attack.cell(cell, value, shown)
        if key in table.fixed:
            attack.known.add(cell)
        if key in table.linking:
            attack.linking.add(cell)
    for constraint in table.sums:
        attack.add_sum(
            [p if isinstance(p, tuple) else (p,) for p in constraint.parts],
            constraint.total if isinstance(constraint.total, tuple) else (constraint.total,),
        )
    return attack


def _narrowed(result: Suppressed) -> list[tuple[object, float, float]]:
    return [(r.cell, r.lo, r.hi) for r in attacker_year.narrow(_attack(result))]


def _two_small_of_a_total() -> Table:
    table = Table()
    table.add_counts({("a",): 1, ("b",): 2, ("c",): 30, ("d",): 40}, total=("total",))
    return table


def test_exact_suppression_leaves_two_small_counts_of_a_shown_total_narrow() -> None:
    """The attack of issue 18.5 in small: a shown total 73 and shown 30 and 40 pin the two
    hidden counts to 1-2, which exact suppression alone does not prevent."""
    result = suppress_exact(_two_small_of_a_total(), K)

    assert (sorted(result.hidden, key=repr), _narrowed(result)) == (
        [("a",), ("b",)],
        [(("a",), 1.0, 2.0), (("b",), 1.0, 2.0)],
    )


def test_range_protection_hides_one_more_count_of_two_small_counts_total() -> None:
    """Hiding 40 too leaves a + b + 40 = 43 (each hidden count 1 to 42)."""
    result = suppress(_two_small_of_a_total(), K)

    assert (sorted(result.hidden, key=repr), _narrowed(result), result.primary) == (
        [("a",), ("b",), ("d",)],
        [],
        [("a",), ("b",)],
    )


def _g_table(rows: Mapping[str, tuple[int, int, int]]) -> Table:
    table = Table()
    table.add_g_rows(
        {
            code: {"registered": {"women": w, "men": m, "total": w + m + other}}
            for code, (w, m, other) in rows.items()
        },
        total_row="all",
    )
    return table


@settings(max_examples=40, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["A", "B", "C", "D", "E"]),
        st.tuples(
            st.integers(min_value=0, max_value=12),
            st.integers(min_value=0, max_value=12),
            st.integers(min_value=0, max_value=2),
        ),
        min_size=1,
        max_size=5,
    )
)
def test_suppressed_g_table_leaves_no_small_count_narrow_or_determined(
    rows: dict[str, tuple[int, int, int]],
) -> None:
    result = suppress(_g_table(rows), K)
    attack = _attack(result)

    assert (attack.leaks(), attacker_year.narrow(attack)) == ([], [])


def test_component_is_decided_once_until_a_cell_of_it_changes() -> None:
    """Counted work: a second check of the same hidden cells spends no LP solve."""
    table = _g_table({"A": (2, 1, 0), "B": (10, 12, 0), "C": (7, 9, 0), "D": (3, 20, 0)})
    result = suppress_exact(table, K)
    state = RangeState(table)

    first = narrow(state, K, result.sensitive, result.hidden)
    spent = state.solves
    second = narrow(state, K, result.sensitive, result.hidden)

    assert (first, second, state.solves == spent, spent > 0) == (second, first, True, True)


def test_spent_budget_withholds_the_part_of_the_undecided_cells() -> None:
    """The fallback: with no LP solve left, every count of the part linked to an
    undecided small count that may be hidden is hidden (nothing is left to chance)."""
    table = _two_small_of_a_total()
    table.add_counts({("x",): 50, ("y",): 60}, total=("other total",))
    result = suppress_exact(table, K)
    state = RangeState(table, budget=0)

    added = widen(state, K, result.sensitive, result.hidden)

    assert (sorted(added, key=repr), sorted(state.withheld, key=repr), state.solves) == (
        [("c",), ("d",), ("total",)],
        [("a",), ("b",)],
        0,
    )


def test_budget_bounds_the_solves_of_one_suppression() -> None:
    """Many narrow cells, a small budget: the solves never exceed it, and the result is
    still safe for the attacker (the rest is withheld)."""
    table = Table()
    counts = {(f"r{n}",): 1 + n % 4 for n in range(30)} | {("big",): 200}
    table.add_counts(counts, total=("total",))
    state = RangeState(table, budget=6)

    result = suppress(table, K, range_state=state)

    assert (state.solves <= 6, bool(state.withheld), _narrowed(result)) == (True, True, [])


def test_cell_no_shown_cell_can_widen_is_given_up() -> None:
    """Bounded by a cell known from another table alone: nothing here can widen it."""
    table = Table()
    table.add_counts({("a",): 1, ("b",): 2}, total=("total",))
    table.fix(("total",))
    result = suppress_exact(table, K)
    state = RangeState(table)

    added = widen(state, K, result.sensitive, result.hidden)

    assert (added, sorted(state.given_up, key=repr)) == ({}, [("a",), ("b",)])
