"""Sheet `Avvikelser`: deviation reports (change requests) and their decisions. Natural
key: insats + inkommen_datum + typ.

The rules across columns (belopp only and always for `overforing`; beslutsdatum and
beslutad_av when decided and only then) are ``followup.services
.imported_deviation_errors``, the same the write applies; the history gets an event
(``followup.services.import_deviation``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from django.utils.translation import gettext_lazy

from followup.models import DecidedBy, Decision, Deviation, DeviationKind
from followup.workbook import import_deviation, imported_deviation_errors
from imports.workbook.base import Column, ImportContext, RowReader, SheetChanges, SheetHandler
from imports.workbook.cells import parse_amount, parse_choice, parse_date, parse_text
from imports.workbook.model_export import ModelExport

DESCRIPTION_LENGTH = 20_000

#: Deviation field -> column, for the problems of the rules across columns.
FIELD_COLUMNS = {
    "amount": "belopp",
    "decided_on": "beslutsdatum",
    "decided_by": "beslutad_av",
}


@dataclass(frozen=True)
class DeviationRow:
    intervention: str
    received_on: dt.date
    kind: str
    description: str
    amount: int | None
    decision: str
    decided_on: dt.date | None
    decided_by: str


class AvvikelserSheet(SheetHandler[DeviationRow]):
    sheet_name = "Avvikelser"
    label = "avvikelser"
    columns = (
        Column("insats", required=True),
        Column("inkommen_datum", required=True),
        Column("typ", required=True),
        Column("beskrivning", required=True),
        Column("belopp"),
        Column("beslut", required=True),
        Column("beslutsdatum"),
        Column("beslutad_av"),
    )

    def parse_row(self, row: RowReader, context: ImportContext) -> DeviationRow | None:
        code = context.intervention_code(row)
        received_on = row.value("inkommen_datum", parse_date, required=True)
        kind = row.value("typ", partial(parse_choice, choices=DeviationKind.values), required=True)
        description = row.value(
            "beskrivning", partial(parse_text, max_length=DESCRIPTION_LENGTH), required=True
        )
        amount = row.value("belopp", parse_amount)
        decision = row.value(
            "beslut", partial(parse_choice, choices=Decision.values), required=True
        )
        decided_on = row.value("beslutsdatum", parse_date)
        decided_by = row.value("beslutad_av", partial(parse_choice, choices=DecidedBy.values))
        if kind is not None and decision is not None:
            errors = imported_deviation_errors(
                received_on=received_on or dt.date.min,
                kind=kind,
                description=description or "-",
                amount=amount,
                decision=decision,
                decided_on=decided_on,
                decided_by=decided_by or "",
            )
            parsed = {"amount": amount, "decided_on": decided_on, "decided_by": decided_by}
            for field, column in FIELD_COLUMNS.items():
                # A filled cell that could not be read has its problem already.
                unreadable = parsed[field] is None and not row.is_empty(column)
                if field in errors and not unreadable:
                    row.problem(column, errors[field])
        if (
            not row.ok
            or code is None
            or received_on is None
            or kind is None
            or description is None
            or decision is None
        ):
            return None
        return DeviationRow(
            intervention=code,
            received_on=received_on,
            kind=kind,
            description=description,
            amount=amount,
            decision=decision,
            decided_on=decided_on,
            decided_by=decided_by or "",
        )

    repeated_key = (
        "typ",
        ("intervention", "received_on", "kind"),
        gettext_lazy(
            "Insatsen har redan en avvikelse av typen %(kind)s inkommen %(received_on)s "
            "på rad %(row)s."
        ),
    )

    def write(self, rows: Sequence[DeviationRow], context: ImportContext) -> SheetChanges:
        interventions = context.interventions_by_code(row.intervention for row in rows)
        return SheetChanges.of(
            import_deviation(
                user=context.access.user,
                intervention=interventions[row.intervention],
                received_on=row.received_on,
                kind=row.kind,
                description=row.description,
                amount=row.amount,
                decision=row.decision,
                decided_on=row.decided_on,
                decided_by=row.decided_by,
            )
            for row in rows
        )

    export = ModelExport(
        Deviation,
        order=("intervention__code", "received_on", "kind"),
        fields=(
            "intervention__code",
            "received_on",
            "kind",
            "description",
            "amount",
            "decision",
            "decided_on",
            "decided_by",
        ),
    )
