"""The memo as a Word document (python-docx).

The association's own template (``documents.MemoTemplate``) is the base when uploaded: its
body is cleared but its sections, page setup, headers, footers (the letterhead) and styles
are kept. Without one, ``default_template`` makes a plain Swedish A4 document with the
association's name in the header. Headings use Word's heading styles, tables are real Word
tables (caption above, header rows repeated on each page), charts are inline pictures and
the footer holds the version and "Sida N av M" (PAGE and NUMPAGES fields).

Tables are written as one XML string each, not cell by cell through python-docx (which
costs about half a millisecond a cell): a fixed layout whose grid columns hold the widths,
so Word and LibreOffice both keep them, explicit thin borders (a template's "Table Grid"
may have none), and the text in the "PM tabelltext" paragraph styles (size, no spacing,
bold for headers and totals) that an association can restyle in its template. Columns get
at least the width of their longest word when the table has room for it; Word hyphenates
table text (Swedish) where it has not, and only table text.
"""

from __future__ import annotations

import io
import math
import re
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from documents.memo.hyphens import SOFT_HYPHEN, hyphenated
from documents.memo.model import Chart, MemoDocument, Placeholder, Table, Text

TONES = {"green": "C6EFCE", "yellow": "FFEB9C", "red": "FFC7CE"}
HEADER_FILL = "DCE6F1"
GROUP_FILL = "F2F2F2"
BORDER_COLOUR = "8C96A0"
#: left/right cell padding (twips, 1/20 pt): 0.1 cm instead of Word's 0.19 cm
CELL_MARGIN = 57
#: top/bottom cell padding (twips)
CELL_MARGIN_VERTICAL = 20
#: a character's width as a share of the font size, on the safe side for Calibri bold
CHAR_EM = 0.53
#: the widest picture of a chart (EMU: 16 cm); never wider than the text
CHART_WIDTH = 16 * 360000
EMU_PER_TWIP = 635
NOTE_STYLE = "PM tabellnot"
SWEDISH = "sv-SE"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
BREAK_AFTER_HYPHEN = re.compile(r"(?<=-)")
#: a hyphen inside a figure (a date such as 2026-06-30) must not end a line
FIGURE_HYPHEN = re.compile(r"(?<=\d)-(?=\d)")
#: ordinary spaces only: a no-break space keeps "1 033" and "45 %" on one line
SPACES = re.compile(r"[ \t\r\n]+")


#: a table of at most this many rows (below the header) is kept on one page
KEEP_TOGETHER_ROWS = 8


def table_font_size(columns: int) -> float:
    """One size for the ordinary tables, a smaller one for the wide person tables."""
    return 7.5 if columns > 8 else 8.5


def cell_style_name(size: float, *, bold: bool) -> str:
    """``PM tabelltext 8,5 pt`` / ``PM tabelltext 8,5 pt fet``."""
    label = f"{size:g}".replace(".", ",")
    return f"PM tabelltext {label} pt" + (" fet" if bold else "")


def default_template(association_name: str) -> Any:
    """A clean Swedish A4 document with the association's name as a simple letterhead."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    # python-docx's own template says en-US: Word would spell-check the memo as English
    for lang in document.styles.element.iter(qn("w:lang")):
        lang.set(qn("w:val"), SWEDISH)
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
    if NOTE_STYLE not in names:
        add_paragraph_style(
            document,
            NOTE_STYLE,
            "PMTabellnot",
            ppr='<w:spacing w:before="40" w:after="0" w:line="240" w:lineRule="auto"/>',
            rpr='<w:i/><w:iCs/><w:sz w:val="16"/><w:szCs w:val="16"/>',
        )


def add_paragraph_style(document: Any, name: str, style_id: str, *, ppr: str, rpr: str) -> str:
    """A paragraph style based on Normal, written as XML (python-docx has no API for
    hyphenation or language); answers the style id."""
    from docx.oxml import parse_xml

    styles = document.styles.element
    taken = {element.get(f"{{{W_NS}}}styleId") for element in styles}
    unique, number = style_id, 1
    while unique in taken:
        number += 1
        unique = f"{style_id}{number}"
    normal = document.styles["Normal"].style_id
    styles.append(
        parse_xml(
            f'<w:style xmlns:w="{W_NS}" w:type="paragraph" w:customStyle="1"'
            f" w:styleId={quoteattr(unique)}><w:name w:val={quoteattr(name)}/>"
            f"<w:basedOn w:val={quoteattr(normal)}/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr>"
            "</w:style>"
        )
    )
    return unique


def table_style_id(document: Any, size: float, *, bold: bool) -> str:
    """The id of the cell text style for ``size``, added when the template lacks it."""
    name = cell_style_name(size, bold=bold)
    if name in {style.name for style in document.styles}:
        return str(document.styles[name].style_id)
    half_points = round(size * 2)
    return add_paragraph_style(
        document,
        name,
        f"PMTabelltext{round(size * 10)}" + ("Fet" if bold else ""),
        ppr=(
            '<w:suppressAutoHyphens w:val="0"/>'
            '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
        ),
        rpr=("<w:b/><w:bCs/>" if bold else "")
        + f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
        + f'<w:lang w:val="{SWEDISH}"/>',
    )


#: the settings that come before ``w:autoHyphenation`` (the schema fixes the order)
# fmt: off
SETTINGS_BEFORE_HYPHENATION = [
    "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
    "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
    "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts", "embedSystemFonts",
    "saveSubsetFonts", "saveFormsData", "mirrorMargins", "alignBordersAndEdges",
    "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter", "gutterAtTop",
    "hideSpellingErrors", "hideGrammaticalErrors", "activeWritingStyle", "proofState",
    "formsDesign", "attachedTemplate", "linkStyles", "stylePaneFormatFilter",
    "stylePaneSortMethod", "documentType", "mailMerge", "revisionView", "trackRevisions",
    "doNotTrackMoves", "doNotTrackFormatting", "documentProtection", "autoFormatOverride",
    "styleLockTheme", "styleLockQFSet", "defaultTabStop",
]
# fmt: on
#: the paragraph properties that come before ``w:suppressAutoHyphens``
# fmt: off
PPR_BEFORE_SUPPRESS_HYPHENS = [
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs",
]
# fmt: on


def insert_in_order(parent: Any, element: Any, predecessors: list[str]) -> None:
    """Insert ``element`` after the last child of ``parent`` that the schema puts before it."""
    tags = {f"{{{W_NS}}}{name}" for name in predecessors}
    for child in reversed(list(parent)):
        if child.tag in tags:
            child.addnext(element)
            return
    parent.insert(0, element)


def child(parent: Any, name: str, *, first: bool = False) -> Any:
    """The ``w:name`` child of ``parent``, added (first or last) when missing."""
    from docx.oxml import OxmlElement

    found = parent.find(f"{{{W_NS}}}{name}")
    if found is None:
        found = OxmlElement(f"w:{name}")
        if first:
            parent.insert(0, found)
        else:
            parent.append(found)
    return found


def enable_table_hyphenation(document: Any) -> None:
    """Turn on Word's automatic hyphenation but suppress it in the document defaults, so
    only the table styles (which lift the suppression) hyphenate: a header word such as
    "Styrgruppsmöten" in a narrow column breaks at a syllable instead of at any letter.
    A template that already hyphenates is left alone."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    settings = document.settings.element
    current = settings.find(qn("w:autoHyphenation"))
    if current is not None and current.get(qn("w:val"), "true") not in ("0", "false", "off"):
        return
    if current is None:
        current = OxmlElement("w:autoHyphenation")
        insert_in_order(settings, current, SETTINGS_BEFORE_HYPHENATION)
    current.set(qn("w:val"), "true")
    defaults = child(document.styles.element, "docDefaults", first=True)
    properties = child(child(defaults, "pPrDefault"), "pPr")
    if properties.find(qn("w:suppressAutoHyphens")) is None:
        insert_in_order(
            properties, OxmlElement("w:suppressAutoHyphens"), PPR_BEFORE_SUPPRESS_HYPHENS
        )


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


#: The version lines of ``MemoDocument.version_label`` (our footer line contains one).
VERSION_LABELS = ("Röjandeskyddad version", "Ej röjandeskyddad version")


def add_footer(document: Any, memo: MemoDocument) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    for section in document.sections:
        footer = section.footer
        # A memo exported earlier and uploaded as the template has our line already.
        for old in list(footer.paragraphs):
            if any(label in old.text for label in VERSION_LABELS):
                old._element.getparent().remove(old._element)
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


# --- tables -------------------------------------------------------------------------------


def longest_word_twips(text: str, size: float) -> int:
    """The width (twips) of the longest piece of ``text`` that cannot break: words split
    at ordinary spaces, after hyphens and at soft hyphens (the piece then ends with the
    hyphen Word prints)."""
    words = SPACES.split(FIGURE_HYPHEN.sub("\u2011", text))
    longest = max(
        (
            len(piece) + (index < len(pieces) - 1)
            for word in words
            for part in BREAK_AFTER_HYPHEN.split(word)
            for pieces in [part.split(SOFT_HYPHEN)]
            for index, piece in enumerate(pieces)
        ),
        default=0,
    )
    return math.ceil(longest * size * CHAR_EM * 20)


def column_needs(table: Table, size: float) -> list[int]:
    """Each column's width (twips) for its longest word and the cell padding."""
    needs = [longest_word_twips(title, size) for title in table.columns]
    for row in table.rows:
        if row.kind == "group":
            continue
        for index, cell in enumerate(row.cells[: len(needs)]):
            needs[index] = max(needs[index], longest_word_twips(cell.text, size))
    return [need + 2 * CELL_MARGIN + 20 for need in needs]


def fit_widths(weights: list[float], needs: list[int], total: int) -> list[int]:
    """Column widths (twips) summing to ``total`` in the proportions of ``weights``, except
    that a column narrower than its need gets it, taken from the columns with room to spare
    in proportion to that room. When all needs do not fit, the weights stand."""
    widths = [total * weight / sum(weights) for weight in weights]
    if sum(needs) <= total:
        deficit = sum(max(0.0, need - width) for need, width in zip(needs, widths, strict=True))
        spare = [max(0.0, width - need) for need, width in zip(needs, widths, strict=True)]
        room = sum(spare)
        if deficit > 0 and room > 0:
            widths = [
                max(width, need) - deficit * extra / room
                for width, need, extra in zip(widths, needs, spare, strict=True)
            ]
    whole = [int(width) for width in widths]
    whole[-1] += total - sum(whole)
    return whole


def paragraph_xml(text: str, style: str, *, right: bool = False, keep: bool = False) -> str:
    properties = f"<w:pStyle w:val={quoteattr(style)}/>"
    if keep:
        properties += "<w:keepNext/>"
    if right:
        properties += '<w:jc w:val="right"/>'
    run = ""
    if text:
        pieces = [
            "<w:softHyphen/>".join(
                f'<w:t xml:space="preserve">{escape(part)}</w:t>'
                for part in piece.split(SOFT_HYPHEN)
            )
            for piece in FIGURE_HYPHEN.split(text)
        ]
        run = f"<w:r>{'<w:noBreakHyphen/>'.join(pieces)}</w:r>"
    return f"<w:p><w:pPr>{properties}</w:pPr>{run}</w:p>"


def cell_xml(
    paragraph: str, width: int, *, span: int = 1, fill: str = "", align: str = "center"
) -> str:
    properties = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        properties += f'<w:gridSpan w:val="{span}"/>'
    if fill:
        properties += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
    properties += f'<w:vAlign w:val="{align}"/>'
    return f"<w:tc><w:tcPr>{properties}</w:tcPr>{paragraph}</w:tc>"


def row_xml(cells: list[str], *, header: bool = False) -> str:
    """A row that never splits over two pages; a header row repeats on every page."""
    properties = "<w:cantSplit/>" + ("<w:tblHeader/>" if header else "")
    return f"<w:tr><w:trPr>{properties}</w:trPr>{''.join(cells)}</w:tr>"


def table_properties(caption: str, widths: list[int], grid_style: str) -> str:
    edge = f'w:val="single" w:sz="4" w:space="0" w:color="{BORDER_COLOUR}"'
    borders = "".join(
        f"<w:{side} {edge}/>" for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    vertical, horizontal = CELL_MARGIN_VERTICAL, CELL_MARGIN
    margins = (
        f'<w:top w:w="{vertical}" w:type="dxa"/><w:left w:w="{horizontal}" w:type="dxa"/>'
        f'<w:bottom w:w="{vertical}" w:type="dxa"/><w:right w:w="{horizontal}" w:type="dxa"/>'
    )
    style = f"<w:tblStyle w:val={quoteattr(grid_style)}/>" if grid_style else ""
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
    return (
        f'<w:tblPr>{style}<w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f"<w:tblCellMar>{margins}</w:tblCellMar>"
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0"'
        ' w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
        f"<w:tblCaption w:val={quoteattr(caption)}/></w:tblPr>"
        f"<w:tblGrid>{grid}</w:tblGrid>"
    )


def table_xml(
    table: Table, *, widths: list[int], regular: str, bold: str, grid_style: str = ""
) -> str:
    """The whole Word table: header rows (group labels, column titles) shaded and repeated,
    group rows across the table, figures right-aligned, totals bold, the office's colours.
    Rows keep with the next one (Word's "keep with next"), so a short table stays on one
    page; a long one splits, but never right after its header or a group label, and with
    at least two rows before the break and three after it (the total among them)."""
    columns = len(table.columns)
    numeric = table.numeric_columns
    rows: list[str] = []
    if table.groups:
        cells, position = [], 0
        for group in table.groups:
            width = sum(widths[position : position + group.span])
            content = paragraph_xml(group.label, bold, keep=True)
            cells.append(
                cell_xml(content, width, span=group.span, fill=HEADER_FILL, align="bottom")
            )
            position += group.span
        rows.append(row_xml(cells, header=True))
    titles = [
        cell_xml(
            paragraph_xml(title, bold, right=numeric[index], keep=True),
            widths[index],
            fill=HEADER_FILL,
            align="bottom",
        )
        for index, title in enumerate(table.columns)
    ]
    rows.append(row_xml(titles, header=True))
    count = len(table.rows)
    for position, data in enumerate(table.rows):
        keep = position < count - 1 and (
            count <= KEEP_TOGETHER_ROWS
            or data.kind == "group"
            or position < 2
            or position >= count - 3
        )
        if data.kind == "group":
            content = paragraph_xml(data.cells[0].text, bold, keep=keep)
            rows.append(row_xml([cell_xml(content, sum(widths), span=columns, fill=GROUP_FILL)]))
            continue
        style = bold if data.kind == "total" else regular
        cells = [
            cell_xml(
                paragraph_xml(value.text, style, right=value.numeric, keep=keep),
                widths[index],
                fill=TONES.get(value.tone, ""),
            )
            for index, value in enumerate(data.cells[:columns])
        ]
        cells += [
            cell_xml(paragraph_xml("", style), widths[index])
            for index in range(len(cells), columns)
        ]
        rows.append(row_xml(cells))
    return (
        f'<w:tbl xmlns:w="{W_NS}">'
        f"{table_properties(table.caption, widths, grid_style)}{''.join(rows)}</w:tbl>"
    )


class DocxWriter:
    def __init__(self, document: Any, memo: MemoDocument, charts: dict[str, bytes]) -> None:
        self.document = document
        self.memo = memo
        self.charts = charts
        section = document.sections[-1]
        self.width = section.page_width - section.left_margin - section.right_margin
        self.cell_styles: dict[float, tuple[str, str]] = {}
        self.grid_style = str(document.styles["Table Grid"].style_id)
        self.style_ids: dict[str, str] = {}

    def write(self) -> None:
        from docx.shared import Pt

        document, memo = self.document, self.memo
        self.paragraph(memo.title, "Title")
        self.paragraph(memo.subtitle, "Subtitle")
        for line in memo.meta_lines:
            paragraph = document.add_paragraph()
            run = paragraph.add_run(line)
            run.font.size = Pt(9)
            run.font.bold = line == memo.version_label
            paragraph.paragraph_format.space_after = Pt(0)
        for section in memo.sections:
            self.paragraph(section.heading, f"Heading {section.level}")
            for block in section.blocks:
                if isinstance(block, Text):
                    self.text(block)
                elif isinstance(block, Table):
                    self.table(block)
                elif isinstance(block, Chart):
                    self.chart(block)
                elif isinstance(block, Placeholder):
                    self.placeholder(block)

    def paragraph(self, text: str, style: str) -> Any:
        """A paragraph in the named style; the id is looked up once (python-docx looks a
        name up again on every paragraph, about a millisecond each)."""
        if style not in self.style_ids:
            self.style_ids[style] = str(self.document.styles[style].style_id)
        paragraph = self.document.add_paragraph(text)
        paragraph._p.style = self.style_ids[style]
        return paragraph

    def text(self, block: Text) -> None:
        for kind, items in block.parts():
            if kind == "bullets":
                for item in items:
                    self.paragraph(item, "List Bullet")
            else:
                self.document.add_paragraph(items[0])

    def note(self, text: str) -> None:
        self.paragraph(text, NOTE_STYLE)

    def spacer(self) -> None:
        """An empty paragraph after a table (Word joins two tables that touch) or a note."""
        from docx.shared import Pt

        self.document.add_paragraph().paragraph_format.space_after = Pt(2)

    def styles_for(self, size: float) -> tuple[str, str]:
        """The (regular, bold) cell text style ids for ``size``."""
        if size not in self.cell_styles:
            self.cell_styles[size] = (
                table_style_id(self.document, size, bold=False),
                table_style_id(self.document, size, bold=True),
            )
        return self.cell_styles[size]

    def table(self, table: Table) -> None:
        from docx.oxml import parse_xml
        from docx.oxml.ns import qn

        caption = self.paragraph(table.caption, "Caption")
        caption.paragraph_format.keep_with_next = True
        size = table_font_size(len(table.columns))
        regular, bold = self.styles_for(size)
        widths = fit_widths(
            list(table.widths) or [1.0] * len(table.columns),
            column_needs(table, size),
            int(self.width) // EMU_PER_TWIP,
        )
        element = parse_xml(
            table_xml(table, widths=widths, regular=regular, bold=bold, grid_style=self.grid_style)
        )
        body = self.document.element.body
        end = body.find(qn("w:sectPr"))
        if end is not None:
            end.addprevious(element)
        else:
            body.append(element)
        for note in table.notes:
            self.note(note)
        self.spacer()

    def chart(self, chart: Chart) -> None:
        from docx.shared import Emu

        caption = self.paragraph(chart.caption, "Caption")
        caption.paragraph_format.keep_with_next = True
        image = self.charts.get(chart.key)
        if image:
            width = Emu(min(CHART_WIDTH, int(self.width)))
            self.document.add_picture(io.BytesIO(image), width=width)
        for note in chart.notes:
            self.note(note)
        if chart.notes:
            self.spacer()

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
    enable_table_hyphenation(document)
    DocxWriter(document, hyphenated(memo), charts).write()
    add_footer(document, memo)
    document.core_properties.title = f"{memo.title} – {memo.subtitle}"
    document.core_properties.author = memo.association_name
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
