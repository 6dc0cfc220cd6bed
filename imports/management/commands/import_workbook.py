"""``python manage.py import_workbook FILE --association SLUG [--dry-run]``.

Run by the host's administrator: every sheet is imported, `Deltagare` included; the
participant writes are in the access log with user none, role "system" and purpose
"Import från fil"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django_scopes import scope

from imports.workbook import import_workbook
from imports.workbook.access import WorkbookAccess
from tenancy.commands import association_from_slug


class Command(BaseCommand):
    help = (
        "Importerar en importmall (.xlsx, en mapp eller .zip med en CSV-fil per blad). "
        "Allt kontrolleras innan något sparas."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="Arbetsbok, CSV-fil, zip-fil eller mapp.")
        parser.add_argument("--association", required=True, help="Förbundets kortnamn.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Kontrollera och visa ändringar utan att spara."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.exists():
            raise CommandError(_("Filen %(path)s finns inte.") % {"path": path})
        association = association_from_slug(options["association"])
        with scope(association=association.pk):
            result = import_workbook(
                path,
                association=association,
                dry_run=options["dry_run"],
                access=WorkbookAccess.system(),
            )
        for line in result.notices:
            self.stdout.write(line)
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(problem.as_line())
            raise CommandError(result.summary_lines()[0])
        for line in result.summary_lines():
            self.stdout.write(line)
