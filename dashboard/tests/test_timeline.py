"""The timeline of one intervention from hand-built data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from dashboard.timeline import EntryKind, TimelineEntry
from finance.tests.factories import CostOutcomeFactory, TransferFactory
from followup.models import Colour, DeviationKind
from followup.services import DueStatus
from followup.tests.factories import DeviationFactory, SubmittedReportFactory
from funding.models import DecisionYear, FundingDecision, Outcome
from funding.tests.factories import ApplicationFactory
from testing.factories import BudgetFactory
from testing.personas import World

pytestmark = pytest.mark.django_db

ClientAs = Callable[[str | None], Client]
REVIEW_COMMENT = "Rekryteringen har dröjt; kansliet följer upp i styrgruppen."


def url(world: World) -> str:
    return reverse("overview:timeline", args=["exempel", world.intervention_a.pk])


def arrange_intervention_a(world: World) -> None:
    """Intervention A (2022-01-01 – 2024-12-31): a granted decision, two reports (the
    second submitted late, the first reviewed red), an approved transfer and costs."""
    association, intervention = world.association, world.intervention_a
    decision = FundingDecision.objects.create(
        association=association,
        application=ApplicationFactory.create(association=association, name="Insats A"),
        outcome=Outcome.GRANTED,
        decided_on=dt.date(2021, 11, 20),
        meeting_reference="§ 5, styrelsemöte 2021-11-20",
        start_date=dt.date(2022, 1, 1),
        end_date=dt.date(2024, 12, 31),
        intervention=intervention,
    )
    for year, amount in ((2022, 1_000_000), (2023, 1_200_000)):
        DecisionYear.objects.create(
            association=association, decision=decision, year=year, amount=amount
        )
    BudgetFactory.create(intervention=intervention, year=2022, amount=1_000_000)
    BudgetFactory.create(intervention=intervention, year=2023, amount=1_200_000)
    SubmittedReportFactory.create(
        intervention=intervention,
        year=2022,
        quarter=1,
        submitted_on=dt.date(2022, 4, 20),
        colour=Colour.RED,
        review_comment=REVIEW_COMMENT,
    )
    SubmittedReportFactory.create(
        intervention=intervention, year=2022, quarter=2, submitted_on=dt.date(2022, 8, 15)
    )
    TransferFactory.create(
        intervention=intervention, received_on=dt.date(2022, 11, 15), amount=150_000
    )
    CostOutcomeFactory.create(intervention=intervention, year=2022, quarter=1, amount=200_000)
    CostOutcomeFactory.create(intervention=intervention, year=2022, quarter=2, amount=300_000)


def describe(entry: TimelineEntry) -> tuple[Any, ...]:
    """What the page shows of an entry, as comparable values."""
    if entry.due is not None:
        report = entry.due.report
        colour = report.colour if report is not None else ""
        return (entry.day, entry.kind, entry.due.status, entry.due.submitted_late, colour)
    if entry.deviation is not None:
        deviation = entry.deviation
        return (entry.day, entry.kind, deviation.kind, deviation.decision, deviation.amount)
    if entry.decision is not None:
        return (entry.day, entry.kind, entry.decision.outcome, entry.decision_amount)
    if entry.final is not None:
        return (entry.day, entry.kind, entry.final.status)
    return (entry.day, entry.kind)


def test_timeline_entries_of_2022_in_date_order(world: World, client_as: ClientAs) -> None:
    arrange_intervention_a(world)

    response = client_as("admin").get(url(world))

    entries = [
        describe(entry)
        for entry in response.context["timeline"].entries
        if entry.day is not None and entry.day < dt.date(2023, 1, 1)
    ]
    assert entries == [
        (dt.date(2021, 11, 20), EntryKind.DECISION, Outcome.GRANTED, 2_200_000),
        (dt.date(2022, 1, 1), EntryKind.START),
        (dt.date(2022, 4, 30), EntryKind.REPORT, DueStatus.SUBMITTED, False, Colour.RED),
        (dt.date(2022, 7, 31), EntryKind.REPORT, DueStatus.SUBMITTED, True, ""),
        (dt.date(2022, 10, 31), EntryKind.REPORT, DueStatus.LATE, False, ""),
        (dt.date(2022, 11, 15), EntryKind.DEVIATION, DeviationKind.TRANSFER, "beviljad", 150_000),
    ]


def test_timeline_ends_with_end_date_and_late_final_report(
    world: World, client_as: ClientAs
) -> None:
    arrange_intervention_a(world)

    response = client_as("admin").get(url(world))

    entries = response.context["timeline"].entries
    assert [describe(entry) for entry in entries[-3:]] == [
        (dt.date(2024, 12, 31), EntryKind.END),
        (dt.date(2025, 1, 31), EntryKind.REPORT, DueStatus.LATE, False, ""),
        (dt.date(2025, 2, 28), EntryKind.FINAL, DueStatus.LATE),
    ]


def test_timeline_lists_every_ended_quarter(world: World, client_as: ClientAs) -> None:
    arrange_intervention_a(world)

    response = client_as("admin").get(url(world))

    reports = [e.due for e in response.context["timeline"].entries if e.due is not None]
    assert len(reports) == 12


def test_timeline_money_per_year(world: World, client_as: ClientAs) -> None:
    arrange_intervention_a(world)

    response = client_as("admin").get(url(world))

    years = [
        (y.year, y.budget, y.outcome, y.ratio, y.figures.transferred, y.ongoing)
        for y in response.context["timeline"].years
    ]
    # 2023: the granted budget plus the 150 000 kr transferred from 2022
    assert years == [
        (2022, 1_000_000, 500_000, 50, 150_000, False),
        (2023, 1_350_000, 0, 0, 0, False),
        (2024, 0, 0, None, 0, False),
    ]


def test_timeline_page_shows_colour_as_text_comment_and_charts(
    world: World, client_as: ClientAs
) -> None:
    arrange_intervention_a(world)

    content = client_as("intervention_lead_a").get(url(world)).content.decode()

    assert content.count('<span class="status-bad">Röd – behov av åtgärd</span>') == 1
    assert content.count(REVIEW_COMMENT) == 1
    assert content.count("<svg ") == 3
    assert content.count("2\xa0200\xa0000\xa0kr för 2022-01-01 – 2024-12-31") == 1


def test_timeline_hides_funding_link_from_intervention_lead(
    world: World, client_as: ClientAs
) -> None:
    arrange_intervention_a(world)
    decision = FundingDecision.objects.get()
    funding_url = reverse("funding:detail", args=["exempel", decision.application_id])

    lead = client_as("intervention_lead_a").get(url(world)).content.decode()
    admin = client_as("admin").get(url(world)).content.decode()

    assert (lead.count(funding_url), admin.count(funding_url)) == (0, 1)


@pytest.mark.parametrize(("count", "queries"), [(1, 34), (3, 34)])
def test_timeline_query_count_independent_of_reports_and_deviations(
    world: World,
    client_as: ClientAs,
    django_assert_num_queries: DjangoAssertNumQueries,
    count: int,
    queries: int,
) -> None:
    intervention = world.intervention_a
    for quarter in range(1, count + 1):
        SubmittedReportFactory.create(
            intervention=intervention,
            year=2022,
            quarter=quarter,
            submitted_on=dt.date(2022, quarter * 3 + 1, 20),
            colour=Colour.GREEN,
        )
        DeviationFactory.create(intervention=intervention, received_on=dt.date(2022, quarter, 5))
        CostOutcomeFactory.create(intervention=intervention, year=2022, quarter=quarter)
    client = client_as("admin")

    with django_assert_num_queries(queries):
        client.get(url(world))
