from __future__ import annotations

import copy
from collections.abc import Hashable, Mapping, Sequence
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stats.disclosure import Reason, Suppressed, Table, suppress, unsuppressed

P, S = Reason.PRIMARY, Reason.SECONDARY


def _counts(counts: Mapping[str, int], total: str = "total") -> Table:
    table = Table()
    table.add_counts(counts, total=total)
    return table


def _two_by_two(a: int, b: int, c: int, d: int) -> Table:
    table = Table()
    for key, value in {"a": a, "b": b, "c": c, "d": d}.items():
        table.add_cell(key, value)
    for key, value in {"r1": a + b, "r2": c + d, "c1": a + c, "c2": b + d}.items():
        table.add_cell(key, value)
    table.add_cell("all", a + b + c + d)
    table.add_sum(["a", "b"], "r1")
    table.add_sum(["c", "d"], "r2")
    table.add_sum(["a", "c"], "c1")
    table.add_sum(["b", "d"], "c2")
    table.add_sum(["r1", "r2"], "all")
    return table


def test_suppress_small_cell_in_a_row_with_total_hides_a_second_cell() -> None:
    table = _counts({"A": 3, "B": 10, "C": 7})

    result = suppress(table)

    assert (dict(result.hidden), [result.value(key) for key in ("A", "B", "C", "total")]) == (
        {"A": P, "C": S},
        ["..", 10, "..", 20],
    )


@pytest.mark.parametrize(
    ("row", "counts", "hidden"),
    [
        pytest.param(
            ("A", "registered"),
            {"women": 10, "men": 12, "total": 24},
            {("A", "registered", "women"): S},
            id="small_annat_hides_one_of_women_men_total",
        ),
        # total - men = 2 gives the women away to anyone who assumes annat is 0.
        pytest.param(
            ("A", "exited"),
            {"women": 2, "men": 10, "total": 12},
            {("A", "exited", "women"): P, ("A", "exited", "men"): S},
            id="small_women_with_annat_zero_hides_men_too",
        ),
        pytest.param(
            ("A", "exited"),
            {"women": 2, "men": 10, "total": 18},
            {("A", "exited", "women"): P},
            id="small_women_with_large_annat_hides_only_women",
        ),
    ],
)
def test_suppress_gender_split(
    row: tuple[str, str], counts: dict[str, int], hidden: dict[tuple[str, ...], Reason]
) -> None:
    table = Table()
    table.add_g(row, counts)

    result = suppress(table)

    assert dict(result.hidden) == hidden


def test_suppress_two_by_two_with_totals_hides_a_rectangle() -> None:
    table = _two_by_two(2, 10, 12, 15)

    result = suppress(table)

    assert (dict(result.hidden), [result.value(key) for key in ("r1", "r2", "c1", "c2")]) == (
        {"a": P, "b": S, "c": S, "d": S},
        [12, 27, 14, 25],
    )


def test_suppress_zero_cells_stay_published() -> None:
    table = _counts({"A": 0, "B": 0, "C": 12})

    result = suppress(table)

    assert ([result.value(key) for key in ("A", "B", "C", "total")], result.note) == (
        [0, 0, 12, 12],
        "Inga antal har dolts.",
    )


def test_suppress_zero_is_never_a_secondary_cell() -> None:
    table = _counts({"A": 3, "B": 0, "C": 12})

    result = suppress(table)

    assert [result.value(key) for key in ("A", "B", "C", "total")] == ["..", 0, "..", 15]


def test_suppress_threshold_three_shows_three_and_four() -> None:
    table = _counts({"A": 3, "B": 4, "C": 9})

    result = suppress(table, 3)

    assert (dict(result.hidden), result.note) == ({}, "Inga antal har dolts.")


def test_suppress_threshold_five_hides_three_and_four() -> None:
    table = _counts({"A": 3, "B": 4, "C": 9})

    result = suppress(table, 5)

    assert (dict(result.hidden), [result.value(key) for key in ("A", "B", "C", "total")]) == (
        {"A": P, "B": P},
        ["..", "..", 9, 16],
    )


def test_suppress_threshold_six_marks_cells_with_its_own_threshold() -> None:
    table = _counts({"A": 5, "B": 5, "C": 9})

    result = suppress(table, 6)

    assert [result.value(key) for key in ("A", "B", "C", "total")] == ["..", "..", 9, 19]


@pytest.mark.parametrize("k", [2, 1, 0, -5])
def test_suppress_threshold_below_three_is_refused(k: int) -> None:
    with pytest.raises(ValueError, match="minst 3"):
        suppress(_counts({"A": 1}), k)


def test_suppress_secondary_cell_of_any_size_reads_like_a_primary_one() -> None:
    # A secondary cell of 52 must not read "<5": every hidden cell is "..".
    result = suppress(_counts({"A": 3, "B": 52, "C": 70}), 5)

    assert ([result.value(key) for key in ("A", "B", "C", "total")], result.secondary) == (
        ["..", "..", 70, 125],
        ["B"],
    )


def test_suppress_note_says_what_the_marker_hides_whatever_the_reason() -> None:
    primary_only = suppress(_counts({"A": 1, "B": 1, "C": 9}), 3)
    with_secondary = suppress(_two_by_two(2, 10, 12, 15))

    assert (primary_only.note, with_secondary.note) == (
        "..: uppgiften visas inte eftersom den kan röja enskilda personer: antal 1–2 och "
        "antal som annars skulle kunna räknas fram.",
        "..: uppgiften visas inte eftersom den kan röja enskilda personer: antal 1–4 och "
        "antal som annars skulle kunna räknas fram.",
    )


def test_suppress_g_table_with_total_row() -> None:
    table = Table()
    table.add_g_rows(
        {
            "A": {"exited": {"women": 3, "men": 12, "total": 15}},
            "B": {"exited": {"women": 14, "men": 9, "total": 23}},
        },
        total_row="total",
    )

    result = suppress(table)

    assert (
        dict(result.hidden),
        [result.value(("total", "exited", gender)) for gender in ("women", "men", "total")],
    ) == (
        {
            ("A", "exited", "women"): P,
            ("A", "exited", "men"): S,
            ("B", "exited", "men"): S,
            ("B", "exited", "women"): S,
        },
        [17, 21, 38],
    )


def test_share_hidden_when_numerator_or_denominator_hidden() -> None:
    table = _counts({"A": 3, "B": 10, "C": 7, "D": 20}, total="total")
    result = suppress(table)

    assert [
        result.share("A", "total", 6),
        result.share("B", "total", 25),
        result.share("B", "C", 143),
        result.share("D", "B", 200),
    ] == ["..", 25, "..", 200]


def test_share_with_empty_denominator_stays_empty() -> None:
    result = suppress(_counts({"A": 0, "B": 0}))

    assert result.share("A", "total", None) is None


def test_share_of_small_unpublished_cell_is_hidden() -> None:
    table = Table()
    table.add_g(("A", "active"), {"women": 10, "men": 12, "total": 24})

    result = suppress(table)

    assert result.share(("A", "active", "annat"), ("A", "active", "total"), 8) == ".."


def test_value_of_unpublished_cell_is_refused() -> None:
    table = Table()
    table.add_g(("A", "active"), {"women": 10, "men": 12, "total": 30})
    result = suppress(table)

    with pytest.raises(KeyError):
        result.value(("A", "active", "annat"))


def test_unsuppressed_shows_every_count() -> None:
    result = unsuppressed(_counts({"A": 3, "B": 10, "C": 7}))

    assert ([result.value(key) for key in ("A", "B", "C", "total")], result.note) == (
        [3, 10, 7, 20],
        "Alla antal visas, utan röjandeskydd.",
    )


def test_table_sum_that_does_not_add_up_is_refused() -> None:
    table = Table()
    table.add_cell("a", 1)
    table.add_cell("t", 2)

    with pytest.raises(ValueError, match="add up"):
        table.add_sum(["a"], "t")


def test_table_negative_count_is_refused() -> None:
    with pytest.raises(ValueError, match=">= 0"):
        Table().add_cell("a", -1)


def test_table_same_cell_twice_with_other_value_is_refused() -> None:
    table = Table()
    table.add_cell("a", 1)
    table.add_cell("a", 1)

    with pytest.raises(ValueError, match="twice"):
        table.add_cell("a", 2)


# Property tests over generated G tables.

# Many small values: 0..6 twice as likely as the rest.
_count = st.sampled_from([*range(7), *range(31)])
_other = st.sampled_from([0, 0, 0, *range(7), *range(31)])
_g = st.builds(lambda w, m, a: {"women": w, "men": m, "total": w + m + a}, _count, _count, _other)
_measures = ("exited", "to_work")


@st.composite
def _g_tables(draw: st.DrawFn) -> tuple[Table, int]:
    rows = draw(st.lists(st.tuples(_g, _g), min_size=1, max_size=8))
    table = Table()
    table.add_g_rows(
        {f"I{index}": dict(zip(_measures, row, strict=True)) for index, row in enumerate(rows)},
        total_row="total" if draw(st.booleans()) else None,
    )
    for row in [*(f"I{index}" for index in range(len(rows))), "total"]:
        for gender in ("women", "men", "total"):
            if (row, "exited", gender) in table.values:
                table.add_share((row, "to_work", gender), (row, "exited", gender))
    return table, draw(st.integers(3, 6))


def _kernel(matrix: list[list[Fraction]], width: int) -> list[list[Fraction]]:
    """A basis of {d : matrix d = 0}, by row reduction that takes the columns from the
    last to the first (the opposite order of stats.disclosure)."""
    rows = [list(row) for row in matrix]
    pivot_of: dict[int, int] = {}  # column -> row
    next_row = 0
    for column in reversed(range(width)):
        found = next(
            (r for r in range(next_row, len(rows)) if rows[r][column] != 0),
            None,
        )
        if found is None:
            continue
        rows[next_row], rows[found] = rows[found], rows[next_row]
        lead = rows[next_row][column]
        rows[next_row] = [value / lead for value in rows[next_row]]
        nonzero = [(c, value) for c, value in enumerate(rows[next_row]) if value != 0]
        for r in range(len(rows)):
            if r != next_row and rows[r][column] != 0:
                factor = rows[r][column]
                for c, value in nonzero:
                    rows[r][c] -= factor * value
        pivot_of[column] = next_row
        next_row += 1
    basis = []
    for free in range(width):
        if free in pivot_of:
            continue
        vector = [Fraction(0)] * width
        vector[free] = Fraction(1)
        for column, r in pivot_of.items():
            vector[column] = -rows[r][free]
        basis.append(vector)
    return basis


def _sum_matrix(
    table: Table, free: Sequence[Hashable]
) -> tuple[dict[Hashable, int], list[list[Fraction]]]:
    """The column of each ``free`` cell and the sums of ``table`` as rows over them
    (parts +1, total -1; the other cells are known)."""
    column = {key: index for index, key in enumerate(free)}
    matrix = []
    for constraint in table.sums:
        row = [Fraction(0)] * len(free)
        for key in constraint.parts:
            if key in column:
                row[column[key]] += 1
        if constraint.total in column:
            row[column[constraint.total]] -= 1
        matrix.append(row)
    return column, matrix


def _pinned(table: Table, result: Suppressed, targets: list[Hashable]) -> list[Hashable]:
    """The targets that take the same value in every non-negative solution of the sums that
    agrees with every shown cell, every fixed cell (known from another table) and every
    unpublished 0 (which the attacker may guess). For each target we build a second
    solution, along a null-space vector of the free cells, and check it against the sums
    directly."""
    free = [
        key
        for key, value in table.values.items()
        if key not in table.fixed
        and (key in result.hidden or (not table.published[key] and value > 0))
    ]
    column, matrix = _sum_matrix(table, free)
    kernel = _kernel(matrix, len(free))
    truth = [Fraction(table.values[key]) for key in free]
    pinned = []
    for target in targets:
        direction = next((d for d in kernel if d[column[target]] != 0), None)
        if direction is None:
            pinned.append(target)
            continue
        step = min(
            [Fraction(1)] + [v / (-2 * d) for v, d in zip(truth, direction, strict=True) if d < 0]
        )
        other = {key: truth[i] + step * direction[i] for i, key in enumerate(free)}
        values = {key: Fraction(value) for key, value in table.values.items()} | other
        if not (
            all(value >= 0 for value in values.values())
            and all(
                sum(values[key] for key in constraint.parts) == values[constraint.total]
                for constraint in table.sums
            )
            and other[target] != table.values[target]
        ):
            pinned.append(target)
    return pinned


@settings(max_examples=200, deadline=None)
@given(_g_tables())
def test_suppress_property_no_small_count_is_shown(table_and_k: tuple[Table, int]) -> None:
    table, k = table_and_k

    result = suppress(table, k)

    shown = [result.value(key) for key, published in table.published.items() if published]
    assert [value for value in shown if isinstance(value, int) and 1 <= value < k] == []


@settings(max_examples=200, deadline=None)
@given(_g_tables())
def test_suppress_property_no_hidden_cell_can_be_recomputed(
    table_and_k: tuple[Table, int],
) -> None:
    table, k = table_and_k

    result = suppress(table, k)

    protected = [
        key
        for key, value in table.values.items()
        if key in result.hidden or (not table.published[key] and 1 <= value < k)
    ]
    assert _pinned(table, result, protected) == []


@settings(max_examples=200, deadline=None)
@given(_g_tables())
def test_suppress_property_is_deterministic(table_and_k: tuple[Table, int]) -> None:
    table, k = table_and_k

    first, second = suppress(table, k), suppress(copy.deepcopy(table), k)

    assert list(first.hidden.items()) == list(second.hidden.items())


@settings(max_examples=200, deadline=None)
@given(_g_tables())
def test_suppress_property_share_hidden_iff_a_side_is_hidden(
    table_and_k: tuple[Table, int],
) -> None:
    table, k = table_and_k

    result = suppress(table, k)

    assert [result.share(n, d, 50) == ".." for n, d in table.shares] == [
        n in result.hidden or d in result.hidden for n, d in table.shares
    ]
