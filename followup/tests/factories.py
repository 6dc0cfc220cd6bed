"""factory-boy factories for follow-up rows (create inside ``scopes_disabled()``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import factory

from followup.models import Deviation, DeviationKind, QuarterlyReport
from interventions.models import Intervention
from tenancy.models import User
from testing.factories import InterventionRowFactory

#: Every required answer of a quarterly report, as the form posts them.
COMPLETE_ANSWERS: dict[str, str] = {
    "on_track": "ja",
    "forecast": "ja",
    "started_on_time": "ja",
    "action_plan_share": "80",
    "goals_comment": "Insatsen följer planen.",
    "vacancy_funded": "nej",
    "vacancy_self_funded": "nej",
    "conditions_comment": "",
    "meetings_per_agreement": "ja",
    "ordinary_representation": "ja",
    "follow_up_per_agreement": "ja",
    "target_group_checked": "ja",
    "method_checked": "ja",
    "equality_discussed": "ja",
    "gender_equality_discussed": "nej",
    "implementation_discussed": "ja",
    "quality_comment": "",
    "comment": "",
}


class QuarterlyReportFactory(InterventionRowFactory):
    class Meta:
        model = QuarterlyReport

    year = 2023
    quarter = 1


class SubmittedReportFactory(QuarterlyReportFactory):
    status = QuarterlyReport.Status.SUBMITTED
    submitted_on = dt.date(2023, 4, 20)
    on_track = "ja"
    forecast = "ja"
    vacancy_funded = False
    vacancy_self_funded = False
    meetings_per_agreement = True
    ordinary_representation = True
    follow_up_per_agreement = "ja"
    target_group_checked = True
    method_checked = True
    equality_discussed = True
    gender_equality_discussed = True
    implementation_discussed = True


class DeviationFactory(InterventionRowFactory):
    class Meta:
        model = Deviation

    received_on = factory.Sequence(lambda n: dt.date(2023, 1, 1) + dt.timedelta(days=n))
    kind = DeviationKind.BUDGET
    description = "Lägre kostnader än beräknat på grund av en vakans."


def report_2023_q1(
    action: Callable[..., QuarterlyReport],
    user: User,
    intervention: Intervention,
    *,
    answers: dict[str, Any],
    today: dt.date,
) -> QuarterlyReport:
    """``action`` (the service ``save_draft`` or ``submit``) by ``user`` on the report of
    2023 Q1 of ``intervention``, with ``answers`` on ``today``."""
    return action(
        user=user, intervention=intervention, year=2023, quarter=1, answers=answers, today=today
    )
