"""The report in html, docx, xlsx and pdf (read back), the report page and the comments."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from documents.survey.render import render_report
from imports.tests.workbooks import run_import, xlsx_file
from survey.models import ReportComment
from survey.tests.test_report_command import ANSWERS, ASKED, EARLIER, NATIONAL
from survey.tests.workbooks import survey_sheets
from testing.personas import World
from testing.views import ClientAs, PersonaViewCases

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(world: World, tmp_path: Path) -> World:
    sheets = survey_sheets(ANSWERS, national=NATIONAL, earlier=EARLIER, asked=ASKED)
    assert run_import(xlsx_file(tmp_path, sheets), world.association).problems == []
    ReportComment.objects.create(
        association=world.association, year=2021, indicator=12, text="Styrelsen är nöjd."
    )
    return world


def test_report_docx_has_tables_matrix_and_comment(loaded: World) -> None:
    from docx import Document

    content = render_report(loaded.association, 2021, "docx")

    word = Document(io.BytesIO(content))
    texts = [p.text for p in word.paragraphs]
    matrix = word.tables[-1]
    row_12 = next(row for row in matrix.rows if row.cells[0].text == "12")
    assert (
        len(word.tables),
        [cell.text for cell in word.tables[0].rows[7].cells][:2],
        [cell.text for cell in row_12.cells[2:]],
        "Kommentar: Styrelsen är nöjd." in texts,
    ) == (43, ["Styrelse", "9 (2)"], ["Lägre ↑", "Samma", "–"], True)


def test_report_xlsx_has_three_sheets_with_colours(loaded: World) -> None:
    from openpyxl import load_workbook

    content = render_report(loaded.association, 2021, "xlsx")

    workbook = load_workbook(io.BytesIO(content))
    matrix = workbook["Indikatorer"]
    row = next(r for r in matrix.iter_rows() if r[0].value == "12")
    assert (
        workbook.sheetnames,
        [c.value for c in row[2:5]],
        row[2].fill.fgColor.rgb,
    ) == (["Svar", "Frågor", "Indikatorer"], ["Lägre ↑", "Samma", "–"], "00F5C6C6")


def test_report_html_question_table_has_previous_in_parentheses(loaded: World) -> None:
    content = render_report(loaded.association, 2021, "html").decode()

    assert (
        "<td>56 % (50 %)</td>" in content,
        "<td>50 % (–)</td>" in content,
        "Läsinstruktion" in content,
    ) == (True, True, True)


def test_report_command_writes_every_format(loaded: World, tmp_path: Path) -> None:
    sizes = {}
    for fmt in ("json", "html", "docx", "xlsx", "pdf"):
        output = tmp_path / f"r.{fmt}"
        call_command(
            "survey_report",
            "--association=exempel",
            "--year=2021",
            f"--format={fmt}",
            f"--output={output}",
        )
        sizes[fmt] = output.stat().st_size > 0

    assert (sizes, json.loads((tmp_path / "r.json").read_text())["year"]) == (
        dict.fromkeys(("json", "html", "docx", "xlsx", "pdf"), True),
        2021,
    )


@pytest.mark.usefixtures("loaded")
class TestReportPage(PersonaViewCases):
    permission = "survey.view_survey"

    def url(self, world: World) -> str:
        return reverse("survey:report", args=["exempel"]) + "?ar=2021"


class TestReportDownload(TestReportPage):
    def url(self, world: World) -> str:
        return reverse("survey:report_download", args=["exempel", 2021, "xlsx"])


class TestComments(TestReportPage):
    permission = "survey.change_comments"
    method = "post"
    data = {"0": "Bra svarsfrekvens.", "12": ""}
    allowed = 302

    def url(self, world: World) -> str:
        return reverse("survey:comments", args=["exempel", 2021])


@pytest.mark.parametrize(
    ("persona", "texts"),
    [("admin", {0: "Bra svarsfrekvens."}), ("board", {12: "Styrelsen är nöjd."})],
)
def test_comments_are_saved_by_the_office_only(
    loaded: World, client_as: ClientAs, persona: str, texts: dict[int, str]
) -> None:
    client_as(persona).post(reverse("survey:comments", args=["exempel", 2021]), TestComments.data)

    saved = ReportComment.objects.filter(association=loaded.association)
    assert dict(saved.values_list("indicator", "text")) == texts


def test_report_pdf_is_tagged_swedish_with_the_summary(loaded: World) -> None:
    import io

    from pypdf import PdfReader

    content = render_report(loaded.association, 2021, "pdf")

    reader = PdfReader(io.BytesIO(content))
    catalog: Any = reader.trailer["/Root"]
    text = " ".join(page.extract_text() for page in reader.pages)
    assert (str(catalog["/Lang"]), "/StructTreeRoot" in catalog) == ("sv", True)
    assert reader.metadata is not None and reader.metadata.title is not None
    assert "2021" in text
