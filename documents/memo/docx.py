"""The memo as a Word document (python-docx).

The association's own template (``documents.MemoTemplate``) is the base when uploaded: its
body is cleared but its sections, page setup, headers, footers (the letterhead) and styles
are kept. Without one, ``default_template`` makes a plain A4 document with the
association's name in the header. Headings use Word's heading styles, tables are real Word
tables (caption above, header rows repeated on each page), charts are inline pictures and
the footer holds the version and "Sida N av M" (PAGE and NUMPAGES fields).
"""

from __future__ import annotations

import io
from typing import Any

from documents.memo.model import Chart, MemoDocument, Placeholder, Table, Text

TONES = {"green": "C6EFCE", "yellow": "FFEB9C", "red": "FFC7CE"}
HEADER_FILL = "DCE6F1"
GROUP_FILL = "F2F2F2"


def default_template(association_name: str) -> Any:
    """A clean A4 document with the association's name as a simple letterhead."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    header = section.header.paragraphs[0]
    header.text = association_name.upper()
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for run in header.runs:
        run.font.size = Pt(8)
        run.font.bold = True
    return document


def clear_body(document: Any) -> None:
    """Remove the template's content but keep the final section properties."""
    from docx.oxml.ns import qn

    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def ensure_styles(document: Any) -> None:
    """A template may lack some styles (python-docx raises on a missing one): add them."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    names = {style.name for style in document.styles}
    wanted = {
        "Title": (20, True),
        "Subtitle": (14, False),
        "Heading 1": (15, True),
        "Heading 2": (12.5, True),
        "Heading 3": (11, True),
        "Caption": (9, True),
        "List Bullet": (None, False),
    }
    for name, (size, bold) in wanted.items():
        if name in names:
            continue
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        if size:
            style.font.size = Pt(size)
        style.font.bold = bold
    if "Table Grid" not in names:
        style = document.styles.add_style("Table Grid", WD_STYLE_TYPE.TABLE)
        style.base_style = document.styles["Normal Table"] if "Normal Table" in names else None


def add_field(paragraph: Any, instruction: str, placeholder: str = "1") -> None:
    """A Word field (PAGE, NUMPAGES) updated by Word when the document is shown."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str) -> Any:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    begin = paragraph.add_run()
    begin._r.append(char("begin"))
    code = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    code._r.append(text)
    paragraph.add_run()._r.append(char("separate"))
    paragraph.add_run(placeholder)
    paragraph.add_run()._r.append(char("end"))


def has_page_field(footer: Any) -> bool:
    xml = footer._element.xml
    return " PAGE " in xml or 'w:instr="PAGE' in xml or 'w:instr=" PAGE' in xml


def add_footer(document: Any, memo: MemoDocument) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    for section in document.sections:
        footer = section.footer
        numbered = has_page_field(footer)
        paragraph = footer.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(f"{memo.period_code} · {memo.version_label}")
        if not numbered:
            paragraph.add_run(" · Sida ")
            add_field(paragraph, "PAGE")
            paragraph.add_run(" av ")
            add_field(paragraph, "NUMPAGES")
        for run in paragraph.runs:
            run.font.size = Pt(8)


def shade(cell: Any, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def repeat_as_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def write_cell(
    cell: Any, text: str, *, size: float, bold: bool = False, right: bool = False
) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.space_before = Pt(0)
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold


class DocxWriter:
    def __init__(self, document: Any, memo: MemoDocument, charts: dict[str, bytes]) -> None:
        self.document = document
        self.memo = memo
        self.charts = charts
        section = document.sections[-1]
        self.width = section.page_width - section.left_margin - section.right_margin

    def write(self) -> None:
        from docx.shared import Pt

        document, memo = self.document, self.memo
        document.add_paragraph(memo.title, style="Title")
        document.add_paragraph(memo.subtitle, style="Subtitle")
        for line in memo.meta_lines:
            paragraph = document.add_paragraph()
            run = paragraph.add_run(line)
            run.font.size = Pt(9)
            run.font.bold = line == memo.version_label
            paragraph.paragraph_format.space_after = Pt(0)
        for section in memo.sections:
            document.add_heading(section.heading, level=section.level)
            for block in section.blocks:
                if isinstance(block, Text):
                    self.text(block)
                elif isinstance(block, Table):
                    self.table(block)
                elif isinstance(block, Chart):
                    self.chart(block)
                elif isinstance(block, Placeholder):
                    self.placeholder(block)

    def text(self, block: Text) -> None:
        for kind, items in block.parts():
            if kind == "bullets":
                for item in items:
                    self.document.add_paragraph(item, style="List Bullet")
            else:
                self.document.add_paragraph(items[0])

    def note(self, text: str) -> None:
        from docx.shared import Pt

        paragraph = self.document.add_paragraph()
        run = paragraph.add_run(text)
        run.font.size = Pt(8)
        run.font.italic = True

    def table(self, table: Table) -> None:
        from docx.shared import Pt

        caption = self.document.add_paragraph(table.caption, style="Caption")
        caption.paragraph_format.keep_with_next = True
        columns = len(table.columns)
        size = 7.5 if columns > 8 else 8.5 if columns > 4 else 9.5
        word = self.document.add_table(rows=0, cols=columns)
        word.style = self.document.styles["Table Grid"]
        word.autofit = False
        widths = self.column_widths(table)
        if table.groups:
            row = word.add_row()
            position = 0
            for group in table.groups:
                cell = row.cells[position]
                if group.span > 1:
                    cell = cell.merge(row.cells[position + group.span - 1])
                write_cell(cell, group.label, size=size, bold=True)
                shade(cell, HEADER_FILL)
                position += group.span
            repeat_as_header(row)
        row = word.add_row()
        for index, title in enumerate(table.columns):
            right = table.numeric_columns[index]
            write_cell(row.cells[index], title, size=size, bold=True, right=right)
            shade(row.cells[index], HEADER_FILL)
        repeat_as_header(row)
        for data in table.rows:
            row = word.add_row()
            if data.kind == "group":
                cell = row.cells[0].merge(row.cells[-1]) if columns > 1 else row.cells[0]
                write_cell(cell, data.cells[0].text, size=size, bold=True)
                shade(cell, GROUP_FILL)
                continue
            for index, value in enumerate(data.cells):
                cell = row.cells[index]
                write_cell(
                    cell, value.text, size=size, bold=data.kind == "total", right=value.numeric
                )
                if value.tone in TONES:
                    shade(cell, TONES[value.tone])
        for row in word.rows:
            for index, cell in enumerate(row.cells):
                cell.width = widths[index]
        for note in table.notes:
            self.note(note)
        self.document.add_paragraph().paragraph_format.space_after = Pt(2)

    def column_widths(self, table: Table) -> list[int]:
        weights = list(table.widths) or [1.0] * len(table.columns)
        total = sum(weights)
        return [int(self.width * weight / total) for weight in weights]

    def chart(self, chart: Chart) -> None:
        from docx.shared import Cm

        caption = self.document.add_paragraph(chart.caption, style="Caption")
        caption.paragraph_format.keep_with_next = True
        image = self.charts.get(chart.key)
        if image:
            self.document.add_picture(io.BytesIO(image), width=Cm(16))
        for note in chart.notes:
            self.note(note)

    def placeholder(self, block: Placeholder) -> None:
        from docx.enum.text import WD_COLOR_INDEX

        if block.paragraphs:
            for text in block.paragraphs:
                self.document.add_paragraph(text)
            return
        run = self.document.add_paragraph().add_run(block.marker)
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        run.font.italic = True


def render_docx(memo: MemoDocument, *, charts: dict[str, bytes], template: Any = None) -> bytes:
    """The memo as DOCX bytes; ``template`` is a path or file object of the association's
    .docx template, None for the default one."""
    from docx import Document

    if template is not None:
        document = Document(template)
        clear_body(document)
    else:
        document = default_template(memo.association_name)
    ensure_styles(document)
    DocxWriter(document, memo, charts).write()
    add_footer(document, memo)
    document.core_properties.title = f"{memo.title} – {memo.subtitle}"
    document.core_properties.author = memo.association_name
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
