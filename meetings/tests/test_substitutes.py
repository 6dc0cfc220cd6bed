"""Calling substitutes for members who reported being prevented."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from meetings import services
from meetings.models import Meeting, OrganMembership, SubstituteCall
from meetings.substitutes import call_substitute, calls_by_absent_member, next_substitute
from meetings.tests.helpers import MeetingPageCases, published_meeting
from tenancy.models import BoardMember, BoardSeat, Member
from testing.factories import BoardMemberFactory, MemberFactory
from testing.personas import PERSONAS, World
from testing.views import ClientAs

pytestmark = pytest.mark.django_db


def _substitute(world: World, name: str, appointed_by: Member, order: int) -> BoardMember:
    member = BoardMemberFactory.create(
        association=world.association,
        name=name,
        appointed_by=appointed_by,
        seat=BoardSeat.ERSATTARE,
    )
    OrganMembership.objects.create(
        association=world.association,
        organ=services.board_organ(world.association),
        board_member=member,
        substitute_order=order,
    )
    return member


@pytest.fixture
def board(world: World) -> dict[str, BoardMember]:
    """Two ordinary members from two member organisations; three substitutes: Anna's
    personal one, another from the region, one from the municipality."""
    region = MemberFactory.create(association=world.association, name="Region")
    kommun = MemberFactory.create(association=world.association, name="Kommun")
    anna = BoardMemberFactory.create(
        association=world.association, name="Anna", appointed_by=region
    )
    bo = BoardMemberFactory.create(association=world.association, name="Bo", appointed_by=kommun)
    people = {
        "anna": anna,
        "bo": bo,
        "kommun_sub": _substitute(world, "Kim", kommun, 1),
        "region_sub": _substitute(world, "Rut", region, 2),
        "personal": _substitute(world, "Per", region, 3),
    }
    OrganMembership.objects.filter(board_member=people["personal"]).update(substitute_for=anna)
    return people


def _prevented(world: World, meeting: Meeting, member: BoardMember) -> None:
    services.report_attendance(
        user=world.users["admin"], meeting=meeting, board_member=member, attending=False
    )


def _meeting_without(world: World, board: dict[str, BoardMember], *absent: str) -> Meeting:
    """A published board meeting for which the members ``absent`` reported prevented."""
    meeting = published_meeting(world)
    for name in absent:
        _prevented(world, meeting, board[name])
    return meeting


def _call(world: World, meeting: Meeting, absent_member: BoardMember) -> SubstituteCall:
    """The office calls in a substitute for ``absent_member``."""
    return call_substitute(user=world.users["admin"], meeting=meeting, absent_member=absent_member)


def test_the_personal_substitute_is_called_first(
    world: World, board: dict[str, BoardMember]
) -> None:
    meeting = _meeting_without(world, board, "anna")

    call = _call(world, meeting, board["anna"])

    assert (call.substitute, call.absent_member) == (board["personal"], board["anna"])


def test_then_the_same_member_organisations_substitutes_in_order(
    world: World, board: dict[str, BoardMember]
) -> None:
    meeting = _meeting_without(world, board, "anna", "personal")

    assert next_substitute(meeting, board["anna"]) == board["region_sub"]


def test_then_any_substitute_in_calling_order(world: World, board: dict[str, BoardMember]) -> None:
    meeting = _meeting_without(world, board, "anna", "personal", "region_sub")

    assert next_substitute(meeting, board["anna"]) == board["kommun_sub"]


def test_a_substitute_is_called_in_for_one_member_only(
    world: World, board: dict[str, BoardMember]
) -> None:
    meeting = _meeting_without(world, board, "bo")
    first = _call(world, meeting, board["bo"])
    _prevented(world, meeting, board["anna"])

    second = _call(world, meeting, board["anna"])

    assert (first.substitute, second.substitute) == (board["kommun_sub"], board["personal"])


def test_a_called_substitute_who_is_prevented_is_replaced(
    world: World, board: dict[str, BoardMember]
) -> None:
    meeting = _meeting_without(world, board, "anna")
    _call(world, meeting, board["anna"])
    _prevented(world, meeting, board["personal"])

    again = _call(world, meeting, board["anna"])

    assert (again.substitute, calls_by_absent_member(meeting)) == (
        board["region_sub"],
        {board["anna"].pk: board["region_sub"]},
    )


def test_calling_twice_for_the_same_member_is_refused(
    world: World, board: dict[str, BoardMember]
) -> None:
    meeting = _meeting_without(world, board, "anna")
    _call(world, meeting, board["anna"])

    with pytest.raises(ValidationError) as error:
        _call(world, meeting, board["anna"])

    assert error.value.messages == ["En ersättare är redan inkallad för ledamoten."]


def test_a_member_who_has_not_reported_prevented_gets_no_substitute(
    world: World, board: dict[str, BoardMember]
) -> None:
    meeting = published_meeting(world)

    with pytest.raises(ValidationError) as error:
        _call(world, meeting, board["anna"])

    assert error.value.messages == ["Ledamoten har inte anmält förhinder."]


def test_no_substitute_left_is_said_plainly(world: World, board: dict[str, BoardMember]) -> None:
    meeting = _meeting_without(world, board, "anna", "personal", "region_sub", "kommun_sub")

    with pytest.raises(ValidationError) as error:
        _call(world, meeting, board["anna"])

    assert error.value.messages == ["Det finns ingen ersättare kvar att kalla in."]


@pytest.mark.parametrize("persona", PERSONAS)
def test_call_substitute_asks_the_permission_table(
    world: World, board: dict[str, BoardMember], persona: str
) -> None:
    meeting = _meeting_without(world, board, "anna")
    user = world.users[persona]

    try:
        call_substitute(user=user, meeting=meeting, absent_member=board["anna"])
        called = True
    except PermissionDenied:
        called = False

    assert called == user.has_perm("meetings.call_substitute", meeting)


def test_the_called_substitute_is_mailed_a_link(
    world: World, board: dict[str, BoardMember], django_capture_on_commit_callbacks: Any
) -> None:
    meeting = published_meeting(world)
    OrganMembership.objects.filter(board_member=board["personal"]).update(user=world.users["board"])
    _prevented(world, meeting, board["anna"])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        _call(world, meeting, board["anna"])

    assert [m.to for m in mail.outbox] == [[world.users["board"].email]]


def test_the_office_calls_a_substitute_from_the_meeting_page(
    world: World, board: dict[str, BoardMember], client_as: ClientAs
) -> None:
    meeting = _meeting_without(world, board, "anna")
    client = client_as("admin")

    response = client.post(
        reverse("meetings:call_substitute", args=["exempel", meeting.pk]),
        {"member": board["anna"].pk},
    )
    page = client.get(reverse("meetings:detail", args=["exempel", meeting.pk]))

    assert response.status_code == 302
    assert SubstituteCall.objects.get(meeting=meeting).substitute == board["personal"]
    assert "Inkallad för Anna" in page.content.decode()


class TestCallSubstituteFromThePage(MeetingPageCases):
    permission = "meetings.call_substitute"
    view = "meetings:call_substitute"
    method = "post"
    allowed = 302

    @pytest.fixture(autouse=True)
    def _board(self, board: dict[str, BoardMember]) -> None:
        self.board = board

    def arrange(self, world: World) -> Meeting:
        meeting = published_meeting(world)
        _prevented(world, meeting, self.board["anna"])
        return meeting

    def payload(self, world: World) -> dict[str, Any]:
        return {"member": self.board["anna"].pk}
