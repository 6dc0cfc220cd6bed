from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from followup.models import DecidedBy, Decision, Deviation, DeviationKind
from meetings import services
from meetings.models import AttachmentDocument, MeetingStatus, Standing
from meetings.queries import delegated_decisions
from meetings.tests.helpers import add_decision_item, attach, frozen_attachment, make_meeting
from testing.personas import World

pytestmark = pytest.mark.django_db


def test_create_meeting_adds_the_standing_items(world: World) -> None:
    meeting = make_meeting(world)

    assert [(i.number, i.standing) for i in meeting.items.order_by("number")] == [
        (1, Standing.CHECKER),
        (2, Standing.AGENDA),
        (3, Standing.DELEGATED),
        (4, Standing.OTHER),
    ]


def test_add_item_goes_before_the_closing_standing_items(world: World) -> None:
    meeting = make_meeting(world)

    item = add_decision_item(world, meeting)

    assert item.number == 3
    assert [i.title for i in meeting.items.order_by("number")][2:] == [
        "Årsredovisning 2025",
        "Delegationsbeslut",
        "Övriga frågor",
    ]


def test_add_item_refuses_a_clause_without_att(world: World) -> None:
    meeting = make_meeting(world)

    with pytest.raises(ValidationError) as error:
        services.add_item(
            user=world.users["admin"], meeting=meeting, title="X", proposal=["fastställa"]
        )

    assert error.value.message_dict == {
        "proposal": ["Varje beslutssats börjar med ”att”: fastställa"]
    }


def test_move_item_swaps_with_its_neighbour(world: World) -> None:
    meeting = make_meeting(world)
    item = add_decision_item(world, meeting)

    services.move_item(user=world.users["admin"], item=item, up=True)

    assert [i.title for i in meeting.items.order_by("number")][1:3] == [
        "Årsredovisning 2025",
        "Godkännande av dagordningen",
    ]


def test_attachments_are_numbered_within_their_item(world: World) -> None:
    meeting = make_meeting(world)
    item = add_decision_item(world, meeting)
    pdf = SimpleUploadedFile("a.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    docx = SimpleUploadedFile("b.docx", b"PK\x03\x04 test", content_type="application/zip")

    first = attach(world, item, title="Beslut", document="file", file=pdf)
    second = attach(world, item, title="Bilaga", document="file", file=docx)

    assert (first.number, second.number) == ("3", "3.1")


def test_add_attachment_refuses_a_file_that_is_not_what_its_name_says(world: World) -> None:
    item = add_decision_item(world, make_meeting(world))
    fake = SimpleUploadedFile("a.pdf", b"MZ executable", content_type="application/pdf")

    with pytest.raises(ValidationError) as error:
        attach(world, item, title="X", document="file", file=fake)

    assert error.value.message_dict == {"file": ["Filens innehåll är inte en PDF-fil."]}


@pytest.mark.parametrize(
    ("document", "reference"),
    [
        (AttachmentDocument.ANNUAL_REPORT, "2025"),  # a year without ledger
        (AttachmentDocument.ECONOMIC_INFORMATION, "mars"),  # not a date
        (AttachmentDocument.APPLICATION, "999999"),  # no such application
    ],
)
def test_add_attachment_refuses_a_reference_to_nothing_it_can_generate(
    world: World, document: str, reference: str
) -> None:
    item = add_decision_item(world, make_meeting(world))

    with pytest.raises(ValidationError) as error:
        attach(world, item, title="Underlag", document=document, reference=reference)

    assert list(error.value.message_dict) == ["reference"]


@pytest.mark.parametrize(
    ("document", "reference", "title"),
    [
        (AttachmentDocument.MEMO, "2025H2", "Uppföljnings-PM 2025"),
        (
            AttachmentDocument.ECONOMIC_INFORMATION,
            "2026-03-31",
            "Ekonomisk information per 2026-03-31",
        ),
    ],
)
def test_publish_freezes_the_generated_document_as_pdf(
    world: World, document: str, reference: str, title: str
) -> None:
    attachment = frozen_attachment(world, document=document, reference=reference, title=title)

    assert attachment.item.meeting.status == MeetingStatus.PUBLISHED
    assert attachment.frozen_at is not None
    assert attachment.file.read(5) == b"%PDF-"


def test_a_published_notice_cannot_change(world: World) -> None:
    meeting = make_meeting(world)
    add_decision_item(world, meeting)
    services.publish(user=world.users["admin"], meeting=meeting)

    with pytest.raises(ValidationError):
        add_decision_item(world, meeting, "Sent ärende")


def test_publish_refuses_a_meeting_with_only_standing_items(world: World) -> None:
    meeting = make_meeting(world)

    with pytest.raises(ValidationError):
        services.publish(user=world.users["admin"], meeting=meeting)


def test_only_the_office_prepares_meetings(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.create_meeting(
            user=world.users["board"],
            organ=services.board_organ(world.association),
            date=dt.date(2026, 3, 31),
            start=dt.time(9),
            place="Kansliet",
        )


def test_delegated_decisions_are_those_since_the_previous_meeting(world: World) -> None:
    admin = world.users["admin"]
    make_meeting(world, date=dt.date(2026, 2, 1))
    meeting = make_meeting(world, date=dt.date(2026, 3, 31))
    for day in (dt.date(2026, 1, 15), dt.date(2026, 2, 10), dt.date(2026, 4, 2)):
        services.record_delegated_decision(
            user=admin,
            association=world.association,
            decided_on=day,
            delegate="Förbundschef",
            point="3.1",
            text=f"Beslut {day.isoformat()}",
        )
    Deviation.objects.create(
        association=world.association,
        intervention=world.intervention_a,
        received_on=dt.date(2026, 2, 20),
        kind=DeviationKind.END_DATE,
        description="Förlängning",
        requested_end_date=dt.date(2026, 12, 31),
        decision=Decision.GRANTED,
        decided_on=dt.date(2026, 3, 1),
        decided_by=DecidedBy.DIRECTOR,
    )

    rows = delegated_decisions(meeting)

    assert [(r.decided_on, r.delegate) for r in rows] == [
        (dt.date(2026, 2, 10), "Förbundschef"),
        (dt.date(2026, 3, 1), "Förbundschef"),
    ]


def test_publish_mails_each_board_member_a_link_and_no_file(
    world: World, django_capture_on_commit_callbacks: object
) -> None:
    from django.core import mail

    meeting = make_meeting(world)
    add_decision_item(world, meeting)

    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]  # pytest-django's fixture is untyped
        services.publish(user=world.users["admin"], meeting=meeting)

    assert [(m.to, len(m.attachments)) for m in mail.outbox] == [(["board@example.se"], 0)]
    assert f"/f/exempel/sammantraden/{meeting.pk}/" in mail.outbox[0].body


def test_publish_freezes_the_application_with_its_assessment(world: World) -> None:
    import io

    from pypdf import PdfReader

    from funding.tests.scenarios import bryggan

    application = bryggan(world)

    attachment = frozen_attachment(
        world,
        document=AttachmentDocument.APPLICATION,
        reference=str(application.pk),
        title="Ansökan med beredning",
    )

    text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(attachment.file.read())).pages
    )
    assert "Ansökan: Bryggan" in " ".join(text.split())
    assert "Kansliets beredning" in text
