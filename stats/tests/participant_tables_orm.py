"""The participant tables as ORM queries: the readable definition of every count
(``overall``, ``per_intervention``: 14 queries for any number of windows), which the
hand-compiled queries the memo uses (``stats.participant_tables.participant_tables_at``,
``sql``) are tested against (``stats/tests/test_participant_sql.py``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from interventions.models import Intervention
from participants.models import Activity, Participation
from stats.participant_tables.common import Window, distinct_ends
from stats.participant_tables.overall import (
    activities_tables,
    exit_reasons_tables,
    participant_goals_at,
    target_group_tables,
)
from stats.participant_tables.per_intervention import (
    anonymous_tables,
    expected_tables,
    outcomes_tables,
    participants_tables,
    time_in_intervention_tables,
)
from stats.participant_tables.shapes import ParticipantTables
from tenancy.models import Association


def participant_tables_by_orm(
    association: Association, *, windows: Sequence[Window], ytd_start: dt.date
) -> list[ParticipantTables]:
    """``participant_tables_at`` by the ORM definitions, in 14 queries whatever the number
    of windows: each tally counts at every distinct end in one pass, each window lists its
    own interventions (``stats.participant_tables.common``)."""
    interventions = Intervention.objects.filter(association=association)
    participations = Participation.objects.filter(association=association)
    activities = Activity.objects.filter(association=association)
    ends = distinct_ends(windows)
    participants = participants_tables(
        interventions=interventions,
        participations=participations,
        windows=windows,
        ytd_start=ytd_start,
    )
    outcomes = outcomes_tables(
        interventions=interventions,
        participations=participations,
        windows=windows,
        ytd_start=ytd_start,
    )
    anonymous = anonymous_tables(
        interventions=interventions,
        participations=participations,
        windows=windows,
        ytd_start=ytd_start,
    )
    time_in_intervention = time_in_intervention_tables(
        interventions=interventions,
        participations=participations,
        windows=windows,
        ytd_start=ytd_start,
    )
    expected = expected_tables(
        interventions=interventions,
        participations=participations,
        windows=windows,
        ytd_start=ytd_start,
    )
    exit_reasons = exit_reasons_tables(
        participations=participations, ends=ends, ytd_start=ytd_start
    )
    target_group = target_group_tables(
        participations=participations, ends=ends, ytd_start=ytd_start
    )
    goals = participant_goals_at(participations=participations, ends=ends, ytd_start=ytd_start)
    activity = activities_tables(activities=activities, ends=ends, ytd_start=ytd_start)
    at_end = {end: number for number, end in enumerate(ends)}
    return [
        ParticipantTables(
            participants=participants[number],
            outcomes=outcomes[number],
            anonymous=anonymous[number],
            exit_reasons=exit_reasons[at_end[end]],
            target_group=target_group[at_end[end]],
            time_in_intervention=time_in_intervention[number],
            expected=expected[number],
            activities=activity[at_end[end]],
            goals=goals[at_end[end]],
        )
        for number, (_, end) in enumerate(windows)
    ]
