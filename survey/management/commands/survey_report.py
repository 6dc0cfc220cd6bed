"""``survey_report --association SLUG --year YYYY --format json|html|docx|xlsx
[--output FILE]``: the
indicator survey report of one measurement year (spec/survey.md section 6)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from documents.survey.render import FORMATS, render_report
from finsam.years import YEAR_MAX, YEAR_MIN
from tenancy.commands import write_document
from tenancy.models import Association


class Command(BaseCommand):
    help = "Skriv indikatorenkätens rapport för ett förbund och ett mätår."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--association", required=True, help="förbundets kortnamn (slug)")
        parser.add_argument("--year", required=True, type=int, help="mätåret, t.ex. 2021")
        parser.add_argument("--format", choices=FORMATS, default="json")
        parser.add_argument("--output", help="fil att skriva till (standard: standard ut)")

    def handle(self, *args: Any, **options: Any) -> None:
        association = Association.objects.filter(slug=options["association"]).first()
        if association is None:
            raise CommandError(f"Förbundet {options['association']!r} finns inte.")
        year = options["year"]
        if not YEAR_MIN <= year <= YEAR_MAX:
            raise CommandError("Ange mätåret med fyra siffror.")
        content = render_report(association, year, options["format"])
        write_document(self, content, options["output"], text=options["format"] in {"json", "html"})
