"""``followup_report --association SLUG --period 2022H2 --format json|docx|pdf|xlsx
[--unsuppressed] [--output FILE]``: the semi-annual follow-up memo from the command line.

The suppressed version is the default; ``--unsuppressed`` gives the office's version (the
command is run by the host's administrator, who answers for where the file goes)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_scopes import scope

from documents.memo import sources
from documents.memo.render import FORMATS, render_memo
from stats.periods import Period
from tenancy.commands import write_document
from tenancy.models import Association


class Command(BaseCommand):
    help = "Skriv uppföljnings-PM för ett förbund och en period (JSON, DOCX, PDF eller XLSX)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--association", required=True, help="förbundets kortnamn (slug)")
        parser.add_argument("--period", required=True, help="t.ex. 2022H2, 2022 eller 2022Q3")
        parser.add_argument("--format", choices=FORMATS, default="json")
        parser.add_argument(
            "--unsuppressed",
            action="store_true",
            help="utan röjandeskydd (endast för kansliet)",
        )
        parser.add_argument("--output", help="fil att skriva till (standard: standard ut)")

    def handle(self, *args: Any, **options: Any) -> None:
        association = Association.objects.filter(slug=options["association"]).first()
        if association is None:
            raise CommandError(f"Förbundet {options['association']!r} finns inte.")
        try:
            period = Period.parse(options["period"])
        except ValueError as error:
            raise CommandError(str(error)) from error
        with scope(association=association.pk):
            document, data = sources.memo_document(
                association, period, suppress=not options["unsuppressed"]
            )
            content = render_memo(document, data, options["format"], association)
        write_document(self, content, options["output"], text=options["format"] == "json")
