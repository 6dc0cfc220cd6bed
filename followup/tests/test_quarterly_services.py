from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from followup.models import Colour, QuarterlyReport, ReportAction, ReportEvent
from followup.services import (
    REQUIRED_ANSWERS,
    DueStatus,
    ReportLocked,
    may_report,
    reopen,
    reports_due,
    review,
    save_draft,
    submit,
)
from followup.tests.factories import (
    QuarterlyReportFactory,
    SubmittedReportFactory,
    report_2023_q1,
)
from testing.factories import InterventionFactory
from testing.personas import World

pytestmark = pytest.mark.django_db

ANSWERS = {
    "on_track": "ja",
    "forecast": "delvis",
    "started_on_time": True,
    "action_plan_share": 75,
    "vacancy_funded": False,
    "vacancy_self_funded": True,
    "meetings_per_agreement": True,
    "ordinary_representation": False,
    "follow_up_per_agreement": "delvis",
    "target_group_checked": True,
    "method_checked": True,
    "equality_discussed": True,
    "gender_equality_discussed": False,
    "implementation_discussed": True,
    "comment": "Allt enligt plan.",
}


def statuses(world: World, today: dt.date) -> list[tuple[int, int, str]]:
    return [
        (d.year, d.quarter, d.status.value) for d in reports_due(world.intervention_a, today=today)
    ]


# --- reports_due --------------------------------------------------------------------------


def test_reports_due_lists_ended_quarters_newest_first(world: World) -> None:
    intervention = InterventionFactory.create(
        association=world.association, start_date=dt.date(2023, 2, 15), end_date=None
    )

    due = reports_due(intervention, today=dt.date(2023, 10, 1))

    assert [(d.year, d.quarter, d.deadline) for d in due] == [
        (2023, 3, dt.date(2023, 10, 31)),
        (2023, 2, dt.date(2023, 7, 31)),
        (2023, 1, dt.date(2023, 4, 30)),
    ]


def test_reports_due_excludes_the_quarter_still_running(world: World) -> None:
    intervention = InterventionFactory.create(
        association=world.association, start_date=dt.date(2023, 1, 1), end_date=None
    )

    due = reports_due(intervention, today=dt.date(2023, 3, 31))

    assert due == []


def test_reports_due_stops_at_the_end_date(world: World) -> None:
    intervention = InterventionFactory.create(
        association=world.association,
        start_date=dt.date(2022, 10, 1),
        end_date=dt.date(2023, 2, 10),
    )

    due = reports_due(intervention, today=dt.date(2024, 1, 1))

    assert [(d.year, d.quarter) for d in due] == [(2023, 1), (2022, 4)]


def test_reports_due_statuses_on_a_day(world: World) -> None:
    QuarterlyReportFactory.create(intervention=world.intervention_a, year=2022, quarter=2)
    QuarterlyReportFactory.create(intervention=world.intervention_a, year=2022, quarter=3)
    SubmittedReportFactory.create(
        intervention=world.intervention_a,
        year=2022,
        quarter=1,
        submitted_on=dt.date(2022, 4, 30),
    )

    result = statuses(world, dt.date(2022, 10, 15))

    assert result == [
        (2022, 3, DueStatus.DRAFT.value),
        (2022, 2, DueStatus.LATE.value),
        (2022, 1, DueStatus.SUBMITTED.value),
    ]


def test_reports_due_not_started_before_deadline_and_late_after(world: World) -> None:
    on_deadline = statuses(world, dt.date(2022, 4, 30))
    after_deadline = statuses(world, dt.date(2022, 5, 1))

    assert (on_deadline, after_deadline) == (
        [(2022, 1, DueStatus.NOT_STARTED.value)],
        [(2022, 1, DueStatus.LATE.value)],
    )


def test_reports_due_records_a_late_submission(world: World) -> None:
    SubmittedReportFactory.create(
        intervention=world.intervention_a, year=2022, quarter=1, submitted_on=dt.date(2022, 5, 2)
    )
    SubmittedReportFactory.create(
        intervention=world.intervention_a, year=2022, quarter=2, submitted_on=dt.date(2022, 7, 31)
    )

    due = reports_due(world.intervention_a, today=dt.date(2022, 9, 15))

    assert [(d.quarter, d.status.value, d.submitted_late) for d in due] == [
        (2, DueStatus.SUBMITTED.value, False),
        (1, DueStatus.SUBMITTED.value, True),
    ]


def test_may_report_only_inside_the_period_and_not_in_the_future(world: World) -> None:
    intervention = world.intervention_a  # 2022-01-01 .. 2024-12-31
    today = dt.date(2023, 5, 1)

    result = [
        may_report(intervention, 2021, 4, today=today),
        may_report(intervention, 2022, 1, today=today),
        may_report(intervention, 2023, 2, today=today),
        may_report(intervention, 2023, 3, today=today),
        may_report(intervention, 2023, 5, today=today),
    ]

    assert result == [False, True, True, False, False]


# --- draft and submit ---------------------------------------------------------------------


def test_save_draft_keeps_partial_answers(world: World) -> None:
    report = report_2023_q1(
        save_draft,
        world,
        answers={"on_track": "nej", "goals_comment": "Sen start."},
        today=dt.date(2023, 4, 10),
    )

    report.refresh_from_db()
    assert (report.status, report.on_track, report.goals_comment, report.forecast) == (
        QuarterlyReport.Status.DRAFT,
        "nej",
        "Sen start.",
        "",
    )


def test_submit_without_required_answers_names_each_missing_field(world: World) -> None:
    with pytest.raises(ValidationError) as raised:
        report_2023_q1(submit, world, answers={"on_track": "ja"}, today=dt.date(2023, 4, 10))

    message = "Besvara frågan innan rapporten lämnas in."
    assert raised.value.message_dict == {name: [message] for name in REQUIRED_ANSWERS[1:]}
    assert QuarterlyReport.objects.count() == 0


def test_submit_with_every_answer_locks_and_logs(world: World) -> None:
    lead = world.users["intervention_lead_a"]

    report = report_2023_q1(submit, world, answers=ANSWERS, today=dt.date(2023, 4, 10))

    report.refresh_from_db()
    events = list(ReportEvent.objects.values_list("action", "user_id"))
    assert (
        report.status,
        report.submitted_on,
        report.submitted_by,
        report.vacancy_self_funded,
    ) == (
        QuarterlyReport.Status.SUBMITTED,
        dt.date(2023, 4, 10),
        lead,
        True,
    )
    assert events == [(ReportAction.SUBMITTED.value, lead.pk)]


@pytest.mark.parametrize(
    ("action", "persona", "which"),
    [(submit, "intervention_lead_a", "b"), (save_draft, "admin", "a")],
    ids=["submit-by-lead-of-another-intervention", "save-draft-by-admin"],
)
def test_report_by_a_user_without_the_permission_is_refused(
    world: World, action: Callable[..., QuarterlyReport], persona: str, which: str
) -> None:
    with pytest.raises(PermissionDenied):
        report_2023_q1(
            action, world, answers=ANSWERS, today=dt.date(2023, 4, 10), persona=persona, which=which
        )


def test_save_draft_of_a_submitted_report_is_refused(world: World) -> None:
    SubmittedReportFactory.create(intervention=world.intervention_a, year=2023, quarter=1)

    with pytest.raises(ReportLocked):
        report_2023_q1(save_draft, world, answers={"on_track": "nej"}, today=dt.date(2023, 5, 10))

    assert QuarterlyReport.objects.get().on_track == "ja"


# --- reopen and review --------------------------------------------------------------------


def test_reopen_by_admin_unlocks_and_logs_the_reason(world: World) -> None:
    report = SubmittedReportFactory.create(intervention=world.intervention_a)
    admin = world.users["admin"]

    reopen(user=admin, report=report, comment="Fel siffra för handlingsplaner.")

    report.refresh_from_db()
    assert (report.status, report.submitted_on) == (QuarterlyReport.Status.DRAFT, None)
    assert list(ReportEvent.objects.values_list("action", "user_id", "comment")) == [
        (ReportAction.REOPENED.value, admin.pk, "Fel siffra för handlingsplaner.")
    ]


def test_reopen_then_the_lead_can_save_again(world: World) -> None:
    report = SubmittedReportFactory.create(intervention=world.intervention_a)
    reopen(user=world.users["admin"], report=report, comment="Komplettera.")

    saved = save_draft(
        user=world.users["intervention_lead_a"],
        intervention=world.intervention_a,
        year=report.year,
        quarter=report.quarter,
        answers={"on_track": "delvis"},
        today=dt.date(2023, 6, 1),
    )

    assert (saved.pk, saved.on_track) == (report.pk, "delvis")


def test_reopen_by_lead_is_refused(world: World) -> None:
    report = SubmittedReportFactory.create(intervention=world.intervention_a)

    with pytest.raises(PermissionDenied):
        reopen(user=world.users["intervention_lead_a"], report=report, comment="")


def test_reopen_of_a_draft_is_an_error(world: World) -> None:
    report = QuarterlyReportFactory.create(intervention=world.intervention_a)

    with pytest.raises(ValidationError):
        reopen(user=world.users["admin"], report=report, comment="")


def test_review_sets_colour_and_comment(world: World) -> None:
    report = SubmittedReportFactory.create(intervention=world.intervention_a)
    admin = world.users["admin"]

    review(user=admin, report=report, colour=Colour.YELLOW, comment="Bevaka vakansen.")

    report.refresh_from_db()
    assert (report.colour, report.review_comment, report.reviewed_by) == (
        Colour.YELLOW,
        "Bevaka vakansen.",
        admin,
    )
    assert list(ReportEvent.objects.values_list("action", "comment")) == [
        (ReportAction.REVIEWED.value, "Gul – bevakas. Bevaka vakansen.")
    ]


def test_review_by_board_is_refused(world: World) -> None:
    report = SubmittedReportFactory.create(intervention=world.intervention_a)

    with pytest.raises(PermissionDenied):
        review(user=world.users["board"], report=report, colour=Colour.GREEN, comment="")


def test_review_of_a_draft_is_an_error(world: World) -> None:
    report = QuarterlyReportFactory.create(intervention=world.intervention_a)

    with pytest.raises(ValidationError):
        review(user=world.users["admin"], report=report, colour=Colour.GREEN, comment="")
