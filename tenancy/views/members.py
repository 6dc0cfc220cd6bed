"""Members (medlemmar) of the association, with the check that fee shares add up to 100 %."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Sum

from tenancy.forms import TenantModelForm
from tenancy.models import Member
from tenancy.views.base import (
    FormPage,
    TenantCreateView,
    TenantDetailView,
    TenantListView,
    TenantUpdateView,
)


class MemberForm(TenantModelForm):
    class Meta:
        model = Member
        fields = ["name", "kind", "fee_share"]
        widgets = {"fee_share": forms.NumberInput(attrs={"step": "0.01", "min": 0, "max": 100})}


def fee_share_total(members: Any) -> Decimal:
    """Sum of the members' fee shares, in percent."""
    return members.aggregate(total=Sum("fee_share"))["total"] or Decimal(0)


class MemberListView(TenantListView):
    permission_required = "tenancy.view_masterdata"
    change_permission = "tenancy.change_masterdata"
    template_name = "tenancy/member_list.html"
    model = Member

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        total = fee_share_total(Member.objects.all())
        context["fee_share_total"] = total
        context["fee_shares_ok"] = total == Decimal(100)
        return context


class MemberDetailView(TenantDetailView):
    permission_required = "tenancy.view_masterdata"
    template_name = "tenancy/member_detail.html"
    model = Member


class MemberFormPage(FormPage):
    permission_required = "tenancy.change_masterdata"
    form_class = MemberForm
    template_name = "tenancy/form.html"
    model = Member
    success_url_name = "tenancy:member_list"


class MemberCreateView(MemberFormPage, TenantCreateView):
    extra_context = {"title": "Ny medlem"}


class MemberUpdateView(MemberFormPage, TenantUpdateView):
    extra_context = {"title": "Ändra medlem"}
