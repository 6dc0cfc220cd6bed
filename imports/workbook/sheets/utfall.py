"""Sheet `Utfall`: the approved cost outcome of an intervention per quarter, in whole SEK
(negative: a repayment). Natural key: insats + år + kvartal.

A row is stored as approved outcome (``finance.services.import_cost_outcome``); a row equal
to the stored approved row is left as it is. The export gives the approved rows only:
submitted or rejected requisitions are not outcome."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.utils.translation import gettext as _

from finance.models import CostOutcome
from finance.services import save_imported_cost_outcome
from imports.workbook.access import WorkbookAccess
from imports.workbook.base import (
    Column,
    ImportContext,
    RowReader,
    SheetChanges,
    SheetHandler,
    intervention_code,
    interventions_by_code,
)
from imports.workbook.cells import parse_amount, parse_number_in_range, parse_year
from tenancy.models import Association


@dataclass(frozen=True)
class CostRow:
    intervention: str
    year: int
    quarter: int
    amount: int

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.intervention, self.year, self.quarter)


class UtfallSheet(SheetHandler[CostRow]):
    sheet_name = "Utfall"
    label = "utfallsrader"
    columns = (
        Column("insats", required=True),
        Column("år", required=True),
        Column("kvartal", required=True),
        Column("belopp", required=True),
    )

    def parse_row(self, row: RowReader, context: ImportContext) -> CostRow | None:
        code = intervention_code(row, context)
        year = row.value("år", parse_year, required=True)
        quarter = row.value("kvartal", partial(parse_number_in_range, low=1, high=4), required=True)
        amount = row.value("belopp", parse_amount, required=True)
        if not row.ok or code is None or year is None or quarter is None or amount is None:
            return None
        return CostRow(intervention=code, year=year, quarter=quarter, amount=amount)

    def check_rows(self, rows: Sequence[tuple[int, CostRow]], context: ImportContext) -> None:
        first_rows: dict[tuple[str, int, int], int] = {}
        for number, row in rows:
            if row.key in first_rows:
                self.problem(
                    context,
                    number,
                    "kvartal",
                    str(row.quarter),
                    _("Insatsen har redan utfall för %(year)s kvartal %(quarter)s på rad %(row)s.")
                    % {"year": row.year, "quarter": row.quarter, "row": first_rows[row.key]},
                )
            else:
                first_rows[row.key] = number

    def write(self, rows: Sequence[CostRow], context: ImportContext) -> SheetChanges:
        interventions = interventions_by_code(context, (row.intervention for row in rows))
        changes = SheetChanges()
        for row in rows:
            _cost, outcome = save_imported_cost_outcome(
                association=context.association,
                intervention=interventions[row.intervention],
                year=row.year,
                quarter=row.quarter,
                amount=row.amount,
            )
            changes.count(outcome)
        return changes

    def export_rows(
        self, association: Association, access: WorkbookAccess
    ) -> Iterable[Sequence[Any]]:
        costs = (
            CostOutcome.objects.filter(association=association, status=CostOutcome.Status.APPROVED)
            .select_related("intervention")
            .order_by("intervention__code", "year", "quarter")
        )
        for cost in costs:
            yield (cost.intervention.code, cost.year, cost.quarter, cost.amount)
