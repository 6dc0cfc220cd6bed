"""Progression pages by persona; reads of assessments are logged."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from audit.models import AccessLogEntry
from documents.tests.readback import html_tables
from stats.memo import memo_json
from survey.progression import define_instrument, record_assessment
from survey.progression_models import Assessment, ProgressionInstrument
from survey.tests.test_progression import instrument, participation
from testing.participants import make_personnummer
from testing.personas import World

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("admin", 200), ("economist", 403), ("participant_officer_a", 403), ("outsider", 404)],
)
def test_instrument_page_by_persona(
    world: World, client_as: Callable[[str | None], Client], persona: str, expected: int
) -> None:
    response = client_as(persona).get(reverse("survey:progression_instruments", args=["exempel"]))

    assert response.status_code == expected


def test_instrument_page_admin_defines_instrument(
    world: World, client_as: Callable[[str | None], Client]
) -> None:
    data = {"name": "Stegen", "rater": "personal", "items": "A;1;5\nB;1;5\nC;0;4"}

    response = client_as("admin").post(
        reverse("survey:progression_instruments", args=["exempel"]), data
    )

    tool = ProgressionInstrument.objects.get()
    assert (
        response.status_code,
        tool.rater,
        list(tool.items.values_list("text", "scale_min")),
    ) == (
        302,
        "personal",
        [("A", 1), ("B", 1), ("C", 0)],
    )


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("participant_officer_a", 200),
        ("participant_officer_b", 403),
        ("admin", 403),
        ("intervention_lead_a", 403),
        ("outsider", 404),
    ],
)
def test_participation_progress_by_persona(
    world: World, client_as: Callable[[str | None], Client], persona: str, expected: int
) -> None:
    part = participation(world)

    response = client_as(persona).get(
        reverse("survey:progression_participation", args=["exempel", part.pk])
    )

    assert response.status_code == expected


def test_participation_progress_shows_radar_and_logs_the_read(
    world: World, client_as: Callable[[str | None], Client]
) -> None:
    tool3 = define_instrument(
        association=world.association,
        name="Tre",
        rater="deltagare",
        items=[("A", 1, 10), ("B", 1, 10), ("C", 1, 10)],
    )
    part = participation(world)
    officer = world.users["participant_officer_a"]
    for day, value in ((dt.date(2022, 3, 1), 3), (dt.date(2022, 6, 1), 6)):
        record_assessment(
            user=officer,
            participation=part,
            instrument=tool3,
            date=day,
            values={1: value, 2: value, 3: value},
        )
    before = AccessLogEntry.objects.filter(action="read").count()

    response = client_as("participant_officer_a").get(
        reverse("survey:progression_participation", args=["exempel", part.pk])
    )

    content = response.content.decode()
    assert (
        'class="radar-latest"' in content,
        AccessLogEntry.objects.filter(action="read").count() - before,
    ) == (True, 1)


def test_participation_progress_post_records_assessment(
    world: World, client_as: Callable[[str | None], Client]
) -> None:
    tool = instrument(world)
    part = participation(world)
    url = reverse("survey:progression_participation", args=["exempel", part.pk])

    response = client_as("participant_officer_a").post(
        url, {"instrument": tool.pk, "date": "2022-05-01", "item1": "4", "item2": "7"}
    )

    assert (response.status_code, Assessment.objects.count()) == (302, 1)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("participant_officer_a", 200), ("admin", 403), ("outsider", 404)],
)
def test_due_page_by_persona(
    world: World, client_as: Callable[[str | None], Client], persona: str, expected: int
) -> None:
    participation(world)

    response = client_as(persona).get(reverse("survey:progression_due", args=["exempel"]))

    assert response.status_code == expected


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("board", 200), ("participant_officer_a", 403), ("outsider", 404)],
)
def test_summary_page_by_persona(
    world: World, client_as: Callable[[str | None], Client], persona: str, expected: int
) -> None:
    tool = instrument(world)
    part = participation(world)
    officer = world.users["participant_officer_a"]
    for day in (dt.date(2022, 3, 1), dt.date(2022, 6, 1)):
        record_assessment(
            user=officer, participation=part, instrument=tool, date=day, values={1: 3, 2: 4}
        )

    response = client_as(persona).get(
        reverse("survey:progression_summary", args=["exempel"]) + "?ar=2022"
    )

    assert (response.status_code, b">..<" in response.content) == (expected, expected == 200)


def test_summary_page_shows_the_memo_progression_table(
    world: World, client_as: Callable[[str | None], Client]
) -> None:
    """The page publishes the memo's table of the year (suppressed with the year's
    snapshots), not a table suppressed on its own that could give the memo's hidden
    cells away."""
    tool = instrument(world)
    officer = world.users["participant_officer_a"]
    for serial in range(6):
        part = participation(world, make_personnummer(dt.date(1980, 1, 1), serial + 1))
        for day, value in ((dt.date(2022, 3, 1), 3), (dt.date(2022, 6, 1), 3 + serial % 3)):
            record_assessment(
                user=officer, participation=part, instrument=tool, date=day, values={1: value, 2: 4}
            )
    memo = memo_json(world.association, "2022")["tables"]["progression"]["instruments"][0]

    response = client_as("board").get(
        reverse("survey:progression_summary", args=["exempel"]) + "?ar=2022"
    )

    rows = html_tables(response.content.decode()).tables["progression_1"][1:]
    shown = [memo["rows"][0], memo["total"]]
    assert (
        rows,
        [[row[key] for key in ("participations", "improved", "fell")] for row in shown],
    ) == (
        [
            [world.intervention_a.display_name, "6", "..", "..", "0", "..", "0,5"],
            ["Totalt", "6", "..", "..", "0", "..", "–"],
        ],
        [[6, "..", 0], [6, "..", 0]],
    )
