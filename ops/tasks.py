"""Background jobs of operations (django-tasks).

``heartbeat`` is enqueued every few minutes by ``manage.py enqueue_heartbeat`` (a systemd
timer, see ``deploy/``); when the ``db_worker`` runs it, ``/healthz`` knows the worker is
alive.
"""

from __future__ import annotations

from django_tasks import task

from ops.heartbeat import record_heartbeat


@task()
def heartbeat() -> str:
    """Stamp the heartbeat row; returns the time written (ISO 8601)."""
    return record_heartbeat().at.isoformat()
