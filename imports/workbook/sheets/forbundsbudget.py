"""Sheet `Förbundsbudget`: the association's own budget and prognosis per drift row and
year. Natural key: rad + år + version. Amounts are zero or positive; the row's group says
whether it is income or cost."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.utils.translation import gettext as _

from imports.workbook.access import WorkbookAccess
from imports.workbook.base import Column, ImportContext, RowReader, SheetChanges, SheetHandler
from imports.workbook.cells import parse_amount, parse_choice, parse_year
from imports.workbook.sheets.driftrader import FILE_CODES
from imports.workbook.sheets.rapportrader import parse_line_code
from ledger.models import OperatingRow, OwnBudgetAmount
from ledger.services import save_own_budget
from tenancy.models import Association


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

    def check_rows(self, rows: Sequence[tuple[int, OwnBudgetRow]], context: ImportContext) -> None:
        first: dict[tuple[str, int, str], int] = {}
        for number, row in rows:
            key = (row.row, row.year, row.version)
            if key in first:
                self.problem(
                    context,
                    number,
                    "rad",
                    row.row,
                    _("Raden har redan %(version)s för %(year)s på rad %(row)s.")
                    % {"version": row.version, "year": row.year, "row": first[key]},
                )
            else:
                first[key] = number

    def write(self, rows: Sequence[OwnBudgetRow], context: ImportContext) -> SheetChanges:
        stored = {
            row.code: row for row in OperatingRow.objects.filter(association=context.association)
        }
        changes = SheetChanges()
        for row in rows:
            _amount, outcome = save_own_budget(
                association=context.association,
                row=stored[row.row],
                year=row.year,
                version=row.version,
                amount=row.amount,
            )
            changes.count(outcome)
        return changes

    def export_rows(
        self, association: Association, access: WorkbookAccess
    ) -> Iterable[Sequence[Any]]:
        amounts = OwnBudgetAmount.objects.filter(association=association).select_related("row")
        for amount in amounts.order_by("row__position", "row__code", "year", "version"):
            yield (amount.row.code, amount.year, amount.version, amount.amount)
