"""``python manage.py send_report_reminders [--date YYYY-MM-DD]``: the reminders of the day.

Run it once a day from the host's scheduler: the systemd units
``deploy/finsam-reminders.{service,timer}`` do (docs/deployment.md).

Running it twice a day, or again after a failure, sends nothing twice. The same job as a
task for the ``db_worker``: ``followup.tasks.send_report_reminders``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from followup.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Skickar påminnelser om kvartalsrapporter till insatsansvariga: sju dagar före sista "
        "dag och dagen efter, om rapporten inte är inlämnad."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="Kör som om det vore detta datum (ÅÅÅÅ-MM-DD).")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["date"]:
            try:
                today = dt.date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(_("Ange datumet som ÅÅÅÅ-MM-DD.")) from error
        else:
            today = timezone.localdate()
        sent = send_reminders(today=today)
        self.stdout.write(
            _("%(count)d påminnelser skickade (%(date)s).")
            % {"count": len(sent), "date": today.isoformat()}
        )
