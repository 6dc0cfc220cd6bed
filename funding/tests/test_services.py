from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from funding.models import Application, FundingDecision, Outcome, Recommendation
from funding.services import GoalText, YearAmount, assess_application, save_application
from funding.tests.factories import ApplicationFactory, AssessmentFactory
from funding.tests.scenarios import BRYGGAN_NAME, bryggan, decide
from interventions.models import Aim, Budget, FollowUp, Goal, Intervention, Kind
from testing.factories import BudgetFactory, InterventionFactory, OrganisationFactory
from testing.personas import World

pytestmark = pytest.mark.django_db


def budget_rows(intervention: Intervention) -> list[tuple[int, int | None, int]]:
    return list(
        Budget.objects.filter(intervention=intervention)
        .order_by("year", "quarter")
        .values_list("year", "quarter", "amount")
    )


# --- a new intervention -----------------------------------------------------------------------


def test_record_decision_granted_creates_intervention_as_applied(world: World) -> None:
    application = bryggan(world)

    decision = decide(application, conditions="Under förutsättning att medel beviljas.")

    intervention = Intervention.objects.get(code="BRYGGAN2")
    assert decision.intervention == intervention
    assert (
        intervention.association,
        intervention.name,
        intervention.owner.name,
        sorted(intervention.partners.values_list("name", flat=True)),
        intervention.kind,
        intervention.aim,
        intervention.follow_up,
        intervention.start_date,
        intervention.end_date,
        intervention.expected_participants,
    ) == (
        world.association,
        "Bryggan – främjar hälsa på väg mot arbete eller studier",
        "Östhammars kommun",
        ["Arbetsförmedlingen", "Försäkringskassan", "Region Uppsala"],
        Kind.INDIVIDUAL,
        Aim.WORK,
        FollowUp.PERSONAL_DATA,
        dt.date(2023, 9, 1),
        dt.date(2025, 12, 31),
        60,
    )
    assert list(
        Goal.objects.filter(intervention=intervention).order_by("id").values_list("text", "target")
    ) == [("Planering inom en månad.", "90 %"), ("Stegförflyttning enligt SMAIL.", "70 %")]
    assert budget_rows(intervention) == [
        (2023, None, 580_000),
        (2024, None, 1_880_000),
        (2025, None, 1_880_000),
    ]


def test_record_decision_granted_stores_years_and_snapshot(world: World) -> None:
    application = bryggan(world)

    decision = decide(application, conditions="Villkor enligt styrdokument.")

    assert list(decision.years.values_list("year", "amount")) == [
        (2023, 580_000),
        (2024, 1_880_000),
        (2025, 1_880_000),
    ]
    assert decision.granted_snapshot == {
        "code": "BRYGGAN2",
        "name": "Bryggan – främjar hälsa på väg mot arbete eller studier",
        "owner": "Östhammars kommun",
        "partners": ["Arbetsförmedlingen", "Försäkringskassan", "Region Uppsala"],
        "kind": "individ",
        "aim": "arbete",
        "follow_up": "personuppgifter",
        "start_date": "2023-09-01",
        "end_date": "2025-12-31",
        "expected_participants": 60,
        "target_group": "Unga 16–29 år utan sysselsättning",
        "years": [
            {"year": 2023, "amount": 580_000},
            {"year": 2024, "amount": 1_880_000},
            {"year": 2025, "amount": 1_880_000},
        ],
        "total": 4_340_000,
        "goals": [
            {"text": "Planering inom en månad.", "target": "90 %"},
            {"text": "Stegförflyttning enligt SMAIL.", "target": "70 %"},
        ],
        "conditions": "Villkor enligt styrdokument.",
        "extension": None,
    }


def test_record_decision_partly_granted_uses_granted_amounts_and_period(world: World) -> None:
    application = bryggan(world)

    decide(
        application,
        Outcome.PARTLY_GRANTED,
        years=[YearAmount(2023, 500_000), YearAmount(2024, 1_500_000)],
        end_date=dt.date(2024, 12, 31),
    )

    intervention = Intervention.objects.get(code="BRYGGAN2")
    assert (intervention.start_date, intervention.end_date) == (
        dt.date(2023, 9, 1),
        dt.date(2024, 12, 31),
    )
    assert budget_rows(intervention) == [(2023, None, 500_000), (2024, None, 1_500_000)]


def test_record_decision_rejected_creates_nothing(world: World) -> None:
    application = bryggan(world)
    interventions_before = Intervention.objects.count()

    decision = decide(application, Outcome.REJECTED)

    assert Intervention.objects.count() == interventions_before
    assert (
        decision.intervention,
        decision.start_date,
        decision.end_date,
        decision.granted_snapshot,
        decision.years.count(),
    ) == (None, None, None, {}, 0)
    assert Application.objects.get(pk=application.pk).status == Outcome.REJECTED


def test_record_decision_without_assessment_is_refused(world: World) -> None:
    application = bryggan(world)
    application.assessment.delete()
    application = Application.objects.get(pk=application.pk)

    with pytest.raises(ValidationError):
        decide(application)

    assert (
        FundingDecision.objects.count(),
        Intervention.objects.filter(code="BRYGGAN2").count(),
    ) == (
        0,
        0,
    )


def test_record_decision_twice_is_refused(world: World) -> None:
    application = bryggan(world)
    decide(application, Outcome.REJECTED)

    with pytest.raises(ValidationError):
        decide(application)

    assert Intervention.objects.filter(code="BRYGGAN2").exists() is False


def test_record_decision_with_code_of_existing_intervention_is_refused(world: World) -> None:
    application = bryggan(world)
    InterventionFactory.create(association=world.association, code="BRYGGAN2", name="Gamla")

    with pytest.raises(ValidationError):
        decide(application)

    assert (FundingDecision.objects.count(), Intervention.objects.get(code="BRYGGAN2").name) == (
        0,
        "Gamla",
    )


def test_record_decision_year_outside_granted_period_is_refused(world: World) -> None:
    application = bryggan(world)

    with pytest.raises(ValidationError):
        decide(application, years=[YearAmount(2026, 100_000)])

    assert Intervention.objects.filter(code="BRYGGAN2").exists() is False


def test_record_decision_granted_without_years_is_refused(world: World) -> None:
    application = bryggan(world)

    with pytest.raises(ValidationError):
        decide(application, years=[])

    assert FundingDecision.objects.count() == 0


# --- an extension ---------------------------------------------------------------------------


def extension_of(world: World, intervention: Intervention) -> Application:
    application = ApplicationFactory.create(
        association=world.association,
        name=f"Förlängning {intervention.name}",
        code="",
        extends=intervention,
        owner=intervention.owner,
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2026, 12, 31),
    )
    AssessmentFactory.create(application=application, recommendation=Recommendation.GRANT)
    return application


def test_record_decision_extension_moves_end_date_and_adds_budget_years(world: World) -> None:
    intervention = world.intervention_a  # 2022-01-01 – 2024-12-31
    for year, amount in ((2022, 900_000), (2023, 1_000_000), (2024, 1_100_000)):
        BudgetFactory.create(intervention=intervention, year=year, amount=amount)
    application = extension_of(world, intervention)

    decision = decide(application, years=[YearAmount(2025, 1_200_000), YearAmount(2026, 600_000)])

    intervention.refresh_from_db()
    assert (intervention.start_date, intervention.end_date) == (
        dt.date(2022, 1, 1),
        dt.date(2026, 12, 31),
    )
    assert budget_rows(intervention) == [
        (2022, None, 900_000),
        (2023, None, 1_000_000),
        (2024, None, 1_100_000),
        (2025, None, 1_200_000),
        (2026, None, 600_000),
    ]
    assert decision.intervention == intervention
    assert decision.granted_snapshot["extension"] == {
        "intervention_code": "A",
        "intervention_name": "Insats A",
        "previous_end_date": "2024-12-31",
        "budget_before": {"2025": None, "2026": None},
    }
    assert (decision.granted_snapshot["start_date"], decision.granted_snapshot["end_date"]) == (
        "2025-01-01",
        "2026-12-31",
    )


def test_record_decision_extension_adds_to_budget_of_a_year_already_budgeted(
    world: World,
) -> None:
    intervention = world.intervention_a
    intervention.end_date = dt.date(2025, 6, 30)
    intervention.save()
    BudgetFactory.create(intervention=intervention, year=2025, amount=500_000)
    application = extension_of(world, intervention)
    application.start_date = dt.date(2025, 7, 1)
    application.save()

    decision = decide(application, years=[YearAmount(2025, 400_000), YearAmount(2026, 900_000)])

    assert budget_rows(intervention) == [(2025, None, 900_000), (2026, None, 900_000)]
    assert decision.granted_snapshot["extension"]["budget_before"] == {
        "2025": 500_000,
        "2026": None,
    }


def test_record_decision_extension_into_quarterly_budget_year_is_refused(world: World) -> None:
    intervention = world.intervention_a
    BudgetFactory.create(intervention=intervention, year=2025, quarter=1, amount=100_000)
    application = extension_of(world, intervention)

    with pytest.raises(ValidationError):
        decide(application, years=[YearAmount(2025, 400_000)])

    intervention.refresh_from_db()
    assert (intervention.end_date, budget_rows(intervention), FundingDecision.objects.count()) == (
        dt.date(2024, 12, 31),
        [(2025, 1, 100_000)],
        0,
    )


def test_record_decision_extension_rejected_leaves_intervention_alone(world: World) -> None:
    intervention = world.intervention_a
    application = extension_of(world, intervention)

    decide(application, Outcome.REJECTED)

    intervention.refresh_from_db()
    assert (intervention.end_date, budget_rows(intervention)) == (dt.date(2024, 12, 31), [])


def test_granted_snapshot_unchanged_after_intervention_edited(world: World) -> None:
    application = bryggan(world)
    decision = decide(application)
    snapshot_before = dict(decision.granted_snapshot)
    intervention = Intervention.objects.get(code="BRYGGAN2")
    intervention.name = "Bryggan (nytt namn)"
    intervention.end_date = dt.date(2026, 6, 30)
    intervention.save()
    Budget.objects.filter(intervention=intervention, year=2024).update(amount=1)
    Goal.objects.filter(intervention=intervention).delete()

    decision = FundingDecision.objects.get(pk=decision.pk)

    assert decision.granted_snapshot == snapshot_before


# --- applications and assessments -------------------------------------------------------------


def test_save_application_stores_years_and_goals(world: World) -> None:
    owner = OrganisationFactory.create(association=world.association)
    partner = OrganisationFactory.create(association=world.association)
    application = ApplicationFactory.build(association=world.association, owner=owner)

    save_application(
        application=application,
        partners=[partner],
        years=[YearAmount(2024, 200), YearAmount(2023, 100)],
        goals=[GoalText("Mål ett", "50 %")],
    )

    assert (
        list(application.years.values_list("year", "amount")),
        list(application.goals.values_list("text", "target")),
        list(application.partners.all()),
    ) == ([(2023, 100), (2024, 200)], [("Mål ett", "50 %")], [partner])


def test_save_application_replaces_years_and_goals(world: World) -> None:
    application = bryggan(world)

    save_application(
        application=application,
        partners=[],
        years=[YearAmount(2024, 5)],
        goals=[],
    )

    assert (list(application.years.values_list("year", "amount")), application.goals.count()) == (
        [(2024, 5)],
        0,
    )


def test_save_application_end_before_start_is_refused(world: World) -> None:
    application = ApplicationFactory.build(
        association=world.association,
        owner=OrganisationFactory.create(association=world.association),
        start_date=dt.date(2024, 1, 1),
        end_date=dt.date(2023, 12, 31),
    )

    with pytest.raises(ValidationError):
        save_application(application=application, partners=[], years=[], goals=[])

    assert Application.objects.count() == 0


def test_application_end_before_start_is_refused_by_database(world: World) -> None:
    application = ApplicationFactory.create(association=world.association)

    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=application.pk).update(end_date=dt.date(2020, 1, 1))


def test_rejected_decision_with_intervention_is_refused_by_database(world: World) -> None:
    application = ApplicationFactory.create(association=world.association)

    with pytest.raises(IntegrityError), transaction.atomic():
        FundingDecision.objects.create(
            association=world.association,
            application=application,
            outcome=Outcome.REJECTED,
            decided_on=dt.date(2023, 4, 14),
            intervention=world.intervention_a,
        )


def test_save_application_year_outside_period_is_refused(world: World) -> None:
    application = bryggan(world)

    with pytest.raises(ValidationError):
        save_application(
            application=application, partners=[], years=[YearAmount(2030, 1)], goals=[]
        )

    assert application.years.count() == 3


def test_save_application_after_decision_is_refused(world: World) -> None:
    application = bryggan(world)
    decide(application, Outcome.REJECTED)
    application.name = "Nytt namn"

    with pytest.raises(ValidationError):
        save_application(application=application, partners=[], years=[], goals=[])

    assert Application.objects.get(pk=application.pk).name == BRYGGAN_NAME


def test_assess_application_revises_until_decision(world: World) -> None:
    application = bryggan(world)

    assessment = assess_application(
        application=application,
        text="Ny bedömning.",
        recommendation=Recommendation.GRANT_PARTLY,
        assessed_by=world.users["admin"],
        assessed_on=dt.date(2023, 3, 30),
    )

    assert (
        application.assessment.pk,
        assessment.text,
        assessment.recommendation,
        assessment.assessed_by,
    ) == (assessment.pk, "Ny bedömning.", Recommendation.GRANT_PARTLY, world.users["admin"])


def test_assess_application_after_decision_is_refused(world: World) -> None:
    application = bryggan(world)
    decide(application, Outcome.REJECTED)

    with pytest.raises(ValidationError):
        assess_application(
            application=application,
            text="Sen bedömning.",
            recommendation=Recommendation.REJECT,
            assessed_by=None,
            assessed_on=dt.date(2023, 5, 1),
        )

    assert Application.objects.get(pk=application.pk).assessment.text == (
        "Insatsen ligger i linje med förbundets inriktning."
    )


def test_application_status_follows_assessment_and_decision(world: World) -> None:
    received = ApplicationFactory.create(association=world.association)
    assessed = bryggan(world)

    assert (received.status, assessed.status) == ("inkommen", "beredd")
