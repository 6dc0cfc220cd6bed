"""Sheet `Nyckeltal`: figures of years before the first imported ledger (five-year
overview, balanced-budget history, the decision room's starting equity). Natural key: år."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from imports.workbook.base import Column, ImportContext, SheetChanges
from imports.workbook.cells import parse_amount
from imports.workbook.model_export import ModelExport
from imports.workbook.sheets.common import YEAR, ColumnSheet, save_each
from ledger.models import KeyFigures
from ledger.services import save_key_figures


@dataclass(frozen=True)
class KeyFiguresRow:
    year: int
    income: int
    result: int
    costs: int | None
    equity_ratio: int | None
    quick_ratio: int | None
    equity: int | None
    unrestricted_equity: int | None


class NyckeltalSheet(ColumnSheet[KeyFiguresRow]):
    sheet_name = "Nyckeltal"
    label = "år med nyckeltal"
    row_type = KeyFiguresRow
    columns = (
        YEAR,
        Column("intakter", required=True, into="income", parse=parse_amount),
        Column("arets_resultat", required=True, into="result", parse=parse_amount),
        Column("kostnader", into="costs", parse=parse_amount),
        Column("soliditet", into="equity_ratio", parse=parse_amount),
        Column("kassalikviditet", into="quick_ratio", parse=parse_amount),
        Column("eget_kapital", into="equity", parse=parse_amount),
        Column("obundet_eget_kapital", into="unrestricted_equity", parse=parse_amount),
    )

    repeated_key = ("år", ("year",), gettext_lazy("Året finns redan på rad %(row)s."))

    def write(self, rows: Sequence[KeyFiguresRow], context: ImportContext) -> SheetChanges:
        return save_each(rows, context, save_key_figures, association=context.association)

    export = ModelExport(
        KeyFigures,
        order=("year",),
        fields=tuple(column.into for column in columns),
    )
