"""``python manage.py enqueue_heartbeat``: queue the worker's heartbeat task.

Run it every five minutes from the host's scheduler (``deploy/finsam-heartbeat.timer``).
The command itself writes nothing but the queued task: only when the ``db_worker`` runs
the task does ``/healthz`` see a fresh heartbeat, so a stopped worker shows as "stale".
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from ops.tasks import heartbeat


class Command(BaseCommand):
    help = "Lägger ett livstecken i kön för bakgrundsarbetaren (för /healthz)."

    def handle(self, *args: Any, **options: Any) -> None:
        result = heartbeat.enqueue()
        self.stdout.write(_("Livstecken köat (%(id)s).") % {"id": result.id})
