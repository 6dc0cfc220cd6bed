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
from typing import Any

from django.utils.translation import gettext_lazy

from followup.models import DecidedBy, Decision, Deviation, DeviationKind
from followup.workbook import import_deviation, imported_deviation_errors
from imports.workbook.base import Column, ImportContext, RowReader, SheetChanges
from imports.workbook.cells import choice_of, parse_amount, parse_date, text_of
from imports.workbook.model_export import ModelExport
from imports.workbook.sheets.common import INTERVENTION, ColumnSheet, save_each

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


class AvvikelserSheet(ColumnSheet[DeviationRow]):
    sheet_name = "Avvikelser"
    label = "avvikelser"
    row_type = DeviationRow
    columns = (
        INTERVENTION,
        Column("inkommen_datum", required=True, into="received_on", parse=parse_date),
        Column("typ", required=True, into="kind", parse=choice_of(DeviationKind.values)),
        Column("beskrivning", required=True, into="description", parse=text_of(DESCRIPTION_LENGTH)),
        Column("belopp", into="amount", parse=parse_amount),
        Column("beslut", required=True, into="decision", parse=choice_of(Decision.values)),
        Column("beslutsdatum", into="decided_on", parse=parse_date),
        Column("beslutad_av", into="decided_by", parse=choice_of(DecidedBy.values), empty=""),
    )

    def check_row(self, row: RowReader, context: ImportContext, cells: dict[str, Any]) -> None:
        if cells["kind"] is None or cells["decision"] is None:
            return
        errors = imported_deviation_errors(
            received_on=cells["received_on"] or dt.date.min,
            kind=cells["kind"],
            description=cells["description"] or "-",
            amount=cells["amount"],
            decision=cells["decision"],
            decided_on=cells["decided_on"],
            decided_by=cells["decided_by"] or "",
        )
        for field, column in FIELD_COLUMNS.items():
            # A filled cell that could not be read has its problem already.
            unreadable = cells[field] is None and not row.is_empty(column)
            if field in errors and not unreadable:
                row.problem(column, errors[field])

    repeated_key = (
        "typ",
        ("intervention", "received_on", "kind"),
        gettext_lazy(
            "Insatsen har redan en avvikelse av typen %(kind)s inkommen %(received_on)s "
            "på rad %(row)s."
        ),
    )

    def write(self, rows: Sequence[DeviationRow], context: ImportContext) -> SheetChanges:
        return save_each(rows, context, import_deviation, user=context.access.user)

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
