"""The annual report page of a year: the figures of ``stats.annual`` as tables (the office
and the board read it; documents in other formats are not built yet)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ledger.forms import AdoptForm
from ledger.models import FiscalYear
from stats.annual.adoption import adopt_report, report_for
from stats.annual.data import ReportError
from stats.annual.statements import cash_flow_rows
from tenancy.views.base import TenantView


class AnnualReportView(TenantView):
    permission_required = "ledger.view_annual_report"
    template_name = "ledger/annual_report.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.page(AdoptForm())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.has_perm("ledger.adopt_annual_report", self.association):
            raise PermissionDenied
        form = AdoptForm(request.POST)
        if form.is_valid():
            try:
                adopt_report(
                    association=self.association,
                    year=kwargs["year"],
                    adopted_on=form.cleaned_data["adopted_on"],
                    decision=form.cleaned_data["decision"],
                    user=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            except ReportError as error:
                form.add_error(None, " ".join(error.messages))
            else:
                messages.success(request, _("Årsredovisningen är fastställd och låst."))
                return redirect("ledger:annual_report", self.association.slug, kwargs["year"])
        return self.page(form)

    def page(self, form: AdoptForm) -> HttpResponse:
        request = self.request
        fiscal_year = get_object_or_404(FiscalYear, year=self.kwargs["year"])
        context: dict[str, Any] = {"fiscal_year": fiscal_year, "form": form}
        try:
            report, adopted = report_for(self.association, fiscal_year.year)
        except ReportError as error:
            context["errors"] = error.messages
        else:
            context["adopted"] = adopted
            context["can_adopt"] = adopted is None and request.user.has_perm(
                "ledger.adopt_annual_report", self.association
            )
            context["report"] = report
            context["cash_flow"] = cash_flow_rows(report)
            context["can_check"] = request.user.has_perm("ledger.change_mapping", self.association)
        return render(request, self.template_name, self.get_context_data(**context))


class AnnualReportPdfView(TenantView):
    """The report (as adopted, when it is) as a tagged PDF: the board's version."""

    permission_required = "ledger.view_annual_report"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        from documents.annual.pdf import render_annual_pdf

        fiscal_year = get_object_or_404(FiscalYear, year=kwargs["year"])
        try:
            report, adopted = report_for(self.association, fiscal_year.year)
        except ReportError:
            return redirect("ledger:annual_report", self.association.slug, fiscal_year.year)
        response = HttpResponse(
            render_annual_pdf(report, association_name=self.association.name, adopted=adopted),
            content_type="application/pdf",
        )
        name = f"arsredovisning-{self.association.slug}-{fiscal_year.year}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class AnnualReportXlsxView(TenantView):
    """The report (as adopted, when it is) as an Excel workbook."""

    permission_required = "ledger.view_annual_report"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        from documents.annual.xlsx import render_annual_xlsx

        fiscal_year = get_object_or_404(FiscalYear, year=kwargs["year"])
        try:
            report, _adopted = report_for(self.association, fiscal_year.year)
        except ReportError:
            return redirect("ledger:annual_report", self.association.slug, fiscal_year.year)
        response = HttpResponse(
            render_annual_xlsx(report),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        name = f"arsredovisning-{self.association.slug}-{fiscal_year.year}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
