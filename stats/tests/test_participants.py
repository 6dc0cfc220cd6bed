"""Participant tables of the memo (spec/reports.md sections 9-17), computed by hand for a
small world.

The report is 2024Q3: period 2024-07-01..2024-09-30, ytd 2024-01-01..2024-09-30 (E).

| who  | interv. | gender | born       | entry      | exit       | reason            | plan       |
|------|---------|--------|------------|------------|------------|-------------------|------------|
| W1   | A       | woman  | 1990-03-14 | 2023-05-01 | -          |                   | 2023-06-01 |
| W2   | A       | woman  | 2000-01-01 | 2024-01-01 | 2024-09-30 | work unsub. 100 % | 2024-02-01 |
| M1   | A       | man    | 1985-07-02 | 2023-11-01 | 2024-01-01 | studies           | -          |
| M2   | A       | man    | 1995-10-01 | 2024-03-01 | 2024-10-01 | job-seeking       | 2024-10-15 |
| O1   | A       | annat  | 1998-05-05 | 2024-02-01 | 2024-04-01 | work subs. 50 %   | 2024-02-15 |
| M3   | A       | man    | 1970-01-01 | 2024-04-01 | 2024-06-15 | job-seeking       | -          |
| OLD  | A       | man    | 1980-01-01 | 2022-03-01 | 2023-06-30 | illness           | -          |
| FEL  | A       | woman  | 1992-02-02 | 2024-02-01 | 2024-02-02 | felregistrering   | 2024-02-01 |
| LATE | A       | woman  | 1991-01-01 | 2024-10-05 | -          |                   | -          |
| W4   | C       | woman  | 2004-06-01 | 2024-02-01 | -          |                   | 2024-03-01 |
| M4   | C       | man    | 1960-02-02 | 2024-05-01 | 2024-08-31 | continued rehab.  | -          |
| DM   | D       | man    | 1993-06-01 | 2023-06-01 | -          |                   | -          |
| EM   | E       | man    | 1975-01-01 | 2022-01-10 | 2023-03-01 | moved             | -          |

A, B: individual, work-directed (2022-2024); C: individual, pre-rehabilitation (from
2024, no expected number); D "Arbetsplatsnätverk": structural, ended 2023-12-31 but DM is
still ongoing; E: ended 2023-06-30, nothing active ytd; V: count-only. Anonymous: A woman
2024-08-01, annat 2024-03-01, man 2023-12-31, woman 2024-10-01; C man 2024-05-05.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import pytest
from django.db.models import QuerySet
from django_scopes import scope

from interventions.models import Aim, Intervention, InterventionQuerySet, Kind
from participants.choices import Education, ExitReason, Gender, PublicSupportTime
from participants.models import Activity, Participation
from stats.participant_tables import (
    activities_table,
    anonymous_table,
    exit_reasons_table,
    expected_table,
    outcomes_table,
    participant_goals,
    participant_tables_for,
    participants_table,
    target_group_table,
    time_in_intervention_table,
)
from stats.participant_tables.shapes import (
    ActivitiesTable,
    AnonymousRow,
    AnonymousTable,
    ExitGroups,
    ExitReasonsTable,
    ExpectedRow,
    ExpectedTable,
    ExtentRow,
    MeanSplit,
    OutcomesFigures,
    OutcomesRow,
    OutcomesTable,
    ParticipantGoals,
    ParticipantsFigures,
    ParticipantsRow,
    ParticipantsTable,
    ReasonRow,
    ShareSplit,
    Split,
    TargetGroupShares,
    TargetGroupTable,
    TimeInInterventionTable,
    TimeRow,
)
from stats.tests.participations import anonymous, join
from testing.factories import CountedInterventionFactory, InterventionFactory
from testing.personas import World

pytestmark = pytest.mark.django_db
D = dt.date
START, END, YTD_START = D(2024, 7, 1), D(2024, 9, 30), D(2024, 1, 1)
WINDOWS = {"start": START, "end": END, "ytd_start": YTD_START}
YTD = {"end": END, "ytd_start": YTD_START}
T = TypeVar("T")
WOMAN, MAN, OTHER = Gender.WOMAN, Gender.MAN, Gender.OTHER
R, E, S = ExitReason, Education, PublicSupportTime
#: The people of the module docstring: who -> (intervention, gender, born, entry, exit,
#: reason), in the order they are registered.
PEOPLE: dict[str, tuple[Any, ...]] = {
    "W1": ("A", WOMAN, D(1990, 3, 14), D(2023, 5, 1)),
    "W2": ("A", WOMAN, D(2000, 1, 1), D(2024, 1, 1), D(2024, 9, 30), R.WORK_UNSUBSIDISED),
    "M1": ("A", MAN, D(1985, 7, 2), D(2023, 11, 1), D(2024, 1, 1), R.STUDIES),
    "M2": ("A", MAN, D(1995, 10, 1), D(2024, 3, 1), D(2024, 10, 1), R.JOB_SEEKING),
    "O1": ("A", OTHER, D(1998, 5, 5), D(2024, 2, 1), D(2024, 4, 1), R.WORK_SUBSIDISED),
    "M3": ("A", MAN, D(1970, 1, 1), D(2024, 4, 1), D(2024, 6, 15), R.JOB_SEEKING),
    "OLD": ("A", MAN, D(1980, 1, 1), D(2022, 3, 1), D(2023, 6, 30), R.ILLNESS),
    "FEL": ("A", WOMAN, D(1992, 2, 2), D(2024, 2, 1), D(2024, 2, 2), R.MISTAKE),
    "LATE": ("A", WOMAN, D(1991, 1, 1), D(2024, 10, 5)),
    "W4": ("C", WOMAN, D(2004, 6, 1), D(2024, 2, 1)),
    "M4": ("C", MAN, D(1960, 2, 2), D(2024, 5, 1), D(2024, 8, 31), R.CONTINUED_REHABILITATION),
    "DM": ("D", MAN, D(1993, 6, 1), D(2023, 6, 1)),
    "EM": ("E", MAN, D(1975, 1, 1), D(2022, 1, 10), D(2023, 3, 1), R.MOVED),
}
#: Their work extent, action plan, education and time on public support, where given.
DETAILS: dict[str, dict[str, Any]] = {
    "W1": {"plan": D(2023, 6, 1), "education": E.UPPER_SECONDARY, "support": S.Y3_6},
    "W2": {"extent": 100, "plan": D(2024, 2, 1), "education": E.COMPULSORY, "support": S.Y6_9},
    "M1": {"education": E.POST_SECONDARY, "support": S.UNDER_1},
    "M2": {"plan": D(2024, 10, 15), "education": E.UPPER_SECONDARY, "support": S.Y9_PLUS},
    "O1": {"extent": 50, "plan": D(2024, 2, 15)},
    "M3": {"education": E.UNKNOWN, "support": S.NONE},
    "FEL": {"plan": D(2024, 2, 1), "education": E.NONE, "support": S.Y9_PLUS},
    "LATE": {"education": E.NONE},
    "W4": {"plan": D(2024, 3, 1), "education": E.NONE, "support": S.Y1_3},
    "M4": {"education": E.COMPULSORY, "support": S.Y3_6},
    "DM": {"education": E.UPPER_SECONDARY},
}


def activity(world: World, day: dt.date, kind: str, women: int, men: int, other: int) -> None:
    Activity.objects.create(
        association=world.association,
        date=day,
        title=f"Aktivitet {day} {kind}",
        kind=kind,
        women=women,
        men=men,
        other=other,
    )


@dataclass
class Memo:
    world: World
    a: Intervention
    b: Intervention
    c: Intervention
    d: Intervention

    @property
    def interventions(self) -> InterventionQuerySet:
        return Intervention.objects.filter(association=self.world.association)

    @property
    def participations(self) -> QuerySet[Participation]:
        return Participation.objects.filter(association=self.world.association)

    def table(self, compute: Callable[..., T]) -> T:
        """``compute`` over the memo's interventions and participations in the report's
        windows."""
        return compute(
            interventions=self.interventions, participations=self.participations, **WINDOWS
        )


@pytest.fixture
def memo(world: World) -> Memo:
    a, b = world.intervention_a, world.intervention_b
    c = InterventionFactory.create(
        association=world.association,
        code="C",
        name="Insats C",
        aim=Aim.PRE_REHABILITATION,
        start_date=D(2024, 1, 1),
        end_date=None,
        expected_participants=None,
    )
    d = InterventionFactory.create(
        association=world.association,
        code="D",
        name="Arbetsplatsnätverk",
        kind=Kind.STRUCTURAL,
        aim="",
        start_date=D(2021, 1, 1),
        end_date=D(2023, 12, 31),
        expected_participants=10,
    )
    e = InterventionFactory.create(
        association=world.association,
        code="E",
        name="Insats E",
        start_date=D(2021, 1, 1),
        end_date=D(2023, 6, 30),
    )
    CountedInterventionFactory.create(
        association=world.association,
        code="V",
        name="Volym",
        start_date=D(2024, 1, 1),
        end_date=None,
    )
    where = {"A": a, "C": c, "D": d, "E": e}
    for who, (code, *joined) in PEOPLE.items():
        join(where[code], *joined, **DETAILS.get(who, {}))
    # Anonymous
    anonymous(a, WOMAN, D(2024, 8, 1))
    anonymous(a, OTHER, D(2024, 3, 1))
    anonymous(a, MAN, D(2023, 12, 31))
    anonymous(a, WOMAN, D(2024, 10, 1))
    anonymous(c, MAN, D(2024, 5, 5))
    # Another association's participations never count.
    join(world.other_intervention, WOMAN, D(1990, 1, 1), D(2024, 2, 1), D(2024, 3, 1), R.STUDIES)
    anonymous(world.other_intervention, WOMAN, D(2024, 2, 1))
    return Memo(world, a, b, c, d)


def test_participants_table_hand_computed(memo: Memo) -> None:
    result = memo.table(participants_table)

    zero = Split()
    assert result == ParticipantsTable(
        rows=[
            ParticipantsRow("A", Split(1, 2, 4), Split(1, 2, 4), Split(1, 3, 5), Split(1, 1, 2)),
            ParticipantsRow("B", zero, zero, zero, zero),
            ParticipantsRow("C", Split(1, 1, 2), Split(0, 1, 1), Split(0, 1, 1), Split(1, 0, 1)),
            ParticipantsRow("D", zero, zero, zero, Split(0, 1, 1)),
        ],
        total=ParticipantsFigures(Split(2, 3, 6), Split(1, 3, 5), Split(1, 4, 6), Split(2, 2, 4)),
    )


def test_outcomes_table_hand_computed(memo: Memo) -> None:
    result = memo.table(outcomes_table)

    empty = ShareSplit(None, None, None)
    assert result == OutcomesTable(
        rows=[
            OutcomesRow("A", Split(1, 1, 3), ShareSplit(100, 50, 75), 50),
            OutcomesRow("B", Split(), empty, None),
            OutcomesRow("C", Split(), ShareSplit(None, 0, 0), 50),
            OutcomesRow("D", Split(), empty, 0),
        ],
        total=OutcomesFigures(Split(1, 1, 3), ShareSplit(100, 33, 60), 44),
    )


def test_anonymous_table_hand_computed(memo: Memo) -> None:
    result = memo.table(anonymous_table)

    assert result == AnonymousTable(
        rows=[AnonymousRow("A", 2), AnonymousRow("B", 0), AnonymousRow("C", 1)], total=3
    )


def test_exit_reasons_table_hand_computed(memo: Memo) -> None:
    result = exit_reasons_table(participations=memo.participations, **YTD)

    counts: dict[str, Split] = {
        ExitReason.WORK_UNSUBSIDISED: Split(1, 0, 1),
        ExitReason.WORK_SUBSIDISED: Split(0, 0, 1),
        ExitReason.STUDIES: Split(0, 1, 1),
        ExitReason.JOB_SEEKING: Split(0, 1, 1),
        ExitReason.CONTINUED_REHABILITATION: Split(0, 1, 1),
    }
    assert result == ExitReasonsTable(
        rows=[
            ReasonRow(reason, counts.get(reason, Split()))
            for reason in [
                "arbete_osubventionerat",
                "arbete_subventionerat",
                "eget_foretag",
                "studier",
                "arbetssokande",
                "fortsatt_rehabilitering",
                "sjukdom",
                "foraldraledighet",
                "flytt",
                "avbrott",
                "ovrigt",
            ]
        ],
        work_extent=[ExtentRow(50, Split(0, 0, 1)), ExtentRow(100, Split(1, 0, 1))],
        groups=ExitGroups(
            work=Split(1, 0, 2),
            studies=Split(0, 1, 1),
            work_or_studies=Split(1, 1, 3),
            job_seeking=Split(0, 1, 1),
            work_studies_job_seeking=Split(1, 2, 4),
            other=Split(0, 1, 1),
            all=Split(1, 3, 5),
        ),
    )


def test_target_group_table_hand_computed(memo: Memo) -> None:
    result = target_group_table(participations=memo.participations, **YTD)

    # Active ytd: women W1 W2 W4, men M1 M2 M3 M4 DM, annat O1. DM turned 30 on entry.
    assert result == TargetGroupTable(
        active=Split(3, 5, 9),
        shares=TargetGroupShares(
            women=33,
            men=56,
            under_30=ShareSplit(67, 20, 44),
            public_support_3y_plus=ShareSplit(67, 40, 44),
            education={
                "saknas": ShareSplit(33, 0, 11),
                "grundskola": ShareSplit(33, 20, 22),
                "gymnasium": ShareSplit(33, 40, 33),
                "eftergymnasial": ShareSplit(0, 20, 11),
                "okand": ShareSplit(0, 20, 11),
            },
        ),
    )


def test_time_in_intervention_table_hand_computed(memo: Memo) -> None:
    result = memo.table(time_in_intervention_table)

    # A: W2 273 days; M1 61 and M3 75; O1 60; total 469 / 4 = 117.25 -> 117.3 (half up).
    empty = MeanSplit(None, None, None)
    assert result == TimeInInterventionTable(
        rows=[
            TimeRow("A", MeanSplit(273.0, 68.0, 117.3)),
            TimeRow("B", empty),
            TimeRow("C", MeanSplit(None, 122.0, 122.0)),
            TimeRow("D", empty),
        ]
    )


def test_expected_table_hand_computed(memo: Memo) -> None:
    result = memo.table(expected_table)

    assert result == ExpectedTable(
        rows=[
            ExpectedRow("A", 7, 40),
            ExpectedRow("B", 0, 40),
            ExpectedRow("C", 2, None),
            ExpectedRow("D", 1, 10),
        ]
    )


def test_activities_table_hand_computed(world: World) -> None:
    activity(world, D(2024, 1, 1), "webbinarium", 10, 5, 1)
    activity(world, D(2024, 9, 30), "utbildning", 3, 2, 0)
    activity(world, D(2023, 12, 31), "seminarium", 9, 9, 9)
    activity(world, D(2024, 10, 1), "dialog", 9, 9, 9)
    Activity.objects.create(
        association=world.other_association, date=D(2024, 2, 1), title="X", kind="dialog"
    )

    result = activities_table(
        activities=Activity.objects.filter(association=world.association), **YTD
    )

    assert result == ActivitiesTable(
        count=2,
        attendees=Split(13, 7, 21),
        by_type={
            "webbinarium": 1,
            "seminarium": 0,
            "utbildning": 1,
            "natverkstraff": 0,
            "dialog": 0,
            "konferens": 0,
            "ovrigt": 0,
        },
    )


def test_participant_goals_hand_computed(memo: Memo) -> None:
    result = participant_goals(participations=memo.participations, **YTD)

    # Work-directed A and B: 3 of A's 4 exits ytd; pre-rehabilitation C: W4 of W4, M4.
    assert result == ParticipantGoals(work_directed_to_work_or_studies=75, prerehab_action_plan=50)


def test_participant_tables_for_assembles_every_table(memo: Memo) -> None:
    with scope(association=memo.world.association.pk):
        result = participant_tables_for(memo.world.association, **WINDOWS)

    assert result.participants.total.registered == Split(2, 3, 6)
    assert result.anonymous.total == 3
    assert result.goals == ParticipantGoals(75, 50)
    assert [row.intervention for row in result.expected.rows] == ["A", "B", "C", "D"]
