"""``meeting_notice --association SLUG --meeting ID|latest --format json|pdf|docx
[--output FILE]``: the notice of a meeting (spec/board.md): the contract's JSON, the whole
packet as one PDF, or the notice and agenda as DOCX."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_scopes import scope

from documents.memo.sources import template_for
from meetings.models import Meeting
from meetings.notice import notice_json
from meetings.packet import render_notice_docx, render_packet
from tenancy.commands import write_document
from tenancy.models import Association

FORMATS = ("json", "pdf", "docx")


def render(meeting: Meeting, fmt: str) -> bytes:
    """The notice in one format: the contract's JSON, the whole packet as PDF, or the
    notice and agenda as DOCX in the association's Word template."""
    if fmt == "json":
        return json.dumps(notice_json(meeting), ensure_ascii=False, indent=2).encode("utf-8")
    if fmt == "pdf":
        return render_packet(meeting)
    template = template_for(meeting.association)
    try:
        return render_notice_docx(meeting, template)
    finally:
        if template is not None:
            template.close()


class Command(BaseCommand):
    help = "Skriv kallelsen till ett sammanträde (JSON, PDF-paket eller DOCX)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--association", required=True, help="förbundets kortnamn (slug)")
        parser.add_argument(
            "--meeting", required=True, help="sammanträdets id (som i adressen) eller latest"
        )
        parser.add_argument("--format", choices=FORMATS, default="json")
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
        write_document(self, content, options["output"], text=options["format"] == "json")
