"""Reads of meetings shared by pages, the notice command and documents."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from followup.models import DecidedBy, Decision, Deviation
from meetings.models import (
    DelegatedDecision,
    Meeting,
    Organ,
    OrganKind,
    OrganMembership,
)
from tenancy.models import BoardMember, BoardSeat


@dataclass(frozen=True)
class Seat:
    """One person called to a meeting: an ordinary member with their personal substitute,
    or a substitute in their order."""

    member: BoardMember
    membership: OrganMembership | None
    substitute: BoardMember | None


def _current(members: QuerySet[BoardMember], on: dt.date) -> QuerySet[BoardMember]:
    return members.filter(term_start__lte=on).filter(Q(term_end__isnull=True) | Q(term_end__gte=on))


def organ_people(organ: Organ, on: dt.date) -> tuple[list[Seat], list[Seat]]:
    """(ordinary members, substitutes) of ``organ`` whose term covers ``on``.

    The board is every board member; another organ is those with a membership row."""
    memberships = {m.board_member_id: m for m in OrganMembership.objects.filter(organ=organ)}
    members = _current(BoardMember.objects.filter(association=organ.association), on)
    if organ.kind != OrganKind.STYRELSE:
        members = members.filter(pk__in=list(memberships))
    members = members.select_related("appointed_by")
    by_pk = {member.pk: member for member in members}
    substitute_of: dict[int, BoardMember] = {}
    for membership in memberships.values():
        substitute = by_pk.get(membership.board_member_id)
        if substitute is not None and membership.substitute_for_id is not None:
            substitute_of[membership.substitute_for_id] = substitute
    ordinary: list[Seat] = []
    substitutes: list[Seat] = []
    for member in by_pk.values():
        seat = Seat(member, memberships.get(member.pk), substitute_of.get(member.pk))
        (ordinary if member.seat == BoardSeat.ORDINARIE else substitutes).append(seat)
    role_rank = {"ordforande": 0, "vice_ordforande": 1}
    ordinary.sort(key=lambda s: (role_rank.get(s.member.role, 2), s.member.name))
    substitutes.sort(
        key=lambda s: (
            s.membership.substitute_order
            if s.membership and s.membership.substitute_order is not None
            else 10_000,
            s.member.name,
        )
    )
    return ordinary, substitutes


def previous_meeting(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(organ=meeting.organ, date__lt=meeting.date)
        .order_by("-date", "-start")
        .first()
    )


@dataclass(frozen=True)
class DelegatedRow:
    decided_on: dt.date
    delegate: str
    point: str
    text: str


def delegated_decisions(meeting: Meeting) -> list[DelegatedRow]:
    """The delegated decisions reported at ``meeting``: those taken after the organ's
    previous meeting and up to this one's date, recorded ones and deviation reports the
    förbundschef decided. Only the board receives them."""
    if meeting.organ.kind != OrganKind.STYRELSE:
        return []
    previous = previous_meeting(meeting)
    window = Q(decided_on__lte=meeting.date)
    if previous is not None:
        window &= Q(decided_on__gt=previous.date)
    rows = [
        DelegatedRow(d.decided_on, d.delegate, d.point, d.text)
        for d in DelegatedDecision.objects.filter(window, association=meeting.association)
    ]
    deviations = (
        Deviation.objects.filter(window, association=meeting.association)
        .filter(decided_by=DecidedBy.DIRECTOR)
        .exclude(decision=Decision.UNDECIDED)
        .select_related("intervention")
    )
    for deviation in deviations:
        assert deviation.decided_on is not None  # noqa: S101 - decided rows have a date (constraint)
        rows.append(
            DelegatedRow(
                deviation.decided_on,
                str(DecidedBy.DIRECTOR.label),
                str(Deviation._meta.verbose_name).capitalize(),
                f"{deviation.intervention.name}: {deviation.get_kind_display()} – "
                f"{deviation.get_decision_display().lower()}",
            )
        )
    rows.sort(key=lambda row: (row.decided_on, row.point, row.text))
    return rows
