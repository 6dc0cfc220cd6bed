"""The registry of sheet handlers, in the order they are validated and written (a sheet
may refer to the ones before it). Adding a sheet: one module here and one line below."""

from __future__ import annotations

from typing import Any

from imports.workbook.base import SheetHandler
from imports.workbook.sheets.aktiviteter import AktiviteterSheet
from imports.workbook.sheets.budget import BudgetSheet
from imports.workbook.sheets.deltagare import DeltagareSheet
from imports.workbook.sheets.insatser import InsatserSheet
from imports.workbook.sheets.volym import VolymSheet

HANDLERS: tuple[SheetHandler[Any], ...] = (
    InsatserSheet(),
    BudgetSheet(),
    DeltagareSheet(),
    VolymSheet(),
    AktiviteterSheet(),
)

#: Sheets of spec/importmall.md that later versions read; today they are skipped with a notice.
NOT_YET_IMPORTED: tuple[str, ...] = ("Utfall", "Kvartalsrapporter", "Avvikelser")
