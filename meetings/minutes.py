"""The minutes (spec/board.md, "Minutes"): who served, each § with its decision, quorum per
§, checking by the chair and the checker with a fresh second factor, then locked; and the
decisions that act on the data through the domain services (a grant records the funding
decision and creates or extends the intervention)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from followup.models import DecidedBy, Deviation
from followup.services import decide_deviation as record_deviation_decision
from funding.models import Application, FundingDecision
from funding.services import YearAmount, record_decision
from ledger.models import AdoptedReport
from meetings.models import (
    ItemKind,
    Meeting,
    Minutes,
    OrganMembership,
    Paragraph,
    Serving,
)
from meetings.queries import organ_people
from meetings.services import require
from stats.annual.adoption import adopt_report
from tenancy.models import BoardMember, BoardRole

#: The appeal period after the checked minutes are announced (laglighetsprövning).
APPEAL_DAYS = 21


def _check_open(minutes: Minutes) -> None:
    if minutes.is_locked:
        raise ValidationError(_("Protokollet är justerat och kan inte ändras."))


def _deciding_meeting(
    user: Any, paragraph: Paragraph, decided_id: int | None, refusal: str
) -> Meeting:
    """The meeting whose § takes a decision; refused unless the user may change its open
    minutes and the § has not already taken the decision whose link is ``decided_id``."""
    require(user, "meetings.change_minutes", paragraph.minutes)
    _check_open(paragraph.minutes)
    if decided_id is not None:
        raise ValidationError(refusal)
    return paragraph.minutes.meeting


def _citation(paragraph: Paragraph) -> str:
    """How a decision cites the § that took it: ``§ 7, Förbundsstyrelse 2025-03-12``."""
    meeting = paragraph.minutes.meeting
    return f"§ {paragraph.number}, {meeting.organ} {meeting.date.isoformat()}"


def first_paragraph_number(meeting: Meeting) -> int:
    """§ numbers run through the year per organ: one more than the year's last so far."""
    last = Paragraph.objects.filter(
        minutes__meeting__organ=meeting.organ,
        minutes__meeting__date__year=meeting.date.year,
        minutes__meeting__date__lt=meeting.date,
    ).aggregate(last=Max("number"))["last"]
    return (last or 0) + 1


@transaction.atomic
def start_minutes(*, user: Any, meeting: Meeting) -> Minutes:
    """Minutes with one § per agenda item, each decision starting from the proposal."""
    require(user, "meetings.change_minutes", meeting)
    if not meeting.is_published:
        raise ValidationError(_("Protokoll kan skrivas först när kallelsen är skickad."))
    if Minutes.objects.filter(meeting=meeting).exists():
        raise ValidationError(_("Sammanträdet har redan ett protokoll."))
    minutes = Minutes.objects.create(association=meeting.association, meeting=meeting)
    first = first_paragraph_number(meeting)
    for offset, item in enumerate(meeting.items.order_by("number")):
        Paragraph.objects.create(
            association=meeting.association,
            minutes=minutes,
            item=item,
            number=first + offset,
            decision=list(item.proposal) if item.kind == ItemKind.BESLUT else [],
        )
    return minutes


@dataclass(frozen=True)
class ServingRow:
    board_member: BoardMember
    from_number: int
    to_number: int
    serving_for: BoardMember | None = None


@transaction.atomic
def set_serving(
    *, user: Any, minutes: Minutes, rows: Sequence[ServingRow], others_present: str = ""
) -> None:
    """Replace who served. Each row's range must lie within the minutes' §."""
    require(user, "meetings.change_minutes", minutes)
    _check_open(minutes)
    numbers = list(minutes.paragraphs.values_list("number", flat=True))
    low, high = min(numbers), max(numbers)
    errors = []
    for row in rows:
        if not low <= row.from_number <= row.to_number <= high:
            errors.append(
                _("%(name)s: ange § mellan %(low)s och %(high)s, från före till.")
                % {"name": row.board_member.name, "low": low, "high": high}
            )
    if errors:
        raise ValidationError(errors)
    minutes.serving.all().delete()
    Serving.objects.bulk_create(
        Serving(
            association=minutes.association,
            minutes=minutes,
            board_member=row.board_member,
            serving_for=row.serving_for,
            from_number=row.from_number,
            to_number=row.to_number,
        )
        for row in rows
    )
    minutes.others_present = others_present.strip()
    minutes.save(update_fields=["others_present"])


@transaction.atomic
def update_paragraph(
    *,
    user: Any,
    paragraph: Paragraph,
    decision: Sequence[str],
    votes: str = "",
    reservations: str = "",
    conflicted: Sequence[BoardMember] = (),
) -> Paragraph:
    require(user, "meetings.change_minutes", paragraph.minutes)
    _check_open(paragraph.minutes)
    paragraph.decision = [line.strip() for line in decision if line.strip()]
    paragraph.votes = votes.strip()
    paragraph.reservations = reservations.strip()
    paragraph.save()
    paragraph.conflicted.set(conflicted)
    return paragraph


@dataclass(frozen=True)
class Quorum:
    number: int
    serving: int
    required: int

    @property
    def ok(self) -> bool:
        return self.serving >= self.required


def quorum(minutes: Minutes) -> list[Quorum]:
    """Per §: the members serving for it (less those who left for jäv) against more than
    half of the organ's ordinary seats."""
    ordinary, _substitutes = organ_people(minutes.meeting.organ, minutes.meeting.date)
    required = len(ordinary) // 2 + 1
    serving = list(minutes.serving.all())
    result = []
    for paragraph in minutes.paragraphs.prefetch_related("conflicted"):
        left = {member.pk for member in paragraph.conflicted.all()}
        present = sum(
            1
            for row in serving
            if row.from_number <= paragraph.number <= row.to_number
            and row.board_member_id not in left
        )
        result.append(Quorum(paragraph.number, present, required))
    return result


@transaction.atomic
def decide_application(
    *,
    user: Any,
    paragraph: Paragraph,
    application: Application,
    outcome: str,
    start_date: dt.date | None,
    end_date: dt.date | None,
    years: Sequence[YearAmount],
    conditions: str = "",
) -> FundingDecision:
    """The § decides an application: the funding decision is recorded through the funding
    service (a grant creates or extends the intervention) and linked both ways."""
    meeting = _deciding_meeting(
        user,
        paragraph,
        paragraph.funding_decision_id,
        _("Paragrafen har redan ett beslut om finansiering."),
    )
    decision = record_decision(
        application=application,
        outcome=outcome,
        decided_on=meeting.date,
        meeting_reference=_citation(paragraph),
        conditions=conditions,
        start_date=start_date,
        end_date=end_date,
        years=years,
        recorded_by=user,
    )
    paragraph.funding_decision = decision
    paragraph.save(update_fields=["funding_decision"])
    return decision


@transaction.atomic
def decide_deviation(
    *, user: Any, paragraph: Paragraph, deviation: Deviation, decision: str, comment: str = ""
) -> Deviation:
    """The § decides a deviation report: recorded as the board's decision through the
    follow-up service, dated the meeting's day, and linked both ways."""
    meeting = _deciding_meeting(
        user,
        paragraph,
        paragraph.deviation_id,
        _("Paragrafen har redan beslutat en avvikelserapport."),
    )
    decided = record_deviation_decision(
        user=user,
        deviation=deviation,
        decision=decision,
        decided_on=meeting.date,
        decided_by=DecidedBy.BOARD,
        comment=comment or _citation(paragraph),
    )
    paragraph.deviation = decided
    paragraph.save(update_fields=["deviation"])
    return decided


@transaction.atomic
def adopt_annual_report(*, user: Any, paragraph: Paragraph, year: int) -> AdoptedReport:
    """The § adopts the annual report of ``year``: its figures are frozen as adopted
    (``stats.annual.adoption``), dated the meeting's day, and linked both ways."""
    meeting = _deciding_meeting(
        user,
        paragraph,
        paragraph.adopted_report_id,
        _("Paragrafen har redan fastställt en årsredovisning."),
    )
    adopted = adopt_report(
        association=meeting.association,
        year=year,
        adopted_on=meeting.date,
        decision=_citation(paragraph),
        user=user,
    )
    paragraph.adopted_report = adopted
    paragraph.save(update_fields=["adopted_report"])
    return adopted


def checking_role(user: Any, minutes: Minutes) -> str | None:
    """ "chair" or "checker" when ``user`` holds that seat's account, else None."""
    seats = OrganMembership.objects.filter(organ=minutes.meeting.organ, user=user)
    member_ids = set(seats.values_list("board_member_id", flat=True))
    chair = BoardMember.objects.filter(
        pk__in=member_ids, role=BoardRole.ORDFORANDE, association=minutes.association
    ).exists()
    if chair:
        return "chair"
    if minutes.checker_id is not None and minutes.checker_id in member_ids:
        return "checker"
    return None


@transaction.atomic
def check_minutes(*, user: Any, minutes: Minutes) -> Minutes:
    """The chair or the checker confirms the minutes (the view has verified a fresh
    second factor). When both have, the minutes are locked and announced today."""
    require(user, "meetings.check_minutes", minutes)
    minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if minutes.checker_id is None:
        raise ValidationError(_("Välj justerare innan protokollet justeras."))
    missing = [q.number for q in quorum(minutes) if not q.ok]
    if missing:
        raise ValidationError(
            _("Styrelsen var inte beslutför vid § %(numbers)s.")
            % {"numbers": ", ".join(map(str, missing))}
        )
    role = checking_role(user, minutes)
    now = timezone.now()
    if role == "chair" and minutes.chair_checked_at is None:
        minutes.chair_checked_at, minutes.chair_checked_by = now, user
    elif role == "checker" and minutes.checker_checked_at is None:
        minutes.checker_checked_at, minutes.checker_checked_by = now, user
    else:
        raise ValidationError(_("Du har redan justerat protokollet eller är inte justerare."))
    if minutes.is_locked:
        minutes.announced_on = timezone.localdate()
    minutes.save()
    return minutes


def appeal_until(minutes: Minutes) -> dt.date | None:
    """The last day to appeal: three weeks after the announcement."""
    if minutes.announced_on is None:
        return None
    return minutes.announced_on + dt.timedelta(days=APPEAL_DAYS)
