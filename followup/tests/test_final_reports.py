from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from followup.final_reports import (
    FINAL_REQUIRED_TEXTS,
    GoalOutcome,
    SignatureInput,
    add_months,
    final_report_due,
    reopen_final_report,
    save_final_report,
)
from followup.models import FinalReport, FinalReportGoal, FinalReportSignature
from followup.services import DueStatus, ReportLocked
from followup.tests.cases import InterventionPageCases, url
from interventions.models import Goal
from testing.factories import GoalFactory, OrganisationFactory
from testing.personas import World
from testing.views import ClientAs, each_page

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 1, 20)
TEXTS = {name: f"Text om {name}." for name in FINAL_REQUIRED_TEXTS}


def save(world: World, *, submit: bool, persona: str = "intervention_lead_a", **kw: Any) -> Any:
    arguments: dict[str, Any] = {
        "user": world.users[persona],
        "intervention": world.intervention_a,
        "texts": TEXTS,
        "goals": [],
        "signatures": [owner_signature(world)],
        "submit": submit,
        "today": TODAY,
        **kw,
    }
    return save_final_report(**arguments)


def owner_signature(world: World) -> SignatureInput:
    return SignatureInput(
        organisation_id=world.intervention_a.owner_id,
        name="Karin Exempelsson",
        place="Uppsala",
        signed_on=TODAY,
    )


# --- when it is due -----------------------------------------------------------------------


def test_add_months_clamps_to_the_end_of_a_short_month() -> None:
    assert [add_months(dt.date(2024, 12, 31), 2), add_months(dt.date(2024, 5, 15), 2)] == [
        dt.date(2025, 2, 28),
        dt.date(2024, 7, 15),
    ]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2024, 12, 30), DueStatus.NOT_DUE),
        (dt.date(2024, 12, 31), DueStatus.NOT_STARTED),
        (dt.date(2025, 2, 28), DueStatus.NOT_STARTED),
        (dt.date(2025, 3, 1), DueStatus.LATE),
    ],
)
def test_final_report_due_from_end_date_and_late_two_months_after(
    world: World, today: dt.date, expected: DueStatus
) -> None:
    due = final_report_due(world.intervention_a, None, today=today)  # ends 2024-12-31

    assert (due.status, due.due_from, due.deadline) == (
        expected,
        dt.date(2024, 12, 31),
        dt.date(2025, 2, 28),
    )


def test_final_report_not_due_without_end_date(world: World) -> None:
    world.intervention_a.end_date = None

    due = final_report_due(world.intervention_a, None, today=TODAY)

    assert (due.status, due.deadline) == (DueStatus.NOT_DUE, None)


# --- completeness -------------------------------------------------------------------------


def test_final_report_submit_incomplete_lists_what_is_missing(world: World) -> None:
    goal = GoalFactory.create(intervention=world.intervention_a)

    with pytest.raises(ValidationError) as raised:
        save(
            world,
            submit=True,
            texts={**TEXTS, "lessons": " "},
            goals=[GoalOutcome(goal_id=goal.pk, outcome="12 av 30 till arbete.", met="")],
            signatures=[],
        )

    assert raised.value.message_dict == {
        "lessons": ["Fyll i den här delen innan slutrapporten lämnas in."],
        f"goal_{goal.pk}": ["Beskriv utfallet och ange om målet har uppnåtts."],
        "signatures": ["Slutrapporten ska skrivas under av insatsägaren."],
    }
    assert FinalReport.objects.count() == 0


def test_final_report_draft_may_be_incomplete(world: World) -> None:
    report = save(world, submit=False, texts={"purpose": "Syftet."}, signatures=[])

    assert (report.status, report.purpose, report.lessons) == (
        FinalReport.Status.DRAFT,
        "Syftet.",
        "",
    )


def test_final_report_complete_submission(world: World) -> None:
    goal = GoalFactory.create(intervention=world.intervention_a)

    report = save(
        world,
        submit=True,
        goals=[GoalOutcome(goal_id=goal.pk, outcome="12 av 30 till arbete.", met="delvis")],
    )

    assert (report.status, report.submitted_on) == (FinalReport.Status.SUBMITTED, TODAY)
    assert list(FinalReportGoal.objects.values_list("goal_id", "outcome", "met")) == [
        (goal.pk, "12 av 30 till arbete.", "delvis")
    ]
    assert list(FinalReportSignature.objects.values_list("name", "signed_on")) == [
        ("Karin Exempelsson", TODAY)
    ]


def test_final_report_signature_of_an_outside_organisation_is_an_error(world: World) -> None:
    stranger = OrganisationFactory.create(association=world.association)
    signature = SignatureInput(organisation_id=stranger.pk, name="N N", place="", signed_on=TODAY)

    with pytest.raises(ValidationError) as raised:
        save(world, submit=False, signatures=[signature])

    assert raised.value.message_dict == {
        "signatures": ["Bara insatsägaren och samverkansparterna skriver under."]
    }


def test_final_report_partner_may_sign(world: World) -> None:
    partner = OrganisationFactory.create(association=world.association)
    world.intervention_a.partners.add(partner)
    signature = SignatureInput(organisation_id=partner.pk, name="P P", place="", signed_on=TODAY)

    save(world, submit=True, signatures=[owner_signature(world), signature])

    assert FinalReportSignature.objects.count() == 2


def test_final_report_submitted_is_locked_until_the_office_reopens(world: World) -> None:
    report = save(world, submit=True)

    with pytest.raises(ReportLocked):
        save(world, submit=False)
    reopen_final_report(user=world.users["admin"], report=report)
    reopened = save(world, submit=False, texts={"lessons": "Nya lärdomar."})

    assert (reopened.status, reopened.lessons) == (FinalReport.Status.DRAFT, "Nya lärdomar.")


def test_final_report_by_lead_of_another_intervention_is_refused(world: World) -> None:
    with pytest.raises(PermissionDenied):
        save(world, submit=False, intervention=world.intervention_b)


def test_final_report_reopen_by_lead_is_refused(world: World) -> None:
    report = save(world, submit=True)

    with pytest.raises(PermissionDenied):
        reopen_final_report(user=world.users["intervention_lead_a"], report=report)


# --- pages --------------------------------------------------------------------------------


class TestFinalReportPages(InterventionPageCases):
    case = each_page(
        {"permission": "followup.view_report", "page": "final_report_detail"},
        {"permission": "followup.fill_report", "page": "final_report_fill"},
    )


class TestFinalReportReopen(InterventionPageCases):
    permission = "followup.reopen_report"
    page = "final_report_reopen"

    def arrange(self, world: World) -> None:
        save(world, submit=True)


def form_data(world: World, goal: Goal, action: str) -> dict[str, str]:
    return {
        **TEXTS,
        f"goal-{goal.pk}-outcome": "Målet nåddes till hälften.",
        f"goal-{goal.pk}-met": "delvis",
        "signatures-TOTAL_FORMS": "1",
        "signatures-INITIAL_FORMS": "0",
        "signatures-MIN_NUM_FORMS": "0",
        "signatures-MAX_NUM_FORMS": "1000",
        "signatures-0-organisation": str(world.intervention_a.owner_id),
        "signatures-0-name": "Karin Exempelsson",
        "signatures-0-place": "Uppsala",
        "signatures-0-signed_on": "2025-01-15",
        "action": action,
    }


def test_final_report_submitted_through_the_page(world: World, client_as: ClientAs) -> None:
    goal = GoalFactory.create(intervention=world.intervention_a)

    response = client_as("intervention_lead_a").post(
        url("final_report_fill", world.intervention_a.pk), form_data(world, goal, "submit")
    )

    report = FinalReport.objects.get()
    assert response.status_code == 302
    assert (report.status, report.goals.get().met, report.signatures.get().place) == (
        FinalReport.Status.SUBMITTED,
        "delvis",
        "Uppsala",
    )


def test_final_report_page_shows_what_is_missing(world: World, client_as: ClientAs) -> None:
    goal = GoalFactory.create(intervention=world.intervention_a)
    data = {**form_data(world, goal, "submit"), "methods": "", "signatures-TOTAL_FORMS": "0"}

    response = client_as("intervention_lead_a").post(
        url("final_report_fill", world.intervention_a.pk), data
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "methods": ["Fyll i den här delen innan slutrapporten lämnas in."]
    }
    assert response.context["signature_errors"] == [
        "Slutrapporten ska skrivas under av insatsägaren."
    ]
    assert FinalReport.objects.count() == 0


def test_final_report_submitted_cannot_be_changed_through_the_page(
    world: World, client_as: ClientAs
) -> None:
    goal = GoalFactory.create(intervention=world.intervention_a)
    save(world, submit=True, goals=[GoalOutcome(goal_id=goal.pk, outcome="Klart.", met="ja")])

    response = client_as("intervention_lead_a").post(
        url("final_report_fill", world.intervention_a.pk), form_data(world, goal, "draft")
    )

    assert response.status_code == 403
    assert FinalReport.objects.get().status == FinalReport.Status.SUBMITTED


def test_intervention_reports_page_shows_final_report_late(
    world: World, client_as: ClientAs
) -> None:
    response = client_as("board").get(url("intervention", world.intervention_a.pk))

    # Intervention A ended 2024-12-31; the tests run later than 2025-02-28.
    assert response.context["final"].status == DueStatus.LATE
