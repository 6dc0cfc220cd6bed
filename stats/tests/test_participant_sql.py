"""The participant tables from the hand-compiled queries (``participant_tables_at``,
``stats.participant_tables.sql``) equal the ORM definitions
(``participant_tables_orm.participant_tables_by_orm``), every field compared (the counts behind the
shares too), on generated associations: entries, exits (felregistrering included),
action plans, anonymous participations, interventions and activities on and next to every
quarter end, ages at entry on and next to the 30th birthday (29 February births and
entries too), next to another association's data."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given, settings
from hypothesis import strategies as st

from interventions.models import Aim, FollowUp, Kind
from participants.choices import ActivityType, Education, ExitReason, Gender, PublicSupportTime
from stats.participant_tables import participant_tables_at
from stats.periods import Period
from stats.tests.participant_tables_orm import participant_tables_by_orm
from stats.tests.test_participant_snapshots import (
    DAYS,
    YEAR,
    _windows,
    _world,
    activity_st,
    intervention_st,
)
from tenancy.models import Association

pytestmark = pytest.mark.django_db
D = dt.date

#: Entries: the quarter ends' neighbours, and days next to a 30th birthday below.
ENTRIES = sorted(
    {*DAYS, D(2024, 2, 29), D(2022, 2, 28), D(2022, 3, 1), D(YEAR, 2, 28), D(YEAR, 3, 1)}
)
#: Births whose 30th birthday is on or next to an entry day (29 February included).
BIRTHS = [
    D(1994, 2, 28),
    D(1994, 3, 1),
    D(1992, 2, 29),
    D(1995, 2, 28),
    D(1995, 3, 1),
    D(1995, 3, 2),
    D(1994, 12, 31),
    D(1995, 1, 1),
    D(1960, 1, 1),
]

participation_st = st.fixed_dictionaries(
    {
        "intervention": st.integers(0, 3),
        "gender": st.sampled_from([Gender.WOMAN, Gender.MAN, Gender.OTHER]),
        "born": st.sampled_from(BIRTHS),
        "entry": st.sampled_from(ENTRIES),
        "stay": st.sampled_from([None, 0, 1, 30, 92, 200, 800]),
        "reason": st.sampled_from(ExitReason.values),
        "plan": st.sampled_from([None, 0, 1, 60]),
        "education": st.sampled_from(["", *Education.values]),
        "support": st.sampled_from(["", *PublicSupportTime.values]),
        "anonymous": st.booleans(),
    }
)
world_st = st.tuples(
    st.lists(intervention_st, min_size=1, max_size=4),
    st.lists(participation_st, max_size=16),
    st.lists(activity_st, max_size=4),
)


def _tables(function: Any, association: Association, windows: list[Any]) -> list[Any]:
    ytd_start = windows[0][0].replace(month=1, day=1)
    return [
        asdict(tables) for tables in function(association, windows=windows, ytd_start=ytd_start)
    ]


@settings(max_examples=30, deadline=None)
@given(world_st, world_st)
def test_participant_tables_at_property_equal_orm_definitions(
    world: tuple[Any, Any, Any], other: tuple[Any, Any, Any]
) -> None:
    association = _world(*world)
    _world(*other)  # another association's rows, counted by neither
    windows = _windows(YEAR)

    hand_compiled = _tables(participant_tables_at, association, windows)

    assert hand_compiled == _tables(participant_tables_by_orm, association, windows)


def test_participant_tables_at_ages_on_30th_birthday_equal_orm_definitions() -> None:
    participations = [
        {
            "intervention": 0,
            "gender": Gender.WOMAN,
            "born": born,
            "entry": entry,
            "stay": None,
            "reason": "",
            "plan": None,
            "education": "",
            "support": "",
            "anonymous": False,
        }
        for born in BIRTHS
        for entry in (D(2024, 2, 29), D(2022, 2, 28), D(2022, 3, 1), D(YEAR, 2, 28))
    ]
    interventions = [
        {
            "start": D(2020, 1, 1),
            "days": None,
            "kind_aim": (Kind.INDIVIDUAL, Aim.WORK),
            "follow_up": FollowUp.PERSONAL_DATA,
            "expected": None,
        }
    ]
    association = _world(interventions, participations, [])
    windows = _windows(YEAR)

    hand_compiled = _tables(participant_tables_at, association, windows)

    assert (hand_compiled[-1]["target_group"]["counts"]["under_30"]["total"], hand_compiled) == (
        23,
        _tables(participant_tables_by_orm, association, windows),
    )


@pytest.mark.parametrize("interventions", [1, 6])
def test_participant_tables_at_five_queries_whatever_interventions(interventions: int) -> None:
    made = [
        {
            "start": D(YEAR - 1, 1, 1),
            "days": None,
            "kind_aim": (Kind.INDIVIDUAL, Aim.WORK),
            "follow_up": FollowUp.PERSONAL_DATA,
            "expected": 5,
        }
    ] * interventions
    participations = [
        {
            "intervention": number,
            "gender": Gender.MAN,
            "born": D(1990, 1, 1),
            "entry": D(YEAR, 2, 1),
            "stay": 30,
            "reason": ExitReason.STUDIES,
            "plan": 1,
            "education": "",
            "support": "",
            "anonymous": number % 2 == 1,
        }
        for number in range(interventions)
    ]
    association = _world(made, participations, [(D(YEAR, 5, 5), ActivityType.values[0], 2)])
    period = Period.parse(f"{YEAR}H2")

    with CaptureQueriesContext(connection) as queries:
        participant_tables_at(association, windows=_windows(YEAR), ytd_start=period.ytd_start)

    assert len(queries) == 5
