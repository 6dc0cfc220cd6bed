"""``python manage.py economic_information --association SLUG --as-of DATE --until YEAR
--format json|html|docx|pdf|xlsx [--output FILE]``: the decision room (spec/annual-report.md
section 3). JSON is the contract form; the other formats render the same figures
(``documents.economic``). Binary formats need ``--output``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django_scopes import scope

from stats.economic import EconomicError, economic_information
from tenancy.commands import association_from_slug

FORMATS = ("json", "html", "docx", "pdf", "xlsx")
BINARY = ("docx", "pdf", "xlsx")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            _("Ange datumet som ÅÅÅÅ-MM-DD, till exempel 2023-03-31: %(text)s") % {"text": text}
        ) from None


class Command(BaseCommand):
    help = "Skriv den ekonomiska informationen (beslutsutrymmet) för ett förbund."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--association", required=True, help="förbundets kortnamn (slug)")
        parser.add_argument("--as-of", required=True, help="per datum, t.ex. 2023-03-31")
        parser.add_argument("--until", required=True, type=int, help="sista budgetåret")
        parser.add_argument("--format", choices=FORMATS, default="json")
        parser.add_argument("--output", help="fil att skriva till (standard: standard ut)")

    def handle(self, *args: Any, **options: Any) -> None:
        association = association_from_slug(options["association"])
        as_of = _date(options["as_of"])
        fmt = options["format"]
        if fmt in BINARY and not options["output"]:
            raise CommandError(_("Formatet %(format)s kräver --output FIL.") % {"format": fmt})
        with scope(association=association.pk):
            try:
                information = economic_information(association, as_of=as_of, until=options["until"])
            except EconomicError as error:
                raise CommandError(str(error)) from None
            for warning in information.warnings:
                self.stderr.write(warning)
            content = self._render(information, fmt)
        if options["output"]:
            path = Path(options["output"])
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
            self.stderr.write(f"Skrev {options['output']}.")
        else:
            assert isinstance(content, str)  # noqa: S101  binary formats need --output
            self.stdout.write(content, ending="")

    def _render(self, information: Any, fmt: str) -> str | bytes:
        if fmt == "json":
            return json.dumps(information.json(), ensure_ascii=False, indent=2) + "\n"
        from documents.economic.render import render

        return render(information, fmt)
