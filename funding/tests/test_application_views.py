"""Application pages: who opens them, list, create and edit."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import pytest
from django.contrib.messages import get_messages

from funding.models import Application, FundingDecision, Outcome, Recommendation
from funding.tests.factories import ApplicationFactory, AssessmentFactory
from funding.tests.scenarios import (
    application_post,
    bryggan,
    decide,
    decision_post,
    management,
    url,
)
from testing.personas import World
from testing.queries import AssertPageQueries
from testing.views import ClientAs, PersonaViewCases, each_page

pytestmark = pytest.mark.django_db


# --- who opens which page ---------------------------------------------------------------------


class TestApplicationList(PersonaViewCases):
    permission = "funding.view_application"

    def url(self, world: World) -> str:
        return url("list")


class TestApplicationCreate(PersonaViewCases):
    permission = "funding.change_application"

    def url(self, world: World) -> str:
        return url("create")


class ApplicationPageCases(PersonaViewCases):
    """A page (``page``) of the application Bryggan, checked on it."""

    page: ClassVar[str]

    def arrange(self, world: World) -> Application:
        return bryggan(world)

    def target(self, world: World) -> Application:
        return self.arranged

    def url(self, world: World) -> str:
        return url(self.page, self.arranged.pk)


class TestApplicationPages(ApplicationPageCases):
    case = each_page(
        {"permission": "funding.view_application", "page": "detail"},
        {"permission": "funding.change_application", "page": "update"},
        {"permission": "funding.assess_application", "page": "assess"},
        {"permission": "funding.record_decision", "page": "decide"},
    )


@pytest.mark.parametrize("page", ["update", "assess", "decide"])
def test_application_step_post_by_economist_is_403(
    world: World, client_as: ClientAs, page: str
) -> None:
    application = bryggan(world)

    response = client_as("economist").post(url(page, application.pk), decision_post())

    assert (response.status_code, FundingDecision.objects.count()) == (403, 0)


def test_application_create_post_by_board_is_403(world: World, client_as: ClientAs) -> None:
    data = application_post(world)

    response = client_as("board").post(url("create"), data)

    assert (response.status_code, Application.objects.count()) == (403, 0)


def test_application_list_anonymous_redirects_to_login(
    client_as: ClientAs,
) -> None:
    response = client_as(None).get(url("list"))

    assert (response.status_code, response["Location"].startswith("/accounts/login/")) == (
        302,
        True,
    )


@pytest.mark.parametrize("page", ["detail", "update", "assess", "decide"])
def test_application_of_other_association_is_404(
    world: World, client_as: ClientAs, page: str
) -> None:
    foreign = ApplicationFactory.create(association=world.other_association)
    AssessmentFactory.create(application=foreign)

    response = client_as("admin").get(url(page, foreign.pk))

    assert response.status_code == 404


# --- list -------------------------------------------------------------------------------------


def test_application_list_filters_by_status(world: World, client_as: ClientAs) -> None:
    undecided = ApplicationFactory.create(association=world.association, name="Obeslutad")
    granted = bryggan(world)
    decide(granted)
    rejected = ApplicationFactory.create(association=world.association, name="Avslagen")
    AssessmentFactory.create(application=rejected, recommendation=Recommendation.REJECT)
    decide(rejected, Outcome.REJECTED, years=[])
    client = client_as("board")

    found = {
        status: [a.pk for a in client.get(url("list"), {"status": status}).context["object_list"]]
        for status in ("obeslutade", "beviljade", "avslagna")
    }

    assert found == {
        "obeslutade": [undecided.pk],
        "beviljade": [granted.pk],
        "avslagna": [rejected.pk],
    }


def test_application_list_marks_extensions(world: World, client_as: ClientAs) -> None:
    ApplicationFactory.create(association=world.association, extends=world.intervention_a)

    response = client_as("admin").get(url("list"))

    assert response.content.decode().count('<span class="badge">Förlängning</span>') == 1


@pytest.mark.parametrize(("count", "queries"), [(1, 9), (3, 9)])
def test_application_list_query_count(
    world: World, assert_page_queries: AssertPageQueries, count: int, queries: int
) -> None:
    for _ in range(count):
        application = ApplicationFactory.create(
            association=world.association, extends=world.intervention_a
        )
        AssessmentFactory.create(application=application)
    # session, user, roles, association by slug, the user's associations (menu), the
    # applications with owner, extended intervention, assessment and decision, and the
    # session saved (savepoint, update, release)

    assert_page_queries("admin", url("list"), queries)


# --- create and edit --------------------------------------------------------------------------


def test_application_create_saves_years_and_goals(world: World, client_as: ClientAs) -> None:
    data = application_post(world)

    response = client_as("admin").post(url("create"), data)

    application = Application.objects.get(code="BRYGGAN2")
    assert (response.status_code, response["Location"]) == (302, url("detail", application.pk))
    assert (
        application.association,
        list(application.years.values_list("year", "amount")),
        list(application.goals.values_list("text", "target")),
        list(application.partners.values_list("name", flat=True)),
    ) == (
        world.association,
        [(2023, 580_000), (2024, 1_880_000)],
        [("Planering inom en månad", "90 %")],
        ["Arbetsförmedlingen"],
    )


def test_application_create_end_before_start_is_a_form_error(
    world: World, client_as: ClientAs
) -> None:
    data = application_post(world, start_date="2025-01-01", end_date="2024-12-31")

    response = client_as("admin").post(url("create"), data)

    assert (response.status_code, response.context["form"].errors) == (
        200,
        {"end_date": ["Periodens slut får inte vara före dess start."]},
    )
    assert Application.objects.count() == 0


def test_application_create_year_outside_period_is_a_form_error(
    world: World, client_as: ClientAs
) -> None:
    data = application_post(world, **{"ar-2-year": "2030", "ar-2-amount": "5"})

    response = client_as("admin").post(url("create"), data)

    assert (response.status_code, response.context["form"].non_field_errors()) == (
        200,
        ["Året 2030 ligger utanför perioden 2023-09-01–2025-12-31."],
    )


def test_application_create_duplicate_year_is_a_formset_error(
    world: World, client_as: ClientAs
) -> None:
    data = application_post(world, **{"ar-2-year": "2024", "ar-2-amount": "5"})

    response = client_as("admin").post(url("create"), data)

    assert response.context["years"].non_form_errors() == ["Året 2024 finns flera gånger."]


def test_application_create_without_code_is_a_form_error(world: World, client_as: ClientAs) -> None:
    data = application_post(world, code="")

    response = client_as("admin").post(url("create"), data)

    assert response.context["form"].errors["code"] == ["Ange ett kodförslag för den nya insatsen."]


def test_application_add_year_button_adds_an_empty_row_without_errors(
    world: World, client_as: ClientAs
) -> None:
    data = application_post(world, name="", lagg_till_ar="1")

    response = client_as("admin").post(url("create"), data)

    form, years = response.context["form"], response.context["years"]
    assert (
        response.status_code,
        form.is_bound,
        form["name"].value(),
        form["code"].value(),
        len(years.forms),
        years.forms[1]["amount"].value(),
        Application.objects.count(),
    ) == (200, False, "", "BRYGGAN2", 4, "1880000", 0)


def test_application_extension_form_is_filled_from_intervention(
    world: World, client_as: ClientAs
) -> None:
    intervention = world.intervention_a

    response = client_as("admin").get(url("create"), {"forlangning": intervention.pk})

    form = response.context["form"]
    assert (
        form["extends"].value(),
        form["name"].value(),
        form["owner"].value(),
        form["start_date"].value(),
    ) == (intervention.pk, "Insats A", intervention.owner_id, dt.date(2025, 1, 1))


def test_application_extension_starting_before_end_is_a_form_error(
    world: World, client_as: ClientAs
) -> None:
    data = application_post(
        world, extends=str(world.intervention_a.pk), code="", start_date="2024-06-01"
    )

    response = client_as("admin").post(url("create"), data)

    assert response.context["form"].errors["start_date"] == [
        "En förlängning börjar efter insatsens nuvarande slutdatum, 2024-12-31."
    ]


def test_application_update_replaces_years(world: World, client_as: ClientAs) -> None:
    application = bryggan(world)
    data = application_post(world, **management("ar", 1, 1), **{"ar-0-amount": "1"})

    response = client_as("admin").post(url("update", application.pk), data)

    assert (response.status_code, list(application.years.values_list("year", "amount"))) == (
        302,
        [(2023, 1)],
    )


def test_application_update_after_decision_redirects_with_message(
    world: World, client_as: ClientAs
) -> None:
    application = bryggan(world)
    decide(application, Outcome.REJECTED)
    data = application_post(world, name="Ändrad")

    response = client_as("admin").post(url("update", application.pk), data)

    assert (
        response.status_code,
        response["Location"],
        [str(m) for m in get_messages(response.wsgi_request)],
        Application.objects.get(pk=application.pk).name,
    ) == (
        302,
        url("detail", application.pk),
        ["Ansökan är beslutad och kan inte ändras. Gör en ny ansökan i stället."],
        application.name,
    )
