"""Sheet `Aktiviteter`: competence-raising and structural activities with attendance.
Natural key: datum + titel."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.utils.translation import gettext_lazy

from imports.workbook.access import WorkbookAccess
from imports.workbook.base import Column, ImportContext, RowReader, SheetChanges, SheetHandler
from imports.workbook.cells import (
    parse_choice,
    parse_date,
    parse_list,
    parse_text,
    parse_whole_number,
)
from participants.choices import ActivityType
from participants.models import Activity
from participants.workbook import save_activity
from tenancy.models import Association

TITLE_LENGTH = int(getattr(Activity._meta.get_field("title"), "max_length", 0) or 0)
ORGANISATION_LENGTH = 200


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


class AktiviteterSheet(SheetHandler[ActivityRow]):
    sheet_name = "Aktiviteter"
    label = "aktiviteter"
    columns = (
        Column("datum", required=True),
        Column("titel", required=True),
        Column("typ", required=True),
        Column("insats"),
        Column("kvinnor", required=True),
        Column("män", required=True),
        Column("annat", required=True),
        Column("organisationer"),
    )

    def parse_row(self, row: RowReader, context: ImportContext) -> ActivityRow | None:
        date = row.value("datum", parse_date, required=True)
        title = row.value("titel", partial(parse_text, max_length=TITLE_LENGTH), required=True)
        kind = row.value("typ", partial(parse_choice, choices=ActivityType.values), required=True)
        code = context.intervention_code(row, required=False)
        women = row.value("kvinnor", parse_whole_number, required=True)
        men = row.value("män", parse_whole_number, required=True)
        other = row.value("annat", parse_whole_number, required=True)
        organisations = row.value(
            "organisationer", partial(parse_list, max_length=ORGANISATION_LENGTH)
        )
        if (
            not row.ok
            or date is None
            or not title
            or kind is None
            or women is None
            or men is None
            or other is None
        ):
            return None
        return ActivityRow(
            date=date,
            title=title,
            kind=kind,
            intervention=code,
            women=women,
            men=men,
            other=other,
            organisations=tuple(organisations or ()),
        )

    repeated_key = (
        "titel",
        ("date", "title"),
        gettext_lazy("Aktiviteten finns redan med samma datum och titel på rad %(row)s."),
    )

    def write(self, rows: Sequence[ActivityRow], context: ImportContext) -> SheetChanges:
        interventions = context.interventions_by_code(row.intervention for row in rows)
        return SheetChanges.of(
            save_activity(
                association=context.association,
                date=row.date,
                title=row.title,
                kind=row.kind,
                intervention=interventions[row.intervention] if row.intervention else None,
                women=row.women,
                men=row.men,
                other=row.other,
                organisations=list(row.organisations),
            )
            for row in rows
        )

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
