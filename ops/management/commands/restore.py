"""``python manage.py restore DIR [--force]``: back to a backup made by ``backup``.

Checks everything before it changes anything: the checksums in ``manifest.json``, that the
backup is from the same database engine and from this or an older version of Finsam, and
(unless ``--force``) that the database and MEDIA_ROOT are empty. Stop the web and worker
services first. Then run ``manage.py migrate`` if the backup is from an older version.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from ops.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Återställer databasen och uppladdade filer från en säkerhetskopia."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, help="Mappen med säkerhetskopian.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Skriv över en databas och MEDIA_ROOT som redan innehåller data.",
        )
        parser.add_argument("--database", default="default", help="Databasalias.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = restore_backup(
                options["directory"], force=options["force"], using=options["database"]
            )
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            _("Återställt (%(engine)s): databasen och %(files)d filer.")
            % {"engine": result.engine, "files": result.media_files}
        )
        if result.unapplied_migrations:
            self.stdout.write(
                _("Kopian är från en äldre version: kör manage.py migrate (%(count)d migreringar).")
                % {"count": result.unapplied_migrations}
            )
