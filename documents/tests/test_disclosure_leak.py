"""A suppressed memo shows no count from 1 to 4 (k = 5) in any format: not in the tables
of persons, not in the sentences with counts. Each check is also run on the unsuppressed
memo, where it must find small counts, so the check itself is known to work."""

from __future__ import annotations

from typing import Any

import pytest
from django.template.loader import render_to_string

from documents.memo.charts import render_all
from documents.memo.docx import render_docx
from documents.memo.model import MemoDocument
from documents.memo.pdf import render_pdf
from documents.memo.xlsx import render_xlsx
from documents.tests.readback import (
    build,
    docx_paragraphs,
    docx_tables,
    html_tables,
    pdf_pages,
    sensitive_sentences,
    small_counts,
    xlsx_of,
)

VERSIONS = [(True, []), (False, ["found"])]


def found(values: list[str]) -> list[str]:
    """``["found"]`` when any small count was found, else ``[]``."""
    return ["found"] if values else []


@pytest.fixture(scope="module")
def documents() -> dict[bool, MemoDocument]:
    return {suppressed: build(suppressed=suppressed) for suppressed in (True, False)}


@pytest.mark.parametrize(("suppressed", "expected"), VERSIONS)
def test_model_sensitive_cells_and_sentences(
    documents: dict[bool, MemoDocument], suppressed: bool, expected: list[str]
) -> None:
    document = documents[suppressed]
    cells = [
        cell.text
        for table in document.tables()
        if table.sensitive
        for row in table.rows
        for cell in row.cells[1:]
    ]
    sentences = sensitive_sentences(document)

    assert (found([v for c in cells for v in small_counts(c)]), sentences != []) == (
        expected,
        True,
    )


@pytest.mark.parametrize(("suppressed", "expected"), VERSIONS)
def test_docx_has_no_small_count(
    documents: dict[bool, MemoDocument], suppressed: bool, expected: list[str]
) -> None:
    document = documents[suppressed]
    content = render_docx(document, charts={})
    tables = docx_tables(content)
    cells = [
        text
        for model, table in zip(document.tables(), tables, strict=True)
        if model.sensitive
        for row in table[model.header_rows :]
        for text in row[1:]
    ]
    paragraphs = docx_paragraphs(content)
    sentences = [p for p in paragraphs if p in sensitive_sentences(document)]

    assert (
        found([v for text in cells + sentences for v in small_counts(text)]),
        len(sentences) == len(sensitive_sentences(document)),
    ) == (expected, True)


@pytest.mark.parametrize(("suppressed", "expected"), VERSIONS)
def test_pdf_has_no_small_count(
    documents: dict[bool, MemoDocument], suppressed: bool, expected: list[str]
) -> None:
    document = documents[suppressed]
    text = "\n".join(pdf_pages(render_pdf(document, charts=render_all(document))))

    assert found(small_counts(text)) == expected


@pytest.mark.parametrize(("suppressed", "expected"), VERSIONS)
def test_xlsx_has_no_small_count(
    documents: dict[bool, MemoDocument], suppressed: bool, expected: list[str]
) -> None:
    document = documents[suppressed]
    workbook = xlsx_of(render_xlsx(document))
    sensitive = [t for t in document.tables() if t.sensitive]
    values: list[Any] = []
    for table in sensitive:
        sheet = workbook[workbook.sheetnames[table.number]]
        for row in sheet.iter_rows(min_row=table.header_rows + 2, values_only=True):
            values += [v for v in row[1:] if v is not None]
    small = [
        v
        for v in values
        if (isinstance(v, int) and 1 <= v <= 4) or (isinstance(v, str) and small_counts(v))
    ]

    assert found([str(v) for v in small]) == expected


@pytest.mark.parametrize(("suppressed", "expected"), VERSIONS)
def test_html_has_no_small_count(
    documents: dict[bool, MemoDocument], suppressed: bool, expected: list[str]
) -> None:
    document = documents[suppressed]
    page = render_to_string(
        "documents/partials/document.html",
        {"document": document, "images": {}, "can_edit": False},
    )
    parsed = html_tables(page)
    cells = [
        text
        for table in document.tables()
        if table.sensitive
        for row in parsed.tables[table.key][table.header_rows :]
        for text in row[1:]
    ]
    article = " ".join(parsed.article_text)

    assert (
        found([v for text in cells for v in small_counts(text)]),
        found(small_counts(article)),
    ) == (expected, expected)
