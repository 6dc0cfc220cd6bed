"""Counts for the national follow-up (Uppföljning Finsam): a page with a year selector and
an XLSX download. Aggregates only; open to every role in the association."""

from __future__ import annotations

import io
from typing import Any

from django import forms
from django.db.models import Min
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from finsam.safe_cells import save_workbook
from interventions.models import Intervention
from stats.national import NationalCounts, NationalRow, national_counts_for
from tenancy.views.base import TenantView

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def year_choices() -> list[int]:
    """From this year back to the year the first intervention started."""
    this_year = timezone.localdate().year
    first = Intervention.objects.aggregate(first=Min("start_date"))["first"]
    first_year = min(first.year, this_year - 1) if first else this_year - 1
    return list(range(this_year, first_year - 1, -1))


class YearForm(forms.Form):
    year = forms.TypedChoiceField(label=gettext_lazy("År"), coerce=int)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]  # type: ignore[attr-defined]  # the field is a ChoiceField


class NationalYearMixin(TenantView):
    permission_required = "participants.report_national_counts"

    def selected_year(self) -> tuple[YearForm, int]:
        """The year asked for (``?year=``), the previous year by default or when invalid."""
        default = timezone.localdate().year - 1
        data = self.request.GET if "year" in self.request.GET else {"year": default}
        form = YearForm(data, years=year_choices())
        year = form.cleaned_data["year"] if form.is_valid() else default
        return form, year


class NationalView(NationalYearMixin):
    template_name = "participants/national.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form, year = self.selected_year()
        counts = national_counts_for(self.association, year)
        context = self.get_context_data(form=form, year=year, counts=counts)
        return render(request, self.template_name, context)


def workbook_bytes(counts: NationalCounts, association_name: str) -> bytes:
    """The counts as an XLSX sheet: Swedish headers, numbers as numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.create_sheet(_("Uppföljning Finsam"), 0)
    del workbook[workbook.sheetnames[1]]  # the empty default sheet
    sheet.append([f"{association_name}, {counts.year}"])
    sheet.append([])
    header = [
        _("Kod"),
        _("Insats"),
        _("Underlag"),
        _("Kvinnor"),
        _("Män"),
        _("Annat"),
        _("Totalt"),
    ]
    sheet.append(header)
    for cell in sheet[3]:
        cell.font = Font(bold=True)

    def add(rows: list[NationalRow], basis: str) -> None:
        for row in rows:
            c = row.counts
            sheet.append([row.code, row.name, basis, c.women, c.men, c.other, c.total])

    add(counts.registered, _("Inskrivna deltagare under året"))
    add(counts.monthly_sums, _("Summa av månadsantal"))
    for column, width in zip("ABCDEFG", (12, 40, 32, 10, 10, 10, 10), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    save_workbook(workbook, buffer)
    return buffer.getvalue()


class NationalXlsxView(NationalYearMixin):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        _form, year = self.selected_year()
        counts = national_counts_for(self.association, year)
        response = HttpResponse(workbook_bytes(counts, self.association.name), XLSX_TYPE)
        filename = f"uppfoljning-finsam-{self.association.slug}-{year}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
