"""Sheet `Förbundsbudget`: the association's own budget and prognosis per drift row and
year. Natural key: rad + år + version. Amounts are zero or positive; the row's group says
whether it is income or cost."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from imports.workbook.base import Column, ImportContext, RowReader, SheetChanges
from imports.workbook.cells import choice_of
from imports.workbook.model_export import ModelExport
from imports.workbook.sheets.common import AMOUNT, YEAR, ColumnSheet
from imports.workbook.sheets.driftrader import FILE_CODES
from imports.workbook.sheets.rapportrader import parse_line_code
from ledger.models import OperatingRow, OwnBudgetAmount
from ledger.services import save_own_budget


@dataclass(frozen=True)
class OwnBudgetRow:
    row: str
    year: int
    version: str
    amount: int


class ForbundsbudgetSheet(ColumnSheet[OwnBudgetRow]):
    sheet_name = "Förbundsbudget"
    label = "budgetrader"
    row_type = OwnBudgetRow
    columns = (
        Column("rad", required=True, into="row", parse=parse_line_code),
        YEAR,
        Column("version", into="version", parse=choice_of(("budget", "prognos")), empty="budget"),
        AMOUNT,
    )

    def check_row(self, row: RowReader, context: ImportContext, cells: dict[str, Any]) -> None:
        amount, code = cells["amount"], cells["row"]
        if amount is not None and amount < 0:
            row.problem(
                "belopp", _("Beloppet ska vara noll eller positivt; radens grupp avgör tecknet.")
            )
        if code is None:
            return
        in_file: set[str] = getattr(context, FILE_CODES, set())
        if (
            code not in in_file
            and not OperatingRow.objects.filter(association=context.association, code=code).exists()
        ):
            row.problem(
                "rad",
                _("Raden finns varken i bladet Driftrader eller bland förbundets driftrader."),
            )

    repeated_key = (
        "rad",
        ("year", "version", "row"),
        gettext_lazy("Raden har redan %(version)s för %(year)s på rad %(row)s."),
    )

    def write(self, rows: Sequence[OwnBudgetRow], context: ImportContext) -> SheetChanges:
        stored = {
            row.code: row for row in OperatingRow.objects.filter(association=context.association)
        }
        return SheetChanges.of(
            save_own_budget(
                association=context.association,
                row=stored[row.row],
                year=row.year,
                version=row.version,
                amount=row.amount,
            )
            for row in rows
        )

    export = ModelExport(
        OwnBudgetAmount,
        order=("row__position", "row__code", "year", "version"),
        fields=("row__code", "year", "version", "amount"),
    )
