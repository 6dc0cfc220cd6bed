"""The dashboard and the participants page count different things (issue 10.5): each says
what its count includes. One personal and one anonymous participation entered in 2022: the
dashboard's "inskrivna deltagare" counts 1, the participants page's "Inskrivna 2022" 2."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django_scopes import scope

from participants.choices import Gender
from participants.services import register_anonymous
from testing.participants import make_personnummer, stored_entry
from testing.personas import World

pytestmark = pytest.mark.django_db

DASHBOARD_SCOPE = (
    "Räknas: deltaganden med personuppgifter med inskrivningsdatum under perioden ovan, i "
    "alla insatser; anonyma deltagare och felregistreringar räknas inte."
)
PARTICIPANTS_SCOPE = (
    "Räknas: alla deltaganden, med personuppgifter och anonyma, även felregistreringar. "
    "Inskrivna 2022: inskrivningsdatum under 2022. Pågående: utan utskrivningsdatum. "
    "Översiktens antal inskrivna räknar bara deltaganden med personuppgifter utan "
    "felregistreringar."
)


@pytest.fixture
def two_entries(world: World) -> World:
    with scope(association=world.association.pk):
        stored_entry(
            world.intervention_a, make_personnummer(dt.date(1990, 3, 14), 242), dt.date(2022, 3, 1)
        )
        register_anonymous(
            user=None,
            intervention=world.intervention_a,
            gender=Gender.WOMAN,
            entry_date=dt.date(2022, 3, 2),
            check_access=False,
        )
    return world


@pytest.fixture(autouse=True)
def _today_is_first_of_may_2022(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("dashboard.views.start.timezone.localdate", lambda: dt.date(2022, 5, 1))
    monkeypatch.setattr(
        "participants.views.participations.timezone.localdate", lambda: dt.date(2022, 5, 1)
    )


def test_dashboard_registered_count_says_what_it_counts(
    two_entries: World, client_as: Callable[[str | None], Client]
) -> None:
    response = client_as("admin").get("/f/exempel/")

    assert response.context["figures"].registered["total"] == 1
    assert DASHBOARD_SCOPE in response.content.decode()


def test_participants_page_entered_count_says_what_it_counts(
    two_entries: World, client_as: Callable[[str | None], Client]
) -> None:
    response = client_as("admin").get("/f/exempel/deltagare/")

    assert response.context["published_total"]["entered"]["total"] == 2
    assert PARTICIPANTS_SCOPE in response.content.decode()
