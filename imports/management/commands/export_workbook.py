"""``python manage.py export_workbook --association SLUG --output FILE``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _
from django_scopes import scope

from imports.management.commands.import_workbook import association_from_slug
from imports.workbook import export_workbook


class Command(BaseCommand):
    help = "Exporterar förbundets insatser och budgetar som en importmall (.xlsx)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--association", required=True, help="Förbundets kortnamn.")
        parser.add_argument("--output", required=True, type=Path, help="Filen som skrivs.")

    def handle(self, *args: Any, **options: Any) -> None:
        association = association_from_slug(options["association"])
        output: Path = options["output"]
        with scope(association=association.pk), output.open("wb") as target:
            export_workbook(target, association=association)
        self.stdout.write(_("Exporten är sparad i %(path)s.") % {"path": output})
