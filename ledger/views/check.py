"""The mapping check of one year and copying a preset."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from ledger.forms import PresetForm
from ledger.models import FiscalYear
from ledger.presets import copy_preset
from stats.annual.check import mapping_check
from tenancy.views.base import TenantView


class MappingCheckView(TenantView):
    permission_required = "ledger.view_ledger"
    template_name = "ledger/check.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.page(PresetForm())

    def page(self, form: PresetForm) -> HttpResponse:
        fiscal_year = get_object_or_404(FiscalYear, year=self.kwargs["year"])
        context = self.get_context_data(
            fiscal_year=fiscal_year,
            check=mapping_check(fiscal_year),
            form=form,
            can_change=self.request.user.has_perm("ledger.change_mapping", self.association),
        )
        return render(self.request, self.template_name, context)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.has_perm("ledger.change_mapping", self.association):
            raise PermissionDenied
        form = PresetForm(request.POST)
        if form.is_valid():
            try:
                count = copy_preset(
                    association=self.association,
                    preset=form.cleaned_data["preset"],
                    replace=form.cleaned_data["replace"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"{count} rapportrader kopierades.")
                return redirect("ledger:check", self.association.slug, self.kwargs["year"])
        return self.page(form)
