"""Template helpers of the memo page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template
from django.utils.safestring import SafeString

from documents.memo.html import chart_svg, heading_tags, table_html
from documents.memo.model import Chart, Table
from documents.memo.svg import SvgChart

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


@register.simple_tag
def memo_chart_svg(chart: Chart, drawing: SvgChart) -> SafeString:
    """A memo chart as inline SVG (``documents.memo.html.chart_svg``)."""
    return chart_svg(chart, drawing)


@register.filter
def with_headings(sections: list[Any]) -> list[tuple[Any, str]]:
    """Each section with its heading tag, levels in order (``html.heading_tags``)."""
    return list(zip(sections, heading_tags(s.level for s in sections), strict=True))
