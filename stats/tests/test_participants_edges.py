"""Edge cases of the participant tables (spec/reports.md sections 9-17): felregistrering,
empty denominators, rounding half up, window boundaries, anonymised participations and the
number of queries. The helpers and the windows (2024Q3) are those of test_participants."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope

from interventions.models import Intervention
from participants.choices import ActivityType, Education, ExitReason, Gender, PublicSupportTime
from participants.models import Activity, Participation
from stats.participant_tables import (
    activities_table,
    outcomes_table,
    participant_goals,
    participant_tables_for,
    participants_table,
)
from stats.participant_tables.shapes import (
    ActivitiesTable,
    AnonymousRow,
    AnonymousTable,
    ExitGroups,
    ExitReasonsTable,
    ExpectedRow,
    ExpectedTable,
    MeanSplit,
    OutcomesFigures,
    OutcomesRow,
    OutcomesTable,
    ParticipantGoals,
    ParticipantsFigures,
    ParticipantsRow,
    ParticipantsTable,
    ParticipantTables,
    ReasonRow,
    ShareSplit,
    Split,
    TargetGroupShares,
    TargetGroupTable,
    TimeInInterventionTable,
    TimeRow,
    mean,
    share,
)
from stats.tests.participations import anonymous, join
from stats.tests.test_participants import WINDOWS, YTD
from testing.factories import InterventionFactory
from testing.personas import World

pytestmark = pytest.mark.django_db
D = dt.date


def test_activities_table_without_activities_is_zero(world: World) -> None:
    result = activities_table(activities=Activity.objects.none(), **YTD)

    assert (result.count, result.attendees, sum(result.by_type.values())) == (0, Split(), 0)


def test_participant_goals_without_participations_are_empty() -> None:
    result = participant_goals(participations=Participation.objects.none(), **YTD)

    assert result == ParticipantGoals(None, None)


def test_participant_tables_leave_out_felregistrering_everywhere(world: World) -> None:
    a = world.intervention_a
    join(
        a,
        Gender.WOMAN,
        D(1999, 1, 1),
        D(2024, 2, 1),
        D(2024, 2, 2),
        ExitReason.MISTAKE,
        plan=D(2024, 2, 1),
        education=Education.NONE,
        support=PublicSupportTime.Y9_PLUS,
    )

    with scope(association=world.association.pk):
        result = participant_tables_for(world.association, **WINDOWS)

    # A and B are listed because they are active in the period, with nothing in them.
    assert result == empty_tables(["A", "B"])


def empty_tables(codes: list[str]) -> ParticipantTables:
    zero, no_share, no_mean = Split(), ShareSplit(None, None, None), MeanSplit(None, None, None)
    return ParticipantTables(
        participants=ParticipantsTable(
            rows=[ParticipantsRow(code, zero, zero, zero, zero) for code in codes],
            total=ParticipantsFigures(zero, zero, zero, zero),
        ),
        outcomes=OutcomesTable(
            rows=[OutcomesRow(code, zero, no_share, None) for code in codes],
            total=OutcomesFigures(zero, no_share, None),
        ),
        anonymous=AnonymousTable(rows=[AnonymousRow(code, 0) for code in codes], total=0),
        exit_reasons=ExitReasonsTable(
            rows=[ReasonRow(r, zero) for r in ExitReason.values if r != ExitReason.MISTAKE],
            work_extent=[],
            groups=ExitGroups(zero, zero, zero, zero, zero, zero, zero),
        ),
        target_group=TargetGroupTable(
            active=zero,
            shares=TargetGroupShares(
                None, None, no_share, no_share, dict.fromkeys(Education.values, no_share)
            ),
        ),
        time_in_intervention=TimeInInterventionTable(rows=[TimeRow(c, no_mean) for c in codes]),
        expected=ExpectedTable(rows=[ExpectedRow(code, 0, 40) for code in codes]),
        activities=ActivitiesTable(0, zero, dict.fromkeys(ActivityType.values, 0)),
        goals=ParticipantGoals(None, None),
    )


def test_share_rounds_half_up_and_is_empty_without_denominator() -> None:
    assert [share(83, 200), share(1, 8), share(0, 3), share(3, 0)] == [42, 13, 0, None]


def test_mean_rounds_half_up_to_one_decimal() -> None:
    assert [mean(469, 4), mean(5, 2), mean(1, 3), mean(0, 0)] == [117.3, 2.5, 0.3, None]


def test_outcomes_share_of_83_in_200_rounds_up_to_42(world: World) -> None:
    a = world.intervention_a
    for number in range(200):
        reason = ExitReason.STUDIES if number < 83 else ExitReason.BROKE_OFF
        join(a, Gender.MAN, D(1990, 1, 1), D(2024, 2, 1), D(2024, 3, 1), reason)

    result = outcomes_table(
        interventions=Intervention.objects.filter(association=world.association),
        participations=Participation.objects.filter(association=world.association),
        **WINDOWS,
    )
    goals = participant_goals(
        participations=Participation.objects.filter(association=world.association), **YTD
    )

    assert result.rows[0] == OutcomesRow("A", Split(0, 83, 83), ShareSplit(None, 42, 42), 0)
    assert goals.work_directed_to_work_or_studies == 42


@pytest.mark.parametrize(
    ("exit_date", "ongoing", "exited"),
    [
        (D(2024, 9, 30), Split(), Split(1, 0, 1)),  # exit on E: exited, no longer ongoing
        (D(2024, 10, 1), Split(1, 0, 1), Split()),  # exit the day after E: still ongoing
        (D(2024, 1, 1), Split(), Split(1, 0, 1)),  # exit on the ytd's first day: exited ytd
        (D(2023, 12, 31), Split(), Split()),  # exit the day before: not active ytd at all
    ],
)
def test_participants_table_window_edges(
    world: World, exit_date: dt.date, ongoing: Split, exited: Split
) -> None:
    join(world.intervention_a, Gender.WOMAN, D(1990, 1, 1), D(2023, 6, 1), exit_date, "flytt")

    result = participants_table(
        interventions=Intervention.objects.filter(association=world.association),
        participations=Participation.objects.filter(association=world.association),
        **WINDOWS,
    )

    assert (result.rows[0].ongoing, result.rows[0].exited) == (ongoing, exited)


def test_participants_table_counts_last_year_entry_as_active_not_registered(
    world: World,
) -> None:
    join(world.intervention_a, Gender.MAN, D(1990, 1, 1), D(2023, 12, 31))

    with scope(association=world.association.pk):
        result = participant_tables_for(world.association, **WINDOWS)

    assert (result.participants.total.registered, result.participants.total.ongoing) == (
        Split(),
        Split(0, 1, 1),
    )
    assert result.target_group.active == Split(0, 1, 1)


def test_participant_tables_count_anonymised_participations_only_as_anonymous(
    world: World,
) -> None:
    # What retention leaves of a participation: gender and entry date, no person.
    anonymous(world.intervention_a, Gender.OTHER, D(2024, 2, 1))

    with scope(association=world.association.pk):
        result = participant_tables_for(world.association, **WINDOWS)

    assert result.anonymous == AnonymousTable(
        rows=[AnonymousRow("A", 1), AnonymousRow("B", 0)], total=1
    )
    assert result.participants.total == ParticipantsFigures(Split(), Split(), Split(), Split())
    assert result.target_group.active == Split()


def add_interventions(world: World, number: int) -> None:
    for index in range(number):
        intervention = InterventionFactory.create(
            association=world.association, code=f"P{index}", name=f"Extra {index}"
        )
        join(
            intervention,
            Gender.WOMAN,
            D(1990, 1, 1),
            D(2024, 2, 1),
            D(2024, 5, 1),
            "studier",
            plan=D(2024, 2, 1),
            education=Education.NONE,
        )
        join(intervention, Gender.MAN, D(2001, 1, 1), D(2024, 3, 1))
        anonymous(intervention, Gender.OTHER, D(2024, 3, 1))


@pytest.mark.parametrize("extra", [1, 5])
def test_participant_tables_query_count_is_independent_of_interventions(
    world: World, extra: int
) -> None:
    add_interventions(world, extra)

    with CaptureQueriesContext(connection) as queries, scope(association=world.association.pk):
        result = participant_tables_for(world.association, **WINDOWS)

    assert len(queries) == 5
    assert len(result.participants.rows) == 2 + extra
