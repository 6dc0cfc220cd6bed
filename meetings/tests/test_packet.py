from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from meetings import services
from meetings.packet import render_notice_docx, render_packet
from meetings.tests.helpers import add_decision_item, make_meeting
from testing.personas import World

pytestmark = pytest.mark.django_db


def _one_page_pdf(text: str) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, text)
    page.save()
    return buffer.getvalue()


def _meeting_with_attachments(world: World) -> object:
    meeting = make_meeting(world)
    item = add_decision_item(world, meeting)
    for title in ("Årsredovisning", "Revisionsberättelse"):
        services.add_attachment(
            user=world.users["admin"],
            item=item,
            title=title,
            document="file",
            file=SimpleUploadedFile(f"{title}.pdf", _one_page_pdf(f"Innehåll: {title}")),
        )
    services.record_delegated_decision(
        user=world.users["admin"],
        association=world.association,
        decided_on=dt.date(2026, 3, 2),
        delegate="Eva Chef",
        point="3.1",
        text="Avtal om lokal",
    )
    return services.publish(user=world.users["admin"], meeting=meeting)


def test_packet_pdf_has_bookmarks_page_numbers_and_the_agenda(world: World) -> None:
    from pypdf import PdfReader

    meeting = _meeting_with_attachments(world)

    reader = PdfReader(io.BytesIO(render_packet(meeting)))  # type: ignore[arg-type]  # the rendered packet is bytes

    outline = [
        (entry.title, [child.title for child in children])
        for entry, children in _outline_pairs(reader.outline)
    ]
    assert outline == [
        ("Kallelse och föredragningslista", []),
        (
            "Ärende 3: Årsredovisning 2025",
            ["Bilaga 3: Årsredovisning", "Bilaga 3.1: Revisionsberättelse"],
        ),
        ("Delegationsbeslut", []),
    ]
    texts = [page.extract_text() for page in reader.pages]
    assert texts[-1].rstrip().endswith(f"Sida {len(texts)} av {len(texts)}")
    assert "Handling – bilaga nr. 3 – 3.1" in " ".join(texts[0].split())
    assert "Innehåll: Revisionsberättelse" in " ".join(texts)
    assert "Förbundsstyrelsen föreslås besluta" in " ".join(texts)


def _outline_pairs(outline: list[Any]) -> list[tuple[Any, list[Any]]]:
    pairs: list[tuple[Any, list[Any]]] = []
    for entry in outline:
        if isinstance(entry, list):
            pairs[-1] = (pairs[-1][0], entry)
        else:
            pairs.append((entry, []))
    return pairs


def test_notice_docx_has_the_agenda_table(world: World) -> None:
    from docx import Document

    meeting = _meeting_with_attachments(world)

    document = Document(io.BytesIO(render_notice_docx(meeting)))  # type: ignore[arg-type]  # the rendered notice is bytes

    rows = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert rows[0] == ["Nr", "Ärenderubrik", "Föredragande", "Övriga uppgifter"]
    assert rows[3] == [
        "3",
        "Årsredovisning 2025",
        "Eva Chef",
        "Beslut. Handling – bilaga nr. 3 – 3.1",
    ]


def test_meeting_notice_command_writes_the_packet(world: World, tmp_path: object) -> None:
    meeting = _meeting_with_attachments(world)
    target = f"{tmp_path}/kallelse.pdf"

    call_command(
        "meeting_notice",
        "--association",
        "exempel",
        "--meeting",
        str(meeting.pk),  # type: ignore[attr-defined]  # the factory's meeting is a model
        "--format",
        "pdf",
        "--output",
        target,
        stderr=io.StringIO(),
    )

    with open(target, "rb") as handle:
        assert handle.read(5) == b"%PDF-"
