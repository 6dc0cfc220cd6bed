from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from pytest_django.fixtures import Settings

from followup.models import ReminderKind, ReminderSent
from followup.reminders import send_reminders
from followup.services import DueStatus, reports_due, submit
from followup.tasks import send_report_reminders
from followup.tests.factories import SubmittedReportFactory, report_2023_q1
from testing.personas import World

pytestmark = pytest.mark.django_db

#: Intervention A's report for 2023 Q1 is due on 2023-04-30.
DEADLINE = dt.date(2023, 4, 30)
COMPLETE = {
    "on_track": "ja",
    "forecast": "ja",
    "vacancy_funded": False,
    "vacancy_self_funded": False,
    "meetings_per_agreement": True,
    "ordinary_representation": True,
    "follow_up_per_agreement": "ja",
    "target_group_checked": True,
    "method_checked": True,
    "equality_discussed": True,
    "gender_equality_discussed": True,
    "implementation_discussed": True,
}


def day(offset: int) -> dt.date:
    return DEADLINE + dt.timedelta(days=offset)


def run(offset: int) -> list[tuple[str, int, int, str]]:
    """Run the job on deadline + offset; the reminders it recorded."""
    return [
        (row.intervention.code, row.year, row.quarter, row.kind)
        for row in send_reminders(today=day(offset))
    ]


def test_reminder_schedule_around_a_deadline(world: World) -> None:
    sent = {offset: run(offset) for offset in (-8, -7, -1, 0, 1, 2)}

    assert sent == {
        -8: [],
        -7: [("A", 2023, 1, ReminderKind.BEFORE)],
        -1: [],
        0: [],
        1: [("A", 2023, 1, ReminderKind.AFTER)],
        2: [],
    }
    assert [message.to for message in mail.outbox] == [
        ["intervention_lead_a@example.se"],
        ["intervention_lead_a@example.se"],
    ]


def test_reminder_runs_twice_on_the_same_day_send_once(world: World) -> None:
    first, second = run(-7), run(-7)

    assert (first, second, len(mail.outbox)) == ([("A", 2023, 1, ReminderKind.BEFORE)], [], 1)


def test_reminder_missed_run_is_caught_up_within_the_week(world: World) -> None:
    assert run(-3) == [("A", 2023, 1, ReminderKind.BEFORE)]


def test_reminder_after_deadline_not_sent_once_submitted_late(world: World) -> None:
    run(-7)
    report_2023_q1(submit, world, answers=COMPLETE, today=day(1))

    after = [run(1), run(2)]

    due = next(d for d in reports_due(world.intervention_a, today=day(2)) if d.quarter == 1)
    assert after == [[], []]
    assert (due.status, due.submitted_late) == (DueStatus.SUBMITTED, True)
    assert len(mail.outbox) == 1


def test_reminder_not_sent_for_a_report_submitted_in_time(world: World) -> None:
    SubmittedReportFactory.create(
        intervention=world.intervention_a, year=2023, quarter=1, submitted_on=day(-10)
    )

    assert (run(-7), run(1), len(mail.outbox)) == ([], [], 0)


def test_reminder_not_sent_without_an_insatsansvarig(world: World) -> None:
    run(-7)

    assert ReminderSent.objects.filter(intervention=world.intervention_b).count() == 0


def test_reminder_text_is_swedish_and_names_only_the_report(
    world: World, settings: Settings
) -> None:
    settings.FINSAM_BASE_URL = "https://finsam.example.se"
    run(-7)

    message = mail.outbox[0]
    url = f"https://finsam.example.se/f/exempel/rapportering/insatser/{world.intervention_a.pk}/kvartal/2023/1/fyll-i/"
    assert message.subject == "Påminnelse: kvartalsrapport för A kvartal 1 2023"
    assert message.body == (
        "Hej!\n\n"
        "Kvartalsrapporten för insatsen Insats A (A), kvartal 1 2023, ska lämnas in senast "
        "2023-04-30. Den är ännu inte inlämnad.\n\n"
        f"Du fyller i rapporten i Finsam: {url}\n\n"
        "Det här är ett automatiskt meddelande från Samordningsförbundet Exempel."
    )


def test_reminder_task_sends_for_the_given_day(world: World) -> None:
    result = send_report_reminders.enqueue(day(-7).isoformat())

    assert (result.return_value, len(mail.outbox)) == (1, 1)


def test_reminder_command_takes_a_date(world: World) -> None:
    out = StringIO()

    call_command("send_report_reminders", "--date", day(1).isoformat(), stdout=out)

    assert out.getvalue() == "1 påminnelser skickade (2023-05-01).\n"
    assert list(ReminderSent.objects.values_list("kind", "sent_on")) == [
        (ReminderKind.AFTER.value, day(1))
    ]
