"""Forms of the memo pages: the period, a section's text, the Word template."""

from __future__ import annotations

import zipfile
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from stats.periods import Period
from tenancy.forms import default_text_field

#: A Word template is small; a larger file is refused before python-docx opens it.
TEMPLATE_MAX_BYTES = 5 * 1024 * 1024


def half_years(latest: Period, count: int = 10) -> list[Period]:
    """``latest`` and the half-years before it, newest first."""
    periods = []
    year, half = latest.year, latest.last_quarter // 2
    for _index in range(count):
        periods.append(Period(year, half * 2 - 1, half * 2))
        year, half = (year, 1) if half == 2 else (year - 1, 2)
    return periods


class PeriodForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"))

    def __init__(self, *args: Any, choices: list[Period], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = {1: _("första halvåret"), 2: _("andra halvåret")}
        self.fields["period"].choices = [  # type: ignore[attr-defined]  # the field is a ChoiceField; Field has no choices
            (each.code, f"{each.code} ({labels.get(each.last_quarter // 2, '')} {each.year})")
            for each in choices
        ]


class MemoTextForm(forms.Form):
    text = default_text_field(rows=14)


class TemplateUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Word-mall (.docx)"),
        help_text=_(
            "Ett Word-dokument med förbundets brevhuvud, sidfot och formatmallar. Innehållet i "
            "dokumentet ersätts av PM:et; sidhuvud, sidfot och formatmallar behålls."
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".docx,application/vnd.openxmlformats-officedocument"
                ".wordprocessingml.document"
            }
        ),
    )

    def clean_file(self) -> Any:
        upload: UploadedFile = self.cleaned_data["file"]
        limit = min(TEMPLATE_MAX_BYTES, int(settings.FINSAM_MAX_UPLOAD_BYTES))
        if (upload.size or 0) > limit:
            raise forms.ValidationError(
                _("Filen är för stor. Största tillåtna storlek är %(limit)s."),
                code="too_large",
                params={"limit": filesizeformat(limit)},
            )
        if not (upload.name or "").casefold().endswith(".docx"):
            raise forms.ValidationError(_("Välj en Word-fil av typen .docx."), code="file_type")
        if not opens_as_word(upload):
            raise forms.ValidationError(
                _("Filen kunde inte öppnas som ett Word-dokument (.docx)."), code="not_docx"
            )
        upload.seek(0)
        return upload


def opens_as_word(upload: UploadedFile) -> bool:
    """True when python-docx can open the file (a zip with a Word main document)."""
    from docx import Document

    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            # a zip bomb check before python-docx unpacks the parts
            if sum(info.file_size for info in archive.infolist()) > 20 * TEMPLATE_MAX_BYTES:
                return False
        upload.seek(0)
        Document(upload)
    except Exception:  # any failure to open means "not a usable .docx"
        return False
    return True
