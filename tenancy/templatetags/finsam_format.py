"""Swedish number formats for templates: ``1 290 000 kr``, ``25 %``, TSEK."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from html import escape
from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

NBSP = "\xa0"


def group_thousands(value: int) -> str:
    """``1290000`` -> ``1 290 000`` (non-breaking spaces, minus sign kept)."""
    return f"{value:,}".replace(",", NBSP)


@register.filter
def sek(value: Any) -> str:
    """Whole kronor: ``1 290 000 kr``; empty for None."""
    if value is None or value == "":
        return ""
    amount = int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return f"{group_thousands(amount)}{NBSP}kr"


@register.filter
def tsek(value: Any) -> str:
    """Thousands of kronor rounded half up: ``1 290`` for 1 290 000."""
    if value is None or value == "":
        return ""
    amount = int((Decimal(value) / 1000).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return group_thousands(amount)


@register.filter
def percent(value: Any) -> str:
    """``25`` -> ``25 %``, ``33.33`` -> ``33,33 %``; ``–`` for None."""
    if value is None or value == "":
        return "–"
    number = Decimal(value).normalize()
    text = f"{number:f}".replace(".", ",")
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return f"{text}{NBSP}%"


@register.filter
def num(value: Any) -> str:
    """A whole number with Swedish grouping: ``12 345``; empty for None."""
    if value is None or value == "":
        return ""
    return group_thousands(int(value))


@register.filter
def display(obj: Any, name: str) -> Any:
    """``{{ intervention|display:"kind" }}``: ``intervention.get_kind_display`` without
    translating every label of the field per call (``tenancy.labels``)."""
    from tenancy.labels import choice_label

    return choice_label(obj, name)


@register.filter
def sek_cells(amounts: Any) -> SafeString:
    """``{{ amounts|sek_cells }}``: what ``{% for amount in amounts %}<td class="num">{{
    amount|sek|default:"–" }}</td>{% endfor %}`` writes, in one filter (the budget page has
    some 1 000 such cells; the loop was a third of the page's CPU)."""
    return mark_safe(  # noqa: S308 - every text is escaped
        "".join(f'<td class="num">{escape(sek(amount) or "–")}</td>' for amount in amounts)
    )
