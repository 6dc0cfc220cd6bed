"""Steering groups (styrgrupper): list, detail with members and governed interventions,
create and edit; members added, edited and removed on their own pages."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from interventions.forms import SteeringGroupForm, SteeringGroupMemberForm
from interventions.models import Intervention, SteeringGroup, SteeringGroupMember
from interventions.views.base import SteeringGroupChildView, TenantDeleteView
from tenancy.views.base import (
    FormPage,
    TenantCreateView,
    TenantDetailView,
    TenantListView,
    TenantUpdateView,
)


def governed_interventions() -> Any:
    """The interventions a steering group governs, in display order."""
    return Prefetch("interventions", queryset=Intervention.objects.in_display_order())


def members_with_organisation() -> Any:
    return Prefetch("members", queryset=SteeringGroupMember.objects.select_related("organisation"))


class SteeringGroupListView(TenantListView):
    permission_required = "tenancy.view_masterdata"
    change_permission = "tenancy.change_masterdata"
    template_name = "interventions/steeringgroup_list.html"

    def get_queryset(self) -> Any:
        return (
            SteeringGroup.objects.annotate(member_count=Count("members"))
            .prefetch_related(governed_interventions())
            .order_by("name")
        )


class SteeringGroupDetailView(TenantDetailView):
    permission_required = "tenancy.view_masterdata"
    template_name = "interventions/steeringgroup_detail.html"

    def get_queryset(self) -> Any:
        return SteeringGroup.objects.prefetch_related(
            members_with_organisation(), governed_interventions()
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_change"] = self.request.user.has_perm("tenancy.change_masterdata", self.object)
        return context


class SteeringGroupFormPage(FormPage):
    permission_required = "tenancy.change_masterdata"
    form_class = SteeringGroupForm
    template_name = "interventions/form.html"
    model = SteeringGroup
    success_url_name = "interventions:steeringgroup_detail"
    success_url_takes_pk = True


class SteeringGroupCreateView(SteeringGroupFormPage, TenantCreateView):
    extra_context = {"title": _("Ny styrgrupp")}
    cancel_url_name = "interventions:steeringgroup_list"


class SteeringGroupUpdateView(SteeringGroupFormPage, TenantUpdateView):
    extra_context = {"title": _("Ändra styrgrupp")}


class SteeringGroupMemberFormPage(FormPage):
    """The parent view (``SteeringGroupChildView``) comes before this in the pages' bases:
    its success page and form arguments win."""

    permission_required = "tenancy.change_masterdata"
    form_class = SteeringGroupMemberForm
    template_name = "interventions/form.html"


class SteeringGroupMemberCreateView(
    SteeringGroupChildView, SteeringGroupMemberFormPage, TenantCreateView
):
    extra_context = {"title": _("Ny ledamot i styrgruppen")}


class SteeringGroupMemberUpdateView(
    SteeringGroupChildView, SteeringGroupMemberFormPage, TenantUpdateView
):
    extra_context = {"title": _("Ändra ledamot i styrgruppen")}

    def get_queryset(self) -> Any:
        return SteeringGroupMember.objects.filter(steering_group=self.parent)


class SteeringGroupMemberDeleteView(SteeringGroupChildView, TenantDeleteView):
    permission_required = "tenancy.change_masterdata"
    parent_form_kwarg: str | None = None
    extra_context = {"title": _("Ta bort ledamot ur styrgruppen")}

    def get_queryset(self) -> Any:
        return SteeringGroupMember.objects.filter(steering_group=self.parent)

    def deleted_thing(self) -> str:
        return gettext("%(member)s ur styrgruppen %(group)s") % {
            "member": self.object,
            "group": self.parent.name,
        }
