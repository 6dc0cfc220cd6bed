"""State changes of the steering groups' reports: quarterly reports (draft, submit, reopen,
review), deviation reports (register, decide) and final reports (``followup.final_reports``).

Pages, imports and jobs call these functions, so each rule exists once. Each function
checks the user's permission (``PermissionDenied``), validates (``ValidationError`` with
Swedish messages keyed by field) and writes the history in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from finsam import years
from finsam.years import quarter_end, quarter_start
from followup.models import (
    QUALITY_QUESTIONS,
    Colour,
    DecidedBy,
    Decision,
    Deviation,
    DeviationAction,
    DeviationEvent,
    DeviationKind,
    QuarterlyReport,
    ReportAction,
    ReportEvent,
    report_deadline,
)
from interventions.models import Intervention

#: The answers of a quarterly report (importmall `Kvartalsrapporter`), in form order.
GOAL_FIELDS = ("on_track", "forecast", "started_on_time", "action_plan_share", "goals_comment")
CONDITION_FIELDS = ("vacancy_funded", "vacancy_self_funded", "conditions_comment")
QUALITY_FIELDS = (*QUALITY_QUESTIONS, "quality_comment")
ANSWER_FIELDS = (*GOAL_FIELDS, *CONDITION_FIELDS, *QUALITY_FIELDS, "comment")
#: The importmall's required ("yes") columns: a report cannot be submitted without them.
REQUIRED_ANSWERS = (
    "on_track",
    "forecast",
    "vacancy_funded",
    "vacancy_self_funded",
    *QUALITY_QUESTIONS,
)


class DueStatus(models.TextChoices):
    """Where a report stands on a day."""

    NOT_DUE = "ej_aktuell", gettext_lazy("Inte aktuell än")
    NOT_STARTED = "ej_paborjad", gettext_lazy("Ej påbörjad")
    DRAFT = "utkast", gettext_lazy("Utkast")
    SUBMITTED = "inlamnad", gettext_lazy("Inlämnad")
    LATE = "forsenad", gettext_lazy("Försenad")


class ReportLocked(PermissionDenied):
    """The report is submitted: only the office can open it again."""


def require(user: Any, permission: str, target: Any) -> None:
    if not user.has_perm(permission, target):
        raise PermissionDenied


# --- quarterly reports: which are due -----------------------------------------------------


def quarter_of(day: dt.date) -> tuple[int, int]:
    """The (year, quarter) ``day`` lies in."""
    return day.year, years.quarter_of(day)


def quarters_between(first: dt.date, last: dt.date) -> list[tuple[int, int]]:
    """Every (year, quarter) from the quarter of ``first`` to that of ``last``, oldest first."""
    year, quarter = quarter_of(first)
    last_year, last_quarter = quarter_of(last)
    quarters = []
    while (year, quarter) <= (last_year, last_quarter):
        quarters.append((year, quarter))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return quarters


def may_report(intervention: Intervention, year: int, quarter: int, *, today: dt.date) -> bool:
    """A report can be written for a quarter of the intervention's period that has begun."""
    if not 1 <= quarter <= 4:
        return False
    start = quarter_start(year, quarter)
    if start > today or quarter_end(year, quarter) < intervention.start_date:
        return False
    return intervention.end_date is None or start <= intervention.end_date


@dataclass(frozen=True)
class DueReport:
    """One quarter's report of an intervention: its deadline, row (None when not started)
    and status on the day asked."""

    intervention: Intervention
    year: int
    quarter: int
    deadline: dt.date
    report: QuarterlyReport | None
    status: DueStatus

    @property
    def submitted_late(self) -> bool:
        report = self.report
        return (
            report is not None
            and report.status == QuarterlyReport.Status.SUBMITTED
            and report.submitted_on is not None
            and report.submitted_on > self.deadline
        )


def report_status(
    report: QuarterlyReport | None, deadline: dt.date, *, today: dt.date
) -> DueStatus:
    if report is not None and report.status == QuarterlyReport.Status.SUBMITTED:
        return DueStatus.SUBMITTED
    if today > deadline:
        return DueStatus.LATE
    return DueStatus.NOT_STARTED if report is None else DueStatus.DRAFT


def reports_due(
    intervention: Intervention,
    *,
    today: dt.date,
    reports: Iterable[QuarterlyReport] | None = None,
) -> list[DueReport]:
    """Every quarter from the intervention's start to its end (or today) that has ended,
    newest first. ``reports`` may be given (prefetched); otherwise they are read."""
    if reports is None:
        reports = QuarterlyReport.objects.filter(intervention=intervention)
    by_quarter = {(r.year, r.quarter): r for r in reports}
    last = min(intervention.end_date or today, today)
    due = []
    for year, quarter in quarters_between(intervention.start_date, last):
        if quarter_end(year, quarter) >= today:
            continue
        deadline = report_deadline(year, quarter)
        report = by_quarter.get((year, quarter))
        due.append(
            DueReport(
                intervention=intervention,
                year=year,
                quarter=quarter,
                deadline=deadline,
                report=report,
                status=report_status(report, deadline, today=today),
            )
        )
    due.reverse()
    return due


# --- quarterly reports: state changes -----------------------------------------------------


def report_for_update(intervention: Intervention, year: int, quarter: int) -> QuarterlyReport:
    report = (
        QuarterlyReport.objects.select_for_update()
        .filter(intervention=intervention, year=year, quarter=quarter)
        .first()
    )
    if report is None:
        report = QuarterlyReport(
            association_id=intervention.association_id,
            intervention=intervention,
            year=year,
            quarter=quarter,
        )
    return report


def _writable_report(
    user: Any, intervention: Intervention, year: int, quarter: int, today: dt.date
) -> QuarterlyReport:
    require(user, "followup.fill_report", intervention)
    if not may_report(intervention, year, quarter, today=today):
        raise ValidationError(_("Insatsen har ingen rapport för det kvartalet."))
    report = report_for_update(intervention, year, quarter)
    if report.status == QuarterlyReport.Status.SUBMITTED:
        raise ReportLocked(
            _("Rapporten är inlämnad och låst. Kansliet kan öppna den igen vid behov.")
        )
    return report


def answers_items(report: QuarterlyReport, answers: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """The answer fields present in ``answers`` (others keep the report's value)."""
    return [(name, answers[name]) for name in ANSWER_FIELDS if name in answers]


def missing_answers(report: QuarterlyReport) -> list[str]:
    """The required answers the report lacks (empty string or None)."""
    return [name for name in REQUIRED_ANSWERS if getattr(report, name) in (None, "")]


@transaction.atomic
def save_draft(
    *,
    user: Any,
    intervention: Intervention,
    year: int,
    quarter: int,
    answers: Mapping[str, Any],
    today: dt.date,
) -> QuarterlyReport:
    """Save the answers given so far; the report stays a draft."""
    report = _writable_report(user, intervention, year, quarter, today)
    for name, value in answers_items(report, answers):
        setattr(report, name, value)
    report.save()
    return report


@transaction.atomic
def submit(
    *,
    user: Any,
    intervention: Intervention,
    year: int,
    quarter: int,
    answers: Mapping[str, Any],
    today: dt.date,
) -> QuarterlyReport:
    """Save the answers and submit; every required answer must be given. The submitted
    report is locked for the insatsansvarig."""
    report = _writable_report(user, intervention, year, quarter, today)
    for name, value in answers_items(report, answers):
        setattr(report, name, value)
    missing = missing_answers(report)
    if missing:
        message = _("Besvara frågan innan rapporten lämnas in.")
        raise ValidationError(dict.fromkeys(missing, message))
    report.status = QuarterlyReport.Status.SUBMITTED
    report.submitted_on = today
    report.submitted_by = user
    report.save()
    report_event(report, user, ReportAction.SUBMITTED)
    return report


def report_event(report: QuarterlyReport, user: Any, action: str, comment: str = "") -> None:
    ReportEvent.objects.create(
        association_id=report.association_id,
        report=report,
        user=user,
        action=action,
        comment=comment,
    )


def _locked_copy(report: QuarterlyReport) -> QuarterlyReport:
    return QuarterlyReport.objects.select_for_update().get(pk=report.pk)


@transaction.atomic
def reopen(*, user: Any, report: QuarterlyReport, comment: str) -> QuarterlyReport:
    """The office opens a submitted report again so the insatsansvarig can change it."""
    require(user, "followup.reopen_report", report)
    report = _locked_copy(report)
    if report.status != QuarterlyReport.Status.SUBMITTED:
        raise ValidationError(_("Bara en inlämnad rapport kan öppnas igen."))
    report.status = QuarterlyReport.Status.DRAFT
    report.submitted_on = None
    report.submitted_by = None
    report.save()
    report_event(report, user, ReportAction.REOPENED, comment.strip())
    return report


@transaction.atomic
def review(*, user: Any, report: QuarterlyReport, colour: str, comment: str) -> QuarterlyReport:
    """The office's assessment of a submitted report: green, yellow or red, and a comment."""
    require(user, "followup.review_report", report)
    report = _locked_copy(report)
    if report.status != QuarterlyReport.Status.SUBMITTED:
        raise ValidationError(_("Bara en inlämnad rapport kan granskas."))
    if colour not in Colour.values:
        raise ValidationError({"colour": _("Välj grönt, gult eller rött.")})
    report.colour = colour
    report.review_comment = comment.strip()
    report.reviewed_by = user
    report.reviewed_at = timezone.now()
    report.save()
    report_event(report, user, ReportAction.REVIEWED, f"{Colour(colour).label}. {comment}".strip())
    return report


# --- deviation reports --------------------------------------------------------------------


def deviation_errors(
    *,
    kind: str,
    amount: int | None,
    requested_start_date: dt.date | None,
    requested_end_date: dt.date | None,
) -> dict[str, str]:
    """What is wrong with the kind-dependent fields of a deviation, keyed by field."""
    errors: dict[str, str] = {}
    if kind == DeviationKind.TRANSFER:
        if amount is None:
            errors["amount"] = _("Ange beloppet som ska föras över till nästa år.")
        elif amount <= 0:
            errors["amount"] = _("Beloppet måste vara större än 0 kr.")
    elif amount is not None:
        errors["amount"] = _("Belopp anges bara vid överföring till nästa år; lämna fältet tomt.")
    for field, date_kind, value in (
        ("requested_start_date", DeviationKind.START_DATE, requested_start_date),
        ("requested_end_date", DeviationKind.END_DATE, requested_end_date),
    ):
        if kind == date_kind and value is None:
            errors[field] = _("Ange det datum som begärs.")
        elif kind != date_kind and value is not None:
            errors[field] = _("Anges bara för avvikelser av typen %(kind)s; lämna fältet tomt.") % {
                "kind": DeviationKind(date_kind).label.lower()
            }
    return errors


def deviation_event(deviation: Deviation, user: Any, action: str, comment: str = "") -> None:
    DeviationEvent.objects.create(
        association_id=deviation.association_id,
        deviation=deviation,
        user=user,
        action=action,
        decision=deviation.decision,
        comment=comment,
    )


@transaction.atomic
def register_deviation(
    *,
    user: Any,
    intervention: Intervention,
    received_on: dt.date,
    kind: str,
    description: str,
    amount: int | None = None,
    requested_start_date: dt.date | None = None,
    requested_end_date: dt.date | None = None,
) -> Deviation:
    """A new deviation report (change request), undecided."""
    require(user, "followup.register_deviation", intervention)
    errors = deviation_errors(
        kind=kind,
        amount=amount,
        requested_start_date=requested_start_date,
        requested_end_date=requested_end_date,
    )
    if kind not in DeviationKind.values:
        errors["kind"] = _("Välj en typ av avvikelse.")
    if not description.strip():
        errors["description"] = _("Beskriv avvikelsen.")
    if errors:
        raise ValidationError(errors)
    if Deviation.objects.filter(
        intervention=intervention, received_on=received_on, kind=kind
    ).exists():
        raise ValidationError(
            {
                "kind": _("Det finns redan en avvikelserapport av den här typen inkommen %(date)s.")
                % {"date": received_on.isoformat()}
            }
        )
    deviation = Deviation.objects.create(
        association_id=intervention.association_id,
        intervention=intervention,
        received_on=received_on,
        kind=kind,
        description=description.strip(),
        amount=amount,
        requested_start_date=requested_start_date,
        requested_end_date=requested_end_date,
    )
    deviation_event(deviation, user, DeviationAction.REGISTERED)
    return deviation


def deviation_four_eyes_refusal(*, user: Any, deviation: Deviation) -> str | None:
    """Why ``user`` may not record the decision of ``deviation`` although their role could:
    they registered the report themselves (four eyes). None when someone else did."""
    user_id = getattr(user, "pk", None)
    if (
        user_id is None
        or not DeviationEvent.objects.filter(
            deviation=deviation, user_id=user_id, action=DeviationAction.REGISTERED
        ).exists()
    ):
        return None
    return _(
        "Du har själv registrerat den här avvikelserapporten och kan därför inte registrera "
        "beslutet om den. En annan person på kansliet måste göra det (fyraögonsprincipen)."
    )


@transaction.atomic
def decide_deviation(
    *,
    user: Any,
    deviation: Deviation,
    decision: str,
    decided_on: dt.date,
    decided_by: str,
    comment: str = "",
) -> Deviation:
    """The office records the decision (by the förbundschef or the board). A decided
    deviation may be decided again; every decision is kept in the history. Whoever
    registered the report may not record its decision (``deviation_four_eyes_refusal``)."""
    require(user, "followup.decide_deviation", deviation)
    deviation = Deviation.objects.select_for_update().get(pk=deviation.pk)
    refusal = deviation_four_eyes_refusal(user=user, deviation=deviation)
    if refusal is not None:
        raise ValidationError(refusal, code="four_eyes")
    errors: dict[str, str] = {}
    if decision not in Decision.values or decision == Decision.UNDECIDED:
        errors["decision"] = _("Välj beviljad, delvis beviljad eller avslag.")
    if decided_by not in DecidedBy.values:
        errors["decided_by"] = _("Ange om förbundschefen eller styrelsen beslutade.")
    if decided_on < deviation.received_on:
        errors["decided_on"] = _("Beslutsdatum får inte vara före datumet rapporten kom in.")
    if errors:
        raise ValidationError(errors)
    record_decision(
        deviation,
        user,
        (decision, decided_on, decided_by),
        comment=comment.strip(),
        event_comment=comment.strip(),
    )
    return deviation


def record_decision(
    deviation: Deviation,
    user: Any,
    decided: tuple[str, dt.date | None, str],
    *,
    comment: str,
    event_comment: str,
) -> None:
    """Store the (checked) decision, date and decider on the deviation with the decision's
    ``comment``, and its history row: "decided" the first time, "redecided" after."""
    action = (
        DeviationAction.DECIDED
        if deviation.decision == Decision.UNDECIDED
        else DeviationAction.REDECIDED
    )
    deviation.decision, deviation.decided_on, deviation.decided_by = decided
    deviation.decision_comment = comment
    deviation.save(update_fields=["decision", "decided_on", "decided_by", "decision_comment"])
    deviation_event(deviation, user, action, event_comment)
