"""Budgets: the overview of all interventions per year, and an intervention's budget rows
created, edited and deleted on their own pages (the intervention is the permission object)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from interventions.forms import BudgetForm, BudgetYearForm
from interventions.models import Budget
from interventions.queries import budget_overview
from interventions.views.base import (
    InterventionChildView,
    TenantDeleteView,
    vary_on_htmx,
    wants_partial,
)
from tenancy.views.base import FormPage, TenantCreateView, TenantUpdateView, TenantView


class BudgetListView(TenantView):
    """Every intervention's budget per year and the selected year's quarters (``?ar=``,
    the current year by default). An htmx request gets only the tables."""

    permission_required = "interventions.view_budget"
    template_name = "interventions/budget_list.html"
    tables_template_name = "interventions/includes/budget_tables.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        year = timezone.localdate().year
        form = BudgetYearForm(request.GET or None, initial={"ar": year})
        if form.is_valid():
            year = form.cleaned_data["ar"]
        overview = budget_overview(year=year)
        context = self.get_context_data(
            overview=overview,
            year_form=form,
            year=year,
            can_change=request.user.has_perm("interventions.change_budget", self.association),
        )
        template = self.tables_template_name if wants_partial(request) else self.template_name
        return vary_on_htmx(render(request, template, context))


class BudgetFormPage(FormPage):
    """The parent view (``InterventionChildView``) comes before this in the pages' bases:
    its success page and form arguments win."""

    permission_required = "interventions.change_budget"
    form_class = BudgetForm
    template_name = "interventions/form.html"


class BudgetCreateView(InterventionChildView, BudgetFormPage, TenantCreateView):
    extra_context = {"title": _("Ny budgetrad")}


class BudgetUpdateView(InterventionChildView, BudgetFormPage, TenantUpdateView):
    extra_context = {"title": _("Ändra budgetrad")}

    def get_queryset(self) -> Any:
        return Budget.objects.filter(intervention=self.parent)


class BudgetDeleteView(InterventionChildView, TenantDeleteView):
    permission_required = "interventions.change_budget"
    parent_form_kwarg: str | None = None
    extra_context = {"title": _("Ta bort budgetrad")}

    def get_queryset(self) -> Any:
        return Budget.objects.filter(intervention=self.parent)

    def deleted_thing(self) -> str:
        budget: Budget = self.object  # type: ignore[assignment]  # DeleteView's object
        if budget.quarter:
            return gettext("budgetraden för kvartal %(quarter)s %(year)s i %(name)s") % {
                "quarter": budget.quarter,
                "year": budget.year,
                "name": self.parent.display_name,
            }
        return gettext("budgetraden %(year)s för %(name)s") % {
            "year": budget.year,
            "name": self.parent.display_name,
        }
