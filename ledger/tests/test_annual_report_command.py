from __future__ import annotations

import json

import jsonschema
import pytest
from django.core.management import CommandError, call_command
from django_scopes import scope

from imports.tests.workbooks import run_import, xlsx_file
from ledger.models import ReportLine
from ledger.services import import_sie
from ledger.tests.mapping_samples import RAPPORTRADER, mapping_sheets
from ledger.tests.report_sample import REPORT_SIE
from stats.annual.schema import ANNUAL_REPORT_SCHEMA
from stats.memo_schema import MEMO_SCHEMA
from testing.factories import AssociationFactory

pytestmark = pytest.mark.django_db


def _setup(tmp_path, sheets=None, sie=REPORT_SIE):
    association = AssociationFactory.create(slug="test")
    assert run_import(xlsx_file(tmp_path, sheets or mapping_sheets()), association).problems == []
    path = tmp_path / "bok.se"
    path.write_bytes(sie.encode("cp437"))
    call_command("import_sie", str(path), "--association", "test")
    return association


def test_annual_report_command_json_follows_the_schema(tmp_path, capsys):
    _setup(tmp_path)
    capsys.readouterr()
    output = tmp_path / "report.json"

    call_command(
        "annual_report", "--association=test", "--year=2022", "--format=json", f"--output={output}"
    )

    report = json.loads(output.read_text(encoding="utf-8"))
    jsonschema.validate(report, ANNUAL_REPORT_SCHEMA)
    memo_tables_schema = MEMO_SCHEMA["properties"]["tables"]
    jsonschema.validate(report["statistics"], memo_tables_schema)
    assert (report["year"], report["organisation_number"]) == (2022, "222000-2576")


def test_annual_report_command_unsuppressed_to_stdout(tmp_path, capsys):
    _setup(tmp_path)
    capsys.readouterr()

    call_command("annual_report", "--association", "test", "--year", "2022", "--unsuppressed")

    report = json.loads(capsys.readouterr().out)
    assert report["income_statement"]["result"] == {"amount": 94, "previous": 110, "budget": 200}


def test_annual_report_without_ledger_is_refused(tmp_path, capsys):
    _setup(tmp_path)
    capsys.readouterr()

    with pytest.raises(CommandError):
        call_command("annual_report", "--association", "test", "--year", "2019")

    assert capsys.readouterr().err.splitlines() == ["Det finns ingen importerad huvudbok för 2019."]


def test_annual_report_unbalanced_balance_sheet_is_refused_with_difference(tmp_path, capsys):
    lines = [row for row in RAPPORTRADER if row[1] != "fordringar"]
    _setup(tmp_path, mapping_sheets(Rapportrader=lines))
    capsys.readouterr()

    with pytest.raises(CommandError):
        call_command("annual_report", "--association", "test", "--year", "2022")

    assert capsys.readouterr().err.splitlines() == [
        "Balansräkningen balanserar inte: summa tillgångar 1320.40, summa eget kapital, "
        "avsättningar och skulder 1370.40, skillnad -50.00. Konton som ingen rad tar: 1510."
    ]


def test_annual_report_account_in_two_lines_is_refused(tmp_path, capsys):
    association = _setup(tmp_path)
    with scope(association=association.pk):
        ReportLine.objects.filter(code="avskrivningar").update(accounts="5000-7899")
    capsys.readouterr()

    with pytest.raises(CommandError):
        call_command("annual_report", "--association", "test", "--year", "2022")

    assert capsys.readouterr().err.splitlines() == [
        "Konto 5010 finns på flera rader: kostnader, avskrivningar."
    ]


def test_annual_report_unmapped_result_account_is_ej_fordelat_and_warned(tmp_path, capsys):
    lines = [row for row in RAPPORTRADER if row[1] != "fin_intakter"]
    association = _setup(tmp_path, mapping_sheets(Rapportrader=lines))
    from stats.annual.report import annual_report_json

    with scope(association=association.pk):
        report = annual_report_json(association, 2022)

    assert [line["line"] for line in report["income_statement"]["lines"]][-2:] == [
        "ej_fordelat",
        "fin_kostnader",
    ]
    assert report["income_statement"]["result"]["amount"] == 94
    assert report["checks"]["warnings"] == [
        "Konto 8310 Ränteintäkter har saldo men ingen rapportrad tar det."
    ]


def test_import_sie_dry_run_of_the_report_sample_has_no_warnings(tmp_path):
    association = AssociationFactory.create(slug="x")
    with scope(association=association.pk):
        result = import_sie(association=association, data=REPORT_SIE.encode("cp437"), dry_run=True)

    assert (result.year, result.warnings) == (2022, [])


def test_annual_report_command_pdf_is_tagged_swedish_with_the_statements(tmp_path, capsys):
    import io

    from pypdf import PdfReader

    _setup(tmp_path)
    output = tmp_path / "report.pdf"

    call_command(
        "annual_report", "--association=test", "--year=2022", "--format=pdf", f"--output={output}"
    )

    reader = PdfReader(io.BytesIO(output.read_bytes()))
    catalog = reader.trailer["/Root"]
    text = " ".join(page.extract_text() for page in reader.pages)
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert (str(catalog["/Lang"]), "/StructTreeRoot" in catalog) == ("sv", True)
    assert reader.metadata.title.startswith("Årsredovisning 2022")
    assert "Årsredovisning 2022" in titles
    for heading in ("Resultaträkning", "Balansräkning", "Kassaflödesanalys"):
        assert heading in text
