"""Sheet `Volym`: people taking part per month in interventions followed up with counts.
Natural key: insats + år + månad."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from imports.workbook.base import Column, ImportContext, RowReader, SheetChanges, SheetHandler
from imports.workbook.cells import (
    parse_number_in_range,
    parse_whole_number,
    parse_year,
)
from imports.workbook.model_export import ModelExport
from interventions.models import FollowUp
from participants.models import VolumeCount
from participants.workbook import save_volume_count


@dataclass(frozen=True)
class VolumeRow:
    intervention: str
    year: int
    month: int
    women: int
    men: int
    other: int


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
        code = context.intervention_code(row)
        if code is not None and context.follow_up_of(code) == FollowUp.PERSONAL_DATA:
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

    repeated_key = (
        "månad",
        ("intervention", "year", "month"),
        gettext_lazy("Insatsen har redan en rad för %(year)s-%(month)02d på rad %(row)s."),
    )

    def write(self, rows: Sequence[VolumeRow], context: ImportContext) -> SheetChanges:
        interventions = context.interventions_by_code(row.intervention for row in rows)
        return SheetChanges.of(
            save_volume_count(
                intervention=interventions[row.intervention],
                year=row.year,
                month=row.month,
                women=row.women,
                men=row.men,
                other=row.other,
            )
            for row in rows
        )

    export = ModelExport(
        VolumeCount,
        order=("intervention__code", "year", "month"),
        fields=("intervention__code", "year", "month", "women", "men", "other"),
    )
