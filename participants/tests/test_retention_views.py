"""The retention page: the policy (editable by the förbundsadministratör) and past runs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from participants.models import RetentionPolicy, RetentionRun
from testing.personas import World
from testing.views import ClientAs, PersonaViewCases

pytestmark = pytest.mark.django_db


def url() -> str:
    return reverse("participant_reports:retention", args=["exempel"])


def add_runs(world: World, number: int) -> None:
    start = timezone.make_aware(dt.datetime(2025, 6, 1, 3, 15))
    for day in range(number):
        RetentionRun.objects.create(
            association=world.association,
            started_at=start + dt.timedelta(days=day),
            finished_at=start + dt.timedelta(days=day, seconds=4),
            persons_removed=day,
            participations_anonymised=2 * day,
            log_entries_pruned=3,
            dry_run=day == 0,
        )


def test_retention_page_creates_and_shows_the_default_policy(
    world: World, client_as: ClientAs
) -> None:
    response = client_as("admin").get(url())

    policy = RetentionPolicy.objects.get(association=world.association)
    assert (policy.months_after_exit, policy.log_months) == (24, 36)
    assert response.context["policy_text"].startswith(
        "Personuppgifter (personnummer, namn och samtycken) tas bort 24 månader"
    )


def test_retention_page_saves_the_policy(world: World, client_as: ClientAs) -> None:
    response = client_as("admin").post(
        url(), {"months_after_exit": "18", "log_months": "30", "decision_reference": "Dnr 2025/4"}
    )

    assert (response.status_code, response["Location"]) == (302, url())
    policy = RetentionPolicy.objects.get(association=world.association)
    assert (policy.months_after_exit, policy.log_months, policy.decision_reference) == (
        18,
        30,
        "Dnr 2025/4",
    )


def test_retention_page_refuses_zero_months(world: World, client_as: ClientAs) -> None:
    response = client_as("admin").post(url(), {"months_after_exit": "0", "log_months": "36"})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["months_after_exit"]
    assert RetentionPolicy.objects.get().months_after_exit == 24


@pytest.mark.parametrize("persona", ["board", "participant_officer_a"])
def test_retention_page_post_refused_for_other_roles(
    world: World, client_as: ClientAs, persona: str
) -> None:
    response = client_as(persona).post(url(), {"months_after_exit": "1", "log_months": "1"})

    assert response.status_code == 403
    assert RetentionPolicy.objects.count() == 0


def test_retention_page_lists_runs_newest_first_of_this_association_only(
    world: World, client_as: ClientAs
) -> None:
    add_runs(world, 2)
    RetentionRun.objects.create(
        association=world.other_association, started_at=timezone.now(), persons_removed=99
    )

    response = client_as("admin").get(url())

    runs = response.context["runs"]
    assert [(r.persons_removed, r.dry_run) for r in runs] == [(1, False), (0, True)]
    assert "Provkörning" in response.content.decode()


@pytest.mark.parametrize("number", [1, 3])
def test_retention_page_query_count(
    world: World,
    client_as: ClientAs,
    django_assert_num_queries: DjangoAssertNumQueries,
    number: int,
) -> None:
    add_runs(world, number)
    RetentionPolicy.objects.create(association=world.association)
    client = client_as("admin")

    with django_assert_num_queries(10):
        client.get(url())


class TestRetentionPage(PersonaViewCases):
    permission = "participants.manage_retention"

    def url(self, world: World) -> str:
        return url()
