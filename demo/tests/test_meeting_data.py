from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django_scopes import scopes_disabled

from demo.loader import load_demo, remove_demo
from meetings.models import Attachment, Meeting, MeetingStatus, Minutes
from meetings.notice import notice_json
from meetings.tests.test_notice import NOTICE_SCHEMA

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def loaded(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock(), scopes_disabled():
        load_demo()
        yield
        remove_demo()


def test_demo_has_two_past_meetings_and_an_upcoming_published_notice(loaded: None) -> None:
    meetings = Meeting.objects.filter(association__slug="exempel").order_by("date")

    assert [(m.date.isoformat(), m.status) for m in meetings] == [
        ("2026-04-17", MeetingStatus.PUBLISHED),
        ("2026-09-25", MeetingStatus.PUBLISHED),
        ("2026-12-17", MeetingStatus.PUBLISHED),
    ]


def test_demo_notice_follows_the_contract_with_a_frozen_memo(loaded: None) -> None:
    import jsonschema

    upcoming = Meeting.objects.get(association__slug="exempel", date="2026-12-17")

    data = notice_json(upcoming)

    jsonschema.validate(data, NOTICE_SCHEMA)
    assert [i["title"] for i in data["agenda"]] == [
        "Val av justerare och tid för justering",
        "Godkännande av dagordningen",
        "Uppföljning av insatser 2025",
        "Ekonomisk information",
        "Verksamhetsplan och budget 2027",
        "Delegationsbeslut",
        "Övriga frågor",
    ]
    assert data["members"][0]["role"] == "ordforande"
    assert len(data["delegated_decisions"]) == 2
    frozen = Attachment.objects.filter(item__meeting=upcoming).order_by("item__number")
    assert [(a.number, a.file.read(5)) for a in frozen] == [("3", b"%PDF-"), ("4", b"%PDF-")]


def test_demo_past_meetings_have_checked_minutes(loaded: None) -> None:
    minutes = Minutes.objects.filter(meeting__association__slug="exempel").order_by("meeting__date")

    assert [(m.meeting.date.isoformat(), m.is_locked) for m in minutes] == [
        ("2026-04-17", True),
        ("2026-09-25", True),
    ]
    assert minutes[1].paragraphs.order_by("number").values_list("number", flat=True)[0] == 6
