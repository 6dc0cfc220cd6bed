"""State changes of the final report (slutrapport, seed 002): save as a draft, submit
when complete (then locked for the insatsansvarig), reopen by the office; and when it is
due (from the intervention's end date, late two months after)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from followup.models import FinalReport, FinalReportGoal, FinalReportSignature
from followup.services import DueStatus, ReportLocked, require
from interventions.models import Intervention

FINAL_TEXT_FIELDS = (
    "purpose",
    "results",
    "gender_perspective",
    "background",
    "need_changed",
    "target_group",
    "methods",
    "follow_up",
    "implementation",
    "budget_outcome",
    "returned_funds",
    "lessons",
)
FINAL_REQUIRED_TEXTS = (
    "purpose",
    "results",
    "background",
    "target_group",
    "methods",
    "follow_up",
    "implementation",
    "budget_outcome",
    "lessons",
)
#: A final report is late this many months after the intervention's end.
FINAL_REPORT_MONTHS = 2


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return min(
        dt.date(year, month, 1) + dt.timedelta(days=day.day - 1), following - dt.timedelta(days=1)
    )


@dataclass(frozen=True)
class FinalReportDue:
    report: FinalReport | None
    due_from: dt.date | None
    deadline: dt.date | None
    status: DueStatus


def final_report_due(
    intervention: Intervention, report: FinalReport | None, *, today: dt.date
) -> FinalReportDue:
    """Due from the intervention's end date, late two months after it."""
    end = intervention.end_date
    deadline = add_months(end, FINAL_REPORT_MONTHS) if end is not None else None
    if report is not None and report.status == FinalReport.Status.SUBMITTED:
        status = DueStatus.SUBMITTED
    elif end is None or today < end:
        status = DueStatus.NOT_DUE
    elif deadline is not None and today > deadline:
        status = DueStatus.LATE
    else:
        status = DueStatus.NOT_STARTED if report is None else DueStatus.DRAFT
    return FinalReportDue(report=report, due_from=end, deadline=deadline, status=status)


@dataclass(frozen=True)
class GoalOutcome:
    goal_id: int
    outcome: str
    met: str


@dataclass(frozen=True)
class SignatureInput:
    organisation_id: int
    name: str
    place: str
    signed_on: dt.date


def final_report_errors(
    report: FinalReport,
    goals: Sequence[GoalOutcome],
    signatures: Sequence[SignatureInput],
    *,
    goal_ids: Sequence[int],
    owner_id: int,
) -> dict[str, str]:
    """What a final report lacks before it can be submitted: the template's required parts,
    an outcome and an assessment for every goal, and the owner's signature."""
    errors: dict[str, str] = {}
    for name in FINAL_REQUIRED_TEXTS:
        if not getattr(report, name).strip():
            errors[name] = _("Fyll i den här delen innan slutrapporten lämnas in.")
    given = {g.goal_id: g for g in goals}
    for goal_id in goal_ids:
        outcome = given.get(goal_id)
        if outcome is None or not outcome.outcome.strip() or not outcome.met:
            errors[f"goal_{goal_id}"] = _("Beskriv utfallet och ange om målet har uppnåtts.")
    if not any(s.organisation_id == owner_id for s in signatures):
        errors["signatures"] = _("Slutrapporten ska skrivas under av insatsägaren.")
    return errors


@transaction.atomic
def save_final_report(
    *,
    user: Any,
    intervention: Intervention,
    texts: Mapping[str, str],
    goals: Sequence[GoalOutcome],
    signatures: Sequence[SignatureInput],
    submit: bool,
    today: dt.date,
) -> FinalReport:
    """Save the final report (a draft) or submit it (complete, then locked)."""
    require(user, "followup.fill_report", intervention)
    report = FinalReport.objects.select_for_update().filter(intervention=intervention).first()
    if report is None:
        report = FinalReport(association_id=intervention.association_id, intervention=intervention)
    if report.status == FinalReport.Status.SUBMITTED:
        raise ReportLocked(
            _("Slutrapporten är inlämnad och låst. Kansliet kan öppna den igen vid behov.")
        )
    for name in FINAL_TEXT_FIELDS:
        if name in texts:
            setattr(report, name, texts[name].strip())
    goal_ids = list(intervention.goals.values_list("pk", flat=True))
    parties = {intervention.owner_id, *intervention.partners.values_list("pk", flat=True)}
    if any(s.organisation_id not in parties for s in signatures):
        raise ValidationError(
            {"signatures": _("Bara insatsägaren och samverkansparterna skriver under.")}
        )
    if submit:
        errors = final_report_errors(
            report, goals, signatures, goal_ids=goal_ids, owner_id=intervention.owner_id
        )
        if errors:
            raise ValidationError(errors)
        report.status = FinalReport.Status.SUBMITTED
        report.submitted_on = today
        report.submitted_by = user
    report.save()
    for outcome in goals:
        if outcome.goal_id in goal_ids:
            FinalReportGoal.objects.update_or_create(
                final_report=report,
                goal_id=outcome.goal_id,
                defaults={
                    "association_id": report.association_id,
                    "outcome": outcome.outcome.strip(),
                    "met": outcome.met,
                },
            )
    FinalReportSignature.objects.filter(final_report=report).delete()
    FinalReportSignature.objects.bulk_create(
        FinalReportSignature(
            association_id=report.association_id,
            final_report=report,
            organisation_id=s.organisation_id,
            name=s.name.strip(),
            place=s.place.strip(),
            signed_on=s.signed_on,
        )
        for s in signatures
    )
    return report


@transaction.atomic
def reopen_final_report(*, user: Any, report: FinalReport) -> FinalReport:
    require(user, "followup.reopen_report", report)
    report = FinalReport.objects.select_for_update().get(pk=report.pk)
    if report.status != FinalReport.Status.SUBMITTED:
        raise ValidationError(_("Bara en inlämnad slutrapport kan öppnas igen."))
    report.status = FinalReport.Status.DRAFT
    report.submitted_on = None
    report.submitted_by = None
    report.save()
    return report
