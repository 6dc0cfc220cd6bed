"""factory-boy factories for the funding process (local to these tests)."""

from __future__ import annotations

import datetime as dt

import factory

from funding.models import (
    Application,
    ApplicationGoal,
    ApplicationYear,
    Assessment,
    Recommendation,
)
from interventions.models import Aim, FollowUp, Kind
from testing.factories import AssociationFactory, OrganisationFactory


class ApplicationFactory(factory.django.DjangoModelFactory[Application]):
    class Meta:
        model = Application

    association = factory.SubFactory(AssociationFactory)
    name = factory.Sequence(lambda n: f"Ansökan {n}")
    code = factory.Sequence(lambda n: f"NY{n:03d}")
    owner = factory.SubFactory(
        OrganisationFactory, association=factory.SelfAttribute("..association")
    )
    kind = Kind.INDIVIDUAL
    aim = Aim.WORK
    follow_up = FollowUp.PERSONAL_DATA
    start_date = dt.date(2023, 9, 1)
    end_date = dt.date(2025, 12, 31)
    target_group = "Unga 16–29 år utan sysselsättning"
    method = "Coachning och samordning."
    follow_up_plan = "Stegförflyttning mäts var tredje månad."
    expected_participants = 60
    received_on = dt.date(2023, 2, 1)


class ApplicationYearFactory(factory.django.DjangoModelFactory[ApplicationYear]):
    class Meta:
        model = ApplicationYear

    application = factory.SubFactory(ApplicationFactory)
    association = factory.SelfAttribute("application.association")
    year = 2024
    amount = 1_000_000


class ApplicationGoalFactory(factory.django.DjangoModelFactory[ApplicationGoal]):
    class Meta:
        model = ApplicationGoal

    application = factory.SubFactory(ApplicationFactory)
    association = factory.SelfAttribute("application.association")
    text = "Deltagarna ska ha en planering inom en månad."
    target = "90 % av deltagarna"


class AssessmentFactory(factory.django.DjangoModelFactory[Assessment]):
    class Meta:
        model = Assessment

    application = factory.SubFactory(ApplicationFactory)
    association = factory.SelfAttribute("application.association")
    text = "Insatsen ligger i linje med förbundets inriktning."
    recommendation = Recommendation.GRANT
    assessed_on = dt.date(2023, 3, 20)
