"""Every change to meetings: views, commands and the demo call these functions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.attachments import check_reference, check_upload, freeze
from meetings.mail import send_notice
from meetings.models import (
    Attachment,
    AttachmentDocument,
    Attendance,
    DelegatedDecision,
    Item,
    ItemKind,
    Meeting,
    MeetingStatus,
    Organ,
    OrganKind,
    Standing,
)
from tenancy.models import Association, BoardMember

#: The standing items of a new meeting: first the two that open it, last the two that
#: close it (spec/board.md); the office's own items go between.
OPENING = (Standing.CHECKER, Standing.AGENDA)
CLOSING = (Standing.DELEGATED, Standing.OTHER)
STANDING_PROPOSALS: dict[str, list[str]] = {
    Standing.CHECKER: [_("att utse ledamot att jämte ordföranden justera protokollet")],
    Standing.AGENDA: [_("att godkänna dagordningen")],
    Standing.DELEGATED: [_("att lägga redovisningen av delegationsbeslut till handlingarna")],
    Standing.OTHER: [],
}


def require(user: Any, permission: str, target: Any) -> None:
    if not user.has_perm(permission, target):
        raise PermissionDenied


def board_organ(association: Association) -> Organ:
    """The association's board organ, created on first use."""
    organ, _created = Organ.objects.get_or_create(
        association=association,
        kind=OrganKind.STYRELSE,
        defaults={"name": str(OrganKind.STYRELSE.label)},
    )
    return organ


def clean_proposal(lines: Sequence[str]) -> list[str]:
    """The "att"-clauses of a proposal: one per non-empty line, each starting with "att"."""
    clauses = [line.strip() for line in lines if line.strip()]
    wrong = [clause for clause in clauses if not clause.lower().startswith("att ")]
    if wrong:
        raise ValidationError(
            {"proposal": _("Varje beslutssats börjar med ”att”: %(clause)s") % {"clause": wrong[0]}}
        )
    return clauses


def _check_draft(meeting: Meeting) -> None:
    if meeting.is_published:
        raise ValidationError(
            _("Kallelsen är redan skickad; ärenden och bilagor kan inte längre ändras.")
        )


@transaction.atomic
def create_meeting(
    *,
    user: Any,
    organ: Organ,
    date: dt.date,
    start: dt.time,
    end: dt.time | None = None,
    place: str,
    remote_link: str = "",
    note: str = "",
) -> Meeting:
    """A new meeting with the standing items of spec/board.md already on its agenda."""
    require(user, "meetings.change_meeting", organ)
    meeting = Meeting(
        association=organ.association,
        organ=organ,
        date=date,
        start=start,
        end=end,
        place=place,
        remote_link=remote_link,
        note=note,
    )
    meeting.full_clean()
    meeting.save()
    for number, standing in enumerate((*OPENING, *CLOSING), start=1):
        kind = ItemKind.INFORMATION if standing == Standing.OTHER else ItemKind.BESLUT
        Item.objects.create(
            association=meeting.association,
            meeting=meeting,
            number=number,
            title=str(standing.label),
            kind=kind,
            standing=standing,
            proposal=STANDING_PROPOSALS[standing],
        )
    return meeting


def _renumber(meeting: Meeting, ordered: Sequence[Item]) -> None:
    """Give ``ordered`` the numbers 1..n (two passes: the numbers are unique per meeting)."""
    offset = len(ordered) + 1000
    for index, item in enumerate(ordered, start=1):
        Item.objects.filter(pk=item.pk).update(number=offset + index)
    for index, item in enumerate(ordered, start=1):
        Item.objects.filter(pk=item.pk).update(number=index)
        item.number = index


@transaction.atomic
def add_item(
    *,
    user: Any,
    meeting: Meeting,
    title: str,
    kind: str = ItemKind.BESLUT,
    presenter: Any = None,
    proposal: Sequence[str] = (),
    background: str = "",
    concerns: str = "",
    concerns_ref: str = "",
) -> Item:
    """A new item, placed before the closing standing items (delegated decisions, other
    questions)."""
    require(user, "meetings.change_meeting", meeting)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _check_draft(meeting)
    items = list(meeting.items.order_by("number"))
    closing_at = next(
        (index for index, item in enumerate(items) if item.standing in CLOSING), len(items)
    )
    item = Item(
        association=meeting.association,
        meeting=meeting,
        number=len(items) + 1000,
        title=title.strip(),
        kind=kind,
        presenter=presenter,
        proposal=clean_proposal(proposal),
        background=background.strip(),
        concerns=concerns,
        concerns_ref=concerns_ref.strip(),
    )
    item.full_clean(exclude=["number"])
    item.save()
    _renumber(meeting, [*items[:closing_at], item, *items[closing_at:]])
    return item


@transaction.atomic
def update_item(*, user: Any, item: Item, **fields: Any) -> Item:
    require(user, "meetings.change_meeting", item)
    _check_draft(item.meeting)
    if "proposal" in fields:
        fields["proposal"] = clean_proposal(fields["proposal"])
    for name, value in fields.items():
        setattr(item, name, value.strip() if isinstance(value, str) else value)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def move_item(*, user: Any, item: Item, up: bool) -> None:
    """Move an item one step up or down the agenda."""
    require(user, "meetings.change_meeting", item)
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    _check_draft(meeting)
    items = list(meeting.items.order_by("number"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index - 1 if up else index + 1
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
        _renumber(meeting, items)


@transaction.atomic
def delete_item(*, user: Any, item: Item) -> None:
    require(user, "meetings.change_meeting", item)
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    _check_draft(meeting)
    item.delete()
    _renumber(meeting, list(meeting.items.order_by("number")))


@transaction.atomic
def add_attachment(
    *,
    user: Any,
    item: Item,
    title: str,
    document: str,
    reference: str = "",
    file: Any = None,
) -> Attachment:
    """An attachment numbered within its item: the first is "5", then "5.1", "5.2" ..."""
    require(user, "meetings.change_meeting", item)
    _check_draft(item.meeting)
    if document == AttachmentDocument.FILE:
        check_upload(file)
    if document != AttachmentDocument.FILE and not reference.strip():
        raise ValidationError(
            {
                "reference": _(
                    "Ange vilken period, vilket år eller vilken ansökan handlingen gäller."
                )
            }
        )
    check_reference(document, reference.strip())
    last = item.attachments.aggregate(last=Max("position"))["last"]
    attachment = Attachment(
        association=item.association,
        item=item,
        position=0 if last is None else last + 1,
        title=title.strip(),
        document=document,
        reference=reference.strip(),
    )
    if file:
        attachment.file = file
    attachment.full_clean()
    attachment.save()
    return attachment


@transaction.atomic
def publish(*, user: Any, meeting: Meeting, notify: bool = True) -> Meeting:
    """Publish the notice: from now on the board reads it and it cannot change. Every
    generated attachment is rendered as PDF now and stored with the attachment, so the
    board reads exactly what was sent, whatever changes later. ``notify``: e-mail the
    members a link (the demo loader does not)."""
    require(user, "meetings.change_meeting", meeting)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _check_draft(meeting)
    if not meeting.items.exclude(standing__in=[*OPENING, *CLOSING]).exists():
        raise ValidationError(_("Lägg till minst ett ärende innan kallelsen skickas."))
    now = timezone.now()
    for attachment in Attachment.objects.filter(item__meeting=meeting).exclude(
        document=AttachmentDocument.FILE
    ):
        name, content = freeze(attachment)
        attachment.file.save(name, ContentFile(content), save=False)
        attachment.frozen_at = now
        attachment.save()
    meeting.status = MeetingStatus.PUBLISHED
    meeting.published_at = now
    meeting.published_by = user
    meeting.save()
    if notify:
        transaction.on_commit(lambda: send_notice(meeting))
    return meeting


@transaction.atomic
def report_attendance(
    *, user: Any, meeting: Meeting, board_member: BoardMember, attending: bool
) -> Attendance:
    """A board member reports coming or being prevented (the office may do it for them)."""
    require(user, "meetings.report_attendance", meeting)
    if not meeting.is_published:
        raise ValidationError(_("Sammanträdet har ingen skickad kallelse ännu."))
    if board_member.association_id != meeting.association_id:
        raise ValidationError(_("Ledamoten hör inte till förbundet."))
    attendance, _created = Attendance.objects.update_or_create(
        association=meeting.association,
        meeting=meeting,
        board_member=board_member,
        defaults={"attending": attending, "reported_by": user},
    )
    return attendance


def record_delegated_decision(
    *,
    user: Any,
    association: Association,
    decided_on: dt.date,
    delegate: str,
    point: str,
    text: str,
) -> DelegatedDecision:
    require(user, "meetings.record_delegated_decision", association)
    decision = DelegatedDecision(
        association=association,
        decided_on=decided_on,
        delegate=delegate.strip(),
        point=point.strip(),
        text=text.strip(),
        recorded_by=user,
    )
    decision.full_clean()
    decision.save()
    return decision
