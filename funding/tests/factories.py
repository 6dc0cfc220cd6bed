"""factory-boy factories for the funding process (local to these tests)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory

from funding.models import (
    Application,
    ApplicationGoal,
    ApplicationYear,
    Assessment,
    Recommendation,
)
from testing.factories import PlanFactory


class ApplicationFactory(PlanFactory):
    class Meta:
        model = Application

    name = factory.Sequence(lambda n: f"Ansökan {n}")
    code = factory.Sequence(lambda n: f"NY{n:03d}")
    start_date = dt.date(2023, 9, 1)
    end_date = dt.date(2025, 12, 31)
    target_group = "Unga 16–29 år utan sysselsättning"
    method = "Coachning och samordning."
    follow_up_plan = "Stegförflyttning mäts var tredje månad."
    expected_participants = 60
    received_on = dt.date(2023, 2, 1)


class ApplicationRowFactory(factory.django.DjangoModelFactory[Any]):
    """Base of a factory for a row of one application, in the application's association."""

    class Meta:
        abstract = True

    application = factory.SubFactory(ApplicationFactory)
    association = factory.SelfAttribute("application.association")


class ApplicationYearFactory(ApplicationRowFactory):
    class Meta:
        model = ApplicationYear

    year = 2024
    amount = 1_000_000


class ApplicationGoalFactory(ApplicationRowFactory):
    class Meta:
        model = ApplicationGoal

    text = "Deltagarna ska ha en planering inom en månad."
    target = "90 % av deltagarna"


class AssessmentFactory(ApplicationRowFactory):
    class Meta:
        model = Assessment

    text = "Insatsen ligger i linje med förbundets inriktning."
    recommendation = Recommendation.GRANT
    assessed_on = dt.date(2023, 3, 20)
