from __future__ import annotations

import pytest
from django.urls import reverse

from interventions.models import Goal, GoalStatus, Intervention
from testing.factories import GoalFactory
from testing.personas import World
from testing.views import ClientAs, PersonaViewCases

pytestmark = pytest.mark.django_db


def create_url(intervention_pk: int) -> str:
    return reverse("interventions:goal_create", args=["exempel", intervention_pk])


def update_url(intervention_pk: int, goal_pk: int) -> str:
    return reverse("interventions:goal_update", args=["exempel", intervention_pk, goal_pk])


class TestGoalCreatePage(PersonaViewCases):
    """The intervention in the URL is the permission object."""

    permission = "interventions.change_intervention"

    def target(self, world: World) -> Intervention:
        return world.intervention_a

    def url(self, world: World) -> str:
        return create_url(world.intervention_a.pk)


def test_goal_create_saves_on_the_intervention(world: World, client_as: ClientAs) -> None:
    response = client_as("admin").post(
        create_url(world.intervention_a.pk),
        {"text": "Fler i arbete", "target": "40 % till arbete", "status": GoalStatus.ONGOING},
    )

    goal = Goal.objects.get(text="Fler i arbete")
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "interventions:detail", args=["exempel", world.intervention_a.pk]
    )
    assert (goal.association, goal.intervention, goal.target) == (
        world.association,
        world.intervention_a,
        "40 % till arbete",
    )


def test_goal_create_without_text_keeps_posted_values(world: World, client_as: ClientAs) -> None:
    response = client_as("admin").post(
        create_url(world.intervention_a.pk),
        {"text": "", "target": "40 % till arbete", "status": GoalStatus.MET},
    )

    form = response.context["form"]
    assert (response.status_code, list(form.errors)) == (200, ["text"])
    assert (form["target"].value(), form["status"].value()) == ("40 % till arbete", "uppnatt")
    assert Goal.objects.count() == 0


def test_goal_create_for_other_association_intervention_is_404(
    world: World, client_as: ClientAs
) -> None:
    response = client_as("admin").post(
        create_url(world.other_intervention.pk), {"text": "Mål", "status": GoalStatus.ONGOING}
    )

    assert response.status_code == 404
    assert Goal.objects.count() == 0


class TestGoalUpdatePage(TestGoalCreatePage):
    def arrange(self, world: World) -> Goal:
        return GoalFactory.create(intervention=world.intervention_a)

    def url(self, world: World) -> str:
        return update_url(world.intervention_a.pk, self.arranged.pk)


def test_goal_update_saves_status(world: World, client_as: ClientAs) -> None:
    goal = GoalFactory.create(intervention=world.intervention_a)

    response = client_as("admin").post(
        update_url(world.intervention_a.pk, goal.pk),
        {"text": goal.text, "target": goal.target, "status": GoalStatus.PARTLY_MET},
    )

    goal.refresh_from_db()
    assert (response.status_code, goal.status) == (302, GoalStatus.PARTLY_MET)


def test_goal_update_under_another_intervention_is_404(world: World, client_as: ClientAs) -> None:
    goal = GoalFactory.create(intervention=world.intervention_b)

    response = client_as("admin").get(update_url(world.intervention_a.pk, goal.pk))

    assert response.status_code == 404


def test_goal_update_of_other_association_is_404(world: World, client_as: ClientAs) -> None:
    goal = GoalFactory.create(intervention=world.other_intervention)

    for url in (
        update_url(world.other_intervention.pk, goal.pk),
        update_url(world.intervention_a.pk, goal.pk),
    ):
        response = client_as("admin").post(url, {"text": "Ändrat", "status": GoalStatus.NOT_MET})
        assert response.status_code == 404
    goal.refresh_from_db()
    assert goal.status == GoalStatus.ONGOING


def test_intervention_detail_lists_its_goals_only(world: World, client_as: ClientAs) -> None:
    first = GoalFactory.create(intervention=world.intervention_a, text="Första")
    second = GoalFactory.create(intervention=world.intervention_a, text="Andra")
    GoalFactory.create(intervention=world.intervention_b, text="B:s mål")

    response = client_as("board").get(
        reverse("interventions:detail", args=["exempel", world.intervention_a.pk])
    )

    assert list(response.context["object"].goals.all()) == [first, second]
