"""Progression pages by persona; reads of assessments are logged."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from audit.models import AccessLogEntry
from documents.tests.readback import html_tables
from participants.models import Participation
from stats.memo import memo_json
from survey.progression import define_instrument, record_assessment
from survey.progression_models import Assessment, ProgressionInstrument
from survey.tests.test_progression import instrument, participation
from testing.participants import make_personnummer
from testing.personas import World
from testing.views import ClientAs, PersonaViewCases

pytestmark = pytest.mark.django_db


class TestInstrumentPage(PersonaViewCases):
    permission = "survey.manage_progression"

    def url(self, world: World) -> str:
        return reverse("survey:progression_instruments", args=["exempel"])


def test_instrument_page_admin_defines_instrument(world: World, client_as: ClientAs) -> None:
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


class TestParticipationProgress(PersonaViewCases):
    """The participation (in intervention A) is the permission object."""

    permission = "participants.view_participation"

    def arrange(self, world: World) -> Participation:
        return participation(world)

    def target(self, world: World) -> Participation:
        return self.arranged

    def url(self, world: World) -> str:
        return reverse("survey:progression_participation", args=["exempel", self.arranged.pk])


def test_participation_progress_shows_radar_and_logs_the_read(
    world: World, client_as: ClientAs
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


def test_participation_progress_post_records_assessment(world: World, client_as: ClientAs) -> None:
    tool = instrument(world)
    part = participation(world)
    url = reverse("survey:progression_participation", args=["exempel", part.pk])

    response = client_as("participant_officer_a").post(
        url, {"instrument": tool.pk, "date": "2022-05-01", "item1": "4", "item2": "7"}
    )

    assert (response.status_code, Assessment.objects.count()) == (302, 1)


class TestDuePage(PersonaViewCases):
    permission = "survey.assess_progression"

    def arrange(self, world: World) -> Participation:
        return participation(world)

    def url(self, world: World) -> str:
        return reverse("survey:progression_due", args=["exempel"])


def _two_assessments(world: World) -> None:
    tool = instrument(world)
    part = participation(world)
    officer = world.users["participant_officer_a"]
    for day in (dt.date(2022, 3, 1), dt.date(2022, 6, 1)):
        record_assessment(
            user=officer, participation=part, instrument=tool, date=day, values={1: 3, 2: 4}
        )


class TestSummaryPage(PersonaViewCases):
    permission = "survey.view_survey"

    def arrange(self, world: World) -> None:
        _two_assessments(world)

    def url(self, world: World) -> str:
        return reverse("survey:progression_summary", args=["exempel"]) + "?ar=2022"


def test_summary_page_suppresses_the_count_of_one_participation(
    world: World, client_as: ClientAs
) -> None:
    _two_assessments(world)

    response = client_as("board").get(
        reverse("survey:progression_summary", args=["exempel"]) + "?ar=2022"
    )

    assert b">..<" in response.content


def test_summary_page_shows_the_memo_progression_table(world: World, client_as: ClientAs) -> None:
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
