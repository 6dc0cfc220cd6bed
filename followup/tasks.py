"""Background jobs of the follow-up (django-tasks).

``send_report_reminders`` is the daily reminder job. Nothing inside Django schedules it: a
systemd timer or cron runs ``manage.py send_report_reminders`` once a day (see that
command), or enqueues this task for the ``db_worker``.
"""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from followup.reminders import send_reminders


@task()
def send_report_reminders(today_iso: str) -> int:
    """Send the reminders due on ``today_iso`` (YYYY-MM-DD); returns how many were sent."""
    return len(send_reminders(today=dt.date.fromisoformat(today_iso)))
