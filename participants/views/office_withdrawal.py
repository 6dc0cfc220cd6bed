"""The office-led withdrawal of consent in every intervention (docs/privacy.md): the
förbundsadministratör types the personnummer of a person who withdrew consent; the
identity is removed from every intervention of the association. The page answers the
same whether or not the person is known, so the office learns nothing about who takes
part where; the access log records each use with the participations made anonymous."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from participants import services
from participants.forms import SearchForm
from tenancy.views.base import TenantView, htmx_redirect


class OfficeWithdrawalForm(SearchForm):
    confirm = forms.BooleanField(
        label=gettext_lazy(
            "Personen har återkallat sitt samtycke i alla förbundets insatser. Jag förstår "
            "att personnummer, namn och samtycken tas bort i alla insatser och att det inte "
            "går att ångra."
        ),
        required=True,
    )


class OfficeWithdrawalView(TenantView):
    permission_required = "participants.withdraw_consent_everywhere"
    template_name = "participants/office_withdrawal.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.show(OfficeWithdrawalForm())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = OfficeWithdrawalForm(request.POST)
        if not form.is_valid():
            return self.show(form)
        services.withdraw_consent_everywhere(
            user=request.user,
            association=self.association,
            number=form.cleaned_data["personnummer"].canonical,
        )
        messages.success(
            request,
            _(
                "Klart. Om personen finns i förbundets insatser är personnummer, namn och "
                "samtycken nu borttagna i alla insatser, och deltagandena är anonyma."
            ),
        )
        return htmx_redirect(
            request,
            reverse("participant_reports:office_withdrawal", args=[self.association.slug]),
        )

    def show(self, form: OfficeWithdrawalForm) -> HttpResponse:
        return render(self.request, self.template_name, self.get_context_data(form=form))
