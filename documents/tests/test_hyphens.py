"""Table headings break at syllables in the DOCX and the PDF alike (soft hyphens), never
at any letter ("Styrgrup psmöten"), and the soft hyphens stay out of the XLSX and JSON."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from documents.memo.docx import CELL_MARGIN, longest_word_twips, render_docx, table_font_size
from documents.memo.hyphens import SOFT_HYPHEN, hyphenate
from documents.memo.model import MemoDocument
from documents.memo.pdf import render_pdf
from documents.memo.xlsx import render_xlsx
from documents.tests.readback import docx_of, pdf_header_text, xlsx_of

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_hyphenate_splits_compounds_at_their_parts() -> None:
    assert hyphenate("Styrgruppsmöten enl. avtal").replace(SOFT_HYPHEN, "|") == (
        "Styr|grupps|möten enl. avtal"
    )


@settings(deadline=None)  # the first call loads the Swedish dictionary
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäö .,/", max_size=60))
def test_hyphenate_only_adds_soft_hyphens(text: str) -> None:
    assert hyphenate(text).replace(SOFT_HYPHEN, "") == text


def header_cells(table: Any) -> list[tuple[str, int]]:
    """The last header row's cells: the text (soft hyphens as U+00AD) and the width."""
    rows = [row for row in table.findall(f"{W}tr") if row.find(f"{W}trPr/{W}tblHeader") is not None]
    cells = []
    for cell in rows[-1].findall(f"{W}tc"):
        text = "".join(
            SOFT_HYPHEN if node.tag == f"{W}softHyphen" else node.text or ""
            for node in cell.iter(f"{W}t", f"{W}softHyphen")
        )
        cells.append((text, int(cell.find(f"{W}tcPr/{W}tcW").get(f"{W}w"))))
    return cells


def test_docx_quality_headings_fit_their_columns_at_syllables(document: MemoDocument) -> None:
    docx = docx_of(render_docx(document, charts={}))
    table = next(
        t._tbl
        for t in docx.tables
        if t._tbl.find(f"{W}tblPr/{W}tblCaption").get(f"{W}val") == "Tabell 5. Kvalitetssäkring"
    )
    size = table_font_size(len(document.table("quality").columns))

    cells = header_cells(table)

    assert [text.replace(SOFT_HYPHEN, "") for text, _ in cells] == list(
        document.table("quality").columns
    )
    assert [
        text for text, width in cells if longest_word_twips(text, size) + 2 * CELL_MARGIN > width
    ] == []


def test_pdf_quality_headings_break_only_at_syllables(document: MemoDocument) -> None:
    content = render_pdf(document)

    text = pdf_header_text(content, "Tabell 5. Kvalitetssäkring", "Individinsatser")

    assert text == " ".join(document.table("quality").columns)


def test_xlsx_headings_have_no_soft_hyphens(document: MemoDocument) -> None:
    workbook = xlsx_of(render_xlsx(document))

    assert [
        cell.value
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and SOFT_HYPHEN in cell.value
    ] == []
    assert not any(
        re.search(SOFT_HYPHEN, title) for table in document.tables() for title in table.columns
    )
