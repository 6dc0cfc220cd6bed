"""Calling substitutes (spec/board.md: "the office sees who comes and calls substitutes").

When an ordinary member reports being prevented, the office calls a substitute in their
place. The substitute called is, in this order:

1. the member's personal substitute (``OrganMembership.substitute_for``);
2. otherwise the substitutes appointed by the same member organisation, in their calling
   order (inkallelseordning);
3. otherwise any substitute of the organ, in calling order.

A substitute who has reported being prevented, or is already called in for someone else,
is skipped. Each call is recorded and the substitute, when their seat has an account, is
e-mailed a link to the meeting (never the papers themselves)."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _

from meetings.mail import meeting_facts
from meetings.models import Attendance, Meeting, SubstituteCall
from meetings.queries import Seat, organ_people
from meetings.services import require
from tenancy.models import BoardMember

logger = logging.getLogger(__name__)


def next_substitute(meeting: Meeting, absent_member: BoardMember) -> BoardMember | None:
    """The substitute to call in for ``absent_member``, or None when nobody is left."""
    ordinary, substitutes = organ_people(meeting.organ, meeting.date)
    seat = next((s for s in ordinary if s.member.pk == absent_member.pk), None)
    if seat is None:
        return None
    prevented = set(
        Attendance.objects.filter(meeting=meeting, attending=False).values_list(
            "board_member_id", flat=True
        )
    )
    called = set(
        SubstituteCall.objects.filter(meeting=meeting).values_list("substitute_id", flat=True)
    )

    def free(candidate: BoardMember) -> bool:
        return candidate.pk not in prevented and candidate.pk not in called

    for candidate in _in_calling_order(seat, substitutes):
        if free(candidate):
            return candidate
    return None


def _in_calling_order(seat: Seat, substitutes: list[Seat]) -> list[BoardMember]:
    same_member = [
        s.member for s in substitutes if s.member.appointed_by_id == seat.member.appointed_by_id
    ]
    others = [s.member for s in substitutes if s.member not in same_member]
    personal = [seat.substitute] if seat.substitute is not None else []
    ordered: list[BoardMember] = []
    for member in personal + same_member + others:
        if member not in ordered:
            ordered.append(member)
    return ordered


@transaction.atomic
def call_substitute(*, user: Any, meeting: Meeting, absent_member: BoardMember) -> SubstituteCall:
    """Record that the next free substitute is called in for ``absent_member``."""
    require(user, "meetings.call_substitute", meeting)
    if not meeting.is_published:
        raise ValidationError(_("Sammanträdet har ingen skickad kallelse ännu."))
    if not Attendance.objects.filter(
        meeting=meeting, board_member=absent_member, attending=False
    ).exists():
        raise ValidationError(_("Ledamoten har inte anmält förhinder."))
    if (
        SubstituteCall.objects.filter(meeting=meeting, absent_member=absent_member)
        .exclude(substitute__in=_prevented(meeting))
        .exists()
    ):
        raise ValidationError(_("En ersättare är redan inkallad för ledamoten."))
    substitute = next_substitute(meeting, absent_member)
    if substitute is None:
        raise ValidationError(_("Det finns ingen ersättare kvar att kalla in."))
    call = SubstituteCall.objects.create(
        association=meeting.association,
        meeting=meeting,
        absent_member=absent_member,
        substitute=substitute,
        called_by=user,
    )
    transaction.on_commit(lambda: send_call(call))
    return call


def _prevented(meeting: Meeting) -> list[int]:
    return list(
        Attendance.objects.filter(meeting=meeting, attending=False).values_list(
            "board_member_id", flat=True
        )
    )


def calls_by_absent_member(meeting: Meeting) -> dict[int, BoardMember]:
    """For each ordinary member, the substitute currently called in (the latest call
    whose substitute has not since reported being prevented)."""
    prevented = set(_prevented(meeting))
    current: dict[int, BoardMember] = {}
    for call in SubstituteCall.objects.filter(meeting=meeting).select_related("substitute"):
        if call.substitute_id not in prevented:
            current[call.absent_member_id] = call.substitute
    return current


def send_call(call: SubstituteCall) -> bool:
    """E-mail the substitute a link to the meeting, when their seat has an account."""
    from meetings.models import OrganMembership

    meeting = call.meeting
    email = (
        OrganMembership.objects.filter(
            organ=meeting.organ, board_member=call.substitute, user__is_active=True
        )
        .exclude(user__email="")
        .values_list("user__email", flat=True)
        .first()
    )
    if not email:
        return False
    facts = {**meeting_facts(meeting), "member": call.absent_member.name}
    subject = _("Inkallelse: %(organ)s %(date)s") % facts
    body = (
        _(
            "Du är inkallad som ersättare för %(member)s vid sammanträdet med %(organ)s i "
            "%(association)s den %(date)s kl. %(start)s, %(place)s.\n\nKallelsen med "
            "föredragningslista och handlingar finns i Finsam, där du också anmäler närvaro "
            "eller förhinder:\n%(url)s\n"
        )
        % facts
    )
    try:
        send_mail(subject, body, None, [email])
    except OSError:
        logger.exception("Call of a substitute to meeting %s not sent", meeting.pk)
        return False
    return True
