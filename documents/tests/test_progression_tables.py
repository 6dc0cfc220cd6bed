"""The memo's progression tables (``documents.memo.progression``): one per instrument,
with hidden cells as ``..`` and the disclosure note, on the page model, the page, in the DOCX,
PDF and XLSX."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from documents.memo.charts import render_all
from documents.memo.content import build_memo
from documents.memo.docx import render_docx
from documents.memo.pdf import render_pdf
from documents.memo.progression import COLUMNS
from documents.memo.xlsx import render_xlsx
from documents.tests.readback import docx_tables, html_tables, pdf_lines, xlsx_of
from documents.tests.sample import NAMES, PRODUCED_AT, sample_extras, sample_memo


def _row(participations: Any, improved: Any, share: Any, mean: Any) -> dict[str, Any]:
    return {
        "participations": participations,
        "improved": improved,
        "unchanged": "..",
        "fell": "..",
        "shares": {"improved": share, "unchanged": "..", "fell": ".."},
        "mean_change": mean,
    }


def _memo_with_progression() -> dict[str, Any]:
    memo = sample_memo()
    code = next(iter(NAMES))
    memo["tables"]["progression"] = {
        "instruments": [
            {
                "instrument": "Stegen",
                "version": 1,
                "rater": "deltagare",
                "rows": [{"intervention": code, **_row(12, 7, 58, "0.4")}],
                "total": _row(12, 7, 58, "0.4"),
            }
        ]
    }
    return memo


def _document() -> Any:
    return build_memo(
        _memo_with_progression(),
        names=NAMES,
        extras=sample_extras(),
        texts={},
        produced_at=PRODUCED_AT,
    )


def test_progression_section_has_one_table_per_instrument() -> None:
    document = _document()
    section = next(s for s in document.sections if s.key == "progression")
    table = section.blocks[0]

    assert [cell.text for cell in table.rows[0].cells] == [
        NAMES[next(iter(NAMES))],
        "12",
        "7",
        "..",
        "..",
        "58\xa0%",
        "0,4",
    ]
    assert table.title.startswith("Progression: Stegen (deltagarens skattning)")
    assert table.notes[0] == document.disclosure_note


def test_memo_without_progression_has_no_progression_section() -> None:
    document = build_memo(
        sample_memo(), names=NAMES, extras=sample_extras(), texts={}, produced_at=PRODUCED_AT
    )

    assert [s.key for s in document.sections if s.key == "progression"] == []


def test_progression_table_reads_back_from_docx_and_pdf() -> None:
    document = _document()

    docx = render_docx(document, charts=render_all(document))
    pdf = render_pdf(document)

    tables = [t for t in docx_tables(docx) if t and t[0] == list(COLUMNS)]
    assert [row[1:] for row in tables[0][1:]] == [
        ["12", "7", "..", "..", "58\xa0%", "0,4"],
        ["12", "7", "..", "..", "58\xa0%", "0,4"],
    ]
    assert [line for line in pdf_lines(pdf) if "Progression: Stegen" in line] != []


def test_progression_table_reads_back_from_xlsx_and_the_page() -> None:
    document = _document()
    table = next(t for t in document.tables() if t.key == "progression_1")

    workbook = xlsx_of(render_xlsx(document))
    sheet = workbook[workbook.sheetnames[table.number]]
    page = html_tables(
        render_to_string(
            "documents/partials/document.html",
            {"document": document, "images": {}, "can_edit": False},
        )
    )

    assert [
        list(row)
        for row in sheet.iter_rows(
            min_row=table.header_rows + 2, max_row=table.header_rows + 3, values_only=True
        )
    ] == [
        [NAMES[next(iter(NAMES))], 12, 7, "..", "..", 58, 0.4],
        ["Totalt", 12, 7, "..", "..", 58, 0.4],
    ]
    assert page.tables["progression_1"][table.header_rows :] == [
        [NAMES[next(iter(NAMES))], "12", "7", "..", "..", "58\xa0%", "0,4"],
        ["Totalt", "12", "7", "..", "..", "58\xa0%", "0,4"],
    ]
