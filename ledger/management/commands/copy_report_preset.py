"""``python manage.py copy_report_preset --association SLUG --preset bas|kommun-bas
[--replace]``: give an association the report lines of a preset to edit."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django_scopes import scope

from ledger.presets import PRESETS, copy_preset
from tenancy.commands import association_from_slug


class Command(BaseCommand):
    help = "Kopierar en mall för rapportrader (Kommun-Bas eller BAS) till ett förbund."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--association", required=True, help="Förbundets kortnamn.")
        parser.add_argument("--preset", required=True, choices=sorted(PRESETS))
        parser.add_argument("--replace", action="store_true", help="Ersätt befintliga rader.")

    def handle(self, *args: Any, **options: Any) -> None:
        association = association_from_slug(options["association"])
        with scope(association=association.pk):
            try:
                count = copy_preset(
                    association=association, preset=options["preset"], replace=options["replace"]
                )
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(_("Kopierade %(count)s rapportrader.") % {"count": count})
