"""Reminder e-mails for quarterly reports.

Each insatsansvarig of an intervention gets a reminder seven days before a report's
deadline and on the day after it, while the report is not submitted. A ``ReminderSent`` row
(unique per report and kind) makes sure a reminder is never sent twice. A run that was
missed is caught up: the "before" reminder goes out any day of the last week before the
deadline, the "after" reminder any day of the week after it.

The e-mails name the intervention, the quarter and the deadline only: never anything about
participants.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django_scopes import scope

from followup.models import QuarterlyReport, ReminderKind, ReminderSent
from followup.services import DueReport, DueStatus, reports_due
from interventions.models import Intervention
from tenancy.models import Association, Role, RoleAssignment

logger = logging.getLogger(__name__)

#: Days before the deadline the first reminder is sent.
DAYS_BEFORE = 7
#: Days a missed run may still send a reminder.
CATCH_UP_DAYS = 7


def reminder_kind(due: DueReport, *, today: dt.date) -> ReminderKind | None:
    """Which reminder, if any, a report should have on ``today``."""
    if due.status == DueStatus.SUBMITTED:
        return None
    if due.deadline - dt.timedelta(days=DAYS_BEFORE) <= today <= due.deadline:
        return ReminderKind.BEFORE
    after = due.deadline + dt.timedelta(days=1)
    if after <= today < after + dt.timedelta(days=CATCH_UP_DAYS):
        return ReminderKind.AFTER
    return None


@dataclass(frozen=True)
class Reminder:
    due: DueReport
    kind: ReminderKind


def reminders_for(association: Association, *, today: dt.date) -> list[Reminder]:
    """The reminders to send in ``association`` today (inside its scope), not yet sent."""
    # The last deadline of an intervention is at most ~2 months after its end.
    recent = today - dt.timedelta(days=92 + CATCH_UP_DAYS)
    interventions = (
        Intervention.objects.filter(start_date__lte=today)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=recent))
        .order_by("code")
    )
    reports: dict[int, list[QuarterlyReport]] = defaultdict(list)
    for report in QuarterlyReport.objects.filter(intervention__in=interventions):
        reports[report.intervention_id].append(report)
    sent = set(ReminderSent.objects.values_list("intervention_id", "year", "quarter", "kind"))
    reminders = []
    for intervention in interventions:
        for due in reports_due(intervention, today=today, reports=reports[intervention.pk]):
            kind = reminder_kind(due, today=today)
            if kind is not None and (intervention.pk, due.year, due.quarter, kind) not in sent:
                reminders.append(Reminder(due, kind))
    return reminders


def leads_by_intervention(association: Association) -> dict[int, list[str]]:
    """E-mail addresses of the active insatsansvariga, per intervention."""
    rows = RoleAssignment.objects.filter(
        association=association, role=Role.INSATSANSVARIG, user__is_active=True
    ).values_list("intervention_id", "user__email")
    leads: dict[int, list[str]] = defaultdict(list)
    for intervention_id, email in rows.order_by("user__email"):
        if email:
            leads[intervention_id].append(email)
    return leads


def reminder_text(association: Association, reminder: Reminder) -> tuple[str, str]:
    """Subject and body of a reminder (Swedish; nothing about participants)."""
    due = reminder.due
    intervention = due.intervention
    path = reverse(
        "followup:report_fill",
        args=[association.slug, intervention.pk, due.year, due.quarter],
    )
    values = {
        "intervention": intervention.name,
        "code": intervention.code,
        "quarter": due.quarter,
        "year": due.year,
        "deadline": due.deadline.isoformat(),
        "url": settings.FINSAM_BASE_URL + path,
        "association": association.name,
    }
    if reminder.kind == ReminderKind.BEFORE:
        subject = _("Påminnelse: kvartalsrapport för %(code)s kvartal %(quarter)s %(year)s")
        lead = _(
            "Kvartalsrapporten för insatsen %(intervention)s (%(code)s), kvartal %(quarter)s "
            "%(year)s, ska lämnas in senast %(deadline)s. Den är ännu inte inlämnad."
        )
    else:
        subject = _("Försenad kvartalsrapport för %(code)s kvartal %(quarter)s %(year)s")
        lead = _(
            "Kvartalsrapporten för insatsen %(intervention)s (%(code)s), kvartal %(quarter)s "
            "%(year)s, skulle ha lämnats in senast %(deadline)s och är ännu inte inlämnad. "
            "Lämna in den så snart som möjligt."
        )
    body = "\n\n".join(
        [
            _("Hej!"),
            lead,
            _("Du fyller i rapporten i Finsam: %(url)s"),
            _("Det här är ett automatiskt meddelande från %(association)s."),
        ]
    )
    return subject % values, body % values


def send_reminders_for(association: Association, *, today: dt.date) -> list[ReminderSent]:
    """Send today's reminders of one association; returns the rows recorded."""
    recorded = []
    with scope(association=association.pk):
        leads = leads_by_intervention(association)
        for reminder in reminders_for(association, today=today):
            due = reminder.due
            recipients = leads.get(due.intervention.pk, [])
            if not recipients:
                continue  # recorded only when sent: a lead assigned later still gets it
            subject, body = reminder_text(association, reminder)
            try:
                with transaction.atomic():
                    row = ReminderSent.objects.create(
                        association=association,
                        intervention=due.intervention,
                        year=due.year,
                        quarter=due.quarter,
                        kind=reminder.kind,
                        sent_on=today,
                        recipients=len(recipients),
                    )
                    for email in recipients:
                        send_mail(subject, body, None, [email])
            except IntegrityError:
                continue  # another run sent it meanwhile
            except OSError:
                logger.exception(
                    "Report reminder for intervention %s %s Q%s not sent",
                    due.intervention.pk,
                    due.year,
                    due.quarter,
                )
                continue
            recorded.append(row)
    return recorded


def send_reminders(*, today: dt.date) -> list[ReminderSent]:
    """Send today's reminders in every association."""
    recorded: list[ReminderSent] = []
    for association in Association.objects.order_by("pk"):
        recorded.extend(send_reminders_for(association, today=today))
    return recorded
