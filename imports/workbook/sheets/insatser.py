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

from imports.workbook.access import WorkbookAccess
from imports.workbook.base import Column, ImportContext, RowReader, SheetChanges, SheetHandler
from imports.workbook.cells import (
    parse_choice,
    parse_code,
    parse_date,
    parse_list,
    parse_text,
    parse_whole_number,
)
from interventions.models import Aim, FollowUp, Intervention, Kind
from interventions.services import END_BEFORE_START, organisation_named, save_intervention
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


class InsatserSheet(SheetHandler[InterventionRow]):
    sheet_name = "Insatser"
    label = "insatser"
    columns = (
        Column("kod", required=True),
        Column("namn", required=True),
        Column("kortnamn"),
        Column("insatsägare", required=True),
        Column("samverkansparter"),
        Column("inriktning", required=True),
        Column("syfte"),
        Column("uppföljning", required=True),
        Column("startdatum", required=True),
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
        name = row.value(
            "namn", partial(parse_text, max_length=_max_length(Intervention, "name")), required=True
        )
        short_name = row.value(
            "kortnamn", partial(parse_text, max_length=_max_length(Intervention, "short_name"))
        )
        owner = row.value(
            "insatsägare", partial(parse_text, max_length=ORGANISATION_NAME_LENGTH), required=True
        )
        partners = row.value(
            "samverkansparter", partial(parse_list, max_length=ORGANISATION_NAME_LENGTH)
        )
        kind = row.value("inriktning", partial(parse_choice, choices=Kind.values), required=True)
        aim = self._aim(row, kind)
        follow_up = row.value(
            "uppföljning", partial(parse_choice, choices=FollowUp.values), required=True
        )
        start_date = row.value("startdatum", parse_date, required=True)
        end_date = row.value("slutdatum", parse_date)
        if start_date and end_date and end_date < start_date:
            row.problem("slutdatum", str(END_BEFORE_START))
        expected = row.value("förväntat_antal_deltagare", parse_whole_number)
        if (
            not row.ok
            or code is None
            or name is None
            or owner is None
            or kind is None
            or follow_up is None
            or start_date is None
        ):
            return None
        context.file_intervention_follow_up[code] = follow_up
        context.file_intervention_periods[code] = (start_date, end_date)
        return InterventionRow(
            code=code,
            name=name,
            short_name=short_name or "",
            owner=owner,
            partners=tuple(partners or ()),
            kind=kind,
            aim=aim or "",
            follow_up=follow_up,
            start_date=start_date,
            end_date=end_date,
            expected_participants=expected,
        )

    def _aim(self, row: RowReader, kind: str | None) -> str | None:
        if kind is not None and kind != Kind.INDIVIDUAL:
            if not row.is_empty("syfte"):
                row.problem("syfte", _("Syfte anges bara för individinsatser; lämna tomt."))
            return ""
        if kind == Kind.INDIVIDUAL and row.is_empty("syfte"):
            row.problem(
                "syfte", _("Syfte krävs för en individinsats: arbete eller forrehabilitering.")
            )
            return None
        return row.value("syfte", partial(parse_choice, choices=Aim.values))

    def write(self, rows: Sequence[InterventionRow], context: ImportContext) -> SheetChanges:
        association = context.association
        changes = SheetChanges()
        organisations: dict[str, Organisation] = {}

        def organisation(name: str) -> Organisation:
            if name not in organisations:
                organisations[name] = organisation_named(association=association, name=name)
            return organisations[name]

        for row in rows:
            _intervention, outcome = save_intervention(
                association=association,
                code=row.code,
                name=row.name,
                short_name=row.short_name,
                owner=organisation(row.owner),
                partners=[organisation(name) for name in row.partners],
                kind=row.kind,
                aim=row.aim,
                follow_up=row.follow_up,
                start_date=row.start_date,
                end_date=row.end_date,
                expected_participants=row.expected_participants,
            )
            changes.count(outcome)
        return changes

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
                intervention.owner.name,
                "; ".join(sorted(partner.name for partner in intervention.partners.all())),
                intervention.kind,
                intervention.aim,
                intervention.follow_up,
                intervention.start_date,
                intervention.end_date,
                intervention.expected_participants,
            )
