"""The association's brackets for reasonable equity (the limit shown beside the room):
a small form of rows from/to/max share, replaced whole on save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from funding.models import EquityBracket
from funding.services import Bracket, save_equity_brackets
from tenancy.views.base import TenantView

EXTRA_ROWS = 3


class BracketForm(forms.Form):
    lower = forms.IntegerField(label=gettext_lazy("Från (kr)"), min_value=0, required=False)
    upper = forms.IntegerField(label=gettext_lazy("Till (kr)"), min_value=1, required=False)
    max_share = forms.IntegerField(
        label=gettext_lazy("Högsta andel (%)"), min_value=0, max_value=100, required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("lower") is not None and data.get("max_share") is None:
            self.add_error("max_share", _("Ange andelen."))
        if data.get("lower") is None and (
            data.get("max_share") is not None or data.get("upper") is not None
        ):
            self.add_error("lower", _("Ange från."))
        return data


BracketFormSet = formset_factory(BracketForm, extra=EXTRA_ROWS)


class EquityBracketsView(TenantView):
    permission_required = "funding.change_equity_brackets"
    template_name = "funding/equity_brackets.html"

    def page(self, formset: Any, errors: list[str] | None = None) -> HttpResponse:
        context = self.get_context_data(formset=formset, errors=errors or [])
        return render(self.request, self.template_name, context)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        initial = [
            {"lower": b.lower, "upper": b.upper, "max_share": b.max_share}
            for b in EquityBracket.objects.order_by("lower")
        ]
        return self.page(BracketFormSet(initial=initial, prefix="tak"))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        formset = BracketFormSet(request.POST, prefix="tak")
        if not formset.is_valid():
            return self.page(formset)
        brackets = [
            Bracket(
                form.cleaned_data["lower"],
                form.cleaned_data["upper"],
                form.cleaned_data["max_share"],
            )
            for form in formset
            if form.cleaned_data.get("lower") is not None
        ]
        try:
            save_equity_brackets(association_id=self.association.pk, brackets=brackets)
        except ValidationError as error:
            return self.page(formset, error.messages)
        messages.success(request, _("Intervallen för eget kapital är sparade."))
        return redirect("economy:brackets", self.association.slug)
