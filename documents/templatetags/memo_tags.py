"""Template helpers of the memo page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template

register = template.Library()


@register.filter
def item(mapping: Mapping[str, Any] | None, key: str) -> Any:
    """``mapping[key]``, or "" when missing (``{{ images|item:chart.key }}``)."""
    if not mapping:
        return ""
    return mapping.get(key, "")
