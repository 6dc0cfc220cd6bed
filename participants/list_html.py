"""The rows of an intervention's participant list as HTML, written in Python: the same text
as the template's loop (``participants/includes/participation_table.html`` wrote them until
2026-12), a tenth of its time. The list is the staff's most requested page; its 50 rows
were half of the page's CPU (docs/performance.md, "The pages' own cost")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from html import escape
from typing import Any, Protocol

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from tenancy.templatetags.finsam_urls import cached_reverse


class Row(Protocol):
    @property
    def participation(self) -> Any: ...
    @property
    def name(self) -> str: ...
    @property
    def gender(self) -> str: ...
    @property
    def exit_reason(self) -> str: ...


def _day(value: dt.date | None) -> str:
    """``{{ value|date:"Y-m-d" }}``."""
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}" if value else ""


def participation_rows_html(
    rows: Iterable[Row], *, association_slug: str, current_app: str | None
) -> SafeString:
    """The table body's rows (``{% url %}`` and ``{{ }}`` as the template wrote them:
    escaped, dates ISO)."""
    anonymous = escape(gettext("Anonym"))
    parts = []
    for row in rows:
        p = row.participation
        url = escape(
            cached_reverse("participants:detail", [association_slug, p.pk], {}, current_app)
        )
        if p.is_anonymous:
            cells = (
                f'<td><a href="{url}">{anonymous}</a></td>\n      <td></td>\n'
                f"      <td>{escape(row.gender)}</td>\n"
                f"      <td>{_day(p.entry_date)}</td>\n      <td></td>\n      <td></td>"
            )
        else:
            cells = (
                f'<td><a href="{url}">{escape(p.person.masked_personnummer)}</a></td>\n'
                f"      <td>{escape(row.name)}</td>\n"
                f"      <td>{escape(row.gender)}</td>\n"
                f"      <td>{_day(p.entry_date)}</td>\n"
                f"      <td>{_day(p.exit_date)}</td>\n"
                f"      <td>{escape(row.exit_reason)}</td>"
            )
        parts.append(f"\n    <tr>\n      \n      {cells}\n      \n    </tr>\n  ")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
