from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from meetings import services
from meetings.models import Meeting
from meetings.packet import render_notice_docx, render_packet
from meetings.tests.helpers import add_decision_item, make_meeting
from testing.personas import World

pytestmark = pytest.mark.django_db


def _one_page_pdf(text: str) -> bytes:
    """An untagged one-page PDF with ``text``, as a scanner or an old program writes it."""
    import pikepdf

    pdf = pikepdf.new()
    font = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.Type1,
            BaseFont=pikepdf.Name.Helvetica,
            Encoding=pikepdf.Name.WinAnsiEncoding,
        )
    )
    page = pdf.add_blank_page(page_size=(595, 842))
    page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    escaped = text.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(")
    escaped = escaped.replace(b")", b"\\)")
    page.obj.Contents = pdf.make_stream(b"BT /F1 12 Tf 72 720 Td (" + escaped + b") Tj ET")
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def _meeting_with_attachments(world: World) -> Meeting:
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

    reader = PdfReader(io.BytesIO(render_packet(meeting)))

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

    document = Document(io.BytesIO(render_notice_docx(meeting)))

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
        str(meeting.pk),
        "--format",
        "pdf",
        "--output",
        target,
        stderr=io.StringIO(),
    )

    with open(target, "rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_packet_pdf_is_tagged_with_one_section_per_part(world: World) -> None:
    import pikepdf

    meeting = _meeting_with_attachments(world)

    with pikepdf.open(io.BytesIO(render_packet(meeting))) as pdf:
        root = pdf.Root
        document = root.StructTreeRoot.K[0]
        sections = [
            (str(kid.T), [str(child.T) for child in kid.K if child.get("/S") == "/Sect"])
            for kid in document.K
        ]
        catalogue = (str(root.Lang), bool(root.MarkInfo.Marked), str(document.S))

    assert catalogue == ("sv", True, "/Document")
    assert sections == [
        ("Kallelse och föredragningslista", []),
        (
            "Ärende 3: Årsredovisning 2025",
            ["Bilaga 3: Årsredovisning", "Bilaga 3.1: Revisionsberättelse"],
        ),
        ("Delegationsbeslut", []),
    ]


def test_packet_pdf_has_no_untagged_content(world: World) -> None:
    from meetings.pdfjoin import untagged_painting

    meeting = _meeting_with_attachments(world)

    assert untagged_painting(render_packet(meeting)) == []


def test_packet_pdf_structure_points_at_its_own_pages(world: World) -> None:
    import pikepdf

    meeting = _meeting_with_attachments(world)

    with pikepdf.open(io.BytesIO(render_packet(meeting))) as pdf:
        pages = {page.obj.objgen for page in pdf.pages}
        keys = sorted(int(page.obj.StructParents) for page in pdf.pages)
        tree = pikepdf.NumberTree(pdf.Root.StructTreeRoot.ParentTree)
        elsewhere = [
            element.Pg.objgen
            for _key, elements in tree.items()
            for element in (elements if isinstance(elements, pikepdf.Array) else [elements])
            if "/Pg" in element and element.Pg.objgen not in pages
        ]
        next_key = int(pdf.Root.StructTreeRoot.ParentTreeNextKey)

    assert (len(set(keys)), elsewhere, next_key > max(keys)) == (len(pages), [], True)


def test_an_untagged_upload_is_a_figure_named_by_its_attachment(world: World) -> None:
    import pikepdf

    meeting = _meeting_with_attachments(world)

    with pikepdf.open(io.BytesIO(render_packet(meeting))) as pdf:
        item = pdf.Root.StructTreeRoot.K[0].K[1]
        figures = [
            (str(figure.S), str(figure.Alt))
            for section in item.K
            if section.get("/S") == "/Sect"
            for figure in section.K
        ]

    assert figures == [
        ("/Figure", "Bilaga 3: Årsredovisning"),
        ("/Figure", "Bilaga 3.1: Revisionsberättelse"),
    ]
