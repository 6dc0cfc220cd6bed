"""Interventions (insatser): list with filters, detail with goals and budgets, create, edit."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from interventions.forms import InterventionFilterForm, InterventionForm
from interventions.models import Goal, Intervention
from interventions.queries import PeriodStatus, budget_years, interventions_for_list, period_status
from interventions.views.base import vary_on_htmx, wants_partial
from tenancy.views.base import (
    FormPage,
    TenantCreateView,
    TenantDetailView,
    TenantListView,
    TenantUpdateView,
)


@dataclass(frozen=True)
class InterventionRow:
    intervention: Intervention
    status: PeriodStatus


class InterventionListView(TenantListView):
    """All interventions in display order; ``?inriktning=`` and ``?status=`` filter. An htmx
    request gets only the table, so the filter form can swap it in place."""

    permission_required = "interventions.view_intervention"
    change_permission = "interventions.change_intervention"
    template_name = "interventions/intervention_list.html"
    table_template_name = "interventions/includes/intervention_table.html"

    def get_template_names(self) -> list[str]:
        if wants_partial(self.request):
            return [self.table_template_name]
        return [self.template_name]

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        return vary_on_htmx(super().render_to_response(context, **kwargs))

    @cached_property
    def filter_form(self) -> InterventionFilterForm:
        return InterventionFilterForm(self.request.GET or None)

    def get_queryset(self) -> Any:
        form = self.filter_form
        filters = form.cleaned_data if form.is_valid() else {}
        return interventions_for_list(
            today=timezone.localdate(),
            kind=filters.get("inriktning", ""),
            status=filters.get("status", ""),
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context["rows"] = [
            InterventionRow(intervention, period_status(intervention, today=today))
            for intervention in context["object_list"]
        ]
        context["filter_form"] = self.filter_form
        context["is_filtered"] = bool(self.request.GET)
        return context


class InterventionDetailView(TenantDetailView):
    permission_required = "interventions.view_intervention"
    template_name = "interventions/intervention_detail.html"

    def get_queryset(self) -> Any:
        return Intervention.objects.select_related("owner", "steering_group").prefetch_related(
            "partners", Prefetch("goals", queryset=Goal.objects.order_by("id")), "budgets"
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        intervention: Intervention = self.object
        user = self.request.user
        context["status"] = period_status(intervention, today=timezone.localdate())
        context["can_change"] = user.has_perm("interventions.change_intervention", intervention)
        context["can_view_budget"] = user.has_perm("interventions.view_budget", intervention)
        context["can_change_budget"] = user.has_perm("interventions.change_budget", intervention)
        context["can_view_steering_group"] = user.has_perm(
            "tenancy.view_masterdata", self.association
        )
        if context["can_view_budget"]:
            context["budget_years"] = budget_years(intervention.budgets.all())
        return context


class InterventionFormPage(FormPage):
    permission_required = "interventions.change_intervention"
    form_class = InterventionForm
    template_name = "interventions/form.html"
    model = Intervention
    success_url_name = "interventions:detail"
    success_url_takes_pk = True


class InterventionCreateView(InterventionFormPage, TenantCreateView):
    extra_context = {"title": _("Ny insats")}
    cancel_url_name = "interventions:list"


class InterventionUpdateView(InterventionFormPage, TenantUpdateView):
    extra_context = {"title": _("Ändra insats")}
