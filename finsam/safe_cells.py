"""Spreadsheets we write are safe to open: no text we store becomes a live formula.

A text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return could be
evaluated by a spreadsheet program (formula injection, "CSV injection"). Every XLSX writer
saves through ``save_workbook``, which marks each such cell as a string (``data_type "s"``,
so openpyxl does not write it as a formula) with Excel's quote prefix (the flag Excel sets
itself when a user types ``'=...``: shown and edited as text). The cell's value stays the
original text, so our own importer reads an export back exactly.

CSV has no cell types: ``csv_cell`` prefixes such text with ``'``, and ``csv_original`` (used
by the importer's CSV reader) removes that one prefix again.
"""

from __future__ import annotations

from typing import IO, Any

#: The first characters with which a spreadsheet program may start a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CSV_QUOTE = "'"


def is_formula_like(value: object) -> bool:
    """Text that a spreadsheet program could evaluate."""
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def protect_cell(cell: Any) -> None:
    """Make an openpyxl cell holding formula-like text a plain text cell."""
    if is_formula_like(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True


def protect_workbook(workbook: Any) -> None:
    """Protect every cell of every sheet of an openpyxl workbook (not write-only)."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                protect_cell(cell)


def save_workbook(workbook: Any, target: str | IO[bytes]) -> None:
    """Save an openpyxl workbook with every cell protected; every XLSX writer uses it."""
    protect_workbook(workbook)
    workbook.save(target)


def csv_cell(value: object) -> object:
    """A value for a CSV writer: formula-like text gets a leading ``'``."""
    return CSV_QUOTE + value if isinstance(value, str) and is_formula_like(value) else value


def csv_original(text: str) -> str:
    """The text a CSV cell written by ``csv_cell`` held: the ``'`` before formula-like text
    is removed (text such as ``'hej`` is kept as it is)."""
    if text.startswith(CSV_QUOTE) and is_formula_like(text[1:]):
        return text[1:]
    return text
