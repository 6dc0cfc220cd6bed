"""The notice packet (spec/board.md): one PDF with the notice page, the agenda, each item's
paper followed by its attachments, and the delegated decisions, with bookmarks and page
numbers; and a DOCX of the notice and agenda in the association's Word template.

Everything is rendered from ``meetings.notice.notice_json`` (the contract's JSON), so the
packet says exactly what the JSON says. The notice pages are HTML rendered by WeasyPrint;
the frozen attachments are appended as they were frozen; ``meetings.pdfjoin`` joins them
into one tagged PDF, adds the bookmarks and stamps the page numbers as artifacts."""

from __future__ import annotations

import io
from typing import Any

from django.template.loader import render_to_string

from meetings.models import Attachment, Meeting, OrganKind
from meetings.notice import notice_json
from meetings.pdfjoin import Part, join

#: The organ as the proposal names it ("Förbundsstyrelsen föreslås besluta att ...").
DEFINITE: dict[str, str] = {
    OrganKind.STYRELSE: "Förbundsstyrelsen",
    OrganKind.ARBETSUTSKOTT: "Arbetsutskottet",
    OrganKind.BEREDNINGSGRUPP: "Beredningsgruppen",
}


def _html_pdf(template: str, context: dict[str, Any], title: str) -> bytes:
    from weasyprint import HTML

    html = render_to_string(template, {**context, "title": title})
    return bytes(HTML(string=html).write_pdf(pdf_tags=True))


def _attachment_pdf(attachment: Attachment) -> bytes | None:
    """The attachment as PDF pages: a frozen or uploaded PDF; a Word file is not inlined
    (the board opens it from the portal), so it gets a page that says where it is."""
    if not attachment.file:
        return None
    with attachment.file.open("rb") as handle:
        content: bytes = handle.read()
    return content if content.startswith(b"%PDF-") else None


def packet_parts(meeting: Meeting) -> list[Part]:
    data = notice_json(meeting)
    context = {
        "notice": data,
        "meeting": meeting,
        "association_name": meeting.association.name,
        "agenda_rows": [(item, agenda_note(item)) for item in data["agenda"]],
        "organ_definite": DEFINITE.get(meeting.organ.kind, str(meeting.organ)),
    }
    backgrounds = {i.number: i.background for i in meeting.items.all()}
    standing = {i.number for i in meeting.items.all() if i.standing}
    parts = [
        Part(
            "Kallelse och föredragningslista",
            0,
            _html_pdf("meetings/packet/notice.html", context, "Kallelse"),
        )
    ]
    attachments = {
        (a.item.number, a.position): a
        for a in Attachment.objects.filter(item__meeting=meeting).select_related("item")
    }
    for item in data["agenda"]:
        if item["number"] in standing and not item["attachments"]:
            continue  # a standing item is on the agenda; it has no paper of its own
        title = f"Ärende {item['number']}: {item['title']}"
        parts.append(
            Part(
                title,
                0,
                _html_pdf(
                    "meetings/packet/item.html",
                    {
                        **context,
                        "item": item,
                        "background": [
                            p for p in backgrounds[item["number"]].split("\n\n") if p.strip()
                        ],
                    },
                    title,
                ),
            )
        )
        for position, listed in enumerate(item["attachments"]):
            attachment = attachments[(item["number"], position)]
            pdf = _attachment_pdf(attachment)
            label = f"Bilaga {listed['number']}: {listed['title']}"
            if pdf is None:
                pdf = _html_pdf(
                    "meetings/packet/attachment_elsewhere.html",
                    {**context, "attachment": listed},
                    label,
                )
            parts.append(Part(label, 1, pdf))
    if data["delegated_decisions"]:
        parts.append(
            Part(
                "Delegationsbeslut",
                0,
                _html_pdf("meetings/packet/delegated.html", context, "Delegationsbeslut"),
            )
        )
    return parts


def render_packet(meeting: Meeting) -> bytes:
    """The whole packet as one tagged PDF with bookmarks and "Sida N av M" on every page."""
    return join(
        packet_parts(meeting),
        title=f"Kallelse {meeting.organ} {meeting.date.isoformat()}",
        author=meeting.association.name,
    )


def render_notice_docx(meeting: Meeting, template: Any = None) -> bytes:
    """The notice and the agenda as an editable Word document, in ``template`` (the
    association's .docx) when given."""
    from docx import Document

    data = notice_json(meeting)
    document = Document(template) if template is not None else Document()
    if template is not None:
        body = document.element.body
        for child in list(body):
            if not child.tag.endswith("sectPr"):
                body.remove(child)
    document.add_heading(f"Kallelse – {meeting.organ}", level=1)
    when = data["meeting"]
    time = when["start"] + (f"–{when['end']}" if when["end"] else "")
    document.add_paragraph(f"Tid: {when['date']} kl. {time}")
    document.add_paragraph(f"Plats: {when['place']}")
    if meeting.note:
        document.add_paragraph(meeting.note)
    document.add_heading("Ledamöter", level=2)
    for member in data["members"]:
        party = f" ({member['party']})" if member["party"] else ""
        substitute = f", ersättare {member['substitute']}" if member["substitute"] else ""
        document.add_paragraph(
            f"{member['name']}{party}, {member['member_organisation']}{substitute}",
            style="List Bullet",
        )
    if data["office"]:
        document.add_heading("Från kansliet", level=2)
        for staff in data["office"]:
            document.add_paragraph(f"{staff['name']}, {staff['title']}", style="List Bullet")
    document.add_heading("Föredragningslista", level=2)
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, ("Nr", "Ärenderubrik", "Föredragande", "Övriga uppgifter"), strict=True
    ):
        cell.text = text
    for item in data["agenda"]:
        row = table.add_row().cells
        row[0].text = str(item["number"])
        row[1].text = item["title"]
        row[2].text = item["presenter"] or ""
        row[3].text = agenda_note(item)
    document.core_properties.title = f"Kallelse {meeting.organ} {meeting.date.isoformat()}"
    document.core_properties.author = meeting.association.name
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def agenda_note(item: dict[str, Any]) -> str:
    """The agenda's "Övriga uppgifter": the item's kind and its attachments' numbers, as
    seed 001 writes them ("Handling – bilaga nr. 5 – 5.1")."""
    kind = "Beslut" if item["kind"] == "beslut" else "Information"
    numbers = [a["number"] for a in item["attachments"]]
    if not numbers:
        return kind
    return f"{kind}. Handling – bilaga nr. {' – '.join(numbers)}"
