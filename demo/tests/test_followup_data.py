"""The demo's steering-group reporting, money and funding: deterministic, complete enough
for the quarter overview and the memo, and written as the people who would write it.

The demo is loaded twice for the module (to compare the two loads) and removed after it;
each test reads the loaded rows.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
from django.db.models import Model
from django.test import Client

from demo.data import DEMO_PASSWORD
from demo.data.followup import EXEMPEL_FOLLOWUP, LOW_INTAKE, TODAY
from demo.tests.loading import load_twice, sorted_rows
from finance.models import CostOutcome
from followup.models import (
    Colour,
    DecidedBy,
    Decision,
    Deviation,
    DeviationEvent,
    DeviationKind,
    FinalReport,
    FinalReportGoal,
    FinalReportSignature,
    QuarterlyReport,
    ReportAction,
    ReportEvent,
    YesPartlyNo,
)
from followup.services import DueReport, DueStatus, reports_due
from funding.models import (
    Application,
    ApplicationGoal,
    ApplicationYear,
    Assessment,
    DecisionYear,
    FundingDecision,
    Outcome,
)
from interventions.models import Budget, Intervention
from ledger.models import OwnBudgetAmount
from participants.models import VolumeCount
from stats.memo import memo_json
from stats.memo_schema import MEMO_SCHEMA
from stats.money import MoneyFigures, money_figures
from stats.periods import Period
from tenancy.models import Association, Role, RoleAssignment, User

pytestmark = pytest.mark.django_db

COUNTED: tuple[type[Model], ...] = (
    QuarterlyReport,
    ReportEvent,
    Deviation,
    DeviationEvent,
    CostOutcome,
    OwnBudgetAmount,
    Application,
    ApplicationYear,
    ApplicationGoal,
    Assessment,
    FundingDecision,
    DecisionYear,
    FinalReport,
    FinalReportGoal,
    FinalReportSignature,
)


def snapshot() -> dict[str, Any]:
    """Counts of every kind and a fingerprint of the rows (ids and timestamps left out)."""
    return {
        "counts": {model.__name__: model._base_manager.count() for model in COUNTED},
        "reports": sorted_rows(
            QuarterlyReport.objects,
            "intervention__code",
            "year",
            "quarter",
            "status",
            "submitted_on",
            "on_track",
            "forecast",
            "action_plan_share",
            "vacancy_funded",
            "colour",
            "review_comment",
        ),
        "deviations": sorted_rows(
            Deviation.objects,
            "intervention__code",
            "received_on",
            "kind",
            "amount",
            "decision",
            "decided_on",
        ),
        "costs": sorted_rows(
            CostOutcome.objects,
            "intervention__code",
            "year",
            "quarter",
            "amount",
            "status",
            "submitted_on",
            "approved_on",
            "paid_on",
        ),
        "own_budget": sorted(
            OwnBudgetAmount.objects.values_list("row__code", "year", "version", "amount")
        ),
        "decisions": sorted_rows(
            FundingDecision.objects,
            "application__name",
            "outcome",
            "decided_on",
            "intervention__code",
        ),
    }


@pytest.fixture(scope="module")
def loaded(
    django_db_setup: None, django_db_blocker: Any
) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """Load the demo twice; yields the snapshots after each load. The rows stay for the
    module's tests."""
    yield from load_twice(django_db_blocker, snapshot)


@pytest.fixture
def exempel(loaded: tuple[dict[str, Any], dict[str, Any]]) -> Association:
    return Association.objects.get(slug="exempel")


def intervention(code: str) -> Intervention:
    return Intervention.objects.get(association__slug="exempel", code=code)


def due_reports(association: Association) -> list[DueReport]:
    """Every report due on the demo's "today" for 2025 Q1 to 2026 Q3."""
    return [
        due
        for i in Intervention.objects.filter(association=association).order_by("code")
        for due in reports_due(i, today=TODAY)
        if (2025, 1) <= (due.year, due.quarter) <= (2026, 3)
    ]


def figures(association: Association, period: str, *, transfers: bool) -> dict[int, MoneyFigures]:
    deviations = Deviation.objects.filter(association=association)
    return money_figures(
        Period.parse(period),
        budgets=Budget.objects.filter(association=association),
        deviations=deviations if transfers else deviations.none(),
        costs=CostOutcome.objects.filter(association=association),
    )


def test_load_demo_twice_gives_same_followup_data(
    loaded: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    first, second = loaded

    assert second == first
    assert [name for name, count in first["counts"].items() if count == 0] == []


def test_load_demo_reports_every_running_intervention_and_quarter(exempel: Association) -> None:
    due = due_reports(exempel)

    statuses = Counter(d.status for d in due)
    missing = sorted((d.intervention.code, d.year, d.quarter) for d in due if d.report is None)
    drafts = sorted(
        (d.intervention.code, d.year, d.quarter)
        for d in due
        if d.report is not None and d.report.status == QuarterlyReport.Status.DRAFT
    )

    assert set(statuses) == {DueStatus.SUBMITTED, DueStatus.LATE}
    assert statuses[DueStatus.LATE] == 2
    assert (missing, drafts) == ([("DIGITAL-24", 2026, 3)], [("SMAIL-25", 2026, 3)])
    assert len(due) == QuarterlyReport.objects.filter(association=exempel).count() + 1 > 70


def test_load_demo_most_reports_on_time_some_late(exempel: Association) -> None:
    submitted = [d for d in due_reports(exempel) if d.status == DueStatus.SUBMITTED]

    late = [d for d in submitted if d.submitted_late]

    assert 4 <= len(late) <= len(submitted) // 5
    assert {("IPS-23", 2025, 3), ("INDIKATOR-24", 2026, 3)} <= {
        (d.intervention.code, d.year, d.quarter) for d in late
    }


def test_load_demo_reviews_mostly_green_some_yellow_few_red(exempel: Association) -> None:
    reports = QuarterlyReport.objects.filter(
        association=exempel, status=QuarterlyReport.Status.SUBMITTED
    )
    colours = Counter(reports.values_list("colour", flat=True))
    red = reports.filter(colour=Colour.RED)

    assert colours[Colour.GREEN] > reports.count() * 0.6
    assert (colours[Colour.YELLOW] >= 5, 3 <= colours[Colour.RED] <= 5) == (True, True)
    assert [r.review_comment for r in red if not r.review_comment] == []
    assert red.filter(intervention__code="UNGA-25").get().review_comment == LOW_INTAKE
    assert set(reports.exclude(colour="").values_list("reviewed_by__email", flat=True)) == {
        EXEMPEL_FOLLOWUP.admin
    }


def test_load_demo_answers_are_realistic(exempel: Association) -> None:
    reports = QuarterlyReport.objects.filter(
        association=exempel, status=QuarterlyReport.Status.SUBMITTED
    )
    on_track = Counter(reports.values_list("on_track", flat=True))
    shares = reports.exclude(action_plan_share=None)

    assert on_track.most_common(1)[0][0] == "ja"
    assert {"delvis", "nej"} <= set(on_track)
    assert reports.filter(vacancy_funded=True).count() >= 3
    assert set(shares.values_list("intervention__follow_up", flat=True)) == {"personuppgifter"}
    assert reports.filter(follow_up_per_agreement=YesPartlyNo.YES).count() > reports.count() / 2


def test_load_demo_reports_submitted_by_the_intervention_lead(exempel: Association) -> None:
    reports = QuarterlyReport.objects.filter(
        association=exempel, status=QuarterlyReport.Status.SUBMITTED
    ).select_related("submitted_by", "intervention")

    not_lead = [
        (r.intervention.code, r.year, r.quarter)
        for r in reports
        if not RoleAssignment.objects.filter(
            user=r.submitted_by, intervention=r.intervention, role=Role.INSATSANSVARIG
        ).exists()
    ]
    events = Counter(ReportEvent.objects.filter(association=exempel).values_list("action"))

    assert not_lead == []
    assert events[(ReportAction.SUBMITTED,)] == reports.count()


def test_load_demo_deviations_of_several_kinds_one_undecided(exempel: Association) -> None:
    deviations = Deviation.objects.filter(association=exempel)

    kinds = Counter(deviations.values_list("kind", flat=True))
    transfers = sorted(
        deviations.filter(kind=DeviationKind.TRANSFER).values_list(
            "intervention__code", "amount", "decision", "decided_by"
        )
    )

    assert {"budget", "malgrupp", "slutdatum"} <= set(kinds)
    # The third transfer is the decision room's (demo.economy): 2025 money into 2026.
    assert kinds[DeviationKind.TRANSFER] == 3
    assert transfers == [
        ("IPS-23", 95_000, Decision.GRANTED, DecidedBy.BOARD),
        ("LOKUS-23", 80_000, Decision.REJECTED, DecidedBy.DIRECTOR),
        ("STEG-24", 150_000, Decision.GRANTED, DecidedBy.BOARD),
    ]
    assert list(deviations.filter(decision=Decision.UNDECIDED).values_list("kind", flat=True)) == [
        DeviationKind.METHOD
    ]
    assert set(deviations.exclude(decided_by="").values_list("decided_by", flat=True)) == set(
        DecidedBy.values
    )


def test_load_demo_transfer_shows_in_next_year_money(exempel: Association) -> None:
    steg = intervention("STEG-24")

    with_transfers = figures(exempel, "2026", transfers=True)[steg.pk]
    without = figures(exempel, "2026", transfers=False)[steg.pk]
    year_before = figures(exempel, "2025", transfers=True)[steg.pk]

    assert with_transfers.period_budget - without.period_budget == 150_000
    assert year_before.transferred == 150_000


def test_load_demo_costs_approved_and_paid_with_pending_rows(exempel: Association) -> None:
    costs = CostOutcome.objects.filter(association=exempel)
    approved = costs.filter(status=CostOutcome.Status.APPROVED)

    pending = sorted(
        costs.filter(status=CostOutcome.Status.SUBMITTED).values_list(
            "intervention__code", "year", "quarter"
        )
    )
    badly_dated = [
        c.pk
        for c in approved
        if c.approved_on is None
        or c.paid_on is None
        or not c.submitted_on <= c.approved_on <= c.paid_on <= TODAY
    ]

    assert pending == [("SPRAK-26", 2026, 3), ("UNGA-25", 2026, 3)]
    assert badly_dated == []
    assert set(approved.values_list("approved_by__email", flat=True)) == {
        EXEMPEL_FOLLOWUP.economist
    }
    assert list(costs.filter(amount__lt=0).values_list("intervention__code", "amount")) == [
        ("BRYGGAN-22", -35_000)
    ]
    assert {year for year, _quarter in costs.values_list("year", "quarter")} == {2025, 2026}


def test_load_demo_costs_around_budget_with_under_and_over_spending(
    exempel: Association,
) -> None:
    codes = dict(Intervention.objects.filter(association=exempel).values_list("pk", "code"))

    ratios = {
        codes[pk]: f.consumption_ratio
        for pk, f in figures(exempel, "2025Q3", transfers=True).items()
        if f.ytd_outcome
    }

    assert [code for code, ratio in ratios.items() if ratio is not None and ratio > 115] == [
        "PRAKTIK-25"
    ]
    assert {"STEG-24", "DIGITAL-24"} <= {c for c, r in ratios.items() if r is not None and r < 85}
    assert sum(1 for r in ratios.values() if r is not None and 85 <= r <= 115) >= 5


def test_load_demo_own_budget_in_the_forbundsbudget_for_the_years_shown(
    exempel: Association,
) -> None:
    amounts = OwnBudgetAmount.objects.filter(association=exempel, row__code="kansli")

    keys = sorted(amounts.values_list("year", "version"))

    assert keys == [
        (2024, "budget"),
        (2025, "budget"),
        (2026, "budget"),
        (2026, "prognos"),
        (2027, "budget"),
        (2028, "budget"),
    ]


def test_load_demo_decided_applications_are_linked_to_interventions(
    exempel: Association,
) -> None:
    decisions = FundingDecision.objects.filter(association=exempel)
    vagen, steg = intervention("VAGEN-26"), intervention("STEG-24")

    linked = sorted(decisions.values_list("intervention__code", "outcome"))
    undecided = Application.objects.filter(association=exempel, decision__isnull=True)

    assert linked == [("STEG-24", Outcome.GRANTED), ("VAGEN-26", Outcome.GRANTED)]
    assert decisions.filter(application__assessment__isnull=True).count() == 0
    assert decisions.get(intervention=steg).application.extends == steg
    assert (vagen.start_date, vagen.end_date, steg.end_date) == (
        dt.date(2026, 1, 1),
        dt.date(2027, 12, 31),
        dt.date(2027, 12, 31),
    )
    assert sorted(Budget.objects.filter(intervention=vagen).values_list("year", "amount")) == [
        (2026, 1_200_000),
        (2027, 1_250_000),
    ]
    assert Budget.objects.filter(intervention=steg, year=2027).get().amount == 1_850_000
    # NATVERK-26 is the decision room's second pending application (demo.economy).
    assert sorted(a.code for a in undecided) == ["HALSA-27", "NATVERK-26"]


def test_load_demo_new_intervention_is_followed_up(exempel: Association) -> None:
    vagen = intervention("VAGEN-26")
    lead = User.objects.get(email="insatsansvarig@exempel.se")

    quarters = sorted(
        QuarterlyReport.objects.filter(intervention=vagen).values_list("year", "quarter")
    )
    months = VolumeCount.objects.filter(intervention=vagen).count()

    assert quarters == [(2026, 1), (2026, 2), (2026, 3)]
    assert months == 11
    assert vagen.steering_group is not None
    assert RoleAssignment.objects.filter(
        user=lead, intervention=vagen, role=Role.INSATSANSVARIG
    ).exists()


def test_load_demo_final_report_submitted_with_goals_and_signatures(
    exempel: Association,
) -> None:
    bryggan = intervention("BRYGGAN-22")
    report = FinalReport.objects.get(intervention=bryggan)

    goals = sorted(report.goals.values_list("met", flat=True))
    signed_by = set(report.signatures.values_list("organisation_id", flat=True))

    assert bryggan.end_date is not None and bryggan.end_date.year == 2025
    assert (report.status, report.submitted_on) == (
        FinalReport.Status.SUBMITTED,
        dt.date(2025, 10, 24),
    )
    assert goals == sorted([YesPartlyNo.YES, YesPartlyNo.NO])
    assert signed_by == {bryggan.owner_id, *bryggan.partners.values_list("pk", flat=True)}


def test_load_demo_quarter_overview_answers_for_admin(exempel: Association) -> None:
    client = Client()
    client.login(email="admin@exempel.se", password=DEMO_PASSWORD)

    response = client.get("/f/exempel/oversikt/kvartal/?kvartal=2026Q2")

    assert response.status_code == 200


def test_load_demo_memo_json_validates_against_schema(exempel: Association) -> None:
    data = memo_json(exempel, "2026H1")

    jsonschema.validate(data, MEMO_SCHEMA)

    assert data["period"] == "2026H1"
