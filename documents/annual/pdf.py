"""The annual report as a tagged PDF (PDF/UA through WeasyPrint): the same tables as the
report page, from the report JSON of ``stats.annual`` (the board's version) and its
adoption (``stats.annual.adoption.report_for``). Headings give the bookmarks,
``<html lang="sv">`` the language and ``<title>`` the document title."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from stats.annual.adoption import Adoption
from stats.annual.statements import cash_flow_rows


def render_annual_pdf(
    report: dict[str, Any], *, association_name: str, adopted: Adoption | None = None
) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "documents/annual_report_pdf.html",
        {
            "report": report,
            "year": report["year"],
            "cash_flow": cash_flow_rows(report),
            "association_name": association_name,
            "adopted": adopted,
            "can_check": False,
        },
    )
    return bytes(HTML(string=html).write_pdf(pdf_variant="pdf/ua-1"))
