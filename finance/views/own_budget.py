"""The association's own budget of a year (the `Förbundsbudget` of its own drift rows)
beside the outcome of the year's ledger: read by the office readers. The amounts are
entered in the grid ``economy:own_budget`` or the workbook sheet `Förbundsbudget`."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy

from finance.forms import YearForm
from stats.own_budget import own_budget
from tenancy.views.base import TenantView

GROUP_LABELS = {
    "intakter": gettext_lazy("Intäkter"),
    "administration": gettext_lazy("Förbundets administration"),
    "ovriga_samverkansinsatser": gettext_lazy("Övriga samverkansinsatser"),
}


class OwnBudgetView(TenantView):
    permission_required = "finance.view_own_budget"
    template_name = "finance/own_budget.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        year = timezone.localdate().year
        form = YearForm(request.GET or None, initial={"ar": year})
        if form.is_valid():
            year = form.cleaned_data["ar"]
        budget = own_budget(self.association.pk, year)
        context = self.get_context_data(
            budget=budget,
            groups=[(GROUP_LABELS[group.group], group) for group in budget.groups],
            year=year,
            year_form=form,
            can_change=request.user.has_perm("funding.change_own_budget", self.association),
        )
        return render(request, self.template_name, context)
