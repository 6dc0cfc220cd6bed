"""The quarter overviews of the office and the board: figures against hand-computed
values, links per role, the default quarter and the query count."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from dashboard.overview import QuarterSummary, last_ended_quarter, shift_quarter
from finance.models import BudgetStatus, BudgetStatusOverride, CostOutcome
from finance.tests.factories import CostOutcomeFactory, TransferFactory
from followup.models import Colour
from followup.services import DueStatus
from followup.tests.factories import DeviationFactory, SubmittedReportFactory
from stats.periods import Period
from testing.factories import BudgetFactory, InterventionFactory
from testing.personas import World

pytestmark = pytest.mark.django_db

ClientAs = Callable[[str | None], Client]
OVERRIDE_COMMENT = "Rekrytering pågår; kostnaderna kommer under hösten."


def url(name: str) -> str:
    return reverse(f"overview:{name}", args=["exempel"])


def arrange_2022(world: World) -> None:
    """A: yearly budget 1 000 000 (250 000 per quarter), costs 200 000 + 300 000 + 150 000,
    a granted transfer of 100 000 in September, an undecided deviation, a yellow report.
    B: quarterly budgets 100 000 (Q1) and 400 000 (Q3), costs 90 000 (Q1) and 100 000
    (Q3) plus a rejected row that does not count, an override, no report.
    The other association's X has costs that must not show."""
    a, b = world.intervention_a, world.intervention_b
    BudgetFactory.create(intervention=a, year=2022, amount=1_000_000)
    for quarter, amount in ((1, 200_000), (2, 300_000), (3, 150_000)):
        CostOutcomeFactory.create(intervention=a, year=2022, quarter=quarter, amount=amount)
    TransferFactory.create(
        intervention=a,
        received_on=dt.date(2022, 9, 10),
        decided_on=dt.date(2022, 9, 20),
        amount=100_000,
    )
    DeviationFactory.create(intervention=a, received_on=dt.date(2022, 10, 5))
    SubmittedReportFactory.create(
        intervention=a,
        year=2022,
        quarter=3,
        submitted_on=dt.date(2022, 10, 20),
        colour=Colour.YELLOW,
        review_comment="Målgruppen nås men färre deltagare än planerat.",
    )
    BudgetFactory.create(intervention=b, year=2022, quarter=1, amount=100_000)
    BudgetFactory.create(intervention=b, year=2022, quarter=3, amount=400_000)
    CostOutcomeFactory.create(intervention=b, year=2022, quarter=1, amount=90_000)
    CostOutcomeFactory.create(intervention=b, year=2022, quarter=3, amount=100_000)
    CostOutcomeFactory.create(
        intervention=b, year=2022, quarter=2, amount=999_000, status=CostOutcome.Status.REJECTED
    )
    BudgetStatusOverride.objects.create(
        association=world.association,
        intervention=b,
        year=2022,
        quarter=3,
        status=BudgetStatus.WATCH,
        comment=OVERRIDE_COMMENT,
    )
    BudgetFactory.create(intervention=world.other_intervention, year=2022, amount=5_000_000)
    CostOutcomeFactory.create(intervention=world.other_intervention, year=2022, quarter=3)


def test_quarter_overview_figures_against_hand_computed_ratios(
    world: World, client_as: ClientAs
) -> None:
    arrange_2022(world)

    response = client_as("admin").get(url("quarter") + "?kvartal=2022Q3")

    rows = [
        (
            row.intervention.code,
            row.due.status,
            row.colour,
            row.period_ratio,
            row.ytd_ratio,
            row.figures.transferred,
            row.status.status,
            row.status.is_overridden,
            row.undecided,
        )
        for row in response.context["overview"].rows
    ]
    # A: quarter 150 000 / 250 000 = 60 %; ytd 650 000 / 750 000 = 86,7 -> 87 % (ok)
    # B: quarter 100 000 / 400 000 = 25 %; ytd 190 000 / 500 000 = 38 % (overridden)
    assert rows == [
        ("A", DueStatus.SUBMITTED, Colour.YELLOW, 60, 87, 100_000, BudgetStatus.OK, False, 1),
        ("B", DueStatus.LATE, "", 25, 38, 0, BudgetStatus.WATCH, True, 0),
    ]


def test_quarter_overview_summary_and_totals(world: World, client_as: ClientAs) -> None:
    arrange_2022(world)

    response = client_as("economist").get(url("quarter") + "?kvartal=2022Q3")

    overview = response.context["overview"]
    assert overview.summary == QuarterSummary(
        reports=2, missing=1, late=1, red=0, yellow=1, green=0
    )
    # 250 000 / 650 000 = 38,46 -> 38 %; 840 000 / 1 250 000 = 67,2 -> 67 %
    assert (overview.total_period_ratio, overview.total.consumption_ratio) == (38, 67)


def test_quarter_overview_page_shows_status_text_and_override_comment(
    world: World, client_as: ClientAs
) -> None:
    arrange_2022(world)

    content = client_as("admin").get(url("quarter") + "?kvartal=2022Q3").content.decode()

    assert content.count('<strong class="status-bad">Försenad</strong>') == 1
    assert content.count('<span class="status-warn">Gul – bevakas</span>') == 1
    assert content.count(OVERRIDE_COMMENT) == 1


def test_quarter_overview_links_to_report_review_and_override_for_admin(
    world: World, client_as: ClientAs
) -> None:
    arrange_2022(world)
    a = world.intervention_a.pk
    review = reverse("followup:report_review", args=["exempel", a, 2022, 3])
    override = reverse("finance:status_override", args=["exempel", a, 2022, 3])
    timeline = reverse("overview:timeline", args=["exempel", a])

    content = client_as("admin").get(url("quarter") + "?kvartal=2022Q3").content.decode()

    assert (content.count(review), content.count(override), content.count(timeline)) == (1, 1, 1)


def test_quarter_overview_economist_cannot_review(world: World, client_as: ClientAs) -> None:
    arrange_2022(world)
    review = reverse("followup:report_review", args=["exempel", world.intervention_a.pk, 2022, 3])

    content = client_as("economist").get(url("quarter") + "?kvartal=2022Q3").content.decode()

    assert content.count(review) == 0


@pytest.mark.parametrize("persona", ["board", "admin"])
def test_board_quarter_overview_has_same_figures_without_edit_links(
    world: World, client_as: ClientAs, persona: str
) -> None:
    arrange_2022(world)
    a = world.intervention_a.pk
    office_links = [
        reverse("followup:report_detail", args=["exempel", a, 2022, 3]),
        reverse("followup:report_review", args=["exempel", a, 2022, 3]),
        reverse("finance:status_override", args=["exempel", a, 2022, 3]),
        reverse("followup:deviation_list", args=["exempel", a]),
    ]
    office = client_as("admin").get(url("quarter") + "?kvartal=2022Q3")

    response = client_as(persona).get(url("board_quarter") + "?kvartal=2022Q3")

    content = response.content.decode()
    assert [content.count(link) for link in office_links] == [0, 0, 0, 0]
    assert content.count(reverse("overview:timeline", args=["exempel", a])) == 1
    assert response.context["overview"] == office.context["overview"]


def test_quarter_overview_defaults_to_last_ended_quarter(
    world: World, client_as: ClientAs, monkeypatch: pytest.MonkeyPatch
) -> None:
    arrange_2022(world)
    monkeypatch.setattr(timezone, "localdate", lambda *args: dt.date(2022, 10, 10))

    response = client_as("admin").get(url("quarter"))

    overview = response.context["overview"]
    # B's report is not in yet, but its deadline (2022-10-31) has not passed
    assert (overview.period, [row.due.status for row in overview.rows]) == (
        Period(2022, 3, 3),
        [DueStatus.SUBMITTED, DueStatus.NOT_STARTED],
    )


def test_quarter_overview_invalid_quarter_is_form_error(world: World, client_as: ClientAs) -> None:
    response = client_as("admin").get(url("quarter") + "?kvartal=2022H2")

    assert response.status_code == 200
    assert response.context["quarter_form"].errors["kvartal"] == [
        "Ange ett kvartal, till exempel 2022Q3."
    ]


def test_quarter_overview_lists_only_interventions_running_in_quarter(
    world: World, client_as: ClientAs
) -> None:
    InterventionFactory.create(
        association=world.association,
        code="C",
        start_date=dt.date(2022, 10, 1),
        end_date=dt.date(2023, 12, 31),
    )
    InterventionFactory.create(
        association=world.association,
        code="D",
        start_date=dt.date(2021, 1, 1),
        end_date=dt.date(2022, 9, 30),
    )

    response = client_as("admin").get(url("quarter") + "?kvartal=2022Q4")

    codes = [row.intervention.code for row in response.context["overview"].rows]
    assert sorted(codes) == ["A", "B", "C"]


def test_quarter_overview_of_unended_quarter_is_not_due(
    world: World, client_as: ClientAs, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(timezone, "localdate", lambda *args: dt.date(2022, 8, 15))

    response = client_as("admin").get(url("quarter") + "?kvartal=2022Q3")

    overview = response.context["overview"]
    assert [row.due.status for row in overview.rows] == [DueStatus.NOT_DUE, DueStatus.NOT_DUE]
    assert (overview.summary.missing, response.context["link_reports"]) == (0, True)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2023, 1, 1), Period(2022, 4, 4)),
        (dt.date(2023, 3, 31), Period(2022, 4, 4)),
        (dt.date(2023, 4, 1), Period(2023, 1, 1)),
        (dt.date(2023, 12, 31), Period(2023, 3, 3)),
    ],
)
def test_last_ended_quarter_by_day(today: dt.date, expected: Period) -> None:
    assert last_ended_quarter(today) == expected


def test_shift_quarter_across_years() -> None:
    assert (shift_quarter(Period(2022, 4, 4), 1), shift_quarter(Period(2022, 1, 1), -1)) == (
        Period(2023, 1, 1),
        Period(2021, 4, 4),
    )


@pytest.mark.parametrize(("count", "queries"), [(1, 17), (3, 17)])
def test_quarter_overview_query_count(
    world: World,
    client_as: ClientAs,
    django_assert_num_queries: DjangoAssertNumQueries,
    count: int,
    queries: int,
) -> None:
    for intervention in InterventionFactory.create_batch(
        count,
        association=world.association,
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2025, 12, 31),
    ):
        BudgetFactory.create(intervention=intervention, year=2025, amount=1_000_000)
        CostOutcomeFactory.create(intervention=intervention, year=2025, quarter=1)
        SubmittedReportFactory.create(
            intervention=intervention,
            year=2025,
            quarter=1,
            submitted_on=dt.date(2025, 4, 20),
            colour=Colour.GREEN,
        )
        DeviationFactory.create(intervention=intervention, received_on=dt.date(2025, 2, 1))
        BudgetStatusOverride.objects.create(
            association=world.association,
            intervention=intervention,
            year=2025,
            quarter=1,
            status=BudgetStatus.OK,
            comment="Enligt plan.",
        )
    client = client_as("admin")

    with django_assert_num_queries(queries):
        client.get(url("quarter") + "?kvartal=2025Q1")
