"""Background jobs of participant data (django-tasks).

``run_retention_for_all`` is the daily retention job. Nothing inside Django schedules it:
a systemd timer or cron runs ``manage.py run_retention`` once a day (see that command),
or enqueues this task for the ``db_worker``.
"""

from __future__ import annotations

from django_tasks import task

from participants.retention import run_retention_for
from tenancy.models import Association


@task()
def run_retention_for_all() -> list[int]:
    """Apply every association's retention policy; returns the ids of the run reports."""
    runs = run_retention_for(Association.objects.order_by("pk"))
    return [run.pk for run in runs]
