"""``python manage.py run_retention [--association SLUG] [--dry-run]``: retention now.

Run it once a day from the host's scheduler: the systemd units
``deploy/finsam-retention.{service,timer}`` do (docs/deployment.md), or a crontab
line: ``15 3 * * * cd /srv/finsam && .venv/bin/python manage.py run_retention``.
The same job as a task for the ``db_worker``: ``participants.tasks.run_retention_for_all``.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from participants.retention import run_retention_for
from tenancy.commands import association_from_slug
from tenancy.models import Association


class Command(BaseCommand):
    help = (
        "Gallrar personuppgifter enligt förbundens gallringsregler: tar bort identiteten för "
        "personer vars deltaganden avslutades före gränsen och rensar gamla loggposters "
        "koppling till deltaganden."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--association", help="Bara detta förbund (kortnamn).")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Räkna vad som skulle gallras utan att ändra något (rapporten sparas).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        slug: str | None = options["association"]
        if slug is None:
            associations = list(Association.objects.order_by("pk"))
        else:
            associations = [association_from_slug(slug)]
        runs = run_retention_for(associations, dry_run=options["dry_run"])
        for association, run in zip(associations, runs, strict=True):
            prefix = _("Provkörning") if run.dry_run else _("Gallring")
            self.stdout.write(
                _(
                    "%(prefix)s %(association)s: %(persons)d personer borttagna, "
                    "%(participations)d deltaganden anonymiserade, %(log)d loggposter rensade."
                )
                % {
                    "prefix": prefix,
                    "association": association.slug,
                    "persons": run.persons_removed,
                    "participations": run.participations_anonymised,
                    "log": run.log_entries_pruned,
                }
            )
