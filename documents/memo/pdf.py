"""The memo as PDF (reportlab platypus): A4, Helvetica (covers å, ä, ö), Swedish headings,
tables with a repeated header row, charts, the period/produced/version lines on the first
page and "Sida N av M" with the version in every page's footer."""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from documents.memo.model import Chart, MemoDocument, Placeholder, Table, Text

TONES = {"green": "#C6EFCE", "yellow": "#FFEB9C", "red": "#FFC7CE"}
HEADER_FILL = "#DCE6F1"
GROUP_FILL = "#F2F2F2"
MARGIN_CM = 2.0


def styles() -> dict[str | int, Any]:
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("base", fontName="Helvetica", fontSize=10, leading=13.5, spaceAfter=6)
    return {
        "title": ParagraphStyle(
            "title", base, fontName="Helvetica-Bold", fontSize=18, leading=22, spaceAfter=8
        ),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=13, leading=16, spaceAfter=12),
        "meta": ParagraphStyle("meta", base, fontSize=9, leading=12, spaceAfter=0),
        "meta_bold": ParagraphStyle(
            "meta_bold", base, fontName="Helvetica-Bold", fontSize=9, leading=12, spaceAfter=14
        ),
        1: ParagraphStyle(
            "h1",
            base,
            fontName="Helvetica-Bold",
            fontSize=15,
            leading=19,
            spaceBefore=12,
            spaceAfter=6,
            keepWithNext=1,
        ),
        2: ParagraphStyle(
            "h2",
            base,
            fontName="Helvetica-Bold",
            fontSize=12.5,
            leading=16,
            spaceBefore=10,
            spaceAfter=5,
            keepWithNext=1,
        ),
        3: ParagraphStyle(
            "h3",
            base,
            fontName="Helvetica-BoldOblique",
            fontSize=11,
            leading=14,
            spaceBefore=8,
            spaceAfter=4,
            keepWithNext=1,
        ),
        "body": base,
        "bullet": ParagraphStyle("bullet", base, leftIndent=14, bulletIndent=4, spaceAfter=2),
        "caption": ParagraphStyle(
            "caption",
            base,
            fontName="Helvetica-Bold",
            fontSize=9,
            leading=12,
            spaceBefore=4,
            spaceAfter=3,
            keepWithNext=1,
        ),
        "note": ParagraphStyle(
            "note", base, fontName="Helvetica-Oblique", fontSize=7.5, leading=9.5, spaceAfter=2
        ),
        "cell": ParagraphStyle("cell", base, fontSize=7.5, leading=9, spaceAfter=0),
        "cell_right": ParagraphStyle(
            "cell_right", base, fontSize=7.5, leading=9, spaceAfter=0, alignment=TA_RIGHT
        ),
        "cell_bold": ParagraphStyle(
            "cell_bold", base, fontName="Helvetica-Bold", fontSize=7.5, leading=9, spaceAfter=0
        ),
        "cell_bold_right": ParagraphStyle(
            "cell_bold_right",
            base,
            fontName="Helvetica-Bold",
            fontSize=7.5,
            leading=9,
            spaceAfter=0,
            alignment=TA_RIGHT,
        ),
        "marker": ParagraphStyle(
            "marker",
            base,
            fontName="Helvetica-Oblique",
            backColor="#FFF2CC",
            borderPadding=6,
            spaceBefore=6,
        ),
    }


def numbered_canvas(memo: MemoDocument) -> type:
    """A canvas that draws the header and "Sida N av M" once the page count is known."""
    from reportlab.lib.units import cm
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.draw_frame(total)
                super().showPage()
            super().save()

        def draw_frame(self, total: int) -> None:
            width, height = self._pagesize
            self.saveState()
            self.setFont("Helvetica", 7.5)
            self.setFillColorRGB(0.3, 0.33, 0.38)
            self.drawString(MARGIN_CM * cm, height - 1.2 * cm, memo.association_name)
            self.drawRightString(width - MARGIN_CM * cm, height - 1.2 * cm, memo.subtitle)
            self.drawString(MARGIN_CM * cm, 1.2 * cm, f"{memo.period_code} · {memo.version_label}")
            self.drawRightString(
                width - MARGIN_CM * cm, 1.2 * cm, f"Sida {self._pageNumber} av {total}"
            )
            self.restoreState()

    return NumberedCanvas


class PdfWriter:
    def __init__(self, memo: MemoDocument, charts: dict[str, bytes], width: float) -> None:
        self.memo = memo
        self.charts = charts
        self.width = width
        self.styles = styles()
        self.story: list[Any] = []

    def p(self, text: str, style: str | int) -> Any:
        from reportlab.platypus import Paragraph

        return Paragraph(escape(text), self.styles[style])

    def build(self) -> list[Any]:
        memo = self.memo
        self.story += [self.p(memo.title, "title"), self.p(memo.subtitle, "subtitle")]
        for line in memo.meta_lines:
            self.story.append(self.p(line, "meta_bold" if line == memo.version_label else "meta"))
        for section in memo.sections:
            from reportlab.platypus import Paragraph

            self.story.append(Paragraph(escape(section.heading), self.styles[section.level]))
            for block in section.blocks:
                if isinstance(block, Text):
                    self.text(block)
                elif isinstance(block, Table):
                    self.table(block)
                elif isinstance(block, Chart):
                    self.chart(block)
                elif isinstance(block, Placeholder):
                    self.placeholder(block)
        return self.story

    def text(self, block: Text) -> None:
        from reportlab.platypus import Paragraph

        for kind, items in block.parts():
            if kind == "bullets":
                for item in items:
                    self.story.append(
                        Paragraph(escape(item), self.styles["bullet"], bulletText="•")
                    )
            else:
                self.story.append(self.p(items[0], "body"))

    def table(self, table: Table) -> None:
        from reportlab.platypus import Spacer
        from reportlab.platypus import Table as PdfTable

        self.story.append(self.p(table.caption, "caption"))
        columns = len(table.columns)
        data: list[list[Any]] = []
        commands: list[tuple[Any, ...]] = [
            ("GRID", (0, 0), (-1, -1), 0.25, "#8c96a0"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("BACKGROUND", (0, 0), (-1, table.header_rows - 1), HEADER_FILL),
        ]
        if table.groups:
            row: list[Any] = []
            position = 0
            for group in table.groups:
                row.append(self.p(group.label, "cell_bold"))
                row.extend([""] * (group.span - 1))
                if group.span > 1:
                    commands.append(("SPAN", (position, 0), (position + group.span - 1, 0)))
                position += group.span
            data.append(row)
        data.append(
            [
                self.p(title, "cell_bold_right" if numeric else "cell_bold")
                for title, numeric in zip(table.columns, table.numeric_columns, strict=True)
            ]
        )
        for data_row in table.rows:
            y = len(data)
            if data_row.kind == "group":
                data.append([self.p(data_row.cells[0].text, "cell_bold")] + [""] * (columns - 1))
                commands += [("SPAN", (0, y), (-1, y)), ("BACKGROUND", (0, y), (-1, y), GROUP_FILL)]
                continue
            bold = data_row.kind == "total"
            cells = []
            for x, cell in enumerate(data_row.cells):
                style = ("cell_bold" if bold else "cell") + ("_right" if cell.numeric else "")
                cells.append(self.p(cell.text, style))
                if cell.tone in TONES:
                    commands.append(("BACKGROUND", (x, y), (x, y), TONES[cell.tone]))
            data.append(cells)
        weights = list(table.widths) or [1.0] * columns
        widths = [self.width * weight / sum(weights) for weight in weights]
        pdf_table = PdfTable(data, colWidths=widths, repeatRows=table.header_rows, hAlign="LEFT")
        pdf_table.setStyle(commands)
        self.story.append(pdf_table)
        for note in table.notes:
            self.story.append(self.p(note, "note"))
        self.story.append(Spacer(1, 6))

    def chart(self, chart: Chart) -> None:
        from reportlab.lib.utils import ImageReader
        from reportlab.platypus import Image, KeepTogether

        parts: list[Any] = [self.p(chart.caption, "caption")]
        image = self.charts.get(chart.key)
        if image:
            pixels_wide, pixels_high = ImageReader(io.BytesIO(image)).getSize()
            width = self.width * 0.95
            parts.append(
                Image(io.BytesIO(image), width=width, height=width * pixels_high / pixels_wide)
            )
        parts += [self.p(note, "note") for note in chart.notes]
        self.story.append(KeepTogether(parts))

    def placeholder(self, block: Placeholder) -> None:
        if block.paragraphs:
            self.story += [self.p(text, "body") for text in block.paragraphs]
        else:
            self.story.append(self.p(block.marker, "marker"))


def render_pdf(memo: MemoDocument, *, charts: dict[str, bytes]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import SimpleDocTemplate

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_CM * cm,
        rightMargin=MARGIN_CM * cm,
        topMargin=MARGIN_CM * cm,
        bottomMargin=MARGIN_CM * cm,
        title=f"{memo.title} – {memo.subtitle}",
        author=memo.association_name,
        lang="sv",
    )
    story = PdfWriter(memo, charts, document.width).build()
    document.build(story, canvasmaker=numbered_canvas(memo))
    return buffer.getvalue()
