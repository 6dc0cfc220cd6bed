"""The participant tables of several windows of a year in one pass
(``participant_tables_at``, used by the memo for its own tables and the quarter-end
snapshots of ``stats.year_suppression``) equal the tables computed once per window
(``participant_tables_for``), every field compared (the counts behind the shares too),
on generated data with entries, exits, action plans, interventions and activities on and
around the quarter ends, and on the demo associations."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given, settings
from hypothesis import strategies as st

from interventions.models import Aim, FollowUp, Intervention, Kind
from participants.choices import (
    WORK_REASONS,
    ActivityType,
    Education,
    ExitReason,
    Gender,
    PublicSupportTime,
)
from participants.models import Activity
from stats.participant_tables import participant_tables_at, participant_tables_for
from stats.periods import Period
from stats.tests.participant_tables_orm import participant_tables_by_orm
from stats.tests.participations import anonymous, join
from stats.year_suppression import snapshot_ends, year_windows
from tenancy.models import Association
from testing.factories import AssociationFactory, InterventionFactory

pytestmark = pytest.mark.django_db
D = dt.date
YEAR = 2025


def _boundary_days() -> list[dt.date]:
    """The days on and next to every quarter end of the year (and the year before's)."""
    ends = [D(YEAR - 1, 12, 31)] + [snapshot_ends(Period.parse(f"{YEAR}"))[q] for q in range(4)]
    days = {end + dt.timedelta(days=offset) for end in ends for offset in (-1, 0, 1)}
    return sorted(days | {D(YEAR - 1, 6, 15), D(YEAR, 2, 14), D(YEAR, 8, 1), D(YEAR + 1, 2, 1)})


DAYS = _boundary_days()
day = st.sampled_from(DAYS)
gender = st.sampled_from([Gender.WOMAN, Gender.MAN, Gender.OTHER])
reason = st.sampled_from(ExitReason.values)

intervention_st = st.fixed_dictionaries(
    {
        "start": day,
        "days": st.sampled_from([None, 0, 1, 90, 180, 400]),
        "kind_aim": st.sampled_from(
            [
                (Kind.INDIVIDUAL, Aim.WORK),
                (Kind.INDIVIDUAL, Aim.PRE_REHABILITATION),
                (Kind.STRUCTURAL, ""),
            ]
        ),
        "follow_up": st.sampled_from([FollowUp.PERSONAL_DATA, FollowUp.COUNTS]),
        "expected": st.sampled_from([None, 10]),
    }
)
participation_st = st.fixed_dictionaries(
    {
        "intervention": st.integers(0, 3),
        "gender": gender,
        "born": st.sampled_from([D(1960, 1, 1), D(1995, 7, 1), D(2000, 3, 31)]),
        "entry": day,
        "stay": st.sampled_from([None, 0, 1, 30, 92, 200]),
        "reason": reason,
        "plan": st.sampled_from([None, 0, 1, 60]),
        "education": st.sampled_from(["", *Education.values]),
        "support": st.sampled_from(["", *PublicSupportTime.values]),
        "anonymous": st.booleans(),
    }
)
activity_st = st.tuples(day, st.sampled_from(ActivityType.values), st.integers(0, 3))


def _world(
    interventions: list[dict[str, Any]],
    participations: list[dict[str, Any]],
    activities: list[tuple[dt.date, str, int]],
) -> Association:
    """A new association with the drawn rows (exits and plans as days after the entry)."""
    association = AssociationFactory.create()
    made: list[Intervention] = [
        InterventionFactory.create(
            association=association,
            start_date=each["start"],
            end_date=None
            if each["days"] is None
            else each["start"] + dt.timedelta(days=each["days"]),
            kind=each["kind_aim"][0],
            aim=each["kind_aim"][1],
            follow_up=each["follow_up"],
            expected_participants=each["expected"],
        )
        for each in interventions
    ]
    for each in participations:
        intervention = made[each["intervention"] % len(made)]
        if each["anonymous"]:
            anonymous(intervention, each["gender"], each["entry"])
            continue
        exit_date = (
            None if each["stay"] is None else each["entry"] + dt.timedelta(days=each["stay"])
        )
        exit_reason = each["reason"] if exit_date is not None else ""
        join(
            intervention,
            each["gender"],
            each["born"],
            each["entry"],
            exit_date,
            exit_reason,
            extent=50 if exit_reason in WORK_REASONS else None,
            plan=None if each["plan"] is None else each["entry"] + dt.timedelta(days=each["plan"]),
            education=each["education"],
            support=each["support"],
        )
    for number, (when, kind, attendees) in enumerate(activities):
        Activity.objects.create(
            association=association,
            date=when,
            title=f"Aktivitet {number}",
            kind=kind,
            women=attendees,
            men=attendees + 1,
            other=attendees % 2,
        )
    return association


def _windows(year: int) -> list[tuple[dt.date, dt.date]]:
    """Every window a memo of ``year`` computes: its own, and the year's snapshots."""
    periods = [Period.parse(f"{year}{part}") for part in ("Q1", "Q2", "Q3", "Q4", "H1", "H2", "")]
    windows = [(period.start, period.end) for period in periods]
    return windows + year_windows(periods[-1], snapshot_ends(periods[-1]))


def _each_alone(association: Association, windows: list[tuple[dt.date, dt.date]]) -> list[Any]:
    ytd_start = windows[0][0].replace(month=1, day=1)
    return [
        asdict(participant_tables_for(association, start=start, end=end, ytd_start=ytd_start))
        for start, end in windows
    ]


def _one_pass(association: Association, windows: list[tuple[dt.date, dt.date]]) -> list[Any]:
    ytd_start = windows[0][0].replace(month=1, day=1)
    return [
        asdict(tables)
        for tables in participant_tables_at(association, windows=windows, ytd_start=ytd_start)
    ]


@settings(max_examples=25, deadline=None)
@given(
    st.lists(intervention_st, min_size=1, max_size=4),
    st.lists(participation_st, max_size=14),
    st.lists(activity_st, max_size=4),
)
def test_participant_tables_at_property_equal_each_window_computed_alone(
    interventions: list[dict[str, Any]],
    participations: list[dict[str, Any]],
    activities: list[tuple[dt.date, str, int]],
) -> None:
    association = _world(interventions, participations, activities)
    windows = _windows(YEAR)

    together = _one_pass(association, windows)

    assert together == _each_alone(association, windows)


def test_participant_tables_at_memo_and_snapshots_in_5_queries() -> None:
    participations = [
        {
            "intervention": number,
            "gender": Gender.WOMAN,
            "born": D(1990, 1, 1),
            "entry": DAYS[number * 3],
            "stay": 30,
            "reason": ExitReason.STUDIES,
            "plan": 1,
            "education": "",
            "support": "",
            "anonymous": False,
        }
        for number in range(3)
    ]
    interventions = [
        {
            "start": D(YEAR - 1, 1, 1),
            "days": None,
            "kind_aim": (Kind.INDIVIDUAL, Aim.WORK),
            "follow_up": FollowUp.PERSONAL_DATA,
            "expected": 5,
        }
    ] * 3
    association = _world(
        interventions, participations, [(D(YEAR, 5, 5), ActivityType.values[0], 2)]
    )
    period = Period.parse("2025H2")
    windows = [(period.start, period.end), *year_windows(period, snapshot_ends(period))]

    with CaptureQueriesContext(connection) as queries:
        result = participant_tables_at(association, windows=windows, ytd_start=period.ytd_start)

    assert (len(queries), len(result)) == (5, 5)


def test_participant_tables_at_demo_associations_equal_each_window_alone() -> None:
    from demo.loader import load_demo

    load_demo()
    differing = []
    for association in Association.objects.filter(slug__in=["exempel", "norr"]).order_by("slug"):
        for year in (2025, 2026):
            windows = _windows(year)
            together = _one_pass(association, windows)
            if together != _each_alone(association, windows) or together != [
                asdict(tables)
                for tables in participant_tables_by_orm(
                    association, windows=windows, ytd_start=windows[0][0].replace(month=1, day=1)
                )
            ]:
                differing.append((association.slug, year))

    assert (Association.objects.filter(slug__in=["exempel", "norr"]).count(), differing) == (2, [])
