"""The money overview: per intervention the period's and ytd's budget and outcome,
consumption ratio, transfers, money returned and budget status (``?period=2022H2``, the
current half-year by default)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from finance.forms import PeriodForm
from finance.queries import money_overview, sees_all_money
from stats.periods import Period
from tenancy.views.base import TenantView


def period_from(request: HttpRequest) -> tuple[Period, PeriodForm]:
    """The period asked for in ``?period=``, or the current half-year when it is missing
    or invalid (the form then carries the error)."""
    default = Period.current_half(timezone.localdate())
    if "period" not in request.GET:
        return default, PeriodForm(initial={"period": default.code})
    form = PeriodForm(request.GET)
    if form.is_valid():
        return form.cleaned_data["period"], form
    return default, form


class MoneyOverviewView(TenantView):
    permission_required = "finance.view_money"
    template_name = "finance/overview.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        period, form = period_from(request)
        user = request.user
        context = self.get_context_data(
            overview=money_overview(user, self.association, period),
            period=period,
            period_form=form,
            sees_all=sees_all_money(user, self.association),
            can_override=user.has_perm("finance.override_status", self.association),
            can_set_thresholds=user.has_perm("finance.set_thresholds", self.association),
            can_view_own_budget=user.has_perm("finance.view_own_budget", self.association),
        )
        return render(request, self.template_name, context)
