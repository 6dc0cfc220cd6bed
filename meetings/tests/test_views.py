from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings import services
from meetings.models import Attachment, Attendance, Item, Meeting, OrganMembership
from meetings.tests.helpers import (
    MeetingPageCases,
    add_decision_item,
    make_meeting,
    published_meeting,
)
from tenancy.tests.pages import ListQueryCountCases
from testing.factories import BoardMemberFactory
from testing.participants import enter_in_a
from testing.personas import World
from testing.views import ClientAs, PersonaViewCases

pytestmark = pytest.mark.django_db


class TestMeetingList(PersonaViewCases):
    permission = "meetings.view_meetings"

    def url(self, world: World) -> str:
        return reverse("meetings:list", args=["exempel"])


class TestPublishedMeetingDetail(MeetingPageCases):
    permission = "meetings.view_meeting"

    def arrange(self, world: World) -> Meeting:
        return published_meeting(world)


class TestDraftMeetingDetail(TestPublishedMeetingDetail):
    def arrange(self, world: World) -> Meeting:
        return make_meeting(world, date=dt.date(2026, 5, 1))


class TestItemCreate(TestDraftMeetingDetail):
    permission = "meetings.change_meeting"
    view = "meetings:item_create"
    method = "post"
    data = {"title": "Ny insats", "kind": "beslut", "proposal": "att bevilja medel"}
    allowed = 302


class TestNoticePacketDownload(TestPublishedMeetingDetail):
    def url(self, world: World) -> str:
        return reverse("meetings:notice", args=["exempel", self.arranged.pk, "docx"])


def test_meeting_list_shows_the_board_only_published_meetings(
    world: World, client_as: ClientAs
) -> None:
    make_meeting(world, date=dt.date(2026, 5, 1), place="Utkastsalen")
    published_meeting(world)

    page = client_as("board").get(reverse("meetings:list", args=["exempel"])).content.decode()

    assert ("Förbundets kansli" in page, "Utkastsalen" in page) == (True, False)


def test_another_associations_meeting_is_a_404(world: World, client_as: ClientAs) -> None:
    other = services.create_meeting(
        user=world.users["outsider"],
        organ=services.board_organ(world.other_association),
        date=dt.date(2026, 3, 1),
        start=dt.time(9),
        place="Annat",
    )

    response = client_as("admin").get(reverse("meetings:detail", args=["exempel", other.pk]))

    assert response.status_code == 404


class TestMeetingListQueryCount(ListQueryCountCases):
    view = "meetings:list"
    queries = 9

    def rows(self, world: World, count: int) -> None:
        for day in range(count):
            make_meeting(world, date=dt.date(2026, 3, 1 + day))


def test_item_create_adds_the_item(world: World, client_as: ClientAs) -> None:
    meeting = make_meeting(world)

    response = client_as("admin").post(
        reverse("meetings:item_create", args=["exempel", meeting.pk]), TestItemCreate.data
    )

    assert response.status_code == 302
    assert list(Item.objects.filter(title="Ny insats").values_list("meeting", flat=True)) == [
        meeting.pk
    ]


def test_item_create_shows_the_service_message_on_the_form(
    world: World, client_as: ClientAs
) -> None:
    meeting = make_meeting(world)

    response = client_as("admin").post(
        reverse("meetings:item_create", args=["exempel", meeting.pk]),
        {"title": "Ny insats", "kind": "beslut", "proposal": "bevilja medel"},
    )

    assert response.status_code == 200
    assert "Varje beslutssats börjar med ”att”" in response.content.decode()


def test_publish_page_asks_first_and_then_publishes(world: World, client_as: ClientAs) -> None:
    meeting = make_meeting(world)
    add_decision_item(world, meeting)
    client = client_as("admin")
    url = reverse("meetings:publish", args=["exempel", meeting.pk])

    question = client.get(url)
    answer = client.post(url)

    meeting.refresh_from_db()
    assert (question.status_code, answer.status_code, meeting.is_published) == (200, 302, True)


def test_board_member_reports_attendance(world: World, client_as: ClientAs) -> None:
    meeting = published_meeting(world)
    member = BoardMemberFactory.create(association=world.association, name="Anna Ledamot")
    OrganMembership.objects.create(
        association=world.association,
        organ=meeting.organ,
        board_member=member,
        user=world.users["board"],
    )

    response = client_as("board").post(
        reverse("meetings:attendance", args=["exempel", meeting.pk]), {"attending": "0"}
    )

    assert response.status_code == 302
    assert Attendance.objects.get(meeting=meeting, board_member=member).attending is False


def test_attendance_of_a_user_without_a_seat_is_refused(world: World, client_as: ClientAs) -> None:
    meeting = published_meeting(world)

    response = client_as("board").post(
        reverse("meetings:attendance", args=["exempel", meeting.pk]), {"attending": "1"}
    )

    assert response.status_code == 403


def test_notice_and_frozen_attachments_hold_no_participant_data(
    world: World, client_as: ClientAs
) -> None:
    from pypdf import PdfReader

    from testing.participants import make_personnummer

    personnummer = make_personnummer(dt.date(1990, 5, 17), 123)
    enter_in_a(world, number=personnummer, name="Greta Gunnarsson", on=dt.date(2025, 2, 1))
    meeting = make_meeting(world)
    item = add_decision_item(world, meeting, "Uppföljning 2025")
    attachment = services.add_attachment(
        user=world.users["admin"], item=item, title="PM", document="memo", reference="2025H2"
    )
    services.publish(user=world.users["admin"], meeting=meeting)
    client = client_as("board")

    notice = client.get(reverse("meetings:notice", args=["exempel", meeting.pk, "json"]))
    frozen = client.get(reverse("meetings:attachment", args=["exempel", attachment.pk]))
    packet = client.get(reverse("meetings:notice", args=["exempel", meeting.pk, "pdf"]))
    pdf_texts = [
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
        for pdf in (frozen.getvalue(), packet.content)
    ]

    texts = [notice.content.decode(), *pdf_texts]
    assert [("Greta" in text, personnummer[:8] in text) for text in texts] == [(False, False)] * 3
    assert ["Insats A" in text for text in pdf_texts] == [True, True]


class TestAttachmentDownload(MeetingPageCases):
    """The attachment's meeting is the permission object."""

    permission = "meetings.view_meeting"

    def arrange(self, world: World) -> Attachment:
        meeting = make_meeting(world)
        attachment = services.add_attachment(
            user=world.users["admin"],
            item=add_decision_item(world, meeting),
            title="Medlemsbeslut",
            document="file",
            file=SimpleUploadedFile("beslut.pdf", b"%PDF-1.4 beslut"),
        )
        services.publish(user=world.users["admin"], meeting=meeting)
        return attachment

    def target(self, world: World) -> Meeting:
        return Meeting.objects.get(pk=self.arranged.item.meeting_id)  # as published

    def url(self, world: World) -> str:
        return reverse("meetings:attachment", args=["exempel", self.arranged.pk])


def test_notice_download_of_an_unknown_format_is_a_404(world: World, client_as: ClientAs) -> None:
    meeting = published_meeting(world)

    response = client_as("admin").get(f"/f/exempel/sammantraden/{meeting.pk}/kallelse.exe")

    assert response.status_code == 404


def test_item_update_changes_the_item(world: World, client_as: ClientAs) -> None:
    meeting = make_meeting(world)
    item = add_decision_item(world, meeting)

    response = client_as("admin").post(
        reverse("meetings:item_update", args=["exempel", item.pk]),
        {"title": "Årsredovisning 2025, rättad", "kind": "beslut", "proposal": "att fastställa"},
    )

    item.refresh_from_db()
    assert (response.status_code, item.title, item.proposal) == (
        302,
        "Årsredovisning 2025, rättad",
        ["att fastställa"],
    )
