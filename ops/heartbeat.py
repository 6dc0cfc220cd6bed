"""Is the background worker alive? The worker runs ``ops.tasks.heartbeat`` (enqueued by the
``enqueue_heartbeat`` timer every few minutes), which stamps ``Heartbeat``; ``/healthz``
reports how old that stamp is.

``FINSAM_REQUIRE_WORKER`` (default off) makes a worker that is not "ok" fail the health
check; ``FINSAM_WORKER_STALE_SECONDS`` (default 900, three missed five-minute beats) is the
age after which a heartbeat counts as stale. Both are read from settings when defined
there, else from the environment.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone

from ops.models import Heartbeat

WorkerStatus = Literal["ok", "stale", "unknown"]


def worker_required() -> bool:
    return bool(settings.FINSAM_REQUIRE_WORKER)


def stale_after() -> dt.timedelta:
    return dt.timedelta(seconds=int(settings.FINSAM_WORKER_STALE_SECONDS))


def record_heartbeat(*, at: dt.datetime | None = None) -> Heartbeat:
    """Upsert the single heartbeat row."""
    heartbeat, _created = Heartbeat.objects.update_or_create(
        pk=1, defaults={"at": at or timezone.now()}
    )
    return heartbeat


def worker_status(*, now: dt.datetime | None = None) -> WorkerStatus:
    """ "unknown" when the worker never beat (or the table is missing), "stale" when the
    last beat is older than ``stale_after()``, else "ok"."""
    try:
        last = Heartbeat.objects.filter(pk=1).values_list("at", flat=True).first()
    except DatabaseError:
        return "unknown"
    if last is None:
        return "unknown"
    return "ok" if (now or timezone.now()) - last <= stale_after() else "stale"
