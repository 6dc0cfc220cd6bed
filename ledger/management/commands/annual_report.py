"""``python manage.py annual_report --association SLUG --year YYYY --format
json|html|xlsx|pdf|docx [--unsuppressed] [--output FILE]``: the annual report
(årsredovisning) from the ledger.

The participant statistics are the board version (disclosure control applied) unless
``--unsuppressed``. An adopted year gives its figures as adopted. A report that cannot be
produced prints every reason and exits 1."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django_scopes import scope

from stats.annual.adoption import report_for
from stats.annual.data import ReportError
from tenancy.commands import association_from_slug
from tenancy.models import Association

FORMATS = ("json", "html", "xlsx", "pdf", "docx")


class Command(BaseCommand):
    help = "Skriv årsredovisningen för ett förbund och ett år från den importerade huvudboken."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--association", required=True, help="förbundets kortnamn (slug)")
        parser.add_argument("--year", required=True, type=int, help="räkenskapsåret, t.ex. 2022")
        parser.add_argument("--format", choices=FORMATS, default="json")
        parser.add_argument(
            "--unsuppressed", action="store_true", help="utan röjandeskydd (endast för kansliet)"
        )
        parser.add_argument("--output", help="fil att skriva till (standard: standard ut)")

    def handle(self, *args: Any, **options: Any) -> None:
        association = association_from_slug(options["association"])
        with scope(association=association.pk):
            try:
                report, adopted = report_for(
                    association, options["year"], suppress=not options["unsuppressed"]
                )
            except ReportError as error:
                for message in error.messages:
                    self.stderr.write(message)
                raise CommandError(_("Årsredovisningen kunde inte skrivas.")) from None
            if options["format"] != "json":
                if not options["output"]:
                    raise CommandError(
                        _("Ange --output för formatet %(format)s.") % {"format": options["format"]}
                    )
                data = self.render(options["format"], report, association, adopted, options)
                Path(options["output"]).write_bytes(data)
                self.stderr.write(f"Skrev {options['output']}.")
                return
        content = json.dumps(report, ensure_ascii=False, indent=2)
        if options["output"]:
            Path(options["output"]).write_text(content + "\n", encoding="utf-8")
            self.stderr.write(f"Skrev {options['output']}.")
        else:
            self.stdout.write(content)

    def render(
        self,
        fmt: str,
        report: dict[str, Any],
        association: Association,
        adopted: Any,
        options: dict[str, Any],
    ) -> bytes:
        from documents.annual.render import (
            render_annual_docx,
            render_annual_html,
            render_annual_pdf,
        )
        from documents.annual.xlsx import render_annual_xlsx

        if fmt == "xlsx":
            return render_annual_xlsx(report)
        render = {
            "pdf": render_annual_pdf,
            "docx": render_annual_docx,
            "html": render_annual_html,
        }[fmt]
        return render(
            report,
            association=association,
            adopted=adopted,
            suppressed=not options["unsuppressed"],
        )
