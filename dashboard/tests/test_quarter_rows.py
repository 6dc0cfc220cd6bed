"""The quarter overview's rows written in Python are the text the template's loop wrote,
for every kind of row and every combination of the page's options."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.template import engines
from django.test import RequestFactory
from django.urls import resolve, reverse

from dashboard.overview import QuarterRow
from dashboard.quarter_rows import RowOptions, quarter_rows_html
from finance.models import BudgetStatus, BudgetStatusOverride
from finance.queries import StatusResult
from followup.models import Colour, QuarterlyReport
from followup.services import DueReport, DueStatus
from interventions.models import Intervention
from stats.money import MoneyFigures
from stats.periods import Period

D = dt.date
PERIOD = Period(2025, 3, 3)

#: The loop of ``dashboard/quarter.html`` before it was replaced.
TEMPLATE_LOOP = "{% load i18n l10n finsam_format followup_format %}" + (
    "{% for row in overview.rows %}\n"
    "    <tr>\n"
    '      <th scope="row"><a href="{% url \'overview:timeline\' association.slug row.intervention.pk %}">{{ row.intervention.code }} {{ row.intervention.display_name }}</a></th>\n'  # noqa: E501
    "      <td>\n"
    '        {% if row.is_missing %}<strong class="{{ row.due.status|status_class }}">{{ row.due.status.label }}</strong>{% else %}<span class="{{ row.due.status|status_class }}">{{ row.due.status.label }}</span>{% endif %}{% if row.due.submitted_late %} <span class="status-warn">({% translate "för sent" %})</span>{% endif %}\n'  # noqa: E501
    '        <br><span class="help">{% if row.due.report.submitted_on %}{% blocktranslate with day=row.due.report.submitted_on|date:"Y-m-d" %}inlämnad {{ day }}{% endblocktranslate %}{% else %}{% blocktranslate with day=row.due.deadline|date:"Y-m-d" %}sista dag {{ day }}{% endblocktranslate %}{% endif %}</span>\n'  # noqa: E501
    '        {% if link_reports %}<br><a href="{% url \'followup:report_detail\' association.slug row.intervention.pk period.year|unlocalize period.last_quarter %}">{% translate "Visa rapporten" %}<span class="visually-hidden"> {{ row.intervention.display_name }}</span></a>{% endif %}\n'  # noqa: E501
    '        {% if can_review and row.due.status == "inlamnad" %}<br><a href="{% url \'followup:report_review\' association.slug row.intervention.pk period.year|unlocalize period.last_quarter %}">{% translate "Granska" %}<span class="visually-hidden"> {{ row.intervention.display_name }}</span></a>{% endif %}\n'  # noqa: E501
    "      </td>\n"
    "      <td>\n"
    '        {% if row.colour %}<span class="{{ row.colour|colour_class }}">{{ row.due.report|display:"colour" }}</span>{% if row.due.report.review_comment %}<br><span class="help">{{ row.due.report.review_comment }}</span>{% endif %}{% else %}–{% endif %}\n'  # noqa: E501
    "      </td>\n"
    '      <td class="num">{{ row.period_ratio|percent }}</td>\n'
    '      <td class="num">{{ row.ytd_ratio|percent }}</td>\n'
    '      <td class="num">{{ row.figures.transferred|sek }}</td>\n'
    "      <td>\n"
    '        {% if row.status.status %}<span class="{{ row.status.css_class }}">{{ row.status.status.label }}</span>{% else %}–{% endif %}\n'  # noqa: E501
    '        {% if row.status.is_overridden %}<br><span class="help">{% translate "Fastställd av kansliet:" %} {{ row.status.comment }}</span>{% elif row.status.status %}<br><span class="help">{% translate "föreslagen utifrån förbrukningen" %}</span>{% endif %}\n'  # noqa: E501
    '        {% if can_override %}<br><a href="{% url \'finance:status_override\' association.slug row.intervention.pk period.year|unlocalize period.last_quarter %}?period={{ period.code }}">{% translate "Fastställ status" %}<span class="visually-hidden"> {{ row.intervention.display_name }}</span></a>{% endif %}\n'  # noqa: E501
    "      </td>\n"
    '      <td class="num">{% if row.undecided and not for_board %}<a href="{% url \'followup:deviation_list\' association.slug row.intervention.pk %}">{{ row.undecided }}<span class="visually-hidden"> {% translate "obeslutade avvikelser" %} {{ row.intervention.display_name }}</span></a>{% else %}{{ row.undecided }}{% endif %}</td>\n'  # noqa: E501
    "    </tr>\n"
    "  {% endfor %}"
)


def report(
    status: str, *, colour: str = "", comment: str = "", on: D | None = None
) -> QuarterlyReport:
    return QuarterlyReport(status=status, colour=colour, review_comment=comment, submitted_on=on)


def rows() -> list[QuarterRow]:
    submitted = QuarterlyReport.Status.SUBMITTED
    cases = [
        (None, DueStatus.NOT_STARTED, MoneyFigures(), StatusResult(None), 0),
        (
            report(submitted, colour=Colour.RED, comment='Sen <start> & "oro"', on=D(2025, 11, 3)),
            DueStatus.SUBMITTED,
            MoneyFigures(100, 50, 400, 333, 12_500),
            StatusResult(BudgetStatus.WATCH),
            3,
        ),
        (
            report(submitted, colour=Colour.GREEN, on=D(2025, 10, 20)),
            DueStatus.SUBMITTED,
            MoneyFigures(0, 0, 1000, 1000, 0),
            StatusResult(
                BudgetStatus.OK,
                BudgetStatusOverride(status=BudgetStatus.ACTION, comment="Beslut <5>"),
            ),
            1234,
        ),
        (
            report(QuarterlyReport.Status.DRAFT),
            DueStatus.LATE,
            MoneyFigures(7, 3),
            StatusResult(None),
            0,
        ),
        (
            report(QuarterlyReport.Status.DRAFT),
            DueStatus.DRAFT,
            MoneyFigures(),
            StatusResult(BudgetStatus.ACTION),
            2,
        ),
        (None, DueStatus.NOT_DUE, MoneyFigures(3, 1, 9, 2, -400), StatusResult(None), 0),
    ]
    made = []
    for number, (row_report, status, figures, result, undecided) in enumerate(cases, start=1):
        intervention = Intervention(
            pk=number,
            code=f"I{number}",
            name=f"Insats <{number}> & co",
            short_name="" if number % 2 else "Kort",
        )
        due = DueReport(intervention, 2025, 3, D(2025, 10, 31), row_report, status)
        made.append(QuarterRow(due, figures, result, undecided))
    return made


@pytest.mark.parametrize(
    ("for_board", "link_reports", "can_review", "can_override"),
    list(itertools.product([False, True], repeat=4)),
)
def test_rows_html_equals_the_template_loop(
    for_board: bool, link_reports: bool, can_review: bool, can_override: bool
) -> None:
    path = reverse("overview:quarter", args=["exempel"])
    request = RequestFactory().get(path)
    request.resolver_match = resolve(path)
    shown = rows()
    context = {
        "overview": {"rows": shown},
        "association": {"slug": "exempel"},
        "period": PERIOD,
        "for_board": for_board,
        "link_reports": link_reports,
        "can_review": can_review,
        "can_override": can_override,
    }
    options = RowOptions(
        association_slug="exempel",
        period=PERIOD,
        for_board=for_board,
        link_reports=link_reports,
        can_review=can_review,
        can_override=can_override,
        current_app=request.resolver_match.namespace,
    )

    old = engines["django"].from_string(TEMPLATE_LOOP).render(context, request)
    new = (
        engines["django"]
        .from_string("{{ rows_html }}")
        .render({"rows_html": quarter_rows_html(shown, options)})
    )

    assert new == old
