"""The office's texts of the management report (spec/annual-report.md 2.8): one section of
one year's report, edited in a form (full page, or an htmx partial in the report page).
Locked once the report is adopted."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ledger.forms import ReportTextForm
from ledger.models import AdoptedReport, AnnualReportText, FiscalYear
from ledger.report_texts import SPEC_BY_KEY, ReportTextSpec
from ledger.services import save_report_text
from stats.annual.data import ReportError
from stats.annual.texts import PLACEHOLDER, placeholder_values
from tenancy.views.base import TenantView, htmx_redirect


class ReportTextEditView(TenantView):
    permission_required = "ledger.change_annual_report_texts"
    template_name = "ledger/report_text.html"
    partial_name = "ledger/includes/report_text_form.html"

    def spec(self) -> ReportTextSpec:
        spec = SPEC_BY_KEY.get(str(self.kwargs["section"]))
        if spec is None:
            raise Http404
        return spec

    def report_url(self, year: int, section: str) -> str:
        """Back to the text in the report; the query makes it a new address, so that the
        browser loads the page again after an in-place (htmx) edit instead of only
        scrolling to the text."""
        url = reverse("ledger:annual_report", args=[self.association.slug, year])
        return f"{url}?text={section}#text-{section}"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        spec = self.spec()
        fiscal_year = get_object_or_404(FiscalYear, year=kwargs["year"])
        row = AnnualReportText.objects.filter(
            association=self.association, year=fiscal_year.year, section=spec.key
        ).first()
        form = ReportTextForm(initial={"text": row.text if row else spec.default})
        return self.show(form, fiscal_year.year, spec, row)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        spec = self.spec()
        fiscal_year = get_object_or_404(FiscalYear, year=kwargs["year"])
        form = ReportTextForm(request.POST)
        if form.is_valid():
            try:
                save_report_text(
                    association=self.association,
                    year=fiscal_year.year,
                    section=spec.key,
                    text=form.cleaned_data["text"],
                    user=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Texten är sparad."))
                return htmx_redirect(request, self.report_url(fiscal_year.year, spec.key))
        return self.show(form, fiscal_year.year, spec, None)

    def show(
        self, form: ReportTextForm, year: int, spec: ReportTextSpec, row: AnnualReportText | None
    ) -> HttpResponse:
        from stats.annual.report import annual_report_json

        adopted = AdoptedReport.objects.filter(association=self.association, year=year).exists()
        try:
            values = placeholder_values(annual_report_json(self.association, year), "")
        except ReportError:
            values = {}
        values["förbundet"] = self.association.name
        used = sorted(set(PLACEHOLDER.findall(spec.default)) | set(values))
        context = self.get_context_data(
            form=form,
            year=year,
            spec=spec,
            row=row,
            adopted=adopted,
            placeholders=[(name, values.get(name, "")) for name in used],
            action=reverse("ledger:report_text", args=[self.association.slug, year, spec.key]),
            cancel_url=self.report_url(year, spec.key),
            title=_("Text i årsredovisningen %(year)s: %(section)s")
            % {"year": year, "section": spec.label},
        )
        template = self.partial_name if getattr(self.request, "htmx", False) else self.template_name
        return render(self.request, template, context)
