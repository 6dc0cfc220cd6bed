"""The survey report as HTML, DOCX and XLSX (PDF: see docs/survey.md)."""

from __future__ import annotations

import io
import json

from django.template.loader import render_to_string
from django_scopes import scope

from documents.survey.content import SurveyDocument, Table, survey_document
from stats.survey import survey_report
from stats.survey_report import survey_report_for
from tenancy.models import Association

FORMATS = ("json", "html", "docx", "xlsx", "pdf")


def document_for(association: Association, year: int) -> SurveyDocument:
    """The report of ``year`` as a document, from the statistics layer's report object."""
    return survey_document(survey_report_for(association, year))


def render_report(association: Association, year: int, fmt: str) -> bytes:
    """The report as bytes in ``fmt``."""
    with scope(association=association.pk):
        if fmt == "json":
            data = survey_report(association, year)
            return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        document = document_for(association, year)
    if fmt in ("html", "pdf"):
        html = render_to_string("survey/report_standalone.html", {"document": document})
        if fmt == "html":
            return html.encode("utf-8")
        from weasyprint import HTML

        # The same standalone page, as a tagged PDF (PDF/UA): language, title, bookmarks.
        return bytes(HTML(string=html).write_pdf(pdf_variant="pdf/ua-1"))
    if fmt == "docx":
        return render_docx(document)
    if fmt == "xlsx":
        return render_xlsx(document)
    raise ValueError(fmt)


def render_docx(document: SurveyDocument) -> bytes:
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    fills = {"higher": "CFE8D5", "same": "FFF0B3", "lower": "F5C6C6"}
    word = Document()
    word.add_heading(document.title, level=0)
    word.add_paragraph(f"{document.association} · {document.period}")

    def add_table(table: Table) -> None:
        word.add_paragraph(table.caption).runs[0].bold = True
        grid = word.add_table(rows=1, cols=len(table.header))
        grid.style = "Table Grid"
        for cell, text in zip(grid.rows[0].cells, table.header, strict=True):
            cell.text = text
        for row in table.rows:
            cells = grid.add_row().cells
            for index, value in enumerate(row):
                cells[index].text = value.text
                if value.tone in fills:
                    shading = OxmlElement("w:shd")
                    shading.set(qn("w:val"), "clear")
                    shading.set(qn("w:fill"), fills[value.tone])
                    cells[index]._tc.get_or_add_tcPr().append(shading)

    add_table(document.responses)
    if document.responses_comment:
        word.add_paragraph(f"Kommentar: {document.responses_comment}")
    for section in document.sections:
        word.add_heading(section.title, level=1)
        for table in section.tables:
            add_table(table)
        if section.comment:
            word.add_paragraph(f"Kommentar: {section.comment}")
    if document.matrix is not None:
        word.add_heading("Sammanställning per indikator", level=1)
        add_table(document.matrix)
        for line in document.legend:
            word.add_paragraph(line)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def render_xlsx(document: SurveyDocument) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    from finsam.safe_cells import save_workbook

    fills = {
        tone: PatternFill("solid", fgColor=colour)
        for tone, colour in {"higher": "CFE8D5", "same": "FFF0B3", "lower": "F5C6C6"}.items()
    }
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # noqa: S101  # a new workbook has its sheet
    sheet.title = "Svar"

    def add_table(target: object, table: Table) -> None:
        from openpyxl.worksheet.worksheet import Worksheet

        assert isinstance(target, Worksheet)  # noqa: S101  # always a sheet here
        target.append([table.caption])
        target.cell(row=target.max_row, column=1).font = Font(bold=True)
        target.append(table.header)
        for row in table.rows:
            target.append([cell.text for cell in row])
            for index, cell in enumerate(row, start=1):
                if cell.tone in fills:
                    target.cell(row=target.max_row, column=index).fill = fills[cell.tone]
        target.append([])

    sheet.append([document.title, document.association, document.period])
    add_table(sheet, document.responses)
    questions = workbook.create_sheet("Frågor")
    for section in document.sections:
        questions.append([section.title])
        for table in section.tables:
            add_table(questions, table)
        if section.comment:
            questions.append([f"Kommentar: {section.comment}"])
    matrix = workbook.create_sheet("Indikatorer")
    if document.matrix is not None:
        add_table(matrix, document.matrix)
    for line in document.legend:
        matrix.append([line])
    buffer = io.BytesIO()
    save_workbook(workbook, buffer)
    return buffer.getvalue()
