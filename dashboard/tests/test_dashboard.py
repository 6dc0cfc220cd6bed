"""The dashboard's "Kvartalsläget" box and the start page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dashboard.overview import QuarterSummary
from followup.models import Colour
from followup.tests.factories import SubmittedReportFactory
from testing.factories import InterventionFactory
from testing.personas import World

pytestmark = pytest.mark.django_db

ClientAs = Callable[[str | None], Client]
TODAY = dt.date(2022, 11, 10)


@pytest.fixture
def quarter_2022q3(world: World, monkeypatch: pytest.MonkeyPatch) -> World:
    """Today is 2022-11-10 (the last ended quarter is 2022Q3, due 2022-10-31): A's report
    is in and red, B's is missing; C started in October and has no Q3 report due."""
    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)
    SubmittedReportFactory.create(
        intervention=world.intervention_a,
        year=2022,
        quarter=3,
        submitted_on=dt.date(2022, 10, 25),
        colour=Colour.RED,
    )
    InterventionFactory.create(association=world.association, start_date=dt.date(2022, 10, 1))
    return world


def dashboard_url() -> str:
    return reverse("dashboard", args=["exempel"])


@pytest.mark.parametrize(
    ("persona", "name"),
    [
        ("admin", "overview:quarter"),
        ("economist", "overview:quarter"),
        ("board", "overview:board_quarter"),
        ("auditor", "overview:board_quarter"),
    ],
)
def test_dashboard_quarter_box_counts_and_links_by_persona(
    quarter_2022q3: World, client_as: ClientAs, persona: str, name: str
) -> None:
    response = client_as(persona).get(dashboard_url())

    context = response.context
    assert (context["quarter_summary"], context["quarter_url"]) == (
        QuarterSummary(reports=2, missing=1, late=1, red=1, yellow=0, green=0),
        reverse(name, args=["exempel"]) + "?kvartal=2022Q3",
    )


@pytest.mark.parametrize(
    "persona", ["participant_officer_a", "intervention_lead_a", "log_reviewer"]
)
def test_dashboard_quarter_box_hidden_from_other_roles(
    quarter_2022q3: World, client_as: ClientAs, persona: str
) -> None:
    response = client_as(persona).get(dashboard_url())

    assert response.status_code == 200
    assert "quarter_summary" not in response.context
    assert response.content.decode().count('id="quarter-state"') == 0


def test_dashboard_quarter_box_shows_counts_as_text(
    quarter_2022q3: World, client_as: ClientAs
) -> None:
    content = client_as("board").get(dashboard_url()).content.decode()

    assert content.count("Kvartalsläget kv 3 2022") == 1
    assert content.count("(varav 1 försenade)") == 1
