"""The range check's index of the sums (``RangeState.sums_of`` / ``cells_of``) and the
sums' own constructor against their plain definitions (docs/performance.md, "Memo JSON
under 300 ms")."""

from __future__ import annotations

import dataclasses
import pickle
from collections.abc import Hashable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stats.disclosure import Sum, Table
from stats.disclosure_echelon import Determined, determined
from stats.disclosure_ranges import RangeState

CELLS = st.sampled_from([("a",), ("b",), ("c", 1), ("d", 2, "x"), "e", 7])


@st.composite
def _sums(draw: st.DrawFn) -> list[Sum]:
    """Sums whose parts may repeat a cell or hold their own total."""
    return [
        Sum(tuple(draw(st.lists(CELLS, min_size=0, max_size=5))), draw(CELLS))
        for _ in range(draw(st.integers(min_value=0, max_value=8)))
    ]


def _plain_sums_of(sums: list[Sum], key: Hashable) -> list[int]:
    return [number for number, each in enumerate(sums) if key in (*each.parts, each.total)]


@given(_sums(), st.integers(min_value=0, max_value=8))
def test_range_index_property_agrees_with_the_plain_definition(sums: list[Sum], grown: int) -> None:
    table = Table(sums=list(sums[:grown]))
    state = RangeState(table)
    state.sums_of(("a",))  # indexed, then the table grows (as the year's does)
    table.sums.extend(sums[grown:])
    keys = {key for each in sums for key in (*each.parts, each.total)}

    index = (
        {key: state.sums_of(key) for key in keys},
        [list(dict.fromkeys(state.cells_of(n))) for n in range(len(sums))],
    )

    assert index == (
        {key: _plain_sums_of(sums, key) for key in keys},
        [list(dict.fromkeys((*each.parts, each.total))) for each in sums],
    )


def test_sum_constructor_is_the_frozen_dataclass_one() -> None:
    made = Sum((("a",), ("b",)), ("t",))

    with pytest.raises(dataclasses.FrozenInstanceError):
        made.total = ("u",)  # type: ignore[misc]
    assert (
        made,
        hash(made) == hash(Sum((("a",), ("b",)), ("t",))),
        repr(made),
        [field.name for field in dataclasses.fields(Sum)],
        pickle.loads(pickle.dumps(made)),  # noqa: S301  our own bytes
        dataclasses.replace(made, total=("u",)),
    ) == (
        Sum(parts=(("a",), ("b",)), total=("t",)),
        True,
        "Sum(parts=(('a',), ('b',)), total=('t',))",
        ["parts", "total"],
        made,
        Sum((("a",), ("b",)), ("u",)),
    )


@given(_sums(), st.lists(CELLS, unique=True), st.lists(CELLS, unique=True))
def test_determined_components_property_agree_with_one_elimination(
    sums: list[Sum], unknown: list[Hashable], later: list[Hashable]
) -> None:
    """Components of one constraint answered directly, larger ones looked up; twice on
    the same sums (the second call answers from what the first kept)."""
    components = Determined(sums)

    answers = (components(unknown), components(later), components(unknown))

    assert answers == (
        determined(sums, unknown),
        determined(sums, later),
        determined(sums, unknown),
    )
