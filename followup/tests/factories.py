"""factory-boy factories for follow-up rows (create inside ``scopes_disabled()``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import factory

from followup.models import Deviation, DeviationKind, QuarterlyReport
from followup.services import decide_deviation, register_deviation
from testing.factories import InterventionRowFactory
from testing.personas import World

#: The day deviation reports arrive unless told otherwise.
RECEIVED = dt.date(2023, 9, 1)

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
    world: World,
    *,
    answers: dict[str, Any],
    today: dt.date,
    persona: str = "intervention_lead_a",
    which: str = "a",
) -> QuarterlyReport:
    """``action`` (the service ``save_draft`` or ``submit``) by ``persona`` on the report
    of 2023 Q1 of intervention ``which`` ("a" or "b"), with ``answers`` on ``today``."""
    return action(
        user=world.users[persona],
        intervention=getattr(world, f"intervention_{which}"),
        year=2023,
        quarter=1,
        answers=answers,
        today=today,
    )


def register(world: World, persona: str = "intervention_lead_a", **fields: Any) -> Deviation:
    """The persona registers a budget deviation report of intervention A received on
    RECEIVED (``fields`` override)."""
    arguments: dict[str, Any] = {
        "user": world.users[persona],
        "intervention": world.intervention_a,
        "received_on": RECEIVED,
        "kind": DeviationKind.BUDGET,
        "description": "Lägre kostnader än beräknat.",
        **fields,
    }
    return register_deviation(**arguments)


def decide(
    world: World,
    deviation: Deviation,
    decision: str,
    *,
    on: dt.date,
    by: str,
    persona: str = "admin",
    **extra: Any,
) -> Deviation:
    """The persona decides ``deviation`` (``comment=`` in ``extra``)."""
    return decide_deviation(
        user=world.users[persona],
        deviation=deviation,
        decision=decision,
        decided_on=on,
        decided_by=by,
        **extra,
    )
