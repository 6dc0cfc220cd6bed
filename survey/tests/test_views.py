"""The office's survey pages by persona, and the anonymous answer pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from survey.instruments import current_instrument, measurement_year
from survey.models import CollectionLink, Response
from survey.services import close_link, open_link
from testing.personas import World
from testing.views import ClientAs, PersonaViewCases

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    cache.clear()


def make_link(world: World, form: str = "deltagare_avslut", **kwargs: object) -> CollectionLink:
    survey_form = current_instrument().forms[form]
    intervention = world.intervention_a if form != "styrelse" else None
    year = kwargs.get("year", measurement_year(timezone.localdate()))
    return open_link(
        association=world.association,
        form=survey_form,
        year=int(str(year)),
        intervention=intervention,
    )


def public(link: CollectionLink) -> str:
    return reverse("survey_public:answer", args=[link.association.slug, link.token])


class TestSurveyIndex(PersonaViewCases):
    permission = "survey.view_survey"

    def arrange(self, world: World) -> CollectionLink:
        return make_link(world)

    def url(self, world: World) -> str:
        return reverse("survey:index", args=["exempel"])


class TestLinkCreate(PersonaViewCases):
    permission = "survey.manage_links"
    method = "post"
    allowed = 302

    def url(self, world: World) -> str:
        return reverse("survey:link_create", args=["exempel"])

    def payload(self, world: World) -> dict[str, object]:
        return {"form": current_instrument().forms["styrelse"].pk, "year": 2026}


def test_link_create_opens_the_link(world: World, client_as: ClientAs) -> None:
    response = client_as("admin").post(
        reverse("survey:link_create", args=["exempel"]), TestLinkCreate().payload(world)
    )

    assert (response.status_code, CollectionLink.objects.filter(closed_on=None).count()) == (302, 1)


def test_link_create_participant_form_needs_intervention(world: World, client_as: ClientAs) -> None:
    data = {"form": current_instrument().forms["personal"].pk, "year": 2026}

    response = client_as("admin").post(reverse("survey:link_create", args=["exempel"]), data)

    assert (response.status_code, CollectionLink.objects.count()) == (200, 0)


class TestLinkPrint(TestSurveyIndex):
    permission = "survey.manage_links"

    def url(self, world: World) -> str:
        return reverse("survey:link_print", args=["exempel", self.arranged.pk, "kort"])


class TestLinkClose(TestSurveyIndex):
    permission = "survey.manage_links"
    method = "post"
    allowed = 302

    def url(self, world: World) -> str:
        return reverse("survey:link_close", args=["exempel", self.arranged.pk])


@pytest.mark.parametrize("kind", ["affisch", "kort"])
def test_link_print_has_qr_code(world: World, client_as: ClientAs, kind: str) -> None:
    link = make_link(world)

    response = client_as("admin").get(reverse("survey:link_print", args=["exempel", link.pk, kind]))

    assert (response.status_code, b"<svg" in response.content) == (200, True)


def test_link_of_other_association_is_404(world: World, client_as: ClientAs) -> None:
    survey_form = current_instrument().forms["styrelse"]
    other = open_link(association=world.other_association, form=survey_form, year=2026)

    response = client_as("admin").post(reverse("survey:link_close", args=["exempel", other.pk]))

    assert (response.status_code, CollectionLink.objects.get(pk=other.pk).is_open) == (404, True)


def test_link_close_closes_the_link(world: World, client_as: ClientAs) -> None:
    link = make_link(world)

    response = client_as("admin").post(reverse("survey:link_close", args=["exempel", link.pk]))

    link.refresh_from_db()
    assert (response.status_code, link.is_open) == (302, False)


class TestPaperEntryOfAnInterventionForm(PersonaViewCases):
    """An insatsansvarig enters their interventions' participant and staff forms."""

    permission = "survey.enter_answers"
    form = "personal"

    def url(self, world: World) -> str:
        return reverse("survey:paper", args=["exempel", self.form])


class TestPaperEntryOfTheBoardForm(TestPaperEntryOfAnInterventionForm):
    """Every other form is the office's: entering it asks ``survey.manage_links`` too, which
    only the förbundsadministratör holds (a subset of ``survey.enter_answers``)."""

    permission = "survey.manage_links"
    form = "styrelse"


def test_paper_entry_lead_stores_answer_for_own_intervention(
    world: World, client_as: ClientAs
) -> None:
    data = {"datum": "2021-03-04", "insats": world.intervention_a.pk, "q1": "5", "kon": "man"}

    response = client_as("intervention_lead_a").post(
        reverse("survey:paper", args=["exempel", "personal"]), data
    )

    stored = Response.objects.get()
    assert (
        response.status_code,
        stored.date,
        stored.intervention,
        stored.gender,
        list(stored.answers.values_list("question__number", "value")),
    ) == (302, dt.date(2021, 3, 4), world.intervention_a, "man", [(1, 5)])


def test_paper_entry_lead_cannot_choose_other_intervention(
    world: World, client_as: ClientAs
) -> None:
    data = {"datum": "2021-03-04", "insats": world.intervention_b.pk, "q1": "5"}

    response = client_as("intervention_lead_a").post(
        reverse("survey:paper", args=["exempel", "personal"]), data
    )

    assert (response.status_code, Response.objects.count()) == (200, 0)


def test_public_answer_page_opens_without_login(world: World) -> None:
    link = make_link(world)

    response = Client().get(public(link))

    assert (response.status_code, "Fråga 1 av 10" in response.content.decode()) == (200, True)


def test_public_unknown_token_is_404(world: World) -> None:
    response = Client().get(reverse("survey_public:answer", args=["exempel", "finns-inte"]))

    assert response.status_code == 404


def test_public_closed_link_is_410(world: World) -> None:
    link = close_link(link=make_link(world), today=dt.date(2026, 1, 1))

    response = Client().post(public(link), {"q1": "5"})

    assert (response.status_code, Response.objects.count()) == (410, 0)


def test_public_link_of_another_year_is_410(world: World) -> None:
    link = make_link(world, year=2020)

    response = Client().get(public(link))

    assert response.status_code == 410


def test_public_answer_is_stored_anonymously(world: World) -> None:
    link = make_link(world)

    response = Client(REMOTE_ADDR="203.0.113.9").post(
        public(link), {"q1": "6", "q8": "0", "q9": "5", "kon": "kvinna"}
    )

    stored = Response.objects.get()
    assert (
        response.status_code,
        response["Location"],
        stored.date,
        stored.gender,
        stored.intervention,
        sorted(stored.answers.values_list("question__number", "value")),
        set(response.cookies) - {"csrftoken"},
    ) == (
        302,
        reverse("survey_public:thanks", args=["exempel", link.token]),
        timezone.localdate(),
        "kvinna",
        world.intervention_a,
        [(1, 6), (8, 0)],
        set(),
    )


def test_public_honeypot_stores_nothing(world: World) -> None:
    link = make_link(world)

    response = Client().post(public(link), {"q1": "6", "webbplats": "http://spam.example"})

    assert (response.status_code, Response.objects.count()) == (302, 0)


@override_settings(SURVEY_RATE_LIMIT=2)
def test_public_rate_limit_per_link(world: World) -> None:
    link = make_link(world)
    other = make_link(world, form="styrelse")
    client = Client()

    codes = [client.post(public(link), {"q1": "6"}).status_code for _ in range(3)]
    other_code = client.post(public(other), {"q1": "6"}).status_code

    assert (codes, other_code, Response.objects.count()) == ([302, 302, 429], 302, 3)


def test_public_value_outside_scale_is_a_form_error(world: World) -> None:
    link = make_link(world)

    response = Client().post(public(link), {"q1": "9"})

    assert (response.status_code, Response.objects.count()) == (200, 0)
