"""Import of the importmall sheets `Kvartalsrapporter` and `Avvikelser`.

The office moves reports kept elsewhere into the system. A row replaces the stored row
with the same natural key and writes the history; a row equal to what is stored changes
nothing and writes no history, so importing the same file twice gives the same database.
The importer checks its own permission (``imports.import_workbook``); ``user`` is who
imports (None: the command line) and is recorded in the history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from finsam.years import quarter_end, quarter_start
from followup.models import (
    DecidedBy,
    Decision,
    Deviation,
    DeviationAction,
    DeviationKind,
    QuarterlyReport,
    ReportAction,
)
from followup.services import (
    answers_items,
    deviation_errors,
    deviation_event,
    missing_answers,
    record_decision,
    report_event,
    report_for_update,
)
from interventions.models import Intervention
from interventions.services import SaveOutcome


def quarter_within(start_date: dt.date, end_date: dt.date | None, year: int, quarter: int) -> bool:
    """The quarter overlaps the period ``start_date``..``end_date`` (no end: open)."""
    if not 1 <= quarter <= 4:
        return False
    if quarter_end(year, quarter) < start_date:
        return False
    return end_date is None or quarter_start(year, quarter) <= end_date


def imported_from_file() -> str:
    return _("Importerad från fil.")


@transaction.atomic
def import_quarterly_report(
    *,
    user: Any,
    intervention: Intervention,
    year: int,
    quarter: int,
    submitted_on: dt.date,
    answers: Mapping[str, Any],
) -> tuple[QuarterlyReport, SaveOutcome]:
    """A row of the `Kvartalsrapporter` sheet: the report as submitted on ``submitted_on``
    with ``answers`` (fields of ``ANSWER_FIELDS``; the others keep their stored value).
    The office's review (colour, comment) is kept. Every required answer must be given and
    the quarter must lie within the intervention's period. ``submitted_by`` is left empty
    (the steering group submitted outside the system); the ReportEvent names the
    importer."""
    if not quarter_within(intervention.start_date, intervention.end_date, year, quarter):
        raise ValidationError(
            _("%(year)s kvartal %(quarter)s ligger utanför insatsens period.")
            % {"year": year, "quarter": quarter}
        )
    report = report_for_update(intervention, year, quarter)
    created = report.pk is None
    items = answers_items(report, answers)
    if (
        not created
        and report.status == QuarterlyReport.Status.SUBMITTED
        and report.submitted_on == submitted_on
        and all(getattr(report, name) == value for name, value in items)
    ):
        return report, "unchanged"
    for name, value in items:
        setattr(report, name, value)
    missing = missing_answers(report)
    if missing:
        raise ValidationError(
            dict.fromkeys(missing, _("Besvara frågan innan rapporten lämnas in."))
        )
    report.clean_fields(exclude=["association", "intervention", "submitted_by", "reviewed_by"])
    report.status = QuarterlyReport.Status.SUBMITTED
    report.submitted_on = submitted_on
    report.submitted_by = None
    report.save()
    report_event(report, user, ReportAction.SUBMITTED, imported_from_file())
    return report, "created" if created else "updated"


def imported_deviation_errors(
    *,
    received_on: dt.date,
    kind: str,
    description: str,
    amount: int | None,
    decision: str,
    decided_on: dt.date | None,
    decided_by: str,
) -> dict[str, str]:
    """What is wrong with a deviation as a row of the `Avvikelser` sheet gives it, keyed by
    field: the amount rule of ``deviation_errors`` (the sheet has no requested dates) and
    the decision (date and decider when decided, neither when not)."""
    errors: dict[str, str] = {}
    if kind not in DeviationKind.values:
        errors["kind"] = _("Välj en typ av avvikelse.")
    amount_error = deviation_errors(
        kind=kind, amount=amount, requested_start_date=None, requested_end_date=None
    ).get("amount")
    if amount_error:
        errors["amount"] = amount_error
    if not description.strip():
        errors["description"] = _("Beskriv avvikelsen.")
    if decision not in Decision.values:
        errors["decision"] = _("Välj beviljad, delvis beviljad, avslag eller ej beslutad.")
    elif decision == Decision.UNDECIDED:
        if decided_on is not None:
            errors["decided_on"] = _("Beslutsdatum anges bara när avvikelsen är beslutad.")
        if decided_by:
            errors["decided_by"] = _("Beslutad av anges bara när avvikelsen är beslutad.")
    else:
        if decided_on is None:
            errors["decided_on"] = _("Ange beslutsdatum när avvikelsen är beslutad.")
        elif decided_on < received_on:
            errors["decided_on"] = _("Beslutsdatum får inte vara före datumet rapporten kom in.")
        if decided_by not in DecidedBy.values:
            errors["decided_by"] = _("Ange om förbundschefen eller styrelsen beslutade.")
    return errors


@transaction.atomic
def import_deviation(
    *,
    user: Any,
    intervention: Intervention,
    received_on: dt.date,
    kind: str,
    description: str,
    amount: int | None,
    decision: str,
    decided_on: dt.date | None,
    decided_by: str,
) -> tuple[Deviation, SaveOutcome]:
    """A row of the `Avvikelser` sheet, replacing the deviation with the same insats +
    inkommen_datum + typ. The history gets "registered" for a new deviation (and for a
    changed description or amount), and "decided"/"redecided" for a new or changed
    decision, as if it had been recorded on the page. Requested dates and the decision
    comment, which the sheet does not have, keep their stored value (the comment is
    cleared when the decision changes)."""
    description = description.strip()
    errors = imported_deviation_errors(
        received_on=received_on,
        kind=kind,
        description=description,
        amount=amount,
        decision=decision,
        decided_on=decided_on,
        decided_by=decided_by,
    )
    if errors:
        raise ValidationError(errors)
    deviation = (
        Deviation.objects.select_for_update()
        .filter(intervention=intervention, received_on=received_on, kind=kind)
        .first()
    )
    outcome: SaveOutcome = "updated"
    if deviation is None:
        outcome = "created"
        deviation = Deviation.objects.create(
            association_id=intervention.association_id,
            intervention=intervention,
            received_on=received_on,
            kind=kind,
            description=description,
            amount=amount,
        )
        deviation_event(deviation, user, DeviationAction.REGISTERED, imported_from_file())
    elif (deviation.description, deviation.amount) != (description, amount):
        deviation.description = description
        deviation.amount = amount
        deviation.save(update_fields=["description", "amount"])
        deviation_event(
            deviation,
            user,
            DeviationAction.REGISTERED,
            _("Beskrivning eller belopp ändrade vid import från fil."),
        )
    elif (deviation.decision, deviation.decided_on, deviation.decided_by) == (
        decision,
        decided_on,
        decided_by,
    ):
        return deviation, "unchanged"
    if (deviation.decision, deviation.decided_on, deviation.decided_by) != (
        decision,
        decided_on,
        decided_by,
    ):
        record_decision(
            deviation,
            user,
            (decision, decided_on, decided_by),
            comment="",
            event_comment=imported_from_file(),
        )
    return deviation, outcome
