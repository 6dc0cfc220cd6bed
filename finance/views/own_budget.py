"""The association's own budget (administration, board, office and staff, other) per year:
read by the office readers, changed by the förbundsadministratör or the ekonom."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from finance.forms import OwnBudgetLineForm, YearForm
from finance.models import OwnBudgetLine
from stats.periods import round_half_up
from tenancy.views.base import TenantCreateView, TenantUpdateView, TenantView


@dataclass(frozen=True)
class OwnBudgetRow:
    line: OwnBudgetLine

    @property
    def consumption_ratio(self) -> int | None:
        return round_half_up(self.line.outcome, self.line.budget)


class OwnBudgetView(TenantView):
    permission_required = "finance.view_own_budget"
    template_name = "finance/own_budget.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        year = timezone.localdate().year
        form = YearForm(request.GET or None, initial={"ar": year})
        if form.is_valid():
            year = form.cleaned_data["ar"]
        lines = list(OwnBudgetLine.objects.filter(year=year))
        budget = sum(line.budget for line in lines)
        outcome = sum(line.outcome for line in lines)
        context = self.get_context_data(
            rows=[OwnBudgetRow(line) for line in lines],
            year=year,
            year_form=form,
            total_budget=budget,
            total_outcome=outcome,
            total_ratio=round_half_up(outcome, budget),
            can_change=request.user.has_perm("finance.change_own_budget", self.association),
        )
        return render(request, self.template_name, context)


class OwnBudgetLineMixin:
    association: Any
    object: Any

    def get_success_url(self) -> str:
        url = reverse("finance:own_budget", args=[self.association.slug])
        year = getattr(self.object, "year", None)
        return f"{url}?ar={year}" if year else url


class OwnBudgetLineCreateView(OwnBudgetLineMixin, TenantCreateView):
    permission_required = "finance.change_own_budget"
    form_class = OwnBudgetLineForm
    template_name = "finance/form.html"
    extra_context = {"title": gettext_lazy("Ny rad i förbundets budget")}

    def get_initial(self) -> dict[str, Any]:
        return {"year": timezone.localdate().year}


class OwnBudgetLineUpdateView(OwnBudgetLineMixin, TenantUpdateView):
    permission_required = "finance.change_own_budget"
    form_class = OwnBudgetLineForm
    template_name = "finance/form.html"
    extra_context = {"title": gettext_lazy("Ändra rad i förbundets budget")}

    def get_queryset(self) -> Any:
        return OwnBudgetLine.objects.all()
