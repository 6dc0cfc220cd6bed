"""Who may do what with meetings (spec/board.md, "Who may do what"), as entries of
``tenancy.permissions``.

The office (förbundsadministratör) prepares meetings, items, notices, minutes and records
delegated decisions. A board member (styrelse) reads the published papers of the organs
they sit in: the board itself (every styrelse account) and the organs with a seat linked to
their account (``OrganMembership.user``); they report attendance there. The auditors
(revisor) read every published meeting. The chair and the chosen checker check the minutes,
each with a fresh second factor. Nothing here reads participant data."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django_scopes import scopes_disabled

from meetings.models import Meeting, MeetingStatus, Minutes, OrganKind, OrganMembership
from tenancy.models import Association, BoardMember, BoardRole, Role
from tenancy.permissions import ADMIN, BOARD_READERS, Condition, declare


def meeting_of(obj: Any) -> Meeting | None:
    """The meeting ``obj`` is or belongs to (a meeting, an item, an attachment, minutes)."""
    if isinstance(obj, Meeting):
        return obj
    if getattr(obj, "item", None) is not None and not hasattr(obj, "meeting"):  # attachment
        obj = obj.item
    meeting = getattr(obj, "meeting", None)
    return meeting if isinstance(meeting, Meeting) else None


def seats_of(user: Any, association_id: int) -> list[OrganMembership]:
    """The organ seats linked to ``user``'s account in the association."""
    if not getattr(user, "is_authenticated", False):
        return []
    with scopes_disabled():
        return list(
            OrganMembership.objects.filter(association_id=association_id, user=user).only(
                "organ_id", "board_member_id"
            )
        )


def _published(user: Any, obj: Any) -> bool:
    meeting = meeting_of(obj)
    return meeting is not None and meeting.is_published


def _published_rows(user: Any, association: Association, prefix: str) -> Q:
    return Q(**{f"{prefix}status": MeetingStatus.PUBLISHED})


def _in_own_organ(user: Any, obj: Any) -> bool:
    meeting = meeting_of(obj)
    if meeting is None or not meeting.is_published:
        return False
    if meeting.organ.kind == OrganKind.STYRELSE:
        return True
    return any(s.organ_id == meeting.organ_id for s in seats_of(user, meeting.association_id))


def _in_own_organ_rows(user: Any, association: Association, prefix: str) -> Q:
    organ_ids = sorted({s.organ_id for s in seats_of(user, association.pk)})
    return Q(**{f"{prefix}status": MeetingStatus.PUBLISHED}) & (
        Q(**{f"{prefix}organ__kind": OrganKind.STYRELSE})
        | Q(**{f"{prefix}organ_id__in": organ_ids})
    )


PUBLISHED = Condition("the meeting is published", _published, _published_rows)
PUBLISHED_IN_OWN_ORGAN = Condition(
    "the meeting is published and the user sits in its organ",
    _in_own_organ,
    _in_own_organ_rows,
)


def _chairs(association_id: int, member_ids: set[int]) -> set[int]:
    with scopes_disabled():
        return set(
            BoardMember.objects.filter(
                association_id=association_id, pk__in=member_ids, role=BoardRole.ORDFORANDE
            ).values_list("pk", flat=True)
        )


def _checks(user: Any, obj: Any) -> bool:
    """The user holds the chair's seat, or the chosen checker's, of these minutes."""
    if not isinstance(obj, Minutes):
        return False
    seats = [s for s in seats_of(user, obj.association_id) if s.organ_id == obj.meeting.organ_id]
    member_ids = {s.board_member_id for s in seats}
    return bool(_chairs(obj.association_id, member_ids)) or obj.checker_id in member_ids


def _checks_rows(user: Any, association: Association, prefix: str) -> Q:
    seats = seats_of(user, association.pk)
    chairs = _chairs(association.pk, {s.board_member_id for s in seats})
    rows = Q(pk__in=[])
    for seat in seats:
        rows |= Q(**{f"{prefix}meeting__organ_id": seat.organ_id}) & (
            Q(**{f"{prefix}checker_id": seat.board_member_id})
            if seat.board_member_id not in chairs
            else Q()
        )
    return rows


CHECKS_THESE_MINUTES = Condition(
    "the user holds the chair's or the checker's seat of the minutes", _checks, _checks_rows
)

declare("meetings.view_meetings", association_roles=ADMIN | BOARD_READERS)
declare(
    "meetings.view_meeting",
    association_roles=ADMIN | BOARD_READERS,
    conditions={Role.STYRELSE: PUBLISHED_IN_OWN_ORGAN, Role.REVISOR: PUBLISHED},
)
declare("meetings.change_meeting", association_roles=ADMIN)
declare(
    "meetings.report_attendance",
    association_roles=ADMIN | {Role.STYRELSE},
    conditions={Role.STYRELSE: PUBLISHED_IN_OWN_ORGAN},
)
declare("meetings.record_delegated_decision", association_roles=ADMIN)
declare("meetings.call_substitute", association_roles=ADMIN)
declare("meetings.change_minutes", association_roles=ADMIN)
declare(
    "meetings.check_minutes",
    association_roles={Role.STYRELSE},
    conditions={Role.STYRELSE: CHECKS_THESE_MINUTES},
    fresh_second_factor=True,
)
declare("meetings.view_decisions", association_roles=ADMIN | BOARD_READERS)
