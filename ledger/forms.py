"""Forms of the ledger pages."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tenancy.forms import default_text_field, within_upload_limit

TOKEN_RE = re.compile(r"[0-9a-f]{64}")


class SieUploadForm(forms.Form):
    file = forms.FileField(
        label=_("SIE-fil"),
        help_text=_(
            "Räkenskapsårets export från ekonomisystemet i formatet SIE 4 (.se, .si, .sie)."
        ),
    )

    def clean_file(self) -> Any:
        return within_upload_limit(self.cleaned_data["file"])


class SieConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
    file_name = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_token(self) -> str:
        token: str = self.cleaned_data["token"]
        if not TOKEN_RE.fullmatch(token):
            raise forms.ValidationError(_("Ogiltig fil. Ladda upp filen igen."))
        return token


class VoucherSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Sök verifikation (text, konto eller nummer)"), required=False, max_length=100
    )


class PresetForm(forms.Form):
    preset = forms.ChoiceField(
        label=_("Mall"), choices=[("kommun-bas", "Kommun-Bas"), ("bas", "BAS")]
    )
    replace = forms.BooleanField(
        label=_("Ersätt förbundets nuvarande rapportrader"), required=False
    )


class AdoptForm(forms.Form):
    adopted_on = forms.DateField(
        label=_("Fastställd (datum)"), widget=forms.DateInput(attrs={"type": "date"})
    )
    decision = forms.CharField(
        label=_("Styrelsens beslut"),
        max_length=200,
        help_text=_("T.ex. protokoll 2023-03-20 § 12."),
    )


class ReportTextForm(forms.Form):
    text = default_text_field(rows=12)
