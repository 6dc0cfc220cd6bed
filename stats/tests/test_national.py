"""National counts (Uppföljning Finsam), computed by hand for a small example."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope

from interventions.models import Aim, Intervention
from participants.choices import ExitReason, Gender
from participants.models import Participation, VolumeCount
from stats.national import GenderCounts, NationalCounts, NationalRow, national_counts_for
from stats.tests.participations import anonymous as participation
from testing.factories import CountedInterventionFactory, InterventionFactory
from testing.participants import MAN_1985, WOMAN_1990, stored_entry
from testing.personas import World

pytestmark = pytest.mark.django_db
D = dt.date


def exited(intervention: Intervention, number: str, entry: dt.date, reason: str) -> Participation:
    """A participation with consent, exited a month after entry."""
    participation: Participation = stored_entry(
        intervention, number, entry, exit_date=entry + dt.timedelta(days=30), exit_reason=reason
    )
    return participation


def count_only(world: World, code: str = "V", name: str = "Volyminsats") -> Intervention:
    return CountedInterventionFactory.create(
        association=world.association,
        code=code,
        name=name,
        start_date=D(2023, 1, 1),
        end_date=None,
    )


def month(intervention: Intervention, year: int, number: int, w: int, m: int, o: int) -> None:
    VolumeCount.objects.create(
        association=intervention.association,
        intervention=intervention,
        year=year,
        month=number,
        women=w,
        men=m,
        other=o,
    )


def counts(world: World, year: int) -> NationalCounts:
    with scope(association=world.association.pk):
        return national_counts_for(world.association, year)


def test_national_counts_hand_computed_example(world: World) -> None:
    a, b = world.intervention_a, world.intervention_b
    # A in 2024: 2 women (one with consent), 1 man and 1 other anonymous; a man's
    # felregistrering left out; entries on 2023-12-31 and 2025-01-01 are other years.
    exited(a, WOMAN_1990, D(2024, 1, 1), ExitReason.STUDIES)
    participation(a, Gender.WOMAN, D(2024, 12, 31))
    participation(a, Gender.MAN, D(2024, 6, 1))
    participation(a, Gender.OTHER, D(2024, 7, 1))
    exited(a, MAN_1985, D(2024, 3, 1), ExitReason.MISTAKE)
    participation(a, Gender.WOMAN, D(2023, 12, 31))
    participation(a, Gender.WOMAN, D(2025, 1, 1))
    # B in 2024: nothing registered, still listed (active in the year).
    participation(b, Gender.MAN, D(2023, 5, 1))
    volume = count_only(world)
    month(volume, 2024, 1, 3, 2, 0)
    month(volume, 2024, 2, 4, 2, 1)
    month(volume, 2023, 12, 9, 9, 9)
    # Another association's rows never count.
    participation(world.other_intervention, Gender.WOMAN, D(2024, 2, 1))

    result = counts(world, 2024)

    assert result == NationalCounts(
        year=2024,
        registered=[
            NationalRow("A", "Insats A", GenderCounts(women=2, men=1, other=1)),
            NationalRow("B", "Insats B", GenderCounts()),
        ],
        monthly_sums=[NationalRow("V", "Volyminsats", GenderCounts(women=7, men=4, other=1))],
    )
    assert result.registered[0].counts.total == 4


def test_national_counts_lists_inactive_intervention_with_figures(world: World) -> None:
    # Intervention A ended 2024-12-31, but a late-registered 2025 row still shows.
    participation(world.intervention_a, Gender.WOMAN, D(2025, 2, 1))

    result = counts(world, 2025)

    assert result.registered == [NationalRow("A", "Insats A", GenderCounts(women=1))]


def test_national_counts_leaves_out_interventions_not_active_that_year(world: World) -> None:
    assert counts(world, 2021) == NationalCounts(year=2021, registered=[], monthly_sums=[])


def add_interventions(world: World, number: int) -> None:
    for i in range(number):
        personal = InterventionFactory.create(
            association=world.association, code=f"P{i}", aim=Aim.WORK
        )
        participation(personal, Gender.WOMAN, D(2024, 3, 1))
        volume = count_only(world, code=f"V{i}", name=f"Volym {i}")
        month(volume, 2024, 1, 1, 1, 1)


@pytest.mark.parametrize("extra", [1, 3])
def test_national_counts_query_count_is_independent_of_interventions(
    world: World, extra: int
) -> None:
    add_interventions(world, extra)

    with CaptureQueriesContext(connection) as queries:
        result = counts(world, 2024)

    assert len(queries) == 3
    assert (len(result.registered), len(result.monthly_sums)) == (2 + extra, extra)
