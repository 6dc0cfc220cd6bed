"""Sheet `Volym`: people taking part per month in interventions followed up with counts.
Natural key: insats + år + månad."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.utils.translation import gettext as _

from imports.workbook.access import WorkbookAccess
from imports.workbook.base import Column, ImportContext, RowReader, SheetChanges, SheetHandler
from imports.workbook.cells import (
    parse_code,
    parse_number_in_range,
    parse_whole_number,
    parse_year,
)
from interventions.models import FollowUp, Intervention
from participants.models import VolumeCount
from participants.workbook import save_volume_count
from tenancy.models import Association


@dataclass(frozen=True)
class VolumeRow:
    intervention: str
    year: int
    month: int
    women: int
    men: int
    other: int

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.intervention, self.year, self.month)


class VolymSheet(SheetHandler[VolumeRow]):
    sheet_name = "Volym"
    label = "volymrader"
    columns = (
        Column("insats", required=True),
        Column("år", required=True),
        Column("månad", required=True),
        Column("kvinnor", required=True),
        Column("män", required=True),
        Column("annat", required=True),
    )

    def parse_row(self, row: RowReader, context: ImportContext) -> VolumeRow | None:
        code = row.value("insats", parse_code, required=True)
        if code is not None:
            if not context.knows_intervention(code):
                row.problem(
                    "insats",
                    _("Insatsen finns varken i bladet Insatser eller bland förbundets insatser."),
                )
            elif context.follow_up_of(code) == FollowUp.PERSONAL_DATA:
                row.problem(
                    "insats",
                    _(
                        "Insatsen följs upp med personuppgifter; bladet Volym gäller insatser "
                        "med uppföljning = antal."
                    ),
                )
        year = row.value("år", parse_year, required=True)
        month = row.value("månad", partial(parse_number_in_range, low=1, high=12), required=True)
        women = row.value("kvinnor", parse_whole_number, required=True)
        men = row.value("män", parse_whole_number, required=True)
        other = row.value("annat", parse_whole_number, required=True)
        if (
            not row.ok
            or code is None
            or year is None
            or month is None
            or women is None
            or men is None
            or other is None
        ):
            return None
        return VolumeRow(code, year, month, women, men, other)

    def check_rows(self, rows: Sequence[tuple[int, VolumeRow]], context: ImportContext) -> None:
        first_rows: dict[tuple[str, int, int], int] = {}
        for number, row in rows:
            if row.key in first_rows:
                self.problem(
                    context,
                    number,
                    "månad",
                    str(row.month),
                    _("Insatsen har redan en rad för %(year)s-%(month)02d på rad %(row)s.")
                    % {"year": row.year, "month": row.month, "row": first_rows[row.key]},
                )
            else:
                first_rows[row.key] = number

    def write(self, rows: Sequence[VolumeRow], context: ImportContext) -> SheetChanges:
        interventions = {
            intervention.code: intervention
            for intervention in Intervention.objects.filter(
                association=context.association, code__in={row.intervention for row in rows}
            )
        }
        changes = SheetChanges()
        for row in rows:
            _count, outcome = save_volume_count(
                intervention=interventions[row.intervention],
                year=row.year,
                month=row.month,
                women=row.women,
                men=row.men,
                other=row.other,
            )
            changes.count(outcome)
        return changes

    def export_rows(
        self, association: Association, access: WorkbookAccess
    ) -> Iterable[Sequence[Any]]:
        counts = (
            VolumeCount.objects.filter(association=association)
            .select_related("intervention")
            .order_by("intervention__code", "year", "month")
        )
        for count in counts:
            yield (
                count.intervention.code,
                count.year,
                count.month,
                count.women,
                count.men,
                count.other,
            )
