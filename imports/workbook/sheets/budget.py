"""Sheet `Budget`: granted budget per intervention and year or quarter.
Natural key: insats + år + kvartal."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from imports.workbook.base import Column, ImportContext, SheetChanges
from imports.workbook.cells import (
    CellError,
    CellValue,
    parse_amount,
    parse_quarter,
)
from imports.workbook.model_export import ModelExport
from imports.workbook.sheets.common import (
    INTERVENTION,
    YEAR,
    ColumnSheet,
    save_each,
)
from interventions.models import Budget
from interventions.services import save_budget


@dataclass(frozen=True)
class BudgetRow:
    intervention: str
    year: int
    quarter: int | None
    amount: int

    @property
    def period(self) -> str:
        return period_text(self.year, self.quarter)


def period_text(year: int, quarter: int | None) -> str:
    if quarter is None:
        return _("helår %(year)s") % {"year": year}
    return _("%(year)s kvartal %(quarter)s") % {"year": year, "quarter": quarter}


def parse_budget_amount(value: CellValue) -> int:
    amount = parse_amount(value)
    if amount < 0:
        raise CellError(_("En budget kan inte vara negativ."))
    return amount


class BudgetSheet(ColumnSheet[BudgetRow]):
    sheet_name = "Budget"
    label = "budgetrader"
    row_type = BudgetRow
    columns = (
        INTERVENTION,
        YEAR,
        Column("kvartal", into="quarter", parse=parse_quarter),
        Column("belopp", required=True, into="amount", parse=parse_budget_amount),
    )

    repeated_key = (
        "insats",
        ("year", "quarter", "intervention"),
        gettext_lazy("Insatsen har redan en budgetrad för %(period)s på rad %(row)s."),
    )

    def check_rows(self, rows: Sequence[tuple[int, BudgetRow]], context: ImportContext) -> None:
        self.refuse_repeated_keys(rows, context)
        self._check_period_mix(rows, context)

    def _check_period_mix(
        self, rows: Sequence[tuple[int, BudgetRow]], context: ImportContext
    ) -> None:
        """A year's budget is one yearly row or quarterly rows, never both: checked on what
        the database will hold after the import (stored rows stay, the file's are added)."""
        quarters: dict[tuple[str, int], set[int | None]] = defaultdict(set)
        stored = Budget.objects.filter(
            association=context.association,
            intervention__code__in={row.intervention for _number, row in rows},
        ).values_list("intervention__code", "year", "quarter")
        for code, year, quarter in stored:
            quarters[(code, year)].add(quarter)
        for _number, row in rows:
            quarters[(row.intervention, row.year)].add(row.quarter)
        for number, row in rows:
            periods = quarters[(row.intervention, row.year)]
            if None not in periods or len(periods) == 1:
                continue
            if row.quarter is None:
                reason = _(
                    "Insatsen har kvartalsbudgetar för %(year)s; en helårsbudget får inte "
                    "blandas med kvartalsbudgetar."
                )
            else:
                reason = _(
                    "Insatsen har en helårsbudget för %(year)s; kvartalsbudgetar får inte "
                    "blandas med en helårsbudget."
                )
            value = "" if row.quarter is None else str(row.quarter)
            self.problem(context, number, "kvartal", value, reason % {"year": row.year})

    def write(self, rows: Sequence[BudgetRow], context: ImportContext) -> SheetChanges:
        return save_each(rows, context, save_budget)

    export = ModelExport(
        Budget,
        order=("intervention__code", "year", F("quarter").asc(nulls_first=True)),
        fields=("intervention__code", "year", "quarter", "amount"),
    )
