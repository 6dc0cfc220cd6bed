"""Who may open the overview pages: outsider 404, wrong role 403, right role 200."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from interventions.models import Intervention
from testing.personas import World
from testing.views import PersonaViewCases

pytestmark = pytest.mark.django_db

ClientAs = Callable[[str | None], Client]


def url(name: str, *args: int) -> str:
    return reverse(f"overview:{name}", args=["exempel", *args])


class TestQuarterOverview(PersonaViewCases):
    permission = "dashboard.view_quarter"

    def url(self, world: World) -> str:
        return url("quarter") + "?kvartal=2022Q3"


class TestBoardQuarterOverview(PersonaViewCases):
    permission = "dashboard.view_board_quarter"

    def url(self, world: World) -> str:
        return url("board_quarter") + "?kvartal=2022Q3"


class TestTimelineOfA(PersonaViewCases):
    permission = "dashboard.view_timeline"

    def target(self, world: World) -> Intervention:
        return world.intervention_a

    def url(self, world: World) -> str:
        return url("timeline", world.intervention_a.pk)


class TestTimelineOfB(TestTimelineOfA):
    def target(self, world: World) -> Intervention:
        return world.intervention_b

    def url(self, world: World) -> str:
        return url("timeline", world.intervention_b.pk)


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
