"""Arranging meetings in tests, through the services as the pages do."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from meetings import services
from meetings.models import Attachment, Meeting, Organ, StaffMember
from testing.personas import World
from testing.views import PersonaViewCases


def make_meeting(world: World, *, date: dt.date = dt.date(2026, 3, 31), **extra: Any) -> Meeting:
    organ = services.board_organ(world.association)
    return services.create_meeting(
        user=world.users["admin"],
        organ=organ,
        date=date,
        start=dt.time(9, 0),
        end=dt.time(11, 0),
        place=extra.pop("place", "Förbundets kansli"),
        **extra,
    )


def add_decision_item(world: World, meeting: Meeting, title: str = "Årsredovisning 2025") -> Any:
    presenter = StaffMember.objects.get_or_create(
        association=world.association, name="Eva Chef", defaults={"title": "förbundschef"}
    )[0]
    return services.add_item(
        user=world.users["admin"],
        meeting=meeting,
        title=title,
        presenter=presenter,
        proposal=["att fastställa årsredovisningen", "att överlämna den till medlemmarna"],
        background="Kansliet har upprättat årsredovisningen.",
    )


def attach(world: World, item: Any, *, title: str, document: str, **source: Any) -> Attachment:
    """The office attaches ``document`` to ``item``: a generated one by ``reference=`` or
    an uploaded ``file=``."""
    return services.add_attachment(
        user=world.users["admin"], item=item, title=title, document=document, **source
    )


def frozen_attachment(
    world: World, *, document: str, reference: str, title: str, item_title: str = "Ärende"
) -> Attachment:
    """A board meeting whose one decision item carries the generated ``document``,
    published by the office (no mail); the attachment as it was frozen."""
    meeting = make_meeting(world)
    item = add_decision_item(world, meeting, item_title)
    attachment = attach(world, item, title=title, document=document, reference=reference)
    services.publish(user=world.users["admin"], meeting=meeting, notify=False)
    attachment.refresh_from_db()
    return attachment


def published_meeting(
    world: World, *, title: str = "Årsredovisning 2025", notify: bool = False, **extra: Any
) -> Meeting:
    """A board meeting with one decision item, published by the office."""
    meeting = make_meeting(world, **extra)
    add_decision_item(world, meeting, title)
    return services.publish(user=world.users["admin"], meeting=meeting, notify=notify)


def published_organ_meeting(world: World, organ: Organ | None = None) -> Meeting:
    """A meeting of ``organ`` (the board's standard meeting when None) with one decision
    item, published by the office."""
    if organ is None:
        meeting = make_meeting(world)
    else:
        meeting = services.create_meeting(
            user=world.users["admin"],
            organ=organ,
            date=dt.date(2026, 4, 14),
            start=dt.time(13, 0),
            end=dt.time(15, 0),
            place="Kansliet",
        )
    add_decision_item(world, meeting)
    return services.publish(user=world.users["admin"], meeting=meeting)


class MeetingPageCases(PersonaViewCases):
    """A page of the meeting ``arrange`` makes (``view`` by its pk): the meeting is the
    permission object."""

    view = "meetings:detail"

    def target(self, world: World) -> Any:
        return self.arranged

    def url(self, world: World) -> str:
        return reverse(self.view, args=["exempel", self.arranged.pk])
