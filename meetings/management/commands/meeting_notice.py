"""``meeting_notice --association SLUG --meeting ID|latest --format json [--output FILE]``:
the notice of a meeting as the contract's JSON (spec/board.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_scopes import scope

from meetings.models import Meeting
from meetings.notice import notice_json
from tenancy.models import Association


def render(meeting: Meeting, fmt: str) -> bytes:
    if fmt == "json":
        return json.dumps(notice_json(meeting), ensure_ascii=False, indent=2).encode("utf-8")
    raise CommandError(f"Okänt format: {fmt}")  # pragma: no cover - argparse limits choices


class Command(BaseCommand):
    help = "Skriv kallelsen till ett sammanträde (JSON)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--association", required=True, help="förbundets kortnamn (slug)")
        parser.add_argument(
            "--meeting", required=True, help="sammanträdets id (som i adressen) eller latest"
        )
        parser.add_argument("--format", choices=["json"], default="json")
        parser.add_argument("--output", help="fil att skriva till (standard: standard ut)")

    def handle(self, *args: Any, **options: Any) -> None:
        association = Association.objects.filter(slug=options["association"]).first()
        if association is None:
            raise CommandError(f"Förbundet {options['association']!r} finns inte.")
        with scope(association=association.pk):
            meetings = Meeting.objects.filter(association=association).select_related("organ")
            wanted = options["meeting"]
            if wanted == "latest":
                meeting = meetings.order_by("-date", "-start", "-pk").first()
            elif wanted.isdigit():
                meeting = meetings.filter(pk=int(wanted)).first()
            else:
                raise CommandError("Ange sammanträdets id (ett heltal) eller latest.")
            if meeting is None:
                raise CommandError(f"Förbundet har inget sammanträde {wanted!r}.")
            content = render(meeting, options["format"])
        if options["output"]:
            Path(options["output"]).write_bytes(content)
            self.stderr.write(f"Skrev {options['output']} ({len(content)} byte).")
        else:
            self.stdout.write(content.decode("utf-8"))
