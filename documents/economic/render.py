"""The economic information as a document: HTML (also the source of the PDF), PDF
(WeasyPrint, tagged), XLSX and DOCX. Every figure comes from
``stats.economic.EconomicInformation`` through ``documents.economic.table``."""

from __future__ import annotations

import importlib
import io
from decimal import ROUND_HALF_UP, Decimal

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from documents.economic.table import EconomicTable, economic_table
from finsam.safe_cells import save_workbook
from stats.economic import EconomicInformation

NBSP = "\xa0"
FORMATS = ("html", "pdf", "xlsx", "docx")

#: The document's own style sheet (a file for print, not a page of the application).
DOCUMENT_CSS = """
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; font-size: 10pt; }
table { border-collapse: collapse; width: 100%; }
th, td { padding: 2pt 4pt; text-align: left; }
td.num, th.num { text-align: right; white-space: nowrap; }
tr.heading th { padding-top: 8pt; text-transform: uppercase; }
tr.total th, tr.total td, tr.key th, tr.key td { font-weight: bold; border-top: 0.5pt solid #000; }
.footnote { font-size: 8.5pt; }
@page { size: A4 landscape; margin: 1.5cm; }
"""


def tsek(value: int) -> str:
    """Thousands of kronor, half up, Swedish grouping: ``3 968`` for 3 967 817."""
    amount = int((Decimal(value) / 1000).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return f"{amount:,}".replace(",", NBSP)


def texts(information: EconomicInformation) -> list[str]:
    """The memo's paragraphs with the figures filled in (seed 001's wording)."""
    year = information.as_of.year
    prognosis = information.columns[1].key
    totals = information.totals
    result = totals["result"][prognosis]
    paragraphs = [
        _(
            "Kansliet informerar om beslutsutrymmet för ytterligare insatser finansierade av "
            "förbundet, dels utifrån beslut som redan är fattade av styrelsen, dels utifrån "
            "ansökningar som ännu inte är beslutade."
        ),
        _(
            "Det ackumulerade överskottet uppgår till %(carried)s tkr. Prognostiserat resultat "
            "för %(year)s beräknas till %(result)s tkr, vilket skulle %(verb)s det ackumulerade "
            "överskottet till %(room)s tkr. Om hänsyn tas till ej beviljade ansökningar finns "
            "%(after)s tkr över för år %(year)s."
        )
        % {
            "carried": tsek(totals["carried"][prognosis]),
            "year": year,
            "result": tsek(result),
            "verb": _("minska") if result < 0 else _("öka"),
            "room": tsek(totals["room"][prognosis]),
            "after": tsek(totals["room_after_applications"][prognosis]),
        },
    ]
    if information.equity_limit is not None:
        paragraphs.append(
            _("Förbundets rekommenderade tak för eget kapital är %(limit)s tkr för %(year)s.")
            % {"limit": tsek(information.equity_limit[prognosis]), "year": year}
        )
    return paragraphs


def render_html(information: EconomicInformation) -> str:
    table = economic_table(information)
    return render_to_string(
        "documents/economic/document.html",
        {
            "information": information,
            "table": table,
            "texts": texts(information),
            "css": DOCUMENT_CSS,
        },
    )


def render_pdf(information: EconomicInformation) -> bytes:
    # Imported by name: WeasyPrint has no type stubs (mypy's ignore list may name it).
    weasyprint = importlib.import_module("weasyprint")
    pdf: bytes = weasyprint.HTML(string=render_html(information)).write_pdf(pdf_tags=True)
    return pdf


def _title(information: EconomicInformation) -> str:
    return _("Ekonomisk information per %(date)s") % {"date": information.as_of.isoformat()}


def _label(table: EconomicTable, index: int) -> str:
    header = table.headers[index]
    return f"{header.label} {header.year}"


def render_xlsx(information: EconomicInformation) -> bytes:
    """One sheet, amounts in whole kronor (format with thousands), transfers in a note
    column; totals bold."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    table = economic_table(information)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # noqa: S101  a new workbook has one sheet
    sheet.title = _("Ekonomisk information")
    sheet.append([_title(information)])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([])
    headers = [_("Belopp i kr"), _("Insatsägare")]
    headers += [_label(table, i) for i in range(len(table.headers))]
    sheet.append([*headers, _("Överfört från %(year)s") % {"year": table.transfer_year}])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in table.rows:
        if row.kind == "heading":
            sheet.append([row.label])
            sheet[sheet.max_row][0].font = Font(bold=True)
            continue
        moved = "; ".join(
            f"{_label(table, i)}: {amount}" for i, amount in enumerate(row.transferred) if amount
        )
        sheet.append([row.label, row.owner, *row.values, moved or None])
        for cell in sheet[sheet.max_row][2 : 2 + len(row.values)]:
            cell.number_format = "#,##0"
        if row.kind in ("total", "key"):
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 44
    sheet.column_dimensions["B"].width = 18
    buffer = io.BytesIO()
    save_workbook(workbook, buffer)
    return buffer.getvalue()


def render_docx(information: EconomicInformation) -> bytes:
    """Heading, the text with its figures and the table in TSEK (transfers marked *)."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    table = economic_table(information)
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    document.add_heading(_title(information), level=1)
    for paragraph in texts(information):
        document.add_paragraph(paragraph)
    columns = 2 + len(table.headers)
    grid = document.add_table(rows=1, cols=columns)
    grid.style = "Table Grid"
    header = grid.rows[0].cells
    header[0].text = _("Belopp i TSEK")
    header[1].text = _("Insatsägare")
    for index in range(len(table.headers)):
        header[2 + index].text = _label(table, index)
    for row in table.rows:
        cells = grid.add_row().cells
        cells[0].text = row.label.upper() if row.kind == "heading" else row.label
        if row.kind == "heading":
            continue
        cells[1].text = row.owner
        for index, (value, moved) in enumerate(row.cells):
            cell = cells[2 + index]
            cell.text = tsek(value) + (" *" if moved else "")
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if row.kind in ("total", "key", "heading"):
            for cell in cells:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
    document.add_paragraph(
        _("* Medel har förts över från %(year)s (beviljade överföringar).")
        % {"year": table.transfer_year}
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render(information: EconomicInformation, fmt: str) -> str | bytes:
    if fmt == "html":
        return render_html(information)
    if fmt == "pdf":
        return render_pdf(information)
    if fmt == "xlsx":
        return render_xlsx(information)
    if fmt == "docx":
        return render_docx(information)
    raise ValueError(fmt)
