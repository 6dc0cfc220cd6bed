"""The annual report as DOCX and PDF (one document model, the same content in the same
order), read back; the DOCX in the association's Word template; the page's charts."""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django_scopes import scope

from documents.models import MemoTemplate
from documents.tests.readback import (
    docx_headings,
    docx_of,
    docx_paragraphs,
    docx_tables,
    pdf_lines,
    pdf_outline_titles,
)
from ledger.services import save_report_text

pytestmark = pytest.mark.django_db

NBSP = "\xa0"


@pytest.fixture
def imported(imported, world):
    """The mapped ledger with a management-report text that names a figure."""
    with scope(association=world.association.pk):
        save_report_text(
            association=world.association,
            year=2022,
            section="economic_comment",
            text="Årets resultat blev {årets_resultat}.",
        )


@pytest.fixture
def docx(imported, client_as):
    return client_as("board").get(reverse("ledger:annual_report_docx", args=["exempel", 2022]))


@pytest.fixture
def pdf(imported, client_as):
    return client_as("board").get(reverse("ledger:annual_report_pdf", args=["exempel", 2022]))


def test_annual_report_docx_and_pdf_have_the_same_sections_in_order(docx, pdf):
    headings = [text for _level, text in docx_headings(docx.content)]

    assert pdf_outline_titles(pdf.content) == ["Årsredovisning 2022", *headings]
    assert headings[:3] == [
        "Ordföranden har ordet",
        "Förvaltningsberättelse",
        "Översikt över verksamhetens utveckling",
    ]
    assert headings[-6:] == [
        "Resultaträkning",
        "Balansräkning",
        "Kassaflödesanalys",
        "Redovisningsprinciper",
        "Noter",
        "Driftredovisning",
    ]


def test_annual_report_docx_income_statement_reads_back(docx):
    tables = docx_tables(docx.content)
    income = next(t for t in tables if t[0] == ["", "Not", "2022", "2021", "Budget 2022"])

    assert [cell.replace(NBSP, " ") for cell in income[-1]] == [
        "Årets resultat",
        "",
        "94",
        "110",
        "200",
    ]
    assert [cell.replace(NBSP, " ") for cell in income[1]] == [
        "Verksamhetens intäkter",
        "1",
        "1 200",
        "1 000",
        "1 100",
    ]


def test_annual_report_docx_and_pdf_hold_the_office_text_with_its_figure(docx, pdf):
    text = "Årets resultat blev 94 kr."

    assert text in [p.replace(NBSP, " ") for p in docx_paragraphs(docx.content)]
    assert text in pdf_lines(pdf.content)


def test_annual_report_docx_has_a_picture_per_chart(docx):
    document = docx_of(docx.content)

    assert len(document.inline_shapes) == 3


def test_annual_report_docx_uses_the_association_template(imported, world, client_as):
    from docx import Document

    template = Document()
    template.sections[0].header.paragraphs[0].text = "BREVHUVUD EXEMPEL"
    buffer = io.BytesIO()
    template.save(buffer)
    with scope(association=world.association.pk):
        row = MemoTemplate(association=world.association, original_name="mall.docx")
        row.file.save("mall.docx", ContentFile(buffer.getvalue()), save=True)

    response = client_as("board").get(reverse("ledger:annual_report_docx", args=["exempel", 2022]))
    header = docx_of(response.content).sections[0].header.paragraphs[0].text

    assert header == "BREVHUVUD EXEMPEL"


def test_annual_report_command_writes_docx(imported, tmp_path):
    output = tmp_path / "ar.docx"

    call_command(
        "annual_report",
        "--association=exempel",
        "--year=2022",
        "--format=docx",
        f"--output={output}",
    )

    assert docx_headings(output.read_bytes())[0] == (1, "Ordföranden har ordet")


def test_annual_report_page_draws_the_charts_as_svg(imported, client_as):
    response = client_as("board").get(reverse("ledger:annual_report", args=["exempel", 2022]))

    assert sorted(key for key, drawing in response.context["svgs"].items() if drawing) == [
        "income_costs",
        "interventions",
        "results",
    ]
    assert response.content.decode().count("<svg") >= 3


def test_annual_report_command_writes_html_with_the_pdf_sections(imported, tmp_path, docx):
    output = tmp_path / "ar.html"

    call_command(
        "annual_report",
        "--association=exempel",
        "--year=2022",
        "--format=html",
        f"--output={output}",
    )

    html = output.read_text(encoding="utf-8")
    headings = [text for _level, text in docx_headings(docx.content)]
    assert html.startswith("<!DOCTYPE html>")
    assert [h for h in headings if f">{h}<" in html] == headings
    assert html.count("<table") >= 6
