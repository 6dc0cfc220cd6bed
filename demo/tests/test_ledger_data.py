"""The demo's ledger gives a complete annual report whose statements agree."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django_scopes import scope

from ledger.models import FiscalYear
from stats.annual.report import annual_report_json
from tenancy.models import Association

pytestmark = pytest.mark.django_db


def test_demo_ledger_report_statements_agree() -> None:
    call_command("load_demo", stdout=None)
    association = Association.objects.get(slug="exempel")

    with scope(association=association.pk):
        years = sorted(FiscalYear.objects.values_list("year", flat=True))
        report = annual_report_json(association, 2025)

    balance, flow = report["balance_sheet"], report["cash_flow"]
    lines = {line["line"]: line for line in report["income_statement"]["lines"] + balance["lines"]}
    assert years == [2024, 2025]
    assert (
        abs(balance["total_assets"]["amount"] - balance["total_equity_and_liabilities"]["amount"])
        <= 1
    )
    assert (
        flow["total"]["amount"]
        == flow["liquid_funds_end"]["amount"] - flow["liquid_funds_start"]["amount"]
    )
    assert flow["total"]["previous"] == (
        flow["liquid_funds_end"]["previous"] - flow["liquid_funds_start"]["previous"]
    )
    assert all(note["total"]["amount"] == lines[note["line"]]["amount"] for note in report["notes"])
    assert (
        report["operating_statement"]["total"]["outcome"]
        == report["income_statement"]["result"]["amount"]
    )
    assert report["checks"]["warnings"] == []
    assert [entry["year"] for entry in report["overview"]] == [2025, 2024, 2023, 2022, 2021]


def test_demo_annual_report_has_the_offices_texts_as_docx() -> None:
    from documents.annual.render import render_annual_docx
    from documents.tests.readback import docx_paragraphs
    from stats.annual.adoption import report_for

    call_command("load_demo", stdout=None)
    association = Association.objects.get(slug="exempel")

    with scope(association=association.pk):
        report, adopted = report_for(association, 2025)
        content = render_annual_docx(report, association=association, adopted=adopted)

    paragraphs = docx_paragraphs(content)
    assert paragraphs[paragraphs.index("Ordföranden har ordet") + 1] == (
        "2025 var ett år då fler deltagare än någonsin gick vidare till arbete eller studier. "
        "Samverkan mellan medlemmarna har fördjupats i alla kommuner."
    )
