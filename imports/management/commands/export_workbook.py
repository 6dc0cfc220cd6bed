"""``python manage.py export_workbook --association SLUG --output FILE
[--include-personal-data]``.

Without ``--include-personal-data`` the `Deltagare` sheet has its header only; with it,
every participation with its personnummer, and the export is in the access log (user none,
role "system")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _
from django_scopes import scope

from imports.workbook import export_workbook
from imports.workbook.access import WorkbookAccess
from tenancy.commands import association_from_slug


class Command(BaseCommand):
    help = (
        "Exporterar förbundets data som en importmall (.xlsx). Deltagarnas personuppgifter "
        "bara med --include-personal-data (exporten loggas)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--association", required=True, help="Förbundets kortnamn.")
        parser.add_argument("--output", required=True, type=Path, help="Filen som skrivs.")
        parser.add_argument(
            "--include-personal-data",
            action="store_true",
            help="Ta med deltagarnas rader med personnummer i bladet Deltagare (loggas).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        association = association_from_slug(options["association"])
        output: Path = options["output"]
        with scope(association=association.pk), output.open("wb") as target:
            export_workbook(
                target,
                association=association,
                access=WorkbookAccess.system(
                    include_personal_data=options["include_personal_data"]
                ),
            )
        self.stdout.write(_("Exporten är sparad i %(path)s.") % {"path": output})
