"""``sek_cells`` writes what the budget page's loop of ``sek`` cells wrote."""

from __future__ import annotations

from decimal import Decimal

from django.template import engines
from hypothesis import given, settings
from hypothesis import strategies as st

LOOP = (
    "{% load finsam_format %}{% for amount in amounts %}"
    '<td class="num">{{ amount|sek|default:"–" }}</td>{% endfor %}'
)
FILTER = "{% load finsam_format %}{{ amounts|sek_cells }}"

AMOUNTS = st.one_of(
    st.none(),
    st.integers(-(10**9), 10**9),
    st.decimals(-(10**7), 10**7, places=2, allow_nan=False, allow_infinity=False),
    st.just(Decimal("0.5")),
)


@settings(max_examples=80, deadline=None)
@given(st.lists(AMOUNTS, max_size=8))
def test_sek_cells_any_amounts_equal_the_loop(amounts: list[object]) -> None:
    def render(source: str) -> str:
        return engines["django"].from_string(source).render({"amounts": amounts})

    assert render(FILTER) == render(LOOP)
