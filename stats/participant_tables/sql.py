"""The participant tables' tallies as hand-compiled SQL: the same counts as the ORM
definitions of ``overall`` and ``per_intervention`` (tested against them on generated data,
``stats/tests/test_participant_sql.py``), in 5 queries for the memo and all its snapshots
instead of 14, and without building ORM expressions (building and compiling one
conditional count per figure and end was most of the tables' CPU time).

- ``person_tallies``: one pass over the association's participations entered by the last
  end, grouped by intervention and gender, every per-intervention figure of every table at
  every end (participants, outcomes, time in intervention, expected, anonymous; the
  participant goals are sums of these over the goals' interventions);
- ``exit_reason_counts``, ``target_group_counts``, ``activity_counts``: the three tables
  over all interventions, aggregated in the database;
- ``intervention_rows``: every intervention in display order, listed per window in Python.

Every query is filtered by the association (the caller's scope does not reach raw SQL).
Written for SQLite and PostgreSQL alike; the two date expressions that differ (a number of
days, the age at entry) are chosen by the connection's vendor.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any, NamedTuple

from django.db import connection

from interventions.models import KIND_ORDER, FollowUp, Intervention
from participants.choices import ExitReason
from participants.models import Activity, Participation, Person
from stats.participant_tables.common import WORK_OR_STUDIES, YOUNG_AGE, Tallies, Window

PARTICIPATION = Participation._meta.db_table
PERSON = Person._meta.db_table
INTERVENTION = Intervention._meta.db_table
ACTIVITY = Activity._meta.db_table

#: The per-intervention figures of ``person_tallies`` (personal participations).
PERSON_FIGURES = (
    "registered",
    "exited",
    "exited_to_date",
    "ongoing",
    "active",
    "to_work_or_studies",
    "planned",
    "registered_to_date",
    # The sum of the exits' days ytd (``time_in_intervention``).
    "days",
)
#: The figures that do not change during the year for a participation that exited before
#: it (the same at every end of the year: its exit and entry are before every end).
BEFORE_FIGURES = ("exited_to_date", "registered_to_date")


def _year_figures(end: dt.date, ytd: dt.date, vendor: str) -> list[tuple[str, list[Any]]]:
    """``PERSON_FIGURES`` at ``end`` as aggregates over the participations ``p`` (with
    their intervention ``i``) that had not exited before ``ytd``, with their parameters.

    They are the ORM definitions' conditions (``per_intervention``) without what holds for
    every such participation already: an exit, if any, is on or after ``ytd``, and an exit
    by ``end`` means an entry by ``end`` (the database's ``participation_exit_after_entry``:
    no exit before the entry)."""
    reasons = ", ".join(["%s"] * len(WORK_OR_STUDIES))
    return [
        ("COUNT(*) FILTER (WHERE p.entry_date >= %s AND p.entry_date <= %s)", [ytd, end]),
        ("COUNT(*) FILTER (WHERE p.exit_date <= %s)", [end]),
        ("COUNT(*) FILTER (WHERE p.exit_date >= i.start_date AND p.exit_date <= %s)", [end]),
        (
            "COUNT(*) FILTER (WHERE p.entry_date <= %s AND (p.exit_date IS NULL "
            "OR p.exit_date > %s))",
            [end, end],
        ),
        ("COUNT(*) FILTER (WHERE p.entry_date <= %s)", [end]),
        (
            f"COUNT(*) FILTER (WHERE p.exit_date <= %s AND p.exit_reason IN ({reasons}))",
            [end, *sorted(WORK_OR_STUDIES)],
        ),
        ("COUNT(*) FILTER (WHERE p.entry_date <= %s AND p.action_plan_date <= %s)", [end, end]),
        (
            "COUNT(*) FILTER (WHERE p.entry_date >= i.start_date AND p.entry_date <= %s)",
            [end],
        ),
        (f"SUM({_days(vendor)}) FILTER (WHERE p.exit_date <= %s)", [end]),
    ]


def _days(vendor: str) -> str:
    """Days from entry to exit, as an integer."""
    if vendor == "sqlite":
        return "CAST(julianday(p.exit_date) - julianday(p.entry_date) AS INTEGER)"
    return "(p.exit_date - p.entry_date)"


def _young(vendor: str) -> str:
    """1 if the participation ``p``'s person ``pe`` was under 30 at entry, else 0: born
    after the entry date moved back 30 years, compared as (year, month, day) the way
    ``overall._age`` counts whole years (a 29 February entry moved back to a common year
    is 28 February in PostgreSQL, and born after 28 February there means born on
    1 March or later, as ``_age`` says). SQLite compares the dates as YYYYMMDD numbers."""
    if vendor == "sqlite":
        entry = "CAST(replace(p.entry_date, '-', '') AS INTEGER)"
        birth = "CAST(replace(pe.birth_date, '-', '') AS INTEGER)"
        return f"CASE WHEN {entry} - {birth} < {YOUNG_AGE * 10000} THEN 1 ELSE 0 END"
    return (
        f"CASE WHEN pe.birth_date > p.entry_date - INTERVAL '{YOUNG_AGE} years' THEN 1 ELSE 0 END"
    )


def _run(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


class PersonTallies(NamedTuple):
    """What ``person_tallies`` found at each end: the figures (``PERSON_FIGURES``) per
    intervention and gender, and the anonymous participations registered
    ytd per intervention (only those with any)."""

    tallies: dict[dt.date, Tallies]
    anonymous: dict[dt.date, dict[int, int]]


def person_tallies(
    association_id: int, ends: Sequence[dt.date], ytd_start: dt.date
) -> PersonTallies:
    """Every per-intervention figure at each of ``ends`` (ascending). One query in two
    parts: the participations that had not exited before the year, every figure at every
    end (the anonymous ones registered ytd are their ``registered``); and the personal ones
    that had (most of an association's history), the two figures they count in, once."""
    vendor = connection.vendor
    columns: list[str] = []
    params: list[Any] = []
    for end in ends:
        for column, values in _year_figures(end, ytd_start, vendor):
            columns.append(column)
            params += values
    before = [
        "COUNT(*) FILTER (WHERE p.exit_date >= i.start_date)",
        "COUNT(*) FILTER (WHERE p.entry_date >= i.start_date)",
        *["NULL"] * (len(columns) - len(BEFORE_FIGURES)),
    ]
    participations = (
        f"FROM {PARTICIPATION} p INNER JOIN {INTERVENTION} i ON i.id = p.intervention_id "
        "WHERE p.association_id = %s AND p.entry_date <= %s AND p.exit_reason <> %s"
    )
    where = [association_id, ends[-1], ExitReason.MISTAKE.value]
    sql = (
        "SELECT p.intervention_id, p.gender, p.person_id IS NULL, 0, "
        f"{', '.join(columns)} {participations} "
        "AND (p.exit_date IS NULL OR p.exit_date >= %s) "
        "GROUP BY p.intervention_id, p.gender, p.person_id IS NULL "
        "UNION ALL "
        f"SELECT p.intervention_id, p.gender, p.person_id IS NULL, 1, {', '.join(before)} "
        f"{participations} AND p.person_id IS NOT NULL AND p.exit_date < %s "
        "GROUP BY p.intervention_id, p.gender, p.person_id IS NULL"
    )
    rows = _run(sql, [*params, *where, ytd_start, *where, ytd_start])
    width = len(PERSON_FIGURES)
    tallies: dict[dt.date, Tallies] = {end: defaultdict(lambda: defaultdict(dict)) for end in ends}
    anonymous: dict[dt.date, dict[int, int]] = {end: {} for end in ends}
    for intervention_id, gender, is_anonymous, part, *figures in rows:
        for number, end in enumerate(ends):
            if part:
                by_name = tallies[end][intervention_id]
                for name, value in zip(BEFORE_FIGURES, figures, strict=False):
                    by_name[name][gender] = by_name[name].get(gender, 0) + value
            elif is_anonymous:
                if registered := figures[number * width]:
                    counts = anonymous[end]
                    counts[intervention_id] = counts.get(intervention_id, 0) + registered
            else:
                by_name = tallies[end][intervention_id]
                found = figures[number * width : (number + 1) * width]
                for name, value in zip(PERSON_FIGURES, found, strict=True):
                    by_name[name][gender] = by_name[name].get(gender, 0) + (value or 0)
    return PersonTallies(tallies, anonymous)


def exit_reason_counts(
    association_id: int, ends: Sequence[dt.date], ytd_start: dt.date
) -> list[tuple[str, int | None, str, list[int]]]:
    """Exits ytd of personal participations by reason, work extent and gender: the count at
    each of ``ends`` (ascending). One query."""
    columns = ", ".join(
        ["COUNT(*) FILTER (WHERE p.entry_date <= %s AND p.exit_date <= %s)"] * len(ends)
    )
    sql = (
        f"SELECT p.exit_reason, p.work_extent, p.gender, {columns} FROM {PARTICIPATION} p "  # noqa: S608 - fixed SQL of this module, values as parameters
        "WHERE p.association_id = %s AND p.person_id IS NOT NULL AND p.entry_date <= %s "
        "AND p.exit_reason <> %s AND p.exit_date >= %s AND p.exit_date <= %s "
        "GROUP BY p.exit_reason, p.work_extent, p.gender"
    )
    params: list[Any] = [day for end in ends for day in (end, end)]
    params += [association_id, ends[-1], ExitReason.MISTAKE.value, ytd_start, ends[-1]]
    return [
        (reason, extent, gender, list(counts))
        for reason, extent, gender, *counts in _run(sql, params)
    ]


def target_group_counts(
    association_id: int, ends: Sequence[dt.date], ytd_start: dt.date
) -> list[tuple[str, bool, str, str, list[int]]]:
    """Personal participations active ytd by gender, under 30 at entry or not, time in
    public support and education: the count at each of ``ends`` (ascending). One query."""
    young = _young(connection.vendor)
    columns = ", ".join(["COUNT(*) FILTER (WHERE p.entry_date <= %s)"] * len(ends))
    # The person is always the participation's association's; saying so lets PostgreSQL
    # read only that association's persons (as ``overall.target_group_tables``).
    sql = (
        f"SELECT p.gender, {young}, p.public_support_time, p.education, {columns} "  # noqa: S608 - fixed SQL of this module, values as parameters
        f"FROM {PARTICIPATION} p INNER JOIN {PERSON} pe ON pe.id = p.person_id "
        "AND pe.association_id = p.association_id "
        "WHERE p.association_id = %s AND p.entry_date <= %s AND p.exit_reason <> %s "
        "AND (p.exit_date IS NULL OR p.exit_date >= %s) "
        f"GROUP BY p.gender, {young}, p.public_support_time, p.education"
    )
    params = [*ends, association_id, ends[-1], ExitReason.MISTAKE.value, ytd_start]
    return [
        (gender, bool(is_young), support, education, list(counts))
        for gender, is_young, support, education, *counts in _run(sql, params)
    ]


def activity_counts(
    association_id: int, ends: Sequence[dt.date], ytd_start: dt.date
) -> dict[str, list[tuple[int, int, int, int]]]:
    """Activities ytd by type: (number, women, men, other) at each of ``ends``. One query."""
    columns = ", ".join(
        [
            "COUNT(*) FILTER (WHERE a.date <= %s), "
            "SUM(a.women) FILTER (WHERE a.date <= %s), "
            "SUM(a.men) FILTER (WHERE a.date <= %s), "
            "SUM(a.other) FILTER (WHERE a.date <= %s)"
        ]
        * len(ends)
    )
    sql = (
        f"SELECT a.kind, {columns} FROM {ACTIVITY} a "  # noqa: S608 - fixed SQL of this module, values as parameters
        "WHERE a.association_id = %s AND a.date >= %s AND a.date <= %s GROUP BY a.kind"
    )
    params: list[Any] = [end for end in ends for _ in range(4)]
    params += [association_id, ytd_start, ends[-1]]
    return {
        kind: [
            (
                figures[4 * n],
                figures[4 * n + 1] or 0,
                figures[4 * n + 2] or 0,
                figures[4 * n + 3] or 0,
            )
            for n in range(len(ends))
        ]
        for kind, *figures in _run(sql, params)
    }


class Listed(NamedTuple):
    """An intervention as the tables list it."""

    pk: int
    code: str
    kind: str
    aim: str
    follow_up: str
    start_date: dt.date
    end_date: dt.date | None
    expected_participants: int | None


def intervention_rows(association_id: int) -> list[Listed]:
    """Every intervention of the association in display order (``in_display_order``:
    kind, name, code). One query."""
    rank = " ".join(f"WHEN %s THEN {number}" for number in range(len(KIND_ORDER)))
    sql = (
        "SELECT i.id, i.code, i.kind, i.aim, i.follow_up, i.start_date, i.end_date, "  # noqa: S608 - fixed SQL of this module, values as parameters
        f"i.expected_participants FROM {INTERVENTION} i WHERE i.association_id = %s "
        f"ORDER BY CASE i.kind {rank} END, i.name, i.code"
    )
    rows = _run(sql, [association_id, *(kind.value for kind in KIND_ORDER)])
    return [Listed(*row) for row in rows]


def listed_in(rows: Sequence[Listed], window: Window, with_data: set[int]) -> list[Listed]:
    """The rows of ``window``: interventions with personal data active in it, and those
    with data (``common.listed_at``'s rule)."""
    start, end = window
    return [
        row
        for row in rows
        if (
            row.follow_up == FollowUp.PERSONAL_DATA
            and row.start_date <= end
            and (row.end_date is None or row.end_date >= start)
        )
        or row.pk in with_data
    ]
