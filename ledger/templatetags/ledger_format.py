"""Ledger amounts with öre: ``-1 234,50``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from tenancy.templatetags.finsam_format import NBSP

register = template.Library()


@register.filter
def ore(value: Any) -> str:
    if value is None or value == "":
        return ""
    text = f"{Decimal(value):,.2f}"
    return text.replace(",", NBSP).replace(".", ",")
