"""The upload form of the workbook page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

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
        upload: UploadedFile = self.cleaned_data["file"]
        limit = int(settings.FINSAM_MAX_UPLOAD_BYTES)
        if (upload.size or 0) > limit:
            raise forms.ValidationError(
                _("Filen är för stor. Största tillåtna storlek är %(limit)s."),
                code="too_large",
                params={"limit": filesizeformat(limit)},
            )
        if not (upload.name or "").casefold().endswith(ACCEPTED_SUFFIXES):
            raise forms.ValidationError(
                _("Välj en fil av typen .xlsx, .zip eller .csv."), code="file_type"
            )
        return upload
