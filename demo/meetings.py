"""The demo association's meetings: the office, substitutes' order, two past board meetings
and an upcoming one with a published notice (its follow-up memo frozen as PDF), and
delegated decisions. Everything through ``meetings.services``, as the office would."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from meetings import minutes as minutes_service
from meetings import services
from meetings.minutes import ServingRow
from meetings.models import AttachmentDocument, Meeting, Minutes, OrganMembership, StaffMember
from tenancy.models import Association, BoardMember, BoardSeat, User


@dataclass(frozen=True)
class DemoItem:
    title: str
    proposal: tuple[str, ...]
    background: str
    memo_period: str = ""
    economic_as_of: str = ""

    def attachments(self) -> list[tuple[str, str, str]]:
        """(title, document, reference) of the item's attachments: the economic information
        as of ``economic_as_of``, then the memo of ``memo_period``, each when given."""
        found: list[tuple[str, str, str]] = []
        if self.economic_as_of:
            found.append(
                (
                    f"Ekonomisk information per {self.economic_as_of}",
                    AttachmentDocument.ECONOMIC_INFORMATION,
                    self.economic_as_of,
                )
            )
        if self.memo_period:
            found.append(
                (f"Uppföljnings-PM {self.memo_period}", AttachmentDocument.MEMO, self.memo_period)
            )
        return found


@dataclass(frozen=True)
class DemoMeeting:
    date: dt.date
    place: str
    items: tuple[DemoItem, ...]


STAFF = (("Anna Berg", "förbundschef"), ("Erik Lund", "ekonom"))
MEETINGS = (
    DemoMeeting(
        dt.date(2026, 4, 17),
        "Stadshuset, sal A",
        (
            DemoItem(
                "Årsredovisning 2025",
                ("att fastställa årsredovisningen för 2025",),
                "Kansliet har upprättat årsredovisningen för verksamhetsåret 2025.",
            ),
        ),
    ),
    DemoMeeting(
        dt.date(2026, 9, 25),
        "Förbundets kansli",
        (
            DemoItem(
                "Uppföljning av insatser, kvartal 1–2 2026",
                ("att lägga uppföljningen till handlingarna",),
                "Uppföljningen visar läget i de finansierade insatserna under första halvåret.",
            ),
        ),
    ),
    DemoMeeting(
        dt.date(2026, 12, 17),
        "Förbundets kansli (distansdeltagande möjligt)",
        (
            DemoItem(
                "Uppföljning av insatser 2025",
                ("att lägga uppföljnings-PM:et till handlingarna",),
                "Kansliet redovisar uppföljningen av de finansierade insatserna 2025.",
                memo_period="2025H2",
            ),
            DemoItem(
                "Ekonomisk information",
                ("att lägga den ekonomiska informationen till handlingarna",),
                "Kansliet redovisar budget, prognos och beslutsutrymme 2026–2028.",
                economic_as_of="2026-11-30",
            ),
            DemoItem(
                "Verksamhetsplan och budget 2027",
                (
                    "att fastställa verksamhetsplan och budget för 2027",
                    "att ge förbundschefen i uppdrag att verkställa planen",
                ),
                "Förslaget bygger på medlemmarnas beslutade bidrag för 2027.",
            ),
        ),
    ),
)
DELEGATED = (
    (dt.date(2026, 10, 2), "Anna Berg", "3.2", "Förlängd avtalstid för lokalhyra till 2027-06-30."),
    (dt.date(2026, 11, 20), "Anna Berg", "4.1", "Deltagande i nationell konferens, 12 000 kr."),
)


#: The demo's meetings before this date are held, with checked minutes.
UPCOMING = dt.date(2026, 12, 1)


def _past_minutes(meeting: Meeting, *, office: User, ordinary: list[BoardMember]) -> None:
    """Minutes of a held meeting: every ordinary member served, the second one checked.
    The demo's past minutes were checked on paper before the product, so the check times
    are recorded as history here rather than through the checking pages."""
    minutes = minutes_service.start_minutes(user=office, meeting=meeting)
    numbers = list(minutes.paragraphs.values_list("number", flat=True))
    minutes_service.set_serving(
        user=office,
        minutes=minutes,
        rows=[ServingRow(member, min(numbers), max(numbers)) for member in ordinary],
        others_present="Anna Berg, förbundschef; Erik Lund, ekonom",
    )
    held = dt.datetime.combine(meeting.date + dt.timedelta(days=7), dt.time(10), dt.UTC)
    Minutes.objects.filter(pk=minutes.pk).update(
        checker=ordinary[1],
        chair_checked_at=held,
        checker_checked_at=held,
        announced_on=held.date(),
    )


def load_meeting_data(*, association: Association, office: User, board_user: User) -> None:
    """Meetings of the demo association; ``board_user`` gets the chair's seat."""
    staff = [
        StaffMember.objects.create(association=association, name=name, title=title)
        for name, title in STAFF
    ]
    organ = services.board_organ(association)
    members = list(BoardMember.objects.filter(association=association).order_by("pk"))
    ordinary = [m for m in members if m.seat == BoardSeat.ORDINARIE]
    substitutes = [m for m in members if m.seat == BoardSeat.ERSATTARE]
    for order, (substitute, member) in enumerate(zip(substitutes, ordinary, strict=False), 1):
        OrganMembership.objects.create(
            association=association,
            organ=organ,
            board_member=substitute,
            substitute_for=member,
            substitute_order=order,
        )
    OrganMembership.objects.create(
        association=association, organ=organ, board_member=ordinary[0], user=board_user
    )
    for day, delegate, point, text in DELEGATED:
        services.record_delegated_decision(
            user=office,
            association=association,
            decided_on=day,
            delegate=delegate,
            point=point,
            text=text,
        )
    for spec in MEETINGS:
        meeting = services.create_meeting(
            user=office,
            organ=organ,
            date=spec.date,
            start=dt.time(9, 0),
            end=dt.time(12, 0),
            place=spec.place,
            note="Lunch serveras efter mötet.",
        )
        for demo_item in spec.items:
            item = services.add_item(
                user=office,
                meeting=meeting,
                title=demo_item.title,
                presenter=staff[0],
                proposal=demo_item.proposal,
                background=demo_item.background,
            )
            for title, document, reference in demo_item.attachments():
                services.add_attachment(
                    user=office, item=item, title=title, document=document, reference=reference
                )
        meeting = services.publish(user=office, meeting=meeting, notify=False)
        if meeting.date < UPCOMING:
            _past_minutes(meeting, office=office, ordinary=ordinary)
