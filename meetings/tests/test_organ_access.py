"""A board member reads the published papers of the organs they sit in, and no other:
the board itself (every styrelse account) and the organs with a seat linked to their
account. The auditors read every published meeting."""

from __future__ import annotations

import pytest
from django.urls import reverse

from meetings.models import Meeting, Organ, OrganKind, OrganMembership
from meetings.tests.helpers import (
    MeetingPageCases,
    published_organ_meeting,
)
from tenancy.permissions import restrict
from testing.factories import BoardMemberFactory
from testing.personas import World
from testing.views import ClientAs

pytestmark = pytest.mark.django_db


def _committee(world: World) -> Organ:
    return Organ.objects.create(
        association=world.association, kind=OrganKind.ARBETSUTSKOTT, name="Arbetsutskottet"
    )


def _seat(world: World, organ: Organ, persona: str) -> None:
    member = BoardMemberFactory.create(association=world.association)
    OrganMembership.objects.create(
        association=world.association,
        organ=organ,
        board_member=member,
        user=world.users[persona],
    )


class TestPublishedCommitteeMeetingWithoutASeat(MeetingPageCases):
    """No persona holds a seat in the committee: the board member is refused, the office
    and the auditor read it."""

    permission = "meetings.view_meeting"

    def arrange(self, world: World) -> Meeting:
        return published_organ_meeting(world, _committee(world))


@pytest.mark.parametrize(("seated", "status"), [(False, 403), (True, 200)])
def test_published_committee_meeting_is_read_by_the_board_member_only_with_a_seat(
    world: World, client_as: ClientAs, seated: bool, status: int
) -> None:
    committee = _committee(world)
    meeting = published_organ_meeting(world, committee)
    if seated:
        _seat(world, committee, "board")

    response = client_as("board").get(reverse("meetings:detail", args=["exempel", meeting.pk]))

    assert response.status_code == status


def test_member_of_one_committee_cannot_read_another_committees_papers(
    world: World, client_as: ClientAs
) -> None:
    committee = _committee(world)
    group = Organ.objects.create(
        association=world.association, kind=OrganKind.BEREDNINGSGRUPP, name="Beredningsgruppen"
    )
    _seat(world, committee, "board")
    theirs = published_organ_meeting(world, committee)
    other = published_organ_meeting(world, group)
    client = client_as("board")

    statuses = [
        client.get(reverse("meetings:detail", args=["exempel", m.pk])).status_code
        for m in (theirs, other)
    ]
    notice = client.get(reverse("meetings:notice", args=["exempel", other.pk, "pdf"]))

    assert (statuses, notice.status_code) == ([200, 403], 403)


def test_meeting_list_shows_the_board_member_only_their_organs(
    world: World, client_as: ClientAs
) -> None:
    board_meeting = published_organ_meeting(world)
    committee_meeting = published_organ_meeting(world, _committee(world))

    board_sees = set(
        restrict(
            Meeting.objects.all(), world.users["board"], world.association, "meetings.view_meeting"
        )
    )
    auditor_sees = set(
        restrict(
            Meeting.objects.all(),
            world.users["auditor"],
            world.association,
            "meetings.view_meeting",
        )
    )
    page = client_as("board").get(reverse("meetings:list", args=["exempel"])).content.decode()

    assert (board_sees, auditor_sees) == ({board_meeting}, {board_meeting, committee_meeting})
    assert reverse("meetings:detail", args=["exempel", committee_meeting.pk]) not in page


def test_board_member_reports_attendance_only_in_their_organs(
    world: World, client_as: ClientAs
) -> None:
    meeting = published_organ_meeting(world, _committee(world))

    response = client_as("board").post(
        reverse("meetings:attendance", args=["exempel", meeting.pk]), {"attending": "0"}
    )

    assert response.status_code == 403
