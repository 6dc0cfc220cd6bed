"""``python manage.py import_sie FILE --association SLUG [--dry-run]``: read an SIE 4 file
and replace that fiscal year's ledger (all or nothing; the same file twice gives the same
database). Prints a summary and every warning; a refused file prints every problem."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django_scopes import scope

from ledger.services import import_sie
from ledger.sie import SieError
from tenancy.commands import association_from_slug


class Command(BaseCommand):
    help = "Importerar en SIE 4-fil (huvudbok för ett räkenskapsår). Allt kontrolleras först."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="SIE-filen.")
        parser.add_argument("--association", required=True, help="Förbundets kortnamn.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Kontrollera och visa utan att spara."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(_("Filen %(path)s finns inte.") % {"path": path})
        association = association_from_slug(options["association"])
        with scope(association=association.pk):
            try:
                result = import_sie(
                    association=association,
                    data=path.read_bytes(),
                    file_name=path.name,
                    dry_run=options["dry_run"],
                )
            except SieError as error:
                for line in error.lines:
                    self.stderr.write(line)
                raise CommandError(
                    _("Filen togs inte emot (%(count)s fel). Inget sparades.")
                    % {"count": len(error.problems)}
                ) from None
        for line in result.summary_lines():
            self.stdout.write(line)
        for warning in result.warnings:
            self.stdout.write(_("Varning: %(warning)s") % {"warning": warning})
