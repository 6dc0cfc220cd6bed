"""The upload form of the workbook page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tenancy.forms import within_upload_limit

ACCEPTED_SUFFIXES = (".xlsx", ".zip", ".csv")


class WorkbookUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Fil"),
        help_text=_(
            "En Excel-arbetsbok (.xlsx) enligt importmallen, en zip-fil med en CSV-fil per blad "
            "eller en CSV-fil som heter som bladet (till exempel Budget.csv)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ACCEPTED_SUFFIXES)}),
    )
    dry_run = forms.BooleanField(
        label=_("Kontrollera utan att spara"),
        required=False,
        help_text=_("Filen kontrolleras och ändringarna visas, men inget sparas."),
    )

    def clean_file(self) -> Any:
        upload = within_upload_limit(self.cleaned_data["file"])
        if not (upload.name or "").casefold().endswith(ACCEPTED_SUFFIXES):
            raise forms.ValidationError(
                _("Välj en fil av typen .xlsx, .zip eller .csv."), code="file_type"
            )
        return upload
