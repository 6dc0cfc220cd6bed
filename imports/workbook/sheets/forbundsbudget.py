"""Sheet `Förbundsbudget`: the association's own budget and prognosis per drift row and
year. Natural key: rad + år + version. Amounts are zero or positive; the row's group says
whether it is income or cost."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from imports.workbook.base import Column, ImportContext, RowReader, SheetChanges, SheetHandler
from imports.workbook.cells import parse_amount, parse_choice, parse_year
from imports.workbook.model_export import ModelExport
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


class ForbundsbudgetSheet(SheetHandler[OwnBudgetRow]):
    sheet_name = "Förbundsbudget"
    label = "budgetrader"
    columns = (
        Column("rad", required=True),
        Column("år", required=True),
        Column("version"),
        Column("belopp", required=True),
    )

    def parse_row(self, row: RowReader, context: ImportContext) -> OwnBudgetRow | None:
        code = row.value("rad", parse_line_code, required=True)
        year = row.value("år", parse_year, required=True)
        version = (
            row.value("version", partial(parse_choice, choices=("budget", "prognos"))) or "budget"
        )
        amount = row.value("belopp", parse_amount, required=True)
        if amount is not None and amount < 0:
            row.problem(
                "belopp", _("Beloppet ska vara noll eller positivt; radens grupp avgör tecknet.")
            )
        if code is not None:
            in_file: set[str] = getattr(context, FILE_CODES, set())
            if (
                code not in in_file
                and not OperatingRow.objects.filter(
                    association=context.association, code=code
                ).exists()
            ):
                row.problem(
                    "rad",
                    _("Raden finns varken i bladet Driftrader eller bland förbundets driftrader."),
                )
        if not row.ok or code is None or year is None or amount is None:
            return None
        return OwnBudgetRow(code, year, version, amount)

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
