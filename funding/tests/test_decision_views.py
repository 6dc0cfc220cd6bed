"""Assessment and decision pages, the granted version and the intervention include."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.template.loader import render_to_string
from django.test import RequestFactory

from funding.models import Assessment, FundingDecision, Outcome
from funding.services import YearAmount
from funding.tests.factories import ApplicationFactory, AssessmentFactory
from funding.tests.scenarios import (
    bryggan,
    decide,
    decision_post,
    url,
)
from interventions.models import Budget, Intervention
from testing.personas import World
from testing.views import ClientAs

pytestmark = pytest.mark.django_db


# --- assessment and decision ------------------------------------------------------------------


def test_assessment_post_records_assessor(world: World, client_as: ClientAs) -> None:
    application = ApplicationFactory.create(association=world.association)

    response = client_as("admin").post(
        url("assess", application.pk),
        {
            "text": "I linje med inriktningen.",
            "recommendation": "bevilja",
            "assessed_on": "2023-03-20",
        },
    )

    assessment = Assessment.objects.get(application=application)
    assert (response.status_code, assessment.assessed_by, assessment.assessed_on) == (
        302,
        world.users["admin"],
        dt.date(2023, 3, 20),
    )


def test_decision_page_without_assessment_redirects_with_message(
    world: World, client_as: ClientAs
) -> None:
    application = ApplicationFactory.create(association=world.association)

    response = client_as("admin").get(url("decide", application.pk))

    assert (response.status_code, [str(m) for m in get_messages(response.wsgi_request)]) == (
        302,
        ["Ansökan måste beredas av kansliet innan beslutet kan registreras."],
    )


def test_decision_page_is_prefilled_from_application_and_assessment(
    world: World, client_as: ClientAs
) -> None:
    application = bryggan(world)

    response = client_as("admin").get(url("decide", application.pk))

    form, years = response.context["form"], response.context["years"]
    assert (
        form["outcome"].value(),
        form["end_date"].value(),
        [f["amount"].value() for f in years.forms],
    ) == (Outcome.GRANTED, dt.date(2025, 12, 31), [580_000, 1_880_000, 1_880_000, None])


def test_decision_post_creates_intervention(world: World, client_as: ClientAs) -> None:
    application = bryggan(world)

    response = client_as("admin").post(url("decide", application.pk), decision_post())

    intervention = Intervention.objects.get(code="BRYGGAN2")
    decision = FundingDecision.objects.get(application=application)
    assert (response.status_code, decision.intervention, decision.recorded_by) == (
        302,
        intervention,
        world.users["admin"],
    )
    assert list(Budget.objects.filter(intervention=intervention).values_list("year", "amount")) == [
        (2023, 580_000),
        (2024, 1_880_000),
        (2025, 1_880_000),
    ]


def test_decision_post_with_taken_code_is_a_form_error(world: World, client_as: ClientAs) -> None:
    application = bryggan(world)
    application.code = "A"
    application.save()

    response = client_as("admin").post(url("decide", application.pk), decision_post())

    assert (response.status_code, FundingDecision.objects.count()) == (200, 0)
    assert response.context["form"].non_field_errors() == [
        "Det finns redan en insats med koden A. Ändra ansökans kodförslag innan beslutet "
        "registreras."
    ]


def test_decision_granted_without_period_is_a_form_error(world: World, client_as: ClientAs) -> None:
    application = bryggan(world)

    response = client_as("admin").post(url("decide", application.pk), decision_post(end_date=""))

    assert response.context["form"].errors["end_date"] == [
        "Ange när den beviljade perioden slutar."
    ]


def test_decision_page_after_decision_redirects(world: World, client_as: ClientAs) -> None:
    application = bryggan(world)
    decide(application, Outcome.REJECTED)

    response = client_as("admin").post(url("decide", application.pk), decision_post())

    assert (response.status_code, FundingDecision.objects.count()) == (302, 1)


# --- the granted version and the intervention's decisions -------------------------------------


def test_application_detail_shows_granted_version_after_intervention_changed(
    world: World, client_as: ClientAs
) -> None:
    application = bryggan(world)
    decide(application)
    Intervention.objects.filter(code="BRYGGAN2").update(
        name="Helt nytt namn", end_date=dt.date(2027, 12, 31)
    )

    response = client_as("board").get(url("detail", application.pk))

    granted = response.context["granted"]
    assert (granted.name, granted.end_date, granted.total, response.context["can_change"]) == (
        "Bryggan – främjar hälsa på väg mot arbete eller studier",
        dt.date(2025, 12, 31),
        4_340_000,
        False,
    )
    assert "Beviljad version" in response.content.decode()


def render_decisions_include(world: World, persona: str, intervention: Intervention) -> str:
    request = RequestFactory().get("/")
    request.user = world.users[persona]
    return render_to_string(
        "funding/includes/intervention_decisions.html",
        {"intervention": intervention, "association": world.association, "user": request.user},
        request=request,
    )


def test_intervention_decisions_include_lists_creating_and_extending_decisions(
    world: World,
) -> None:
    application = bryggan(world)
    decide(application)
    intervention = Intervention.objects.get(code="BRYGGAN2")
    extension = ApplicationFactory.create(
        association=world.association,
        name="Bryggan förlängning",
        code="",
        extends=intervention,
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 12, 31),
    )
    AssessmentFactory.create(application=extension)
    decide(extension, years=[YearAmount(2026, 1_000_000)])

    html = render_decisions_include(world, "economist", intervention)

    assert (
        html.count(f'href="{url("detail", application.pk)}"'),
        html.count(f'href="{url("detail", extension.pk)}"'),
        html.count('<span class="badge">Förlängning</span>'),
    ) == (1, 1, 1)


def test_intervention_decisions_include_is_empty_for_intervention_lead(world: World) -> None:
    application = bryggan(world)
    decide(application)
    intervention = Intervention.objects.get(code="BRYGGAN2")

    html = render_decisions_include(world, "intervention_lead_a", intervention)

    assert html.strip() == ""


def test_decision_post_rejected_ignores_prefilled_period_and_years(
    world: World, client_as: ClientAs
) -> None:
    application = bryggan(world)
    interventions_before = Intervention.objects.count()

    response = client_as("admin").post(
        url("decide", application.pk), decision_post(outcome=Outcome.REJECTED)
    )

    decision = FundingDecision.objects.get(application=application)
    assert (
        response.status_code,
        decision.outcome,
        decision.end_date,
        decision.years.count(),
        Intervention.objects.count(),
    ) == (302, Outcome.REJECTED, None, 0, interventions_before)


def test_decision_add_year_button_adds_an_empty_row(world: World, client_as: ClientAs) -> None:
    application = bryggan(world)

    response = client_as("admin").post(
        url("decide", application.pk), decision_post(decided_on="", lagg_till_ar="1")
    )

    assert (
        response.status_code,
        response.context["form"].is_bound,
        len(response.context["years"].forms),
        FundingDecision.objects.count(),
    ) == (200, False, 4, 0)
