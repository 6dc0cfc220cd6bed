"""Who may open the overview pages: outsider 404, wrong role 403, right role 200."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from testing.personas import World

pytestmark = pytest.mark.django_db

ClientAs = Callable[[str | None], Client]

OFFICE = [
    ("admin", 200),
    ("economist", 200),
    ("board", 403),
    ("auditor", 403),
    ("participant_officer_a", 403),
    ("intervention_lead_a", 403),
    ("log_reviewer", 403),
    ("outsider", 404),
]
BOARD = [
    ("admin", 200),
    ("economist", 200),
    ("board", 200),
    ("auditor", 200),
    ("participant_officer_a", 403),
    ("intervention_lead_a", 403),
    ("log_reviewer", 403),
    ("outsider", 404),
]
TIMELINE_A = [
    ("admin", 200),
    ("economist", 200),
    ("board", 200),
    ("auditor", 200),
    ("intervention_lead_a", 200),
    ("participant_officer_a", 403),
    ("log_reviewer", 403),
    ("outsider", 404),
]
TIMELINE_B = [
    ("admin", 200),
    ("board", 200),
    ("intervention_lead_a", 403),
    ("participant_officer_b", 403),
    ("outsider", 404),
]


def url(name: str, *args: int) -> str:
    return reverse(f"overview:{name}", args=["exempel", *args])


@pytest.mark.parametrize(("persona", "expected"), OFFICE)
def test_quarter_overview_by_persona(
    world: World, client_as: ClientAs, persona: str, expected: int
) -> None:
    response = client_as(persona).get(url("quarter") + "?kvartal=2022Q3")

    assert response.status_code == expected


@pytest.mark.parametrize(("persona", "expected"), BOARD)
def test_board_quarter_overview_by_persona(
    world: World, client_as: ClientAs, persona: str, expected: int
) -> None:
    response = client_as(persona).get(url("board_quarter") + "?kvartal=2022Q3")

    assert response.status_code == expected


@pytest.mark.parametrize(("persona", "expected"), TIMELINE_A)
def test_timeline_of_a_by_persona(
    world: World, client_as: ClientAs, persona: str, expected: int
) -> None:
    response = client_as(persona).get(url("timeline", world.intervention_a.pk))

    assert response.status_code == expected


@pytest.mark.parametrize(("persona", "expected"), TIMELINE_B)
def test_timeline_of_b_by_persona(
    world: World, client_as: ClientAs, persona: str, expected: int
) -> None:
    response = client_as(persona).get(url("timeline", world.intervention_b.pk))

    assert response.status_code == expected


def test_timeline_of_other_association_intervention_is_404(
    world: World, client_as: ClientAs
) -> None:
    response = client_as("admin").get(url("timeline", world.other_intervention.pk))

    assert response.status_code == 404


@pytest.mark.parametrize("name", ["quarter", "board_quarter"])
def test_quarter_overview_anonymous_redirects_to_login(
    world: World, client_as: ClientAs, name: str
) -> None:
    response = client_as(None).get(url(name))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
