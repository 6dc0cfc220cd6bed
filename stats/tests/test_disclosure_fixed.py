"""Fixed cells: counts the reader already has from another published table."""

from __future__ import annotations

from collections.abc import Hashable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stats.disclosure import Reason, Suppressed, Table, suppress
from stats.tests.test_disclosure import _g_tables, _pinned

P, S = Reason.PRIMARY, Reason.SECONDARY


def _counts(counts: dict[str, int], *, fixed: tuple[str, ...] = ()) -> Table:
    table = Table()
    table.add_counts(counts, total="total")
    for key in fixed:
        table.fix(key)
    return table


def _protected(table: Table, result: Suppressed, k: int) -> list[Hashable]:
    """The cells the attacker must not pin: hidden or small unpublished ones, unless fixed."""
    return [
        key
        for key, value in table.values.items()
        if key not in table.fixed
        and (key in result.hidden or (not table.published[key] and 1 <= value < k))
    ]


def test_suppress_fixed_cell_is_not_hidden_and_another_is() -> None:
    table = _counts({"A": 3, "B": 10, "C": 7}, fixed=("C",))

    result = suppress(table)

    assert dict(result.hidden) == {"A": P, "B": S}


def _reasons_and_all(rows: dict[str, dict[str, int]]) -> Table:
    """Gender rows, each ``(name,)``; the last (``all``) is the sum of the others in
    every gender."""
    table = Table()
    for name, counts in rows.items():
        table.add_g((name,), counts)
    *reasons, total = rows
    for gender in ("women", "men", "total", "annat"):
        table.add_sum([(reason, gender) for reason in reasons], (total, gender))
    return table


def _two_reasons_and_all() -> Table:
    return _reasons_and_all(
        {
            "work": {"women": 4, "men": 1, "total": 5},
            "rehab": {"women": 2, "men": 0, "total": 2},
            "all": {"women": 6, "men": 1, "total": 7},
        }
    )


def test_suppress_fixed_total_stays_published_and_other_cells_are_hidden() -> None:
    free, fixed = _two_reasons_and_all(), _two_reasons_and_all()
    fixed.fix(("all", "total"))

    free_result, fixed_result = suppress(free), suppress(fixed)

    assert (free_result.secondary, fixed_result.secondary) == (
        [("all", "total")],
        [("work", "total"), ("all", "women")],
    )


def test_suppress_small_fixed_cell_is_hidden_and_the_note_says_so() -> None:
    table = _counts({"A": 3, "B": 10, "C": 7}, fixed=("A",))

    result = suppress(table)

    assert (dict(result.hidden), result.note) == (
        {"A": P},
        "..: uppgiften visas inte eftersom den kan röja enskilda personer: antal 1–4 och "
        "antal som annars skulle kunna räknas fram. 1 dold uppgift redovisas också i en "
        "annan tabell och kan inte skyddas här.",
    )


def test_suppress_cell_determined_by_fixed_cells_is_refused() -> None:
    table = _counts({"A": 3, "B": 10}, fixed=("B", "total"))

    with pytest.raises(ValueError, match="known from other tables"):
        suppress(table)


def test_suppress_fixed_women_and_total_hide_the_men_with_a_rectangle() -> None:
    # The exit-reason pattern: a small reason whose women and total are hidden; the
    # group's women and total are fixed, so the cycle closes through a second reason.
    table = _reasons_and_all(
        {
            "small": {"women": 1, "men": 0, "total": 1},
            "large": {"women": 6, "men": 8, "total": 14},
            "all": {"women": 7, "men": 8, "total": 15},
        }
    )
    table.fix(("all", "women"))
    table.fix(("all", "total"))

    result = suppress(table)

    assert dict(result.hidden) == {
        ("small", "women"): P,
        ("small", "total"): P,
        ("large", "women"): S,
        ("large", "total"): S,
    }


def test_table_fix_by_add_cell_twice_keeps_the_cell_fixed() -> None:
    table = Table()
    table.add_cell("a", 7, fixed=True)
    table.add_cell("a", 7)

    assert table.fixed == {"a"}


def test_table_fix_unknown_cell_is_refused() -> None:
    with pytest.raises(KeyError):
        Table().fix("a")


@st.composite
def _tables_with_fixed_cells(draw: st.DrawFn) -> tuple[Table, int]:
    table, k = draw(_g_tables())
    published = [key for key, shown in table.published.items() if shown]
    for key in draw(st.lists(st.sampled_from(published), max_size=6, unique=True)):
        table.fix(key)
    return table, k


@settings(max_examples=150, deadline=None)
@given(_tables_with_fixed_cells())
def test_suppress_property_fixed_cells_are_never_secondary_and_nothing_is_pinned(
    table_and_k: tuple[Table, int],
) -> None:
    table, k = table_and_k

    try:
        result = suppress(table, k)
    except ValueError:
        # Justified only if the fixed and zero cells alone pin a small count: even with
        # every other positive cell hidden, the attacker recomputes one.
        everything = {
            key: S
            for key, value in table.values.items()
            if table.published[key] and value > 0 and key not in table.fixed
        }
        worst = Suppressed(table, k, True, everything, frozenset())
        small = [
            key for key, value in table.values.items() if 1 <= value < k and key not in table.fixed
        ]
        assert _pinned(table, worst, small) != []
        return

    shown = [result.value(key) for key, published in table.published.items() if published]
    assert (
        [key for key in result.secondary if key in table.fixed],
        [value for value in shown if isinstance(value, int) and 1 <= value < k],
        _pinned(table, result, _protected(table, result, k)),
    ) == ([], [], [])
