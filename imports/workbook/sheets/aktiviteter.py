"""Sheet `Aktiviteter`: competence-raising and structural activities with attendance.
Natural key: datum + titel."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy

from imports.workbook.access import WorkbookAccess
from imports.workbook.base import Column, ImportContext, SheetChanges
from imports.workbook.cells import (
    CellValue,
    choice_of,
    parse_date,
    parse_list,
    parse_whole_number,
    text_of,
)
from imports.workbook.sheets.common import ColumnSheet, known_intervention, save_each
from participants.choices import ActivityType
from participants.models import Activity
from participants.workbook import save_activity
from tenancy.models import Association

TITLE_LENGTH = int(getattr(Activity._meta.get_field("title"), "max_length", 0) or 0)
ORGANISATION_LENGTH = 200


def parse_organisations(value: CellValue) -> tuple[str, ...]:
    return tuple(parse_list(value, max_length=ORGANISATION_LENGTH))


@dataclass(frozen=True)
class ActivityRow:
    date: dt.date
    title: str
    kind: str
    intervention: str | None
    women: int
    men: int
    other: int
    organisations: tuple[str, ...]


class AktiviteterSheet(ColumnSheet[ActivityRow]):
    sheet_name = "Aktiviteter"
    label = "aktiviteter"
    row_type = ActivityRow
    columns = (
        Column("datum", required=True, into="date", parse=parse_date),
        Column("titel", required=True, into="title", parse=text_of(TITLE_LENGTH)),
        Column("typ", required=True, into="kind", parse=choice_of(ActivityType.values)),
        Column("insats", into="intervention", read=known_intervention),
        Column("kvinnor", required=True, into="women", parse=parse_whole_number),
        Column("män", required=True, into="men", parse=parse_whole_number),
        Column("annat", required=True, into="other", parse=parse_whole_number),
        Column("organisationer", into="organisations", parse=parse_organisations, empty=()),
    )

    repeated_key = (
        "titel",
        ("date", "title"),
        gettext_lazy("Aktiviteten finns redan med samma datum och titel på rad %(row)s."),
    )

    def write(self, rows: Sequence[ActivityRow], context: ImportContext) -> SheetChanges:
        return save_each(rows, context, save_activity, association=context.association)

    def export_rows(
        self, association: Association, access: WorkbookAccess
    ) -> Iterable[Sequence[Any]]:
        activities = (
            Activity.objects.filter(association=association)
            .select_related("intervention")
            .order_by("date", "title")
        )
        for activity in activities:
            yield (
                activity.date,
                activity.title,
                activity.kind,
                activity.intervention.code if activity.intervention else None,
                activity.women,
                activity.men,
                activity.other,
                "; ".join(activity.organisations) or None,
            )
