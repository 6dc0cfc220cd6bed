"""The annual report page of a year: the figures of ``stats.annual`` as tables (the office
and the board read it; documents in other formats are not built yet)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from ledger.models import FiscalYear
from stats.annual.data import ReportError
from stats.annual.report import annual_report_json
from stats.annual.statements import CASH_FLOW_KEYS
from tenancy.views.base import TenantView

CASH_FLOW_LABELS = dict(
    zip(
        CASH_FLOW_KEYS,
        (
            "Årets resultat",
            "Justering för av- och nedskrivningar och avsättningar",
            "Kassaflöde före förändring av rörelsekapital",
            "Förändring av förråd",
            "Förändring av kortfristiga fordringar",
            "Förändring av kortfristiga skulder",
            "Kassaflöde från den löpande verksamheten",
            "Kassaflöde från investeringsverksamheten",
            "Kassaflöde från finansieringsverksamheten",
            "Årets kassaflöde",
            "Likvida medel vid årets början",
            "Likvida medel vid årets slut",
        ),
        strict=True,
    )
)


class AnnualReportView(TenantView):
    permission_required = "ledger.view_annual_report"
    template_name = "ledger/annual_report.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        fiscal_year = get_object_or_404(FiscalYear, year=kwargs["year"])
        context: dict[str, Any] = {"fiscal_year": fiscal_year}
        try:
            report = annual_report_json(self.association, fiscal_year.year)
        except ReportError as error:
            context["errors"] = error.messages
        else:
            context["report"] = report
            context["cash_flow"] = [
                (CASH_FLOW_LABELS[key], report["cash_flow"][key]) for key in CASH_FLOW_KEYS
            ]
            context["can_check"] = request.user.has_perm("ledger.change_mapping", self.association)
        return render(request, self.template_name, self.get_context_data(**context))
