"""Ledger pages under ``/f/<association>/huvudbok/``."""

from django.urls import path

from ledger.views import check, ledger, report, texts

app_name = "ledger"

urlpatterns = [
    path("", ledger.LedgerView.as_view(), name="ledger"),
    path("<int:year>/", ledger.LedgerView.as_view(), name="year"),
    path("import/", ledger.SieUploadView.as_view(), name="upload"),
    path("<int:year>/kontroll/", check.MappingCheckView.as_view(), name="check"),
    path("<int:year>/arsredovisning/", report.AnnualReportView.as_view(), name="annual_report"),
    path(
        "<int:year>/arsredovisning.xlsx",
        report.AnnualReportXlsxView.as_view(),
        name="annual_report_xlsx",
    ),
    path(
        "<int:year>/arsredovisning.docx",
        report.AnnualReportDocxView.as_view(),
        name="annual_report_docx",
    ),
    path(
        "<int:year>/arsredovisning/konton/<slug:report>/<slug:line>/",
        report.LineAccountsView.as_view(),
        name="line_accounts",
    ),
    path(
        "<int:year>/arsredovisning/text/<slug:section>/",
        texts.ReportTextEditView.as_view(),
        name="report_text",
    ),
    path(
        "<int:year>/arsredovisning.pdf",
        report.AnnualReportPdfView.as_view(),
        name="annual_report_pdf",
    ),
]
