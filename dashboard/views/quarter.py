"""The quarter overviews: the office's (``overview:quarter``, with links to the reports,
their review and the budget status) and the board's read-only one
(``overview:board_quarter``). ``?kvartal=2022Q3``; the last ended quarter by default."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from dashboard.forms import QuarterForm
from dashboard.overview import last_ended_quarter, quarter_overview, shift_quarter
from dashboard.quarter_rows import RowOptions, quarter_rows_html
from stats.periods import Period
from tenancy.views.base import TenantView


def quarter_from(request: HttpRequest, today: dt.date) -> tuple[Period, QuarterForm]:
    """The quarter asked for in ``?kvartal=``, or the last ended quarter when it is missing
    or invalid (the form then carries the error)."""
    default = last_ended_quarter(today)
    if "kvartal" not in request.GET:
        return default, QuarterForm(initial={"kvartal": default.code})
    form = QuarterForm(request.GET)
    if form.is_valid():
        return form.cleaned_data["kvartal"], form
    return default, form


class QuarterOverviewView(TenantView):
    """The office's overview of every intervention running in a quarter."""

    permission_required = "dashboard.view_quarter"
    template_name = "dashboard/quarter.html"
    #: the board's version: no edit links, no links to the office's pages
    for_board = False

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        today = timezone.localdate()
        period, form = quarter_from(request, today)
        user = request.user
        office = not self.for_board
        overview = quarter_overview(self.association, period, today=today)
        options = RowOptions(
            association_slug=self.association.slug,
            period=period,
            for_board=self.for_board,
            # a report page exists once the quarter has begun
            link_reports=office and period.start <= today,
            can_review=office and user.has_perm("followup.review_report", self.association),
            can_override=office and user.has_perm("finance.override_status", self.association),
            current_app=request.resolver_match.namespace if request.resolver_match else None,
        )
        context = self.get_context_data(
            overview=overview,
            rows_html=quarter_rows_html(overview.rows, options),
            period=period,
            quarter_form=form,
            previous_quarter=shift_quarter(period, -1),
            next_quarter=shift_quarter(period, 1),
            for_board=self.for_board,
            url_name="overview:board_quarter" if self.for_board else "overview:quarter",
            link_reports=options.link_reports,
            can_review=options.can_review,
            can_override=options.can_override,
        )
        return render(request, self.template_name, context)


class BoardQuarterView(QuarterOverviewView):
    """The same figures for the board and the auditor, read only."""

    permission_required = "dashboard.view_board_quarter"
    for_board = True
