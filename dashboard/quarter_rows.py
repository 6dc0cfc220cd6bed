"""The rows of the quarter overview's table as HTML, written in Python: the same text as the
template's loop (``dashboard/quarter.html`` wrote them until 2026-12), in a fraction of its
time. The office's and the board's quarter overviews list every running intervention, and
their rows (four links, translations and formats each) were half of the page's CPU
(docs/performance.md, "The pages' own cost"). ``dashboard/tests/test_quarter_rows.py``
compares the text with the former loop."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any

from django.utils.formats import localize
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.translation import gettext

from followup.services import DueStatus
from followup.templatetags.followup_format import colour_class, status_class
from stats.periods import Period
from tenancy.labels import choice_label
from tenancy.templatetags.finsam_format import percent, sek
from tenancy.templatetags.finsam_urls import cached_reverse

if TYPE_CHECKING:
    from dashboard.overview import QuarterRow


def esc(value: Any) -> str:
    """``{{ value }}``: localised and escaped unless already safe."""
    if isinstance(value, SafeData):
        return str(value)
    return escape(str(localize(value)))


def _day(value: dt.date) -> str:
    """``{{ value|date:"Y-m-d" }}``."""
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


@dataclass(frozen=True)
class RowOptions:
    """What the page's context says about every row."""

    association_slug: str
    period: Period
    for_board: bool
    link_reports: bool
    can_review: bool
    can_override: bool
    current_app: str | None


def _url(name: str, options: RowOptions, *args: Any) -> str:
    return escape(cached_reverse(name, [options.association_slug, *args], {}, options.current_app))


def _report_cell(row: QuarterRow, options: RowOptions, name: str) -> str:
    due = row.due
    status = due.status
    label = esc(status.label)
    if row.is_missing:
        text = f'<strong class="{esc(status_class(status))}">{label}</strong>'
    else:
        text = f'<span class="{esc(status_class(status))}">{label}</span>'
    if due.submitted_late:
        text += f' <span class="status-warn">({esc(gettext("för sent"))})</span>'
    submitted_on = due.report.submitted_on if due.report is not None else None
    if submitted_on:
        when = gettext("inlämnad %(day)s") % {"day": _day(submitted_on)}
    else:
        when = gettext("sista dag %(day)s") % {"day": _day(due.deadline)}
    quarter = (str(options.period.year), options.period.last_quarter)
    pk = row.intervention.pk
    show = ""
    if options.link_reports:
        url = _url("followup:report_detail", options, pk, *quarter)
        show = (
            f'<br><a href="{url}">{esc(gettext("Visa rapporten"))}'
            f'<span class="visually-hidden"> {name}</span></a>'
        )
    review = ""
    if options.can_review and status == DueStatus.SUBMITTED:
        url = _url("followup:report_review", options, pk, *quarter)
        review = (
            f'<br><a href="{url}">{esc(gettext("Granska"))}'
            f'<span class="visually-hidden"> {name}</span></a>'
        )
    return (
        f"\n        {text}\n"
        f'        <br><span class="help">{when}</span>\n'
        f"        {show}\n"
        f"        {review}\n      "
    )


def _colour_cell(row: QuarterRow) -> str:
    if not row.colour:
        return "\n        –\n      "
    report = row.due.report
    assert report is not None  # noqa: S101 - a colour is a submitted report's
    label = esc(choice_label(report, "colour"))
    text = f'<span class="{esc(colour_class(row.colour))}">{label}</span>'
    if report.review_comment:
        text += f'<br><span class="help">{esc(report.review_comment)}</span>'
    return f"\n        {text}\n      "


def _status_cell(row: QuarterRow, options: RowOptions, name: str) -> str:
    result = row.status
    if result.status:
        text = f'<span class="{esc(result.css_class)}">{esc(result.status.label)}</span>'
    else:
        text = "–"
    note = ""
    if result.is_overridden:
        note = (
            f'<br><span class="help">{esc(gettext("Fastställd av kansliet:"))} '
            f"{esc(result.comment)}</span>"
        )
    elif result.status:
        note = f'<br><span class="help">{esc(gettext("föreslagen utifrån förbrukningen"))}</span>'
    override = ""
    if options.can_override:
        period = options.period
        url = _url(
            "finance:status_override",
            options,
            row.intervention.pk,
            str(period.year),
            period.last_quarter,
        )
        override = (
            f'<br><a href="{url}?period={esc(period.code)}">{esc(gettext("Fastställ status"))}'
            f'<span class="visually-hidden"> {name}</span></a>'
        )
    return f"\n        {text}\n        {note}\n        {override}\n      "


def _undecided_cell(row: QuarterRow, options: RowOptions, name: str) -> str:
    count = esc(row.undecided)
    if row.undecided and not options.for_board:
        url = _url("followup:deviation_list", options, row.intervention.pk)
        return (
            f'<a href="{url}">{count}<span class="visually-hidden"> '
            f"{esc(gettext('obeslutade avvikelser'))} {name}</span></a>"
        )
    return count


def quarter_rows_html(rows: Iterable[QuarterRow], options: RowOptions) -> SafeString:
    """The table body's rows (``{% url %}``, ``{% translate %}`` and ``{{ }}`` as the
    template wrote them: escaped, localised, dates ISO)."""
    parts = []
    for row in rows:
        intervention = row.intervention
        name = esc(intervention.display_name)
        timeline = _url("overview:timeline", options, intervention.pk)
        parts.append(
            "\n    <tr>\n"
            f'      <th scope="row"><a href="{timeline}">{esc(intervention.code)} {name}</a></th>\n'
            f"      <td>{_report_cell(row, options, name)}</td>\n"
            f"      <td>{_colour_cell(row)}</td>\n"
            f'      <td class="num">{esc(percent(row.period_ratio))}</td>\n'
            f'      <td class="num">{esc(percent(row.ytd_ratio))}</td>\n'
            f'      <td class="num">{esc(sek(row.figures.transferred))}</td>\n'
            f"      <td>{_status_cell(row, options, name)}</td>\n"
            f'      <td class="num">{_undecided_cell(row, options, name)}</td>\n'
            "    </tr>\n  "
        )
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
