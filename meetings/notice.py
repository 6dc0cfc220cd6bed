"""The notice of a meeting as the contract's JSON (spec/board.md, "JSON form"): what the
board receives, in the order it reads it. Documents (PDF packet, DOCX) render this."""

from __future__ import annotations

from typing import Any

from meetings.models import Meeting, StaffMember
from meetings.queries import Seat, delegated_decisions, organ_people
from tenancy.models import BoardRole

#: A chair's role as the contract writes it; an ordinary member has none (null).
CONTRACT_ROLES = {BoardRole.ORDFORANDE: "ordforande", BoardRole.VICE_ORDFORANDE: "vice_ordforande"}


def _person(seat: Seat) -> dict[str, Any]:
    member = seat.member
    return {
        "name": member.name,
        "party": member.party or None,
        "role": CONTRACT_ROLES.get(BoardRole(member.role)),
        "member_organisation": member.appointed_by.name,
        "substitute": seat.substitute.name if seat.substitute else None,
    }


def _time(value: Any) -> str | None:
    return value.strftime("%H:%M") if value is not None else None


def notice_json(meeting: Meeting) -> dict[str, Any]:
    """The notice of ``meeting``: members called, the office, the agenda with proposals and
    numbered attachments, and the delegated decisions reported at it. Holds no participant
    data: attachments are named, and generated ones are the board's (suppressed) versions.

    ``substitutes`` (substitutes in their order) is an addition to the contract."""
    ordinary, substitutes = organ_people(meeting.organ, meeting.date)
    items = meeting.items.select_related("presenter").prefetch_related("attachments")
    return {
        "association": meeting.association.slug,
        "organ": meeting.organ.kind,
        "meeting": {
            "date": meeting.date.isoformat(),
            "start": _time(meeting.start),
            "end": _time(meeting.end),
            "place": meeting.place,
        },
        "members": [_person(seat) for seat in ordinary],
        "substitutes": [
            {
                "name": seat.member.name,
                "party": seat.member.party or None,
                "member_organisation": seat.member.appointed_by.name,
                "order": seat.membership.substitute_order if seat.membership else None,
            }
            for seat in substitutes
        ],
        "office": [
            {"name": staff.name, "title": staff.title}
            for staff in StaffMember.objects.filter(association=meeting.association, on_notice=True)
        ],
        "agenda": [
            {
                "number": item.number,
                "title": item.title,
                "presenter": item.presenter.name if item.presenter else None,
                "kind": item.kind,
                "proposal": list(item.proposal),
                "attachments": [
                    {
                        "number": attachment.number,
                        "title": attachment.title,
                        "document": attachment.document,
                    }
                    for attachment in item.attachments.all()
                ],
            }
            for item in items
        ],
        "delegated_decisions": [
            {
                "date": row.decided_on.isoformat(),
                "delegate": row.delegate,
                "point": row.point,
                "text": row.text,
            }
            for row in delegated_decisions(meeting)
        ],
    }
