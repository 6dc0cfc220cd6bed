"""Budget status: the association's thresholds on the consumption ratio, and the office's
own status of an intervention for a quarter (which takes precedence over the suggestion)."""

from __future__ import annotations

import contextlib
from typing import Any

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy

from finance import services
from finance.forms import StatusOverrideForm, ThresholdsForm
from finance.models import BudgetStatusOverride, CostOutcome
from finance.queries import suggested_budget_status, thresholds_for
from finance.views.costs import FinanceFormView
from followup.models import Deviation
from interventions.models import Budget, Intervention
from stats import money
from stats.periods import Period


class ThresholdsView(FinanceFormView):
    permission_required = "finance.set_thresholds"
    form_class = ThresholdsForm
    template_name = "finance/thresholds.html"
    title = gettext_lazy("Gränsvärden för budgetstatus")

    def get_initial(self) -> dict[str, Any]:
        thresholds = thresholds_for(self.association)
        return {
            name: getattr(thresholds, name)
            for name in ("watch_low", "ok_low", "ok_high", "watch_high")
        }

    def save(self, form: Any) -> None:
        services.set_thresholds(
            user=self.request.user, association=self.association, **form.cleaned_data
        )

    def get_success_url(self) -> str:
        return reverse("finance:overview", args=[self.association.slug])


class StatusOverrideView(FinanceFormView):
    """Set (or clear) an intervention's budget status for a quarter. The intervention is the
    permission object; the page shows the consumption ratio ytd and the suggestion."""

    permission_required = "finance.override_status"
    form_class = StatusOverrideForm
    template_name = "finance/status_override.html"
    title = gettext_lazy("Fastställ budgetstatus")
    intervention: Intervention

    def check_access(self) -> None:
        self.intervention = get_object_or_404(Intervention.objects.all(), pk=self.kwargs["pk"])
        self.check_permission(self.intervention)
        try:
            self.period = Period.parse(f"{self.kwargs['year']}Q{self.kwargs['quarter']}")
        except ValueError as error:
            raise Http404(str(error)) from None
        self.override = BudgetStatusOverride.objects.filter(
            intervention=self.intervention, year=self.period.year, quarter=self.period.last_quarter
        ).first()

    def get_initial(self) -> dict[str, Any]:
        if self.override is None:
            return {}
        return {"status": self.override.status, "comment": self.override.comment}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        own = Q(intervention_id=self.intervention.pk)
        figures = money.money_figures(
            self.period,
            budgets=Budget.objects.filter(own),
            deviations=Deviation.objects.filter(own),
            costs=CostOutcome.objects.filter(own),
        ).get(self.intervention.pk, money.MoneyFigures())
        kwargs.setdefault("intervention", self.intervention)
        kwargs.setdefault("period", self.period)
        kwargs.setdefault("figures", figures)
        kwargs.setdefault(
            "status",
            suggested_budget_status(
                figures.consumption_ratio,
                thresholds=thresholds_for(self.association),
                override=self.override,
            ),
        )
        return super().get_context_data(**kwargs)

    def save(self, form: Any) -> None:
        data = form.cleaned_data
        if not data["status"]:
            services.clear_override(
                user=self.request.user,
                intervention=self.intervention,
                year=self.period.year,
                quarter=self.period.last_quarter,
            )
            return
        services.override_status(
            user=self.request.user,
            intervention=self.intervention,
            year=self.period.year,
            quarter=self.period.last_quarter,
            status=data["status"],
            comment=data["comment"],
        )

    def get_success_url(self) -> str:
        """Back to the overview of the period the user came from (``?period=``), or of the
        quarter."""
        back = self.period
        with contextlib.suppress(ValueError):
            back = Period.parse(self.request.GET.get("period", ""))
        url = reverse("finance:overview", args=[self.association.slug])
        return f"{url}?period={back.code}"
