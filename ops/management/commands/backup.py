"""``python manage.py backup --output DIR``: the database and the uploaded files.

Writes ``DIR/manifest.json``, ``DIR/database.dump`` (PostgreSQL, ``pg_dump --format=custom``)
or ``DIR/database.sqlite3`` (SQLite, the online backup API) and ``DIR/media.tar.gz``; see
``ops.backup`` and docs/deployment.md. The backup holds personal data (encrypted): keep it
as carefully as the database, and ``FIELD_ENCRYPTION_KEY`` elsewhere.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from ops.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Säkerhetskopierar databasen och uppladdade filer till en mapp."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output", required=True, type=Path, help="Mappen som skapas för kopian."
        )
        parser.add_argument("--database", default="default", help="Databasalias.")

    def handle(self, *args: Any, **options: Any) -> None:
        output: Path = options["output"]
        try:
            manifest = create_backup(output, using=options["database"])
        except BackupError as error:
            raise CommandError(str(error)) from None
        for name, part in sorted(manifest.parts.items()):
            self.stdout.write(f"{name}: {part['size']} bytes, sha256 {part['sha256']}")
        self.stdout.write(
            _("Säkerhetskopia (%(engine)s) skriven till %(path)s.")
            % {"engine": manifest.engine, "path": output}
        )
