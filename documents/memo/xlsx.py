"""The memo's tables as an Excel workbook (openpyxl): a first sheet "Om rapporten" with the
period, the time produced and the version, then one sheet per table with Swedish headers.
Figures are numeric cells (money in whole SEK shown in thousands through the number
format, shares as whole percent), dates are date cells (``yyyy-mm-dd``); hidden and
missing values are the strings shown in the documents ("..", "–"). Sheets have short
names of whole words (Excel allows 31 characters)."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from documents.memo.model import CellValue, MemoDocument, Table
from finsam.safe_cells import save_workbook

INVALID_TITLE = re.compile(r"[\[\]\:\*\?\/\\]")
#: Excel's limit for a sheet name
SHEET_NAME_LENGTH = 31
#: Short sheet names (after "T<number> ") of the memo's tables
SHEET_NAMES = {
    "interventions": "Insatser",
    "goal_status": "Nuläge mål",
    "conditions": "Förutsättningar",
    "budget": "Budget",
    "quality": "Kvalitetssäkring",
    "funds": "Budget per insatstyp",
    "participants": "Deltagare",
    "outcomes": "Utfall deltagare",
    "anonymous": "Anonyma deltagare",
    "exit_reasons": "Avslutningsanledningar",
    "target_group": "Målgrupp",
    "time_in_intervention": "Tid i insats",
    "expected": "Förväntat antal",
    "activities": "Aktiviteter",
    "attendees": "Deltagare vid aktiviteter",
    "association_goals": "Förbundets resultatmål",
}
#: An ISO date as the documents show it, an extended end date with "*"
ISO_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(\*?)")
DATE_FORMAT = "yyyy-mm-dd"


def whole_words(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at the end of a word (without the
    punctuation before the cut); a single longer word is cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;–-") or text[:limit]


def sheet_title(table: Table, used: set[str]) -> str:
    """``T7 Deltagare``: a short name of whole words, at most 31 characters, unique, no
    []:*?/\\."""
    name = SHEET_NAMES.get(table.key, table.title)
    title = whole_words(INVALID_TITLE.sub("-", f"T{table.number} {name}"), SHEET_NAME_LENGTH)
    while title in used:
        title = f"{whole_words(title, SHEET_NAME_LENGTH - 3)}~{len(used)}"
    used.add(title)
    return title


def spreadsheet_value(value: CellValue) -> tuple[Any, str]:
    """A cell's value and number format for the workbook: an ISO date (the end date of an
    extended intervention ends with "*") becomes a date cell; the rest stays as it is."""
    if isinstance(value, str):
        match = ISO_DATE.fullmatch(value)
        if match:
            try:
                day = dt.date.fromisoformat(match.group(1))
            except ValueError:
                return value, ""
            return day, DATE_FORMAT + ('"*"' if match.group(2) else "")
    return value, ""


def render_xlsx(memo: MemoDocument) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    bold = Font(bold=True)
    workbook = Workbook()
    about = workbook.create_sheet("Om rapporten", 0)
    del workbook[workbook.sheetnames[1]]  # the empty default sheet
    about.append([memo.title])
    about["A1"].font = Font(bold=True, size=14)
    about.append([memo.subtitle])
    about.append([])
    disclosure = (
        memo.disclosure_note
        if memo.suppressed
        else "Inga värden är dolda. Får inte spridas utanför kansliet."
    )
    about_rows: tuple[tuple[str, Any], ...] = (
        ("Förbund", memo.association_name),
        ("Period", memo.period_code),
        ("Periodens början", memo.start),
        ("Periodens slut", memo.end),
        ("Framtagen", memo.produced_at.replace(tzinfo=None, second=0, microsecond=0)),
        ("Version", memo.version_label),
        ("Röjandeskydd", disclosure),
        ("Belopp", "Belopp lagras i hela kronor och visas i tusental kronor (TSEK)."),
    )
    for label, value in about_rows:
        about.append([label, value])
        about.cell(about.max_row, 1).font = bold
        if isinstance(value, dt.datetime):
            about.cell(about.max_row, 2).number_format = "yyyy-mm-dd hh:mm"
        elif isinstance(value, dt.date):
            about.cell(about.max_row, 2).number_format = DATE_FORMAT
    about.append([])
    about.append(["Tabeller"])
    about.cell(about.max_row, 1).font = bold
    used: set[str] = {about.title}
    titles = {table.key: sheet_title(table, used) for table in memo.tables()}
    for table in memo.tables():
        about.append([titles[table.key], table.caption])
    about.column_dimensions["A"].width = 22
    about.column_dimensions["B"].width = 80

    for table in memo.tables():
        write_table(workbook.create_sheet(titles[table.key]), table)
    workbook.properties.created = memo.produced_at
    workbook.properties.modified = memo.produced_at
    workbook.properties.title = f"{memo.title} – {memo.subtitle}"
    buffer = io.BytesIO()
    save_workbook(workbook, buffer)
    return buffer.getvalue()


def write_table(sheet: Any, table: Table) -> None:
    """Caption, header group row, header row, the rows and the notes, from row 1 down."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DCE6F1")
    sheet.cell(1, 1, table.caption).font = Font(bold=True, size=12)
    line = 2
    if table.groups:
        column = 1
        for group in table.groups:
            cell = sheet.cell(line, column, group.label or None)
            cell.font, cell.fill = bold, header_fill
            if group.span > 1:
                sheet.merge_cells(
                    start_row=line,
                    start_column=column,
                    end_row=line,
                    end_column=column + group.span - 1,
                )
            column += group.span
        line += 1
    for column, title in enumerate(table.columns, start=1):
        cell = sheet.cell(line, column, title)
        cell.font, cell.fill = bold, header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    line += 1
    sheet.freeze_panes = f"B{line}"
    for row in table.rows:
        for column, source in enumerate(row.cells, start=1):
            value, date_format = spreadsheet_value(
                source.value if source.value is not None else source.text
            )
            cell = sheet.cell(line, column, value)
            if source.is_number and source.number_format:
                cell.number_format = source.number_format
            elif date_format:
                cell.number_format = date_format
            if source.numeric:
                cell.alignment = Alignment(horizontal="right")
            if row.kind in ("group", "total"):
                cell.font = bold
        line += 1
    for note in table.notes:
        line += 1
        sheet.cell(line, 1, note).font = Font(italic=True)
    sheet.column_dimensions["A"].width = 46
    for index in range(2, len(table.columns) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 13
