"""Sheet `Volym`: people taking part per month in interventions followed up with counts.
Natural key: insats + år + månad."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from imports.workbook.base import Column, ImportContext, RowReader, SheetChanges
from imports.workbook.cells import parse_month, parse_whole_number
from imports.workbook.model_export import ModelExport
from imports.workbook.sheets.common import YEAR, ColumnSheet, known_intervention, save_each
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


def counted_intervention(row: RowReader, context: ImportContext, column: Column) -> str | None:
    """A known intervention followed up with counts (uppföljning = antal)."""
    code = known_intervention(row, context, column)
    if code is not None and context.follow_up_of(code) == FollowUp.PERSONAL_DATA:
        row.problem(
            column.name,
            _(
                "Insatsen följs upp med personuppgifter; bladet Volym gäller insatser "
                "med uppföljning = antal."
            ),
        )
    return code


class VolymSheet(ColumnSheet[VolumeRow]):
    sheet_name = "Volym"
    label = "volymrader"
    row_type = VolumeRow
    columns = (
        Column("insats", required=True, into="intervention", read=counted_intervention),
        YEAR,
        Column("månad", required=True, into="month", parse=parse_month),
        Column("kvinnor", required=True, into="women", parse=parse_whole_number),
        Column("män", required=True, into="men", parse=parse_whole_number),
        Column("annat", required=True, into="other", parse=parse_whole_number),
    )

    repeated_key = (
        "månad",
        ("intervention", "year", "month"),
        gettext_lazy("Insatsen har redan en rad för %(year)s-%(month)02d på rad %(row)s."),
    )

    def write(self, rows: Sequence[VolumeRow], context: ImportContext) -> SheetChanges:
        return save_each(rows, context, save_volume_count)

    export = ModelExport(
        VolumeCount,
        order=("intervention__code", "year", "month"),
        fields=("intervention__code", "year", "month", "women", "men", "other"),
    )
