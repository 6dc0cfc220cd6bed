"""Sheet `Utfall`: the approved cost outcome of an intervention per quarter, in whole SEK
(negative: a repayment). Natural key: insats + år + kvartal.

A row is stored as approved outcome (``finance.services.save_imported_cost_outcome``); a
row equal to the stored approved row is left as it is. A stored row is never replaced: a
different amount for an approved (locked) row, or any row for a quarter with a submitted or
rejected requisition, is a problem with its place, and so is a quarter outside the
intervention's period (the rules of ``finance.services``). The export gives the approved
rows only: submitted or rejected requisitions are not outcome."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from finance.models import CostOutcome
from finance.services import (
    cost_period_error,
    imported_cost_problem,
    save_imported_cost_outcome,
)
from imports.workbook.base import Column, ImportContext, SheetChanges
from imports.workbook.cells import parse_quarter
from imports.workbook.model_export import ModelExport
from imports.workbook.sheets.common import (
    AMOUNT,
    INTERVENTION,
    YEAR,
    ColumnSheet,
    save_each,
)


@dataclass(frozen=True)
class CostRow:
    intervention: str
    year: int
    quarter: int
    amount: int


class UtfallSheet(ColumnSheet[CostRow]):
    sheet_name = "Utfall"
    label = "utfallsrader"
    row_type = CostRow
    columns = (
        INTERVENTION,
        YEAR,
        Column("kvartal", required=True, into="quarter", parse=parse_quarter),
        AMOUNT,
    )

    repeated_key = (
        "kvartal",
        ("intervention", "year", "quarter"),
        gettext_lazy("Insatsen har redan utfall för %(year)s kvartal %(quarter)s på rad %(row)s."),
    )

    def check_rows(self, rows: Sequence[tuple[int, CostRow]], context: ImportContext) -> None:
        self.refuse_repeated_keys(rows, context)
        self.check_against_interventions(rows, context)

    def check_against_interventions(
        self, rows: Sequence[tuple[int, CostRow]], context: ImportContext
    ) -> None:
        """Each quarter lies within its intervention's period (after this import), and no
        stored row of the same quarter is replaced."""
        stored_ids = {
            code: pk
            for code in {row.intervention for _number, row in rows}
            if (pk := context.stored_intervention_id(code)) is not None
        }
        stored = {
            (cost.intervention_id, cost.year, cost.quarter): cost
            for cost in CostOutcome.objects.filter(
                association=context.association, intervention_id__in=stored_ids.values()
            )
        }
        for number, row in rows:
            period = context.period_of(row.intervention)
            if period is not None:
                error = cost_period_error(
                    start_date=period[0], end_date=period[1], year=row.year, quarter=row.quarter
                )
                if error is not None:
                    self.problem(context, number, "kvartal", str(row.quarter), error)
                    continue
            intervention_id = stored_ids.get(row.intervention)
            if intervention_id is None:
                continue
            problem = imported_cost_problem(
                stored.get((intervention_id, row.year, row.quarter)), row.amount
            )
            if problem is not None:
                self.problem(context, number, "belopp", str(row.amount), problem)

    def write(self, rows: Sequence[CostRow], context: ImportContext) -> SheetChanges:
        return save_each(
            rows,
            context,
            save_imported_cost_outcome,
            association=context.association,
            user=context.access.user,
        )

    export = ModelExport(
        CostOutcome,
        order=("intervention__code", "year", "quarter"),
        fields=("intervention__code", "year", "quarter", "amount"),
        where={"status": CostOutcome.Status.APPROVED},
    )
