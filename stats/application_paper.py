"""The application paper (ansökan med beredning) a board decides on, as plain values.

The meeting's notice packet freezes it as a PDF (``meetings.attachments``), which only
renders this object: the facts, the amount applied for per year and its sum, the goals and
the office's assessment. Run inside the association's scope.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from funding.models import Application

#: A reference of more digits than this is a code, not an id.
_ID_DIGITS = 12


@dataclass(frozen=True)
class PaperAssessment:
    recommendation: str
    assessed_on: dt.date
    text: str


@dataclass(frozen=True)
class PaperGoal:
    text: str
    target: str


@dataclass(frozen=True)
class PaperYear:
    year: int
    amount: int


@dataclass(frozen=True)
class ApplicationPaper:
    pk: int
    name: str
    owner: str
    partners: tuple[str, ...]
    kind: str
    aim: str
    start_date: dt.date
    end_date: dt.date
    expected_participants: int | None
    received_on: dt.date
    years: tuple[PaperYear, ...]
    total: int
    target_group: str
    goals: tuple[PaperGoal, ...]
    method: str
    follow_up_plan: str
    assessment: PaperAssessment | None


def _application(reference: str) -> Application | None:
    """The application a paper's reference names: its id, or else its code."""
    if reference.isdigit() and len(reference) < _ID_DIGITS:
        return Application.objects.filter(pk=int(reference)).first()
    return Application.objects.filter(code=reference).first()


def application_paper(reference: str) -> ApplicationPaper | None:
    """The paper of the application ``reference`` names, None when there is none."""
    application = _application(reference)
    if application is None:
        return None
    years = tuple(
        PaperYear(year=row.year, amount=row.amount) for row in application.years.order_by("year")
    )
    assessment = application.assessment_or_none
    return ApplicationPaper(
        pk=application.pk,
        name=application.name,
        owner=application.owner.name,
        partners=tuple(partner.name for partner in application.partners.all()),
        kind=application.get_kind_display(),
        aim=application.get_aim_display() if application.aim else "",
        start_date=application.start_date,
        end_date=application.end_date,
        expected_participants=application.expected_participants,
        received_on=application.received_on,
        years=years,
        total=sum(row.amount for row in years),
        target_group=application.target_group,
        goals=tuple(
            PaperGoal(text=goal.text, target=goal.target) for goal in application.goals.all()
        ),
        method=application.method,
        follow_up_plan=application.follow_up_plan,
        assessment=None
        if assessment is None
        else PaperAssessment(
            recommendation=assessment.get_recommendation_display(),
            assessed_on=assessment.assessed_on,
            text=assessment.text,
        ),
    )
