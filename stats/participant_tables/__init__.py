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
from typing import NamedTuple

from interventions.models import Aim, Kind
from participants.choices import ActivityType
from stats.participant_tables import sql
from stats.participant_tables.common import Tallies, Window, distinct_ends, ids_with, split_of
from stats.participant_tables.overall import (
    activities_of,
    activities_table,
    exit_reasons_of,
    exit_reasons_table,
    goals_of,
    participant_goals,
    target_group_of,
    target_group_table,
)
from stats.participant_tables.per_intervention import (
    anonymous_of,
    anonymous_table,
    expected_of,
    expected_table,
    outcomes_of,
    outcomes_table,
    participants_of,
    participants_table,
    time_in_intervention_of,
    time_in_intervention_table,
)
from stats.participant_tables.shapes import (
    ActivitiesTable,
    ExitReasonsTable,
    ParticipantGoals,
    ParticipantTables,
    TargetGroupTable,
)
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
    """Every participant table of the association (run inside its scope). 5 queries
    whatever the number of interventions."""
    return participant_tables_at(association, windows=[(start, end)], ytd_start=ytd_start)[0]


def participant_tables_at(
    association: Association, *, windows: Sequence[Window], ytd_start: dt.date
) -> list[ParticipantTables]:
    """``participant_tables_for`` of each window (``start``, ``end``) of the year starting
    at ``ytd_start``, in the same 5 queries whatever the number of windows and of
    interventions: each tally counts at every distinct end in one pass
    (``stats.participant_tables.sql``, the hand-compiled form of the ORM definitions the
    tests hold in ``stats/tests/participant_tables_orm.py``), each window lists its own
    interventions. The memo and the quarter-end snapshots of its year
    (``stats.year_suppression``) are computed together this way."""
    ends = distinct_ends(windows)
    found = sql.person_tallies(association.pk, ends, ytd_start)
    exits = sql.exit_reason_counts(association.pk, ends, ytd_start)
    groups = sql.target_group_counts(association.pk, ends, ytd_start)
    activity = sql.activity_counts(association.pk, ends, ytd_start)
    interventions = sql.intervention_rows(association.pk)
    at_end = {
        end: _at_end(
            number,
            found.tallies[end],
            exits=exits,
            groups=groups,
            activity=activity,
            interventions=interventions,
        )
        for number, end in enumerate(ends)
    }
    tables = []
    for start, end in windows:
        tallies, anonymous = found.tallies[end], found.anonymous[end]
        overall = at_end[end]
        personal = sql.listed_in(interventions, (start, end), set(ids_with(tallies, "active")))
        anonymous_rows = sql.listed_in(interventions, (start, end), set(anonymous))
        tables.append(
            ParticipantTables(
                participants=participants_of(tallies, personal),
                outcomes=outcomes_of(tallies, personal),
                anonymous=anonymous_of(anonymous, anonymous_rows),
                exit_reasons=overall.exit_reasons,
                target_group=overall.target_group,
                time_in_intervention=time_in_intervention_of(
                    {
                        pk: {
                            gender: (figures["days"].get(gender, 0), exits)
                            for gender, exits in figures["exited"].items()
                        }
                        for pk, figures in tallies.items()
                    },
                    personal,
                ),
                expected=expected_of(tallies, personal),
                activities=overall.activities,
                goals=overall.goals,
            )
        )
    return tables


class _Overall(NamedTuple):
    exit_reasons: ExitReasonsTable
    target_group: TargetGroupTable
    activities: ActivitiesTable
    goals: ParticipantGoals


def _at_end(
    number: int,
    tallies: Tallies,
    *,
    exits: list[tuple[str, int | None, str, list[int]]],
    groups: list[tuple[str, bool, str, str, list[int]]],
    activity: dict[str, list[tuple[int, int, int, int]]],
    interventions: list[sql.Listed],
) -> _Overall:
    """The tables over all interventions at the ``number``-th end."""
    figures = {"count": 0, "women": 0, "men": 0, "other": 0}
    for code in ActivityType.values:
        count, women, men, other = activity[code][number] if code in activity else (0, 0, 0, 0)
        figures[f"type_{code}"] = count
        figures["count"] += count
        figures["women"] += women
        figures["men"] += men
        figures["other"] += other
    work = [row.pk for row in interventions if row.kind == Kind.INDIVIDUAL and row.aim == Aim.WORK]
    prerehab = [row.pk for row in interventions if row.aim == Aim.PRE_REHABILITATION]
    return _Overall(
        exit_reasons=exit_reasons_of(
            [
                (reason, extent, gender, counts[number])
                for reason, extent, gender, counts in exits
                if counts[number]
            ]
        ),
        target_group=target_group_of(
            (gender, young, support, education, counts[number])
            for gender, young, support, education, counts in groups
        ),
        activities=activities_of(figures),
        goals=goals_of(
            {
                "exited": _total(tallies, work, "exited"),
                "to_work_or_studies": _total(tallies, work, "to_work_or_studies"),
                "active": _total(tallies, prerehab, "active"),
                "planned": _total(tallies, prerehab, "planned"),
            }
        ),
    )


def _total(tallies: Tallies, interventions: list[int], figure: str) -> int:
    return sum(split_of(tallies, pk, figure).total for pk in interventions)
