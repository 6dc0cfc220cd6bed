"""The start page and each association's dashboard (key figures of the current year and,
for the office and the board, the state of the last ended quarter's reports)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from dashboard.key_figures import key_figures
from dashboard.overview import last_ended_quarter, quarter_summary
from interventions.models import Intervention
from interventions.queries import budget_for_year
from tenancy.roles import associations_for
from tenancy.views.base import TenantView


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """One association: straight to its dashboard. Several: let the user choose."""
    associations = list(associations_for(request.user))
    if len(associations) == 1:
        return redirect("dashboard", associations[0].slug)
    return render(request, "dashboard/home.html", {"associations": associations})


def running_on(day: date) -> Q:
    return Q(start_date__lte=day) & (Q(end_date__isnull=True) | Q(end_date__gte=day))


class DashboardView(TenantView):
    permission_required = "tenancy.view_association"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        today = timezone.localdate()
        running = Intervention.objects.filter(running_on(today))
        context = self.get_context_data(
            today=today,
            year=today.year,
            running_count=running.count(),
            intervention_count=Intervention.objects.count(),
            budget_year=budget_for_year(today.year),
            **self.quarter_box(today),
            **self.key_figures_box(today),
        )
        return render(request, "dashboard/dashboard.html", context)

    def key_figures_box(self, today: date) -> dict[str, Any]:
        """Participants, outcomes, money and the board's goals, for office and board."""
        user = self.request.user
        if not user.has_perm("documents.view_memo", self.association):
            return {}
        suppress = not user.has_perm("stats.view_unsuppressed", self.association)
        return {"figures": key_figures(self.association, today=today, suppress=suppress)}

    def quarter_box(self, today: date) -> dict[str, Any]:
        """The "Kvartalsläget" box, for the roles that may see a quarter overview."""
        user = self.request.user
        if not user.has_perm("dashboard.view_board_quarter", self.association):
            return {}
        period = last_ended_quarter(today)
        name = (
            "overview:quarter"
            if user.has_perm("dashboard.view_quarter", self.association)
            else "overview:board_quarter"
        )
        return {
            "quarter": period,
            "quarter_summary": quarter_summary(period, today=today),
            "quarter_url": f"{reverse(name, args=[self.association.slug])}?kvartal={period.code}",
        }
