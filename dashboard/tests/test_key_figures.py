from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client

from testing.participants import enter_two_women_in_a
from testing.personas import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_small_count(world: World) -> World:
    """Two women registered in 2022: a count the board must not see."""
    enter_two_women_in_a(world, dt.date(2022, 3, 1))
    return world


@pytest.fixture(autouse=True)
def _today_is_first_of_may_2022(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("dashboard.views.start.timezone.localdate", lambda: dt.date(2022, 5, 1))


@pytest.mark.parametrize(
    ("persona", "shown", "suppressed"),
    [
        ("admin", True, False),
        ("economist", True, True),
        ("board", True, True),
        ("auditor", True, True),
        ("participant_officer_a", False, None),
        ("intervention_lead_a", False, None),
        ("log_reviewer", False, None),
    ],
)
def test_dashboard_key_figures_by_persona(
    with_small_count: World,
    client_as: Callable[[str | None], Client],
    persona: str,
    shown: bool,
    suppressed: bool | None,
) -> None:
    response = client_as(persona).get("/f/exempel/")

    figures = response.context.get("figures")
    assert (response.status_code, figures is not None) == (200, shown)
    if figures is not None:
        assert figures.suppressed is suppressed
        assert figures.period.code == "2022H1"


def test_dashboard_for_board_shows_no_small_count(
    with_small_count: World, client_as: Callable[[str | None], Client]
) -> None:
    response = client_as("board").get("/f/exempel/")

    figures = response.context["figures"]
    assert figures.registered == {"women": "..", "men": 0, "total": ".."}
    assert "Röjandeskyddad version" in response.content.decode()


def test_dashboard_for_admin_shows_the_unsuppressed_count(
    with_small_count: World, client_as: Callable[[str | None], Client]
) -> None:
    response = client_as("admin").get("/f/exempel/")

    assert response.context["figures"].registered == {"women": 2, "men": 0, "total": 2}
