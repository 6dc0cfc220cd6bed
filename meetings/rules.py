"""Who may do what with meetings (spec/board.md, "Who may do what").

The office (förbundsadministratör) prepares meetings, items, notices and records delegated
decisions; the board (styrelse) and the auditors (revisor) read published notices; a board
member reports attendance. Nothing here reads participant data."""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import QuerySet

from tenancy.models import Role
from tenancy.rules import has_association_role, is_admin

is_board = has_association_role(Role.STYRELSE)
is_board_or_auditor = has_association_role(Role.STYRELSE, Role.REVISOR)


@rules.predicate
def is_published(user: Any, obj: Any) -> bool:
    """The object is a published meeting, or belongs to one (an item, an attachment)."""
    meeting = getattr(obj, "meeting", obj)
    if getattr(meeting, "item", None) is not None:  # an attachment
        meeting = meeting.item.meeting
    return bool(getattr(meeting, "is_published", False))


@rules.predicate
def checks_these_minutes(user: Any, obj: Any) -> bool:
    """The user holds the chair's seat, or the chosen checker's, of these minutes."""
    from meetings.minutes import checking_role

    return (
        getattr(obj, "_meta", None) is not None
        and obj._meta.model_name == "minutes"
        and (checking_role(user, obj) is not None)
    )


rules.add_perm("meetings.view_meetings", is_admin | is_board_or_auditor)
rules.add_perm("meetings.view_meeting", is_admin | (is_board_or_auditor & is_published))
rules.add_perm("meetings.change_meeting", is_admin)
rules.add_perm("meetings.report_attendance", is_admin | (is_board & is_published))
rules.add_perm("meetings.record_delegated_decision", is_admin)
rules.add_perm("meetings.call_substitute", is_admin)
rules.add_perm("meetings.change_minutes", is_admin)
rules.add_perm("meetings.check_minutes", is_board & checks_these_minutes)
rules.add_perm("meetings.view_decisions", is_admin | is_board_or_auditor)


def restrict_meetings(queryset: QuerySet[Any], user: Any, association: Any) -> QuerySet[Any]:
    """The meetings ``user`` may see: the office every one, the board and auditors the
    published ones (the same rule as ``meetings.view_meeting``)."""
    from meetings.models import MeetingStatus

    if user.has_perm("meetings.change_meeting", association):
        return queryset
    if user.has_perm("meetings.view_meetings", association):
        return queryset.filter(status=MeetingStatus.PUBLISHED)
    return queryset.none()
