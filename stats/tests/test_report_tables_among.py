"""The memo's report tables filter the interventions it has read already (``among``)
instead of reading them again: the same tables as with the query, and fewer queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django_scopes import scope
from pytest_django import DjangoAssertNumQueries

from followup.models import Deviation, DeviationKind, QuarterlyReport
from followup.tests.factories import DeviationFactory, SubmittedReportFactory
from interventions.models import Intervention, Kind
from stats import followup_tables as tables
from stats import goals
from stats.periods import Period
from tenancy.models import Association
from testing.factories import AssociationFactory, InterventionFactory

pytestmark = pytest.mark.django_db

PERIODS = ["2021H2", "2022Q1", "2022Q2", "2022H1", "2022Q3", "2022H2", "2022", "2023H1", "2024"]


@pytest.fixture
def association() -> Association:
    """Interventions that start, end or run through 2022 (and one that ended before it
    with a late report and deviations), of every kind, with reports and deviations inside
    and outside each period."""
    association = AssociationFactory.create(slug="exempel")
    spans = [
        ("A", Kind.INDIVIDUAL, dt.date(2021, 1, 1), None),
        ("B", Kind.STRUCTURAL, dt.date(2022, 4, 1), dt.date(2022, 9, 30)),
        ("C", Kind.STRUCTURAL, dt.date(2020, 1, 1), dt.date(2021, 6, 30)),
        ("D", Kind.COMPETENCE, dt.date(2022, 7, 1), dt.date(2022, 7, 1)),
        ("E", Kind.STRUCTURAL, dt.date(2023, 1, 1), None),
        ("F", Kind.OTHER, dt.date(2021, 12, 31), dt.date(2022, 1, 1)),
        ("G", Kind.STRUCTURAL, dt.date(2022, 1, 1), dt.date(2022, 12, 31)),
    ]
    made = {}
    for code, kind, start, end in spans:
        fields: dict[str, Any] = {"kind": kind, "start_date": start, "end_date": end}
        if kind != Kind.INDIVIDUAL:
            fields["aim"] = ""
        # Names out of code order, so the display order is not the codes' order.
        made[code] = InterventionFactory.create(
            association=association, code=code, name=f"Insats {7 - ord(code) % 7}", **fields
        )
    for code, quarter, on_track in [
        ("A", 1, "ja"),
        ("A", 3, "nej"),
        ("B", 2, "ja"),
        ("C", 2, "delvis"),
        ("G", 4, "ja"),
        ("G", 1, "nej"),
        ("D", 3, "ja"),
    ]:
        SubmittedReportFactory.create(
            intervention=made[code],
            year=2022,
            quarter=quarter,
            on_track=on_track,
            vacancy_funded=code in "AC",
            submitted_on=dt.date(2022, quarter * 3, 28),
        )
    for code, received, about in [
        ("C", dt.date(2022, 2, 1), DeviationKind.BUDGET),
        ("C", dt.date(2022, 8, 1), DeviationKind.GOAL),
        ("E", dt.date(2022, 12, 31), DeviationKind.METHOD),
        ("F", dt.date(2023, 3, 1), DeviationKind.BUDGET),
    ]:
        DeviationFactory.create(intervention=made[code], received_on=received, kind=about)
    return association


def both(association: Association, period: Period, build: Any) -> tuple[Any, Any]:
    with scope(association=association.pk):
        interventions = Intervention.objects.in_display_order()
        listed = list(interventions)
        querysets = {
            "interventions": interventions,
            "reports": QuarterlyReport.objects.all(),
        }
        return build(period, querysets, None), build(period, querysets, listed)


@pytest.mark.parametrize("code", PERIODS)
def test_report_tables_among_the_read_interventions_are_the_queried_ones(
    association: Association, code: str
) -> None:
    period = Period.parse(code)
    deviations = {"deviations": Deviation.objects.all()}

    def build(period: Period, sets: dict[str, Any], among: Any) -> Any:
        return (
            tables.goal_status_table(period, **sets, among=among),
            tables.conditions_table(period, **sets, **deviations, among=among),
            tables.quality_table(period, **sets, **deviations, among=among),
            goals.structural_on_track(period, **sets, among=among),
            [
                each.code
                for each in tables.listed_interventions(
                    sets["interventions"], period, with_data={1, 2, 3}, among=among
                )
            ],
        )

    queried, filtered = both(association, period, build)

    assert filtered == queried


def test_listed_interventions_among_reads_nothing(
    association: Association, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    with scope(association=association.pk):
        listed = list(Intervention.objects.in_display_order())
        with django_assert_num_queries(0):
            codes = [
                each.code
                for each in tables.listed_interventions(
                    Intervention.objects.all(), Period.parse("2022H2"), among=listed
                )
            ]

    assert codes == [each.code for each in listed if each.code not in ("C", "E", "F")]
