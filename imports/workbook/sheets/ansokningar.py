"""Sheet `Ansökningar`: applications for funding, pending or decided. Natural key: kod.

A decided application records the decision (``FundingDecision.imported``); it creates or
changes no intervention (`Insatser` and `Budget` carry those). The rules live in
``funding.services.import_application``; this module reads the cells and gives every
problem its place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from funding.models import Application, Outcome
from funding.services import ImportedApplication, application_with_code, import_application
from imports.workbook.access import WorkbookAccess
from imports.workbook.base import Column, ImportContext, RowReader, SheetChanges, SheetHandler
from imports.workbook.cells import choice_of, parse_code, parse_date, parse_whole_number, text_of
from imports.workbook.sheets.common import Organisations, fields_of
from imports.workbook.sheets.insatser import (
    PLAN_COLUMNS,
    _max_length,
    plan_cells,
    read_plan,
)
from tenancy.models import Association

#: Attribute of the import context: kod -> (startdatum, slutdatum) of the file's rows.
FILE_APPLICATIONS = "funding_file_applications"
TARGET_GROUP_LENGTH = 20_000


@dataclass(frozen=True)
class ApplicationRow:
    code: str
    name: str
    owner: str
    partners: tuple[str, ...]
    kind: str
    aim: str
    follow_up: str
    start_date: dt.date
    end_date: dt.date
    target_group: str
    expected_participants: int | None
    extends: str | None
    received_on: dt.date
    outcome: str
    decided_on: dt.date | None


def file_applications(context: ImportContext) -> dict[str, tuple[dt.date, dt.date] | None]:
    """kod -> period of the file's `Ansökningar` rows (``None`` for a row with an error)."""
    found: dict[str, tuple[dt.date, dt.date] | None] = getattr(context, FILE_APPLICATIONS, {})
    setattr(context, FILE_APPLICATIONS, found)
    return found


class AnsokningarSheet(SheetHandler[ApplicationRow]):
    sheet_name = "Ansökningar"
    label = "ansökningar"
    columns = (
        Column("kod", required=True),
        Column("namn", required=True),
        *PLAN_COLUMNS,
        Column("slutdatum", required=True),
        Column("malgrupp", required=True),
        Column("förväntat_antal_deltagare"),
        Column("forlanger"),
        Column("inkom", required=True),
        Column("beslut"),
        Column("beslutsdatum"),
    )

    def parse_row(self, row: RowReader, context: ImportContext) -> ApplicationRow | None:
        in_file = file_applications(context)
        code = row.value("kod", parse_code, required=True)
        if code is not None:
            if code in in_file:
                row.problem("kod", _("Koden finns redan tidigare i bladet."))
                code = None
            else:
                in_file[code] = None
                try:
                    application_with_code(code)
                except ValidationError as error:
                    row.problem("kod", " ".join(error.messages))
        name = row.value("namn", text_of(_max_length(Application, "name")), required=True)
        plan = read_plan(row, end_required=True)
        target_group = row.value("malgrupp", text_of(TARGET_GROUP_LENGTH), required=True)
        expected = row.value("förväntat_antal_deltagare", parse_whole_number)
        extends = context.intervention_code(row, "forlanger", required=False)
        received_on = row.value("inkom", parse_date, required=True)
        outcome = row.value("beslut", choice_of(Outcome.values)) or ""
        decided_on = row.value("beslutsdatum", parse_date)
        if outcome and decided_on is None and row.is_empty("beslutsdatum"):
            row.problem("beslutsdatum", _("Ange beslutsdatum för en beslutad ansökan."))
        if not outcome and decided_on is not None and row.is_empty("beslut"):
            row.problem("beslutsdatum", _("Beslutsdatum anges bara när beslut är ifyllt."))
        if decided_on is not None and received_on is not None and decided_on < received_on:
            row.problem("beslutsdatum", _("Beslutsdatum får inte vara före inkom."))
        if not row.ok or code is None or name is None or target_group is None or not received_on:
            return None
        in_file[code] = (plan["start_date"], plan["end_date"])
        return ApplicationRow(
            code=code,
            name=name,
            **plan,
            target_group=target_group,
            expected_participants=expected,
            extends=extends,
            received_on=received_on,
            outcome=outcome,
            decided_on=decided_on,
        )

    def write(self, rows: Sequence[ApplicationRow], context: ImportContext) -> SheetChanges:
        organisations = Organisations(context.association)
        extended = context.interventions_by_code(row.extends for row in rows)

        def imported(row: ApplicationRow) -> ImportedApplication:
            extends = extended[row.extends] if row.extends else None
            return ImportedApplication(
                **(fields_of(row) | organisations.of(row) | {"extends": extends})
            )

        return SheetChanges.of(
            import_application(association_id=context.association.pk, data=imported(row))
            for row in rows
        )

    def export_rows(
        self, association: Association, access: WorkbookAccess
    ) -> Iterable[Sequence[Any]]:
        applications = (
            Application.objects.filter(association=association)
            .select_related("owner", "extends", "decision")
            .prefetch_related("partners")
            .order_by("received_on", "code", "id")
        )
        for application in applications:
            decision = application.decision_or_none
            yield (
                export_code(application),
                application.name,
                *plan_cells(application),
                application.target_group,
                application.expected_participants,
                application.extends.code if application.extends else None,
                application.received_on,
                decision.outcome if decision else None,
                decision.decided_on if decision else None,
            )


def export_code(application: Application) -> str:
    """The application's kod; an application made in the web form without a kod proposal
    (an extension) is exported as ``ansokan-<id>``."""
    return application.code or f"ansokan-{application.pk}"
