"""Organisations that own interventions or take part in them as partners."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from interventions.models import Intervention
from tenancy.forms import TenantModelForm
from tenancy.models import Organisation
from tenancy.views.base import (
    FormPage,
    TenantCreateView,
    TenantDetailView,
    TenantListView,
    TenantUpdateView,
)


class OrganisationForm(TenantModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "member"]


class OrganisationListView(TenantListView):
    permission_required = "tenancy.view_masterdata"
    change_permission = "tenancy.change_masterdata"
    template_name = "tenancy/organisation_list.html"

    def get_queryset(self) -> Any:
        # Meta.ordering does not apply to an aggregating query: order explicitly.
        return (
            Organisation.objects.select_related("member")
            .annotate(
                owned_count=Count("owned_interventions", distinct=True),
                partner_count=Count("partner_interventions", distinct=True),
            )
            .order_by("name", "pk")
        )


class OrganisationDetailView(TenantDetailView):
    permission_required = "tenancy.view_masterdata"
    template_name = "tenancy/organisation_detail.html"

    def get_queryset(self) -> Any:
        return Organisation.objects.select_related("member")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["owned"] = Intervention.objects.filter(owner=self.object).in_display_order()
        context["partnered"] = Intervention.objects.filter(partners=self.object).in_display_order()
        return context


class OrganisationFormPage(FormPage):
    permission_required = "tenancy.change_masterdata"
    form_class = OrganisationForm
    template_name = "tenancy/form.html"
    model = Organisation


class OrganisationCreateView(OrganisationFormPage, TenantCreateView):
    extra_context = {"title": _("Ny organisation")}
    success_url_name = "tenancy:organisation_list"


class OrganisationUpdateView(OrganisationFormPage, TenantUpdateView):
    extra_context = {"title": _("Ändra organisation")}
    success_url_name = "tenancy:organisation_detail"
    success_url_takes_pk = True
