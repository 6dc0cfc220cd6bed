"""Who reaches which participant page: list, detail, create, edit, exit and search, each
declaring its permission of the table (only the deltagaransvarig of the intervention;
everyone else 403; the other association 404)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scope

from audit.models import AccessLogEntry
from interventions.models import Intervention
from participants.models import Participation
from tenancy.models import Role, RoleAssignment
from tenancy.services import assign_role, revoke_role
from testing.participants import WOMAN_1990, WOMAN_2001, stored_entry
from testing.personas import World
from testing.views import ClientAs, PersonaViewCases

pytestmark = pytest.mark.django_db
D = dt.date


@dataclass(frozen=True)
class Targets:
    a: Participation
    other: Participation


def enter(intervention: Intervention, number: str) -> Participation:
    participation: Participation = stored_entry(intervention, number, D(2022, 1, 10))
    return participation


@pytest.fixture
def targets(world: World) -> Targets:
    return Targets(
        a=enter(world.intervention_a, WOMAN_1990),
        other=enter(world.other_intervention, WOMAN_2001),
    )


#: page -> (URL name, whether the URL names the intervention rather than the participation)
PAGES: dict[str, tuple[str, bool]] = {
    "list": ("list", True),
    "create": ("create", True),
    "create_anonymous": ("create_anonymous", True),
    "detail": ("detail", False),
    "update": ("update", False),
    "exit": ("exit", False),
    "withdraw_consent": ("withdraw_consent", False),
    "protected_identity": ("protected_identity", False),
}


def page_url(name: str, by_intervention: bool, participation: Participation) -> str:
    target = participation.intervention_id if by_intervention else participation.pk
    return reverse(f"participants:{name}", args=["exempel", target])


class ParticipationPageCases(PersonaViewCases):
    """A page about a participation of intervention A (or about A's participants): the
    permission is checked on that participation. A subclass names its page (a key of
    ``PAGES``) as ``page``, or its pages in an autouse fixture setting ``page``."""

    page = ""

    def arrange(self, world: World) -> Participation:
        return enter(world.intervention_a, WOMAN_1990)

    def target(self, world: World) -> Participation:
        return self.arranged

    def url(self, world: World) -> str:
        name, by_intervention = PAGES[self.page]
        return page_url(name, by_intervention, self.arranged)


class TestReadPages(ParticipationPageCases):
    permission = "participants.view_participation"

    @pytest.fixture(autouse=True, params=["list", "detail"])
    def _page(self, request: pytest.FixtureRequest) -> None:
        self.page = request.param


class TestChangePages(ParticipationPageCases):
    permission = "participants.change_participation"

    @pytest.fixture(autouse=True, params=sorted(set(PAGES) - {"list", "detail"}))
    def _page(self, request: pytest.FixtureRequest) -> None:
        self.page = request.param


class TestCreateAnonymousPost(ParticipationPageCases):
    permission = "participants.change_participation"
    page = "create_anonymous"
    method = "post"
    data = {"gender": "kvinna", "entry_date": "2022-05-01"}
    allowed = 302


class TestExitPost(TestCreateAnonymousPost):
    page = "exit"
    data = {"exit_date": "2022-06-01", "exit_reason": "studier"}


class TestSearch(PersonaViewCases):
    permission = "participants.search_participants"
    method = "post"
    data = {"personnummer": WOMAN_1990}

    def url(self, world: World) -> str:
        return reverse("participants:search", args=["exempel"])


class TestIndex(PersonaViewCases):
    permission = "participants.view_counts"

    def url(self, world: World) -> str:
        return reverse("participants:index", args=["exempel"])


@pytest.mark.parametrize("page", PAGES)
def test_participation_of_the_other_association_is_404(
    world: World, targets: Targets, client_as: ClientAs, page: str
) -> None:
    name, by_intervention = PAGES[page]

    response = client_as("participant_officer_a").get(
        page_url(name, by_intervention, targets.other)
    )

    assert response.status_code == 404


def test_anonymous_user_is_sent_to_login(world: World, targets: Targets, client: Client) -> None:
    response = client.get(reverse("participants:detail", args=["exempel", targets.a.pk]))

    assert (response.status_code, response["Location"].startswith("/accounts/login/")) == (
        302,
        True,
    )


def test_officer_of_a_in_the_other_associations_url_is_404(
    world: World, targets: Targets, client_as: ClientAs
) -> None:
    response = client_as("participant_officer_a").get(
        reverse("participants:detail", args=["annat", targets.other.pk])
    )

    assert response.status_code == 404


def test_refusal_is_logged_as_denied(world: World, targets: Targets, client_as: ClientAs) -> None:
    client_as("participant_officer_b").get(
        reverse("participants:detail", args=["exempel", targets.a.pk])
    )

    entry = AccessLogEntry.objects.exclude(action="create").get()
    assert (entry.user, entry.action, entry.participation_ids, entry.outcome) == (
        world.users["participant_officer_b"],
        "read",
        [targets.a.pk],
        "denied",
    )


def test_removed_assignment_takes_effect_on_next_request(
    world: World, targets: Targets, client_as: ClientAs
) -> None:
    officer = world.users["participant_officer_a"]
    with scope(association=world.association.pk):
        assign_role(
            user=officer,
            role=Role.DELTAGARANSVARIG,
            association=world.association,
            intervention=world.intervention_b,
        )
    client = client_as("participant_officer_a")
    list_a = reverse("participants:list", args=["exempel", world.intervention_a.pk])
    list_b = reverse("participants:list", args=["exempel", world.intervention_b.pk])
    before = client.get(list_a).status_code

    revoke_role(
        assignment=RoleAssignment.objects.get(user=officer, intervention=world.intervention_a)
    )
    after = (client.get(list_a).status_code, client.get(list_b).status_code)

    assert (before, after) == (200, (403, 200))


def test_last_assignment_removed_is_404_on_next_request(
    world: World, targets: Targets, client_as: ClientAs
) -> None:
    officer = world.users["participant_officer_a"]
    client = client_as("participant_officer_a")
    detail = reverse("participants:detail", args=["exempel", targets.a.pk])
    before = client.get(detail).status_code

    revoke_role(assignment=RoleAssignment.objects.get(user=officer))
    after = client.get(detail).status_code

    assert (before, after) == (200, 404)


def test_participant_pages_are_not_stored_by_browsers(
    world: World, targets: Targets, client_as: ClientAs
) -> None:
    client = client_as("participant_officer_a")

    responses = [
        client.get(reverse("participants:index", args=["exempel"])),
        client.get(reverse("participants:list", args=["exempel", world.intervention_a.pk])),
        client.get(reverse("participants:detail", args=["exempel", targets.a.pk])),
        client.post(reverse("participants:search", args=["exempel"]), {"personnummer": "x"}),
    ]

    assert {r["Cache-Control"] for r in responses} == {
        "max-age=0, no-cache, no-store, must-revalidate, private"
    }
