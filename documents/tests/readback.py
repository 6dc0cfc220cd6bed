"""Reading the rendered memo back in tests: DOCX, PDF, XLSX and HTML as plain values, and
the disclosure check (no count from 1 to k-1 in person tables or count sentences)."""

from __future__ import annotations

import io
import re
from decimal import ROUND_HALF_UP, Decimal
from html.parser import HTMLParser
from typing import Any

from documents.memo.content import build_memo
from documents.memo.model import Chart, ChartSeries, MemoDocument, Text
from documents.tests.sample import NAMES, PRODUCED_AT, sample_extras, sample_memo

NBSP = "\xa0"

#: A standalone 1-4 that is not part of a larger number, a decimal, a share or "..".
SMALL_COUNT = re.compile(r"(?<![\d,.<])[1-4](?![\d,.]|\s?%)")
#: Text that holds digits but no count: dates, times, years, period codes, page numbers,
#: table and chart numbers, quarters, grouped thousands and the disclosure note itself.
NOT_COUNTS = (
    re.compile(r"\d{4}-\d{2}-\d{2}"),
    re.compile(r"\d{2}:\d{2}"),
    re.compile(r"\b\d{4}[HQ]\d\b"),
    re.compile(r"\b(19|20)\d{2}\b"),
    re.compile(r"Sida \d+ av \d+"),
    re.compile(r"(Tabell|Diagram|Mål) \d+"),
    re.compile(r"[Kk]vartal \d((–| och )\d)*"),
    re.compile(r"Q\d(–Q\d)?"),
    re.compile(r"antal 1–\d och antal som annars"),
    re.compile(r"\b\d{1,3}(?: \d{3})+\b"),
    # a duration in a chart's category ("Offentlig försörjning 3 år eller mer"): the PDF's
    # charts are text (SVG), not pictures
    re.compile(r"\b\d+ år\b"),
)


def fmt(value: Any) -> str:
    """The tests' own Swedish formatting of a JSON count (independent of the code)."""
    if isinstance(value, str):
        return value
    if value is None:
        return "–"
    return f"{value:,}".replace(",", NBSP)


def fmt_share(value: Any) -> str:
    return value if isinstance(value, str) else "–" if value is None else f"{value}{NBSP}%"


def fmt_tsek(value: int) -> str:
    thousands = int((Decimal(value) / 1000).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return fmt(thousands)


def build(*, suppressed: bool = True, texts: dict[str, str] | None = None) -> MemoDocument:
    return build_memo(
        sample_memo(suppressed=suppressed),
        names=NAMES,
        extras=sample_extras(),
        texts=texts or {},
        produced_at=PRODUCED_AT,
    )


def small_counts(text: str) -> list[str]:
    """The standalone 1-4 left in ``text`` once dates, years, page numbers and the like are
    taken out."""
    text = text.replace(NBSP, " ")
    for pattern in NOT_COUNTS:
        text = pattern.sub(" ", text)
    return SMALL_COUNT.findall(text)


def sensitive_sentences(document: MemoDocument) -> list[str]:
    """The paragraphs and bullet items of the texts that carry counts of persons."""
    return [
        item
        for block in document.blocks()
        if isinstance(block, Text) and block.sensitive
        for _kind, items in block.parts()
        for item in items
    ]


# --- DOCX ---------------------------------------------------------------------------------


def docx_of(content: bytes) -> Any:
    from docx import Document

    return Document(io.BytesIO(content))


def docx_tables(content: bytes) -> list[list[list[str]]]:
    return [
        [[cell.text for cell in row.cells] for row in table.rows]
        for table in docx_of(content).tables
    ]


def docx_headings(content: bytes) -> list[tuple[int, str]]:
    return [
        (int(p.style.name.removeprefix("Heading ")), p.text)
        for p in docx_of(content).paragraphs
        if p.style is not None and p.style.name.startswith("Heading ")
    ]


def docx_paragraphs(content: bytes) -> list[str]:
    return [p.text for p in docx_of(content).paragraphs]


# --- PDF ----------------------------------------------------------------------------------


def pdf_pages(content: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def pdf_lines(content: bytes) -> list[str]:
    return [
        line.strip().replace(NBSP, " ") for page in pdf_pages(content) for line in page.splitlines()
    ]


def pdf_row(content: bytes, caption: str, name: str) -> list[str]:
    """The cells after the label ``name`` in the first row that starts with it below the
    table ``caption``. The PDF's text comes out a table row per line, its cells separated by
    spaces (the spaces inside a figure are no-break spaces)."""
    lines = [line.strip() for page in pdf_pages(content) for line in page.splitlines()]
    start = lines.index(caption)
    row = next(line for line in lines[start:] if line.startswith(f"{name} "))
    return [cell.replace(NBSP, " ") for cell in row.removeprefix(f"{name} ").split(" ")]


def pdf_header_text(content: bytes, caption: str, first_row: str) -> str:
    """The header rows of the table ``caption`` (the lines up to ``first_row``) as one
    text: a line that ends in a hyphen inserted at a break (U+2010 or a soft hyphen) is
    joined to the next without it, one that ends in "-" or "/" without a space, the others
    with a space. A word broken at any letter therefore comes back with a space in it."""
    lines = [line.strip() for page in pdf_pages(content) for line in page.splitlines()]
    start = lines.index(caption) + 1
    text, glue = "", ""
    for line in lines[start : lines.index(first_row, start)]:
        text += glue + line.rstrip("\u2010\xad")
        glue = "" if line.endswith(("\u2010", "\xad", "-", "/")) else " "
    return text


def pdf_catalog(content: bytes) -> Any:
    """The PDF's document catalogue (``/StructTreeRoot``, ``/Lang``, ``/Outlines`` ...)."""
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(content)).trailer["/Root"].get_object()


def pdf_outline_titles(content: bytes) -> list[str]:
    """The bookmarks' titles, depth first."""
    from pypdf import PdfReader

    def walk(items: list[Any]) -> list[str]:
        found: list[str] = []
        for item in items:
            found += walk(item) if isinstance(item, list) else [str(item.title)]
        return found

    return walk(PdfReader(io.BytesIO(content)).outline)


def pdf_structure_roles(content: bytes) -> list[str]:
    """The roles (``/S``) of the structure tree's elements, depth first."""
    seen: list[str] = []

    def walk(node: Any) -> None:
        node = node.get_object()
        if isinstance(node, list):
            for each in node:
                walk(each)
            return
        if not hasattr(node, "get"):
            return
        if "/S" in node:
            seen.append(str(node["/S"]))
        if "/K" in node:
            walk(node["/K"])

    walk(pdf_catalog(content)["/StructTreeRoot"])
    return seen


# --- XLSX ---------------------------------------------------------------------------------


def xlsx_of(content: bytes) -> Any:
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(content))


# --- HTML ---------------------------------------------------------------------------------


class TableParser(HTMLParser):
    """The memo tables of a page (``data-table``) as rows of cell texts, and the text of
    the memo article."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.current: str | None = None
        self.cell: list[str] | None = None
        self.in_article = 0
        self.in_caption = False
        self.article_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "article":
            self.in_article += 1
        key = attributes.get("data-table")
        if tag == "table" and key:
            self.current = key
            self.tables[key] = []
        elif tag == "tr" and self.current:
            self.tables[self.current].append([])
        elif tag in ("td", "th") and self.current:
            self.cell = []
        elif tag == "caption":
            self.in_caption = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.in_article -= 1
        if tag == "table":
            self.current = None
        elif tag in ("td", "th") and self.current is not None and self.cell is not None:
            self.tables[self.current][-1].append("".join(self.cell).strip())
            self.cell = None
        elif tag == "caption":
            self.in_caption = False

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)
        if self.in_article:
            self.article_text.append(data)


def html_tables(content: str) -> TableParser:
    parser = TableParser()
    parser.feed(content)
    return parser


def chart(values: tuple[float | None, ...], **options: Any) -> Chart:
    """A one-series chart (share per category) of ``values``, horizontal bars unless told."""
    return Chart(
        key="test",
        number=1,
        title="Test",
        categories=tuple(f"Kategori {n}" for n in range(len(values))),
        series=(ChartSeries("Andel", values),),
        orientation=options.pop("orientation", "barh"),
        **options,
    )
