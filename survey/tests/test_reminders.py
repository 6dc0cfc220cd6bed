"""Which participant survey form is due (``survey.reminders``): the pågående form after
three months in the intervention, the avslut form at exit; only the officer's own
interventions, logged, and never anything about answers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django_scopes import scope

from audit.models import AccessLogEntry
from participants.models import Participation
from participants.services import register_entry
from survey.reminders import forms_due
from testing.participants import make_personnummer
from testing.personas import World
from testing.views import ClientAs

pytestmark = pytest.mark.django_db
D = dt.date


def _entry(
    world: World,
    entry: dt.date,
    serial: int,
    *,
    exit_date: dt.date | None = None,
    officer: str = "participant_officer_a",
) -> Participation:
    intervention = world.intervention_a if officer.endswith("_a") else world.intervention_b
    with scope(association=world.association.pk):
        return register_entry(
            user=world.users[officer],
            intervention=intervention,
            number=make_personnummer(D(1980, 1, 1) + dt.timedelta(days=serial), serial),
            consent_date=entry,
            entry_date=entry,
            reference=f"D{serial}",
            exit_date=exit_date,
            exit_reason="studier" if exit_date else "",
        )


def _due(world: World, today: dt.date, officer: str = "participant_officer_a") -> list[tuple]:
    with scope(association=world.association.pk):
        due = forms_due(world.users[officer], world.association, today)
    return [
        (item.intervention.code, item.form, [p.reference for p in item.participations])
        for item in due
    ]


def test_forms_due_pagaende_after_three_months_and_avslut_at_exit(world: World) -> None:
    today = D(2024, 6, 1)
    _entry(world, today - dt.timedelta(days=91), 1)  # three months today
    _entry(world, today - dt.timedelta(days=120), 2)  # three months 29 days ago
    _entry(world, today - dt.timedelta(days=122), 3)  # window passed
    _entry(world, today - dt.timedelta(days=80), 4)  # not yet three months
    _entry(world, today - dt.timedelta(days=100), 5, exit_date=today - dt.timedelta(days=20))
    _entry(world, today - dt.timedelta(days=300), 6, exit_date=today - dt.timedelta(days=40))
    _entry(world, today - dt.timedelta(days=91), 7, officer="participant_officer_b")

    assert _due(world, today) == [
        ("A", "deltagare_avslut", ["D5"]),
        ("A", "deltagare_pagaende", ["D2", "D1"]),
    ]


def test_forms_due_pagaende_not_offered_to_who_left_before_three_months(world: World) -> None:
    today = D(2024, 6, 1)
    _entry(world, today - dt.timedelta(days=95), 1, exit_date=today - dt.timedelta(days=10))

    assert _due(world, today) == [("A", "deltagare_avslut", ["D1"])]


def test_forms_due_listing_is_logged_once(world: World) -> None:
    today = D(2024, 6, 1)
    first = _entry(world, today - dt.timedelta(days=91), 1)
    before = AccessLogEntry.objects.count()

    _due(world, today)

    entry = AccessLogEntry.objects.order_by("-pk")[0]
    assert (AccessLogEntry.objects.count() - before, entry.participation_ids) == (1, [first.pk])


def test_forms_due_other_roles_see_nothing(world: World) -> None:
    _entry(world, D(2024, 3, 2), 1)

    assert _due(world, D(2024, 6, 1), officer="participant_officer_b") == []


def test_due_page_lists_the_form_to_offer(world: World, client_as: ClientAs) -> None:
    today = dt.date.today()
    _entry(world, today - dt.timedelta(days=91), 1)

    response = client_as("participant_officer_a").get(
        reverse("survey:progression_due", args=["exempel"])
    )

    assert (response.status_code, "Deltagare, pågående insats" in response.content.decode()) == (
        200,
        True,
    )


@pytest.mark.parametrize(("persona", "linked"), [("participant_officer_a", True), ("admin", False)])
def test_participants_page_links_the_due_page_for_the_deltagaransvarig(
    world: World, client_as: ClientAs, persona: str, linked: bool
) -> None:
    due = reverse("survey:progression_due", args=["exempel"])

    response = client_as(persona).get(reverse("participants:index", args=["exempel"]))

    assert (response.status_code, f'href="{due}"' in response.content.decode()) == (200, linked)


def test_participation_page_links_its_progression_page(world: World, client_as: ClientAs) -> None:
    participation = _entry(world, D(2024, 3, 2), 1)
    page = reverse("survey:progression_participation", args=["exempel", participation.pk])

    response = client_as("participant_officer_a").get(
        reverse("participants:detail", args=["exempel", participation.pk])
    )

    assert (response.status_code, f'href="{page}"' in response.content.decode()) == (200, True)
