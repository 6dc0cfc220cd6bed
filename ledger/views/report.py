"""The annual report page of a year (the management report from the document model of
``documents.annual``, the statements from the report JSON of ``stats.annual``, each figure
linked to its accounts) and its downloads: Excel, a tagged PDF and Word."""

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

#: the first section of the statements: the page shows those from the report JSON
STATEMENTS_START = "income_statement"


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
        from documents.annual.render import annual_document
        from documents.memo.charts import figures

        request = self.request
        fiscal_year = get_object_or_404(FiscalYear, year=self.kwargs["year"])
        context: dict[str, Any] = {"fiscal_year": fiscal_year, "form": form}
        try:
            report, adopted = report_for(self.association, fiscal_year.year)
        except ReportError as error:
            context["errors"] = error.messages
        else:
            document = annual_document(self.association, report, adopted)
            keys = [section.key for section in document.sections]
            end = keys.index(STATEMENTS_START) if STATEMENTS_START in keys else len(keys)
            context["adopted"] = adopted
            context["can_adopt"] = adopted is None and request.user.has_perm(
                "ledger.adopt_annual_report", self.association
            )
            context["can_edit_texts"] = adopted is None and request.user.has_perm(
                "ledger.change_annual_report_texts", self.association
            )
            context["report"] = report
            context["document"] = document
            context["management_sections"] = document.sections[:end]
            context["principles"] = next(
                (s for s in document.sections if s.key == "principles"), None
            )
            context["svgs"], context["images"] = figures(document.charts())
            # A note's figures link to the accounts of the statement line it specifies.
            context["notes"] = [
                (note, _statement_of(report, note["line"])) for note in report.get("notes", [])
            ]
            context["cash_flow"] = cash_flow_rows(report)
            context["can_check"] = request.user.has_perm("ledger.change_mapping", self.association)
        return render(request, self.template_name, self.get_context_data(**context))


def _statement_of(report: dict[str, Any], line: str) -> str | None:
    """ "resultat" or "balans": the statement whose line ``line`` is (None if neither)."""
    for kind, key in (("resultat", "income_statement"), ("balans", "balance_sheet")):
        if any(row["line"] == line for row in report.get(key, {}).get("lines", [])):
            return kind
    return None


class AnnualReportDownload(TenantView):
    """The report (as adopted, when it is) in one format: the board's version."""

    permission_required = "ledger.view_annual_report"
    extension = ""
    content_type = ""

    def render_report(self, report: dict[str, Any], adopted: Any) -> bytes:
        raise NotImplementedError

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        fiscal_year = get_object_or_404(FiscalYear, year=kwargs["year"])
        try:
            report, adopted = report_for(self.association, fiscal_year.year)
        except ReportError:
            return redirect("ledger:annual_report", self.association.slug, fiscal_year.year)
        response = HttpResponse(self.render_report(report, adopted), content_type=self.content_type)
        name = f"arsredovisning-{self.association.slug}-{fiscal_year.year}.{self.extension}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class AnnualReportPdfView(AnnualReportDownload):
    extension = "pdf"
    content_type = "application/pdf"

    def render_report(self, report: dict[str, Any], adopted: Any) -> bytes:
        from documents.annual.render import render_annual_pdf

        return render_annual_pdf(report, association=self.association, adopted=adopted)


class AnnualReportDocxView(AnnualReportDownload):
    extension = "docx"
    content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    def render_report(self, report: dict[str, Any], adopted: Any) -> bytes:
        from documents.annual.render import render_annual_docx

        return render_annual_docx(report, association=self.association, adopted=adopted)


class AnnualReportXlsxView(AnnualReportDownload):
    extension = "xlsx"
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def render_report(self, report: dict[str, Any], adopted: Any) -> bytes:
        from documents.annual.xlsx import render_annual_xlsx

        return render_annual_xlsx(report)


class LineAccountsView(TenantView):
    """The accounts behind one line of the annual report (income statement, balance sheet
    or operating statement), each linked to its row in the ledger's trial balance."""

    permission_required = "ledger.view_ledger"
    template_name = "ledger/line_accounts.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        from django.http import Http404

        from ledger.models import AdoptedReport
        from stats.annual.drilldown import line_accounts

        fiscal_year = get_object_or_404(FiscalYear, year=kwargs["year"])
        try:
            found = line_accounts(
                self.association, fiscal_year.year, kwargs["report"], kwargs["line"]
            )
        except ReportError:
            found = None
        if found is None:
            raise Http404
        context = self.get_context_data(
            fiscal_year=fiscal_year,
            line=found,
            adopted=AdoptedReport.objects.filter(year=fiscal_year.year).exists(),
        )
        return render(request, self.template_name, context)
