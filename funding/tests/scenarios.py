"""Shared arrangements of the funding tests: the application of seed 001, a decision, the
persona matrices and the form data of the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from funding.models import Application, FundingDecision, Outcome
from funding.services import YearAmount, record_decision
from funding.tests.factories import (
    ApplicationFactory,
    ApplicationGoalFactory,
    ApplicationYearFactory,
    AssessmentFactory,
)
from interventions.models import Aim, FollowUp, Kind
from interventions.services import organisation_named
from testing.factories import OrganisationFactory
from testing.personas import World

BRYGGAN_NAME = "Bryggan – främjar hälsa på väg mot arbete eller studier"
BRYGGAN_YEARS = [
    YearAmount(2023, 580_000),
    YearAmount(2024, 1_880_000),
    YearAmount(2025, 1_880_000),
]


def bryggan(world: World) -> Application:
    """The application of seed 001, assessed by the office."""
    association = world.association
    application = ApplicationFactory.create(
        association=association,
        name=BRYGGAN_NAME,
        code="BRYGGAN2",
        owner=OrganisationFactory.create(association=association, name="Östhammars kommun"),
        kind=Kind.INDIVIDUAL,
        aim=Aim.WORK,
        follow_up=FollowUp.PERSONAL_DATA,
        start_date=dt.date(2023, 9, 1),
        end_date=dt.date(2025, 12, 31),
        expected_participants=60,
    )
    application.partners.set(
        [
            OrganisationFactory.create(association=association, name=name)
            for name in ("Försäkringskassan", "Arbetsförmedlingen", "Region Uppsala")
        ]
    )
    for row in BRYGGAN_YEARS:
        ApplicationYearFactory.create(application=application, year=row.year, amount=row.amount)
    ApplicationGoalFactory.create(
        application=application, text="Planering inom en månad.", target="90 %"
    )
    ApplicationGoalFactory.create(
        application=application, text="Stegförflyttning enligt SMAIL.", target="70 %"
    )
    AssessmentFactory.create(application=application)
    return application


def decide(
    application: Application,
    outcome: str = Outcome.GRANTED,
    *,
    years: list[YearAmount] | None = None,
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
    conditions: str = "",
) -> FundingDecision:
    return record_decision(
        application=application,
        outcome=outcome,
        decided_on=dt.date(2023, 4, 14),
        meeting_reference="§ 7",
        conditions=conditions,
        start_date=start_date or application.start_date,
        end_date=end_date or application.end_date,
        years=BRYGGAN_YEARS if years is None else years,
        recorded_by=None,
    )


def url(name: str, *args: Any) -> str:
    return reverse(f"funding:{name}", args=["exempel", *args])


def management(prefix: str, total: int, initial: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def application_post(world: World, **changes: Any) -> dict[str, Any]:
    owner = organisation_named(association=world.association, name="Östhammars kommun")
    partner = organisation_named(association=world.association, name="Arbetsförmedlingen")
    data: dict[str, Any] = {
        "name": "Bryggan",
        "extends": "",
        "code": "BRYGGAN2",
        "owner": str(owner.pk),
        "partners": [str(partner.pk)],
        "kind": Kind.INDIVIDUAL,
        "aim": Aim.WORK,
        "follow_up": FollowUp.PERSONAL_DATA,
        "start_date": "2023-09-01",
        "end_date": "2025-12-31",
        "expected_participants": "60",
        "target_group": "Personer som varken arbetar eller studerar",
        "method": "Coachning",
        "follow_up_plan": "SMAIL var tredje månad",
        "received_on": "2023-02-01",
        **management("ar", 3),
        "ar-0-year": "2023",
        "ar-0-amount": "580000",
        "ar-1-year": "2024",
        "ar-1-amount": "1880000",
        "ar-2-year": "",
        "ar-2-amount": "",
        **management("mal", 2),
        "mal-0-text": "Planering inom en månad",
        "mal-0-target": "90 %",
        "mal-1-text": "",
        "mal-1-target": "",
    }
    data.update(changes)
    return data


def decision_post(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "outcome": Outcome.GRANTED,
        "decided_on": "2023-04-14",
        "meeting_reference": "§ 7",
        "start_date": "2023-09-01",
        "end_date": "2025-12-31",
        "conditions": "",
        **management("ar", 3),
        "ar-0-year": "2023",
        "ar-0-amount": "580000",
        "ar-1-year": "2024",
        "ar-1-amount": "1880000",
        "ar-2-year": "2025",
        "ar-2-amount": "1880000",
    }
    data.update(changes)
    return data
