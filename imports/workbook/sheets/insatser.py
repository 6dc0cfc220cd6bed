"""Sheet `Insatser`: the interventions. Natural key: kod.

An empty kortnamn is stored empty: ``Intervention.display_name`` then shows namn (the
importmall's default), and an export gives the empty cell back, so export and import
round-trip.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.db.models import Model
from django.utils.translation import gettext as _

from funding.models import Application
from imports.workbook.access import WorkbookAccess
from imports.workbook.base import Column, ImportContext, RowReader, SheetChanges, SheetHandler
from imports.workbook.cells import (
    choice_of,
    parse_code,
    parse_date,
    parse_list,
    parse_whole_number,
    text_of,
)
from imports.workbook.sheets.common import Organisations, fields_of
from interventions.models import Aim, FollowUp, Intervention, Kind
from interventions.services import END_BEFORE_START, save_intervention
from tenancy.models import Association, Organisation


@dataclass(frozen=True)
class InterventionRow:
    code: str
    name: str
    short_name: str
    owner: str
    partners: tuple[str, ...]
    kind: str
    aim: str
    follow_up: str
    start_date: dt.date
    end_date: dt.date | None
    expected_participants: int | None


def _max_length(model: type[Model], field: str) -> int:
    return int(getattr(model._meta.get_field(field), "max_length", 0) or 0)


ORGANISATION_NAME_LENGTH = _max_length(Organisation, "name")


#: The columns ``read_plan`` reads but slutdatum, required in `Ansökningar` only.
PLAN_COLUMNS = (
    Column("insatsägare", required=True),
    Column("samverkansparter"),
    Column("inriktning", required=True),
    Column("syfte"),
    Column("uppföljning", required=True),
    Column("startdatum", required=True),
)


def read_plan(row: RowReader, *, end_required: bool) -> dict[str, Any]:
    """The cells an intervention and an application share, insatsägare to slutdatum, by
    their row attribute (``partners`` a tuple, ``aim`` empty for a structural one)."""
    owner = row.value("insatsägare", text_of(ORGANISATION_NAME_LENGTH), required=True)
    partners = row.value(
        "samverkansparter", partial(parse_list, max_length=ORGANISATION_NAME_LENGTH)
    )
    kind = row.value("inriktning", choice_of(Kind.values), required=True)
    aim = read_aim(row, kind)
    follow_up = row.value("uppföljning", choice_of(FollowUp.values), required=True)
    start_date = row.value("startdatum", parse_date, required=True)
    end_date = row.value("slutdatum", parse_date, required=end_required)
    if start_date and end_date and end_date < start_date:
        row.problem("slutdatum", str(END_BEFORE_START))
    return {
        "owner": owner,
        "partners": tuple(partners or ()),
        "kind": kind,
        "aim": aim or "",
        "follow_up": follow_up,
        "start_date": start_date,
        "end_date": end_date,
    }


def plan_cells(stored: Intervention | Application) -> tuple[Any, ...]:
    """The export's cells of ``read_plan``'s columns."""
    return (
        stored.owner.name,
        "; ".join(sorted(partner.name for partner in stored.partners.all())),
        stored.kind,
        stored.aim,
        stored.follow_up,
        stored.start_date,
        stored.end_date,
    )


def read_aim(row: RowReader, kind: str | None) -> str | None:
    """syfte: required for an individual intervention (arbete or forrehabilitering), empty
    for the others."""
    if kind is not None and kind != Kind.INDIVIDUAL:
        if not row.is_empty("syfte"):
            row.problem("syfte", _("Syfte anges bara för individinsatser; lämna tomt."))
        return ""
    if kind == Kind.INDIVIDUAL and row.is_empty("syfte"):
        row.problem("syfte", _("Syfte krävs för en individinsats: arbete eller forrehabilitering."))
        return None
    return row.value("syfte", choice_of(Aim.values))


class InsatserSheet(SheetHandler[InterventionRow]):
    sheet_name = "Insatser"
    label = "insatser"
    columns = (
        Column("kod", required=True),
        Column("namn", required=True),
        Column("kortnamn"),
        *PLAN_COLUMNS,
        Column("slutdatum"),
        Column("förväntat_antal_deltagare"),
    )

    def parse_row(self, row: RowReader, context: ImportContext) -> InterventionRow | None:
        code = row.value("kod", parse_code, required=True)
        if code is not None:
            first_row = context.file_intervention_codes.get(code)
            if first_row is not None:
                row.problem(
                    "kod", _("Koden finns redan på rad %(row)s i bladet.") % {"row": first_row}
                )
            else:
                context.file_intervention_codes[code] = row.number
        name = row.value("namn", text_of(_max_length(Intervention, "name")), required=True)
        short_name = row.value("kortnamn", text_of(_max_length(Intervention, "short_name")))
        plan = read_plan(row, end_required=False)
        expected = row.value("förväntat_antal_deltagare", parse_whole_number)
        if not row.ok or code is None or name is None:
            return None
        context.file_intervention_follow_up[code] = plan["follow_up"]
        context.file_intervention_periods[code] = (plan["start_date"], plan["end_date"])
        return InterventionRow(
            code=code,
            name=name,
            short_name=short_name or "",
            **plan,
            expected_participants=expected,
        )

    def write(self, rows: Sequence[InterventionRow], context: ImportContext) -> SheetChanges:
        organisations = Organisations(context.association)
        return SheetChanges.of(
            save_intervention(
                association=context.association, **(fields_of(row) | organisations.of(row))
            )
            for row in rows
        )

    def export_rows(
        self, association: Association, access: WorkbookAccess
    ) -> Iterable[Sequence[Any]]:
        interventions = (
            Intervention.objects.filter(association=association)
            .in_display_order()
            .select_related("owner")
            .prefetch_related("partners")
        )
        for intervention in interventions:
            yield (
                intervention.code,
                intervention.name,
                intervention.short_name,
                *plan_cells(intervention),
                intervention.expected_participants,
            )
