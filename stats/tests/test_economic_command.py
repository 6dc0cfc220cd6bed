"""``manage.py economic_information``: the contract JSON for an association loaded with the
workbook, validated against the schema, and its refusals."""

from __future__ import annotations

import io
import json

import jsonschema
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from imports.tests.workbooks import run_import, xlsx_file
from stats.economic_schema import economic_schema
from stats.tests.economic_sample import seed_sheets
from testing.factories import AssociationFactory

pytestmark = pytest.mark.django_db


def test_economic_information_command_writes_the_contract_json(tmp_path):
    association = AssociationFactory.create(slug="uppsala")
    assert run_import(xlsx_file(tmp_path, seed_sheets()), association).problems == []
    output = tmp_path / "ekonomi.json"

    call_command(
        "economic_information",
        "--association=uppsala",
        "--as-of=2023-03-31",
        "--until=2025",
        "--format=json",
        f"--output={output}",
        stderr=io.StringIO(),
    )

    data = json.loads(output.read_text(encoding="utf-8"))
    jsonschema.validate(data, economic_schema(data["columns"]))
    assert data["columns"] == ["2023_budget", "2023_prognos", "2024_budget", "2025_budget"]
    assert data["totals"]["room_after_applications"]["2025_budget"] == 18_179_817


def test_economic_information_command_to_stdout_for_an_empty_association_warns():
    AssociationFactory.create(slug="tom")
    out, err = io.StringIO(), io.StringIO()

    call_command(
        "economic_information",
        "--association=tom",
        "--as-of=2024-05-01",
        "--until=2024",
        stdout=out,
        stderr=err,
    )

    data = json.loads(out.getvalue())
    jsonschema.validate(data, economic_schema(["2024_budget", "2024_prognos"]))
    zero = {"2024_budget": 0, "2024_prognos": 0}
    assert data["totals"]["room"] == zero
    assert data["rows"] == data["interventions"] == data["applications"] == []
    assert "2023" in err.getvalue()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--association=finns-inte", "--as-of=2023-03-31", "--until=2025"], "finns-inte"),
        (["--association=tom", "--as-of=2023-13-01", "--until=2025"], "ÅÅÅÅ-MM-DD"),
        (["--association=tom", "--as-of=2023-03-31", "--until=2022"], "2022"),
    ],
)
def test_economic_information_command_refuses_bad_arguments(arguments, message):
    AssociationFactory.create(slug="tom")

    with pytest.raises(CommandError, match=message):
        call_command("economic_information", *arguments, stderr=io.StringIO())


@pytest.fixture
def seeded(tmp_path):
    association = AssociationFactory.create(slug="uppsala")
    assert run_import(xlsx_file(tmp_path, seed_sheets()), association).problems == []
    return association


def _write(tmp_path, fmt: str):
    output = tmp_path / f"ekonomi.{fmt}"
    call_command(
        "economic_information",
        "--association=uppsala",
        "--as-of=2023-03-31",
        "--until=2025",
        f"--format={fmt}",
        f"--output={output}",
        stderr=io.StringIO(),
    )
    return output


def test_economic_information_xlsx_reads_back_every_figure_in_kronor(seeded, tmp_path):
    from openpyxl import load_workbook

    sheet = load_workbook(_write(tmp_path, "xlsx")).active
    rows = {row[0]: row for row in sheet.iter_rows(values_only=True) if row[0]}

    assert rows["Belopp i kr"][2:6] == ("Budget 2023", "Prognos 2023", "Budget 2024", "Budget 2025")
    assert rows["Kvarvarande beslutsutrymme"][2:6] == (3_967_817, 3_986_817, 5_954_817, 22_519_817)
    assert rows["Beslutsutrymme efter ansökningarna"][2:6] == (
        3_967_817,
        3_366_817,
        3_474_817,
        18_179_817,
    )
    assert rows["Jobbcentrum"][1:7] == (
        "Enköping",
        10_000_000,
        10_300_000,
        7_000_000,
        0,
        "Prognos 2023: 300000",
    )


def test_economic_information_docx_reads_back_the_table_and_text(seeded, tmp_path):
    import docx

    document = docx.Document(str(_write(tmp_path, "docx")))
    table = document.tables[0]
    rows = {row.cells[0].text: [cell.text for cell in row.cells] for row in table.rows}

    assert rows["Kvarvarande beslutsutrymme"][2:] == [
        "3\xa0968",
        "3\xa0987",
        "5\xa0955",
        "22\xa0520",
    ]
    assert rows["Jobbcentrum"][1:4] == ["Enköping", "10\xa0000", "10\xa0300 *"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Det ackumulerade överskottet uppgår till 6\xa0864 tkr" in text
    assert "finns 3\xa0367 tkr över för år 2023" in text


def test_economic_information_pdf_and_html_carry_the_figures(seeded, tmp_path):
    from pypdf import PdfReader

    html = _write(tmp_path, "html").read_text(encoding="utf-8")
    pdf_text = "".join(page.extract_text() for page in PdfReader(_write(tmp_path, "pdf")).pages)

    assert "18\xa0180" in html
    assert "varav 300 överfört" in html
    assert "Ekonomisk information per 2023-03-31" in pdf_text
    assert "18" in pdf_text and "180" in pdf_text


def test_economic_information_binary_format_needs_output(seeded):
    with pytest.raises(CommandError, match="--output"):
        call_command(
            "economic_information",
            "--association=uppsala",
            "--as-of=2023-03-31",
            "--until=2025",
            "--format=pdf",
            stderr=io.StringIO(),
        )


def test_economic_information_after_import_workbook_and_import_sie_commands(tmp_path):
    from ledger.tests.mapping_samples import RAPPORTRADER
    from ledger.tests.report_sample import REPORT_SIE

    AssociationFactory.create(slug="hela", organisation_number="222000-2576")
    sheets = seed_sheets()
    del sheets["Nyckeltal"]
    sheets["Rapportrader"] = RAPPORTRADER
    sie = tmp_path / "2022.se"
    sie.write_bytes(REPORT_SIE.encode("cp437"))
    out = io.StringIO()

    call_command(
        "import_workbook",
        str(xlsx_file(tmp_path, sheets)),
        "--association=hela",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    call_command("import_sie", str(sie), "--association=hela", stdout=io.StringIO())
    call_command(
        "economic_information",
        "--association=hela",
        "--as-of=2023-03-31",
        "--until=2025",
        "--format=json",
        stdout=out,
        stderr=io.StringIO(),
    )

    totals = json.loads(out.getvalue())["totals"]
    # unrestricted equity at the end of 2022 from the ledger: 1 005 kr
    assert totals["carried"] == {
        "2023_budget": 1_005,
        "2023_prognos": 1_005,
        "2024_budget": 1_005 - 2_877_000,
        "2025_budget": 1_005 - 2_877_000 + 1_968_000,
    }
    assert totals["room_after_applications"]["2025_budget"] == 1_005 + 15_656_000 - 4_340_000
