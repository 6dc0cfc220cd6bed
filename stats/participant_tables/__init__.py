"""Participant statistics of the semi-annual memo (spec/reports.md sections 9-16 and the
participant part of 17), for every intervention at once.

Windows (dates given by the caller; see ``stats.periods`` for how a period gives them):
``start``..``end`` is the period, ``ytd_start``..``end`` the year to date. A participation
is *registered* in a window if its entry date is in it, *exited* if its exit date is in it,
*ongoing* at a date D if entry <= D and (no exit or exit > D), *active* in a window if
entry <= window end and (no exit or exit >= window start).

Rules common to every table:

- Participations with exit reason ``felregistrering`` are left out of everything.
- Anonymous participations (no person) count only in the ``anonymous`` table; the others
  use participations with personal data only. ``expected`` follows the same rule: its
  "participations registered from start to E" are personal ones.
- G is women, men and total, where total includes ``annat``.
- A share is numerator / denominator x 100 rounded half up to a whole percent, ``None``
  when the denominator is 0. A mean of days is rounded half up to one decimal (a float),
  ``None`` when nothing was averaged.
- Intervention rows: interventions followed up with personal data that are active in the
  period (start <= ``end`` and no end or end >= ``start``), plus any intervention with data
  (for the personal tables: a personal participation active ytd; for ``anonymous``: an
  anonymous participation registered ytd), in display order (kind, then name). A total row
  is the sum of the rows.
- ``exit_reasons`` lists every exit reason of the closed list except felregistrering, in
  the list's order, zeros included; ``work_extent`` only the extents that occur, ascending.
  ``target_group`` lists every education level, ``activities`` every activity type.
- ``target_group`` counts participations, not persons; age at entry is whole years from the
  person's birth date to the entry date (under 30: age < 30, so the 30th birthday on the
  entry day is not under 30). Participations without an education level count in no level.
- ``expected`` is ``None`` for an intervention without an expected number.
- ``goals`` holds the participant outcomes of ``association_goals`` only (no targets, no
  ``met``); the activities goal is ``activities.count``.

Shares are rounded by ``shapes.share`` (a local copy until the rounding is unified with
``stats.periods.round_half_up``). Pure functions over querysets (the caller opens the
association's scope and passes the association's rows); the number of queries does not
depend on the number of interventions.
The dataclasses mirror the JSON contract: ``dataclasses.asdict`` gives its shape.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from interventions.models import Intervention
from participants.models import Activity, Participation
from stats.participant_tables.common import Window, distinct_ends
from stats.participant_tables.overall import (
    activities_table,
    activities_tables,
    exit_reasons_table,
    exit_reasons_tables,
    participant_goals,
    participant_goals_at,
    target_group_table,
    target_group_tables,
)
from stats.participant_tables.per_intervention import (
    anonymous_table,
    anonymous_tables,
    expected_table,
    expected_tables,
    outcomes_table,
    outcomes_tables,
    participants_table,
    participants_tables,
    time_in_intervention_table,
    time_in_intervention_tables,
)
from stats.participant_tables.shapes import ParticipantTables
from tenancy.models import Association

__all__ = [
    "Window",
    "activities_table",
    "anonymous_table",
    "exit_reasons_table",
    "expected_table",
    "outcomes_table",
    "participant_goals",
    "participant_tables_at",
    "participant_tables_for",
    "participants_table",
    "target_group_table",
    "time_in_intervention_table",
]


def participant_tables_for(
    association: Association, *, start: dt.date, end: dt.date, ytd_start: dt.date
) -> ParticipantTables:
    """Every participant table of the association (run inside its scope). 14 queries
    whatever the number of interventions."""
    return participant_tables_at(association, windows=[(start, end)], ytd_start=ytd_start)[0]


def participant_tables_at(
    association: Association, *, windows: Sequence[Window], ytd_start: dt.date
) -> list[ParticipantTables]:
    """``participant_tables_for`` of each window (``start``, ``end``) of the year starting
    at ``ytd_start``, in the same 14 queries whatever the number of windows: each tally
    counts at every distinct end in one pass, each window lists its own interventions
    (``stats.participant_tables.common``). The memo and the quarter-end snapshots of its
    year (``stats.year_suppression``) are computed together this way."""
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
