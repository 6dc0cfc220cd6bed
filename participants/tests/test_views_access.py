"""Who reaches which participant page: each persona × list, detail, create, edit, exit and
search of participations of intervention A, B and the other association. Only the
deltagaransvarig of the intervention; everyone else 403; the other association 404."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scope

from audit.models import AccessLogEntry
from participants.models import Participation
from participants.services import register_entry
from tenancy.models import Role, RoleAssignment
from tenancy.services import assign_role, revoke_role
from testing.participants import MAN_1985, WOMAN_1990, WOMAN_2001
from testing.personas import PERSONAS, World

pytestmark = pytest.mark.django_db
D = dt.date


@dataclass(frozen=True)
class Targets:
    a: Participation
    b: Participation
    other: Participation


@pytest.fixture
def targets(world: World) -> Targets:
    def enter(intervention: object, number: str) -> Participation:
        return register_entry(
            user=None,
            intervention=intervention,  # type: ignore[arg-type]  # the fixture's intervention is a model
            number=number,
            consent_date=D(2022, 1, 10),
            entry_date=D(2022, 1, 10),
            check_access=False,
        )

    return Targets(
        a=enter(world.intervention_a, WOMAN_1990),
        b=enter(world.intervention_b, MAN_1985),
        other=enter(world.other_intervention, WOMAN_2001),
    )


#: persona -> expected status for targets (A, B, other association)
EXPECTED: dict[str, tuple[int, int, int]] = {
    "participant_officer_a": (200, 403, 404),
    "participant_officer_b": (403, 200, 404),
    "admin": (403, 403, 404),
    "economist": (403, 403, 404),
    "intervention_lead_a": (403, 403, 404),
    "board": (403, 403, 404),
    "auditor": (403, 403, 404),
    "log_reviewer": (403, 403, 404),
    "outsider": (404, 404, 404),
}
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


def test_expected_covers_every_persona() -> None:
    assert set(EXPECTED) == set(PERSONAS)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", PAGES)
def test_participant_page_by_persona_and_intervention(
    world: World,
    targets: Targets,
    client_as: Callable[[str | None], Client],
    persona: str,
    page: str,
) -> None:
    client = client_as(persona)
    name, by_intervention = PAGES[page]

    statuses = tuple(
        client.get(page_url(name, by_intervention, target)).status_code
        for target in (targets.a, targets.b, targets.other)
    )

    assert statuses == EXPECTED[persona]


@pytest.mark.parametrize("persona", PERSONAS)
def test_post_create_and_exit_by_persona(
    world: World,
    targets: Targets,
    client_as: Callable[[str | None], Client],
    persona: str,
) -> None:
    client = client_as(persona)
    entry = {"gender": "kvinna", "entry_date": "2022-05-01"}
    exit_data = {"exit_date": "2022-06-01", "exit_reason": "studier"}
    ok_a, ok_b, _other = EXPECTED[persona]

    created = tuple(
        client.post(page_url("create_anonymous", True, t), entry).status_code
        for t in (targets.a, targets.b, targets.other)
    )
    exited = tuple(
        client.post(page_url("exit", False, t), exit_data).status_code
        for t in (targets.a, targets.b, targets.other)
    )

    redirect_or = {200: 302, 403: 403, 404: 404}
    assert created == (redirect_or[ok_a], redirect_or[ok_b], 404)
    assert exited == (redirect_or[ok_a], redirect_or[ok_b], 404)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("participant_officer_a", 200),
        ("participant_officer_b", 200),
        ("admin", 403),
        ("economist", 403),
        ("intervention_lead_a", 403),
        ("board", 403),
        ("auditor", 403),
        ("log_reviewer", 403),
        ("outsider", 404),
    ],
)
def test_search_by_persona(
    world: World,
    targets: Targets,
    client_as: Callable[[str | None], Client],
    persona: str,
    expected: int,
) -> None:
    response = client_as(persona).post(
        reverse("participants:search", args=["exempel"]), {"personnummer": WOMAN_1990}
    )

    assert response.status_code == expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_index_by_persona(
    world: World, client_as: Callable[[str | None], Client], persona: str
) -> None:
    response = client_as(persona).get(reverse("participants:index", args=["exempel"]))

    assert response.status_code == (404 if persona == "outsider" else 200)


def test_anonymous_user_is_sent_to_login(world: World, targets: Targets, client: Client) -> None:
    response = client.get(reverse("participants:detail", args=["exempel", targets.a.pk]))

    assert (response.status_code, response["Location"].startswith("/accounts/login/")) == (
        302,
        True,
    )


def test_officer_of_a_in_the_other_associations_url_is_404(
    world: World, targets: Targets, client_as: Callable[[str | None], Client]
) -> None:
    response = client_as("participant_officer_a").get(
        reverse("participants:detail", args=["annat", targets.other.pk])
    )

    assert response.status_code == 404


def test_refusal_is_logged_as_denied(
    world: World, targets: Targets, client_as: Callable[[str | None], Client]
) -> None:
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
    world: World, targets: Targets, client_as: Callable[[str | None], Client]
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
    world: World, targets: Targets, client_as: Callable[[str | None], Client]
) -> None:
    officer = world.users["participant_officer_a"]
    client = client_as("participant_officer_a")
    detail = reverse("participants:detail", args=["exempel", targets.a.pk])
    before = client.get(detail).status_code

    revoke_role(assignment=RoleAssignment.objects.get(user=officer))
    after = client.get(detail).status_code

    assert (before, after) == (200, 404)


def test_participant_pages_are_not_stored_by_browsers(
    world: World, targets: Targets, client_as: Callable[[str | None], Client]
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
