"""Template helpers of the memo page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template
from django.utils.safestring import SafeString

from documents.memo.html import heading_tags, table_html
from documents.memo.model import Table

register = template.Library()


@register.filter
def item(mapping: Mapping[str, Any] | None, key: str) -> Any:
    """``mapping[key]``, or "" when missing (``{{ images|item:chart.key }}``)."""
    if not mapping:
        return ""
    return mapping.get(key, "")


@register.simple_tag
def memo_table(table: Table) -> SafeString:
    """A memo table (``documents.memo.html.table_html``)."""
    return table_html(table)


@register.filter
def with_headings(sections: list[Any]) -> list[tuple[Any, str]]:
    """Each section with its heading tag, levels in order (``html.heading_tags``)."""
    return list(zip(sections, heading_tags(s.level for s in sections), strict=True))
