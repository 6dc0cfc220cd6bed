"""The board's result goals (spec/reports.md section 17) and their targets."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import IntegrityError
from pytest_django import DjangoAssertNumQueries

from followup.models import QuarterlyReport
from followup.tests.factories import QuarterlyReportFactory, SubmittedReportFactory
from interventions.models import Intervention, Kind
from stats import goals
from stats.models import DEFAULT_TARGETS, AssociationGoalTarget
from stats.tests.test_followup_tables import H2, make
from tenancy.models import Association
from testing.factories import AssociationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def association() -> Association:
    return AssociationFactory.create(slug="exempel")


def structural(association: Association, code: str, **fields: Any) -> Intervention:
    fields.setdefault("kind", Kind.STRUCTURAL)
    return make(association, code, **fields)


def report(intervention: Intervention, quarter: int, on_track: str) -> QuarterlyReport:
    return SubmittedReportFactory.create(
        intervention=intervention,
        year=2022,
        quarter=quarter,
        on_track=on_track,
        submitted_on=dt.date(2022, quarter * 3, 28),
    )


def on_track() -> int | None:
    return goals.structural_on_track(
        H2, interventions=Intervention.objects.all(), reports=QuarterlyReport.objects.all()
    )


# --- targets ------------------------------------------------------------------------------


def test_targets_for_defaults_when_unset(association: Association) -> None:
    assert goals.targets_for(association, 2022) == {
        "work_directed_to_work_or_studies": 35,
        "prerehab_action_plan": 90,
        "structural_on_track": 75,
        "activities": 12,
        "funds_individual": 60,
        "funds_structural": 30,
        "funds_competence": 10,
    }


def test_targets_for_overridden_per_year_and_association(association: Association) -> None:
    other = AssociationFactory.create(slug="annat")
    AssociationGoalTarget.objects.create(
        association=association, year=2022, code="activities", target=20
    )
    AssociationGoalTarget.objects.create(
        association=association, year=2022, code="funds_individual", target=70
    )
    AssociationGoalTarget.objects.create(
        association=association, year=2023, code="structural_on_track", target=80
    )
    AssociationGoalTarget.objects.create(
        association=other, year=2022, code="prerehab_action_plan", target=50
    )

    result = (goals.targets_for(association, 2022), goals.targets_for(association, 2023))

    assert result == (
        {**DEFAULT_TARGETS, "activities": 20, "funds_individual": 70},
        {**DEFAULT_TARGETS, "structural_on_track": 80},
    )


def test_targets_for_makes_one_query(
    association: Association, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    with django_assert_num_queries(1):
        goals.targets_for(association, 2022)


def test_goal_target_percent_above_100_is_refused(association: Association) -> None:
    with pytest.raises(IntegrityError):
        AssociationGoalTarget.objects.create(
            association=association, year=2022, code="structural_on_track", target=101
        )


def test_goal_target_activities_may_exceed_100(association: Association) -> None:
    target = AssociationGoalTarget.objects.create(
        association=association, year=2022, code="activities", target=150
    )

    assert goals.targets_for(association, 2022)["activities"] == target.target == 150


def test_goal_target_one_per_code_and_year(association: Association) -> None:
    AssociationGoalTarget.objects.create(
        association=association, year=2022, code="activities", target=10
    )

    with pytest.raises(IntegrityError):
        AssociationGoalTarget.objects.create(
            association=association, year=2022, code="activities", target=11
        )


# --- structural_on_track ------------------------------------------------------------------


def test_structural_on_track_uses_latest_report(association: Association) -> None:
    now_on_track, fell_behind, too_early = (structural(association, code) for code in "ABC")
    report(now_on_track, 3, "nej")
    report(now_on_track, 4, "ja")
    report(fell_behind, 3, "ja")
    report(fell_behind, 4, "nej")
    QuarterlyReportFactory.create(  # a draft is not a report
        intervention=too_early, year=2022, quarter=4, on_track="ja"
    )
    report(too_early, 3, "for_tidigt")

    assert on_track() == 33  # 1 of 3 -> 33.3 -> 33


def test_structural_on_track_leaves_out_unreported_and_other_kinds(
    association: Association,
) -> None:
    report(structural(association, "A"), 4, "ja")
    report(structural(association, "B"), 3, "delvis")
    structural(association, "NOREPORT")  # active, no report yet: left out
    report(structural(association, "I", kind=Kind.INDIVIDUAL), 4, "nej")
    ended = structural(association, "OLD", end_date=dt.date(2022, 6, 30))
    report(ended, 3, "nej")  # not active in the period
    report(structural(association, "Q2"), 2, "nej")  # before the period

    assert on_track() == 50  # A and B count: 1 of 2


def test_structural_on_track_without_reports_is_none(association: Association) -> None:
    structural(association, "A")

    assert on_track() is None


# --- rows ---------------------------------------------------------------------------------


def test_association_goal_rows_met_when_outcome_reaches_target() -> None:
    targets = {**DEFAULT_TARGETS, "activities": 10}

    rows = goals.association_goal_rows(
        targets,
        {"work_directed_to_work_or_studies": 35, "prerehab_action_plan": 89.9, "activities": None},
    )

    assert rows == [
        {"goal": "work_directed_to_work_or_studies", "target": 35, "outcome": 35, "met": True},
        {"goal": "prerehab_action_plan", "target": 90, "outcome": 89.9, "met": False},
        {"goal": "structural_on_track", "target": 75, "outcome": None, "met": False},
        {"goal": "activities", "target": 10, "outcome": None, "met": False},
    ]


@pytest.mark.parametrize("count", [1, 3])
def test_structural_on_track_query_count_independent_of_interventions(
    association: Association, count: int, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    for number in range(count):
        intervention = structural(association, f"S{number}")
        report(intervention, 3, "nej")
        report(intervention, 4, "ja")

    with django_assert_num_queries(2):
        assert on_track() == 100
