from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import jsonschema
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from meetings import services
from meetings.models import OrganMembership
from meetings.notice import notice_json
from meetings.tests.helpers import add_decision_item, make_meeting
from tenancy.models import BoardRole, BoardSeat
from testing.factories import BoardMemberFactory, MemberFactory
from testing.personas import World

pytestmark = pytest.mark.django_db

#: spec/board.md, "JSON form (contract)".
NOTICE_SCHEMA = {
    "type": "object",
    "required": [
        "association",
        "organ",
        "meeting",
        "members",
        "office",
        "agenda",
        "delegated_decisions",
    ],
    "properties": {
        "association": {"type": "string"},
        "organ": {"type": "string"},
        "meeting": {
            "type": "object",
            "required": ["date", "start", "end", "place"],
            "properties": {
                "date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
                "start": {"type": "string", "pattern": r"^\d{2}:\d{2}$"},
                "end": {"type": ["string", "null"]},
                "place": {"type": "string"},
            },
        },
        "members": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "party", "role", "member_organisation", "substitute"],
                "properties": {
                    "party": {"type": ["string", "null"]},
                    "role": {"type": ["string", "null"]},
                    "substitute": {"type": ["string", "null"]},
                },
            },
        },
        "office": {
            "type": "array",
            "items": {"type": "object", "required": ["name", "title"]},
        },
        "agenda": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["number", "title", "presenter", "kind", "proposal", "attachments"],
                "properties": {
                    "number": {"type": "integer"},
                    "kind": {"enum": ["beslut", "information"]},
                    "proposal": {"type": "array", "items": {"type": "string"}},
                    "attachments": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["number", "title", "document"],
                            "properties": {
                                "document": {
                                    "enum": [
                                        "annual_report",
                                        "memo",
                                        "economic_information",
                                        "application",
                                        "file",
                                    ]
                                }
                            },
                        },
                    },
                },
            },
        },
        "delegated_decisions": {
            "type": "array",
            "items": {"type": "object", "required": ["date", "delegate", "point", "text"]},
        },
    },
}


def _board(world: World) -> None:
    region = MemberFactory.create(association=world.association, name="Region Exempel")
    people: list[dict[str, Any]] = [
        {"name": "Anna Ordf", "role": BoardRole.ORDFORANDE, "party": "L"},
        {"name": "Bo Ersättare", "seat": BoardSeat.ERSATTARE, "party": ""},
        {
            "name": "Old Ledamot",
            "term_start": dt.date(2019, 1, 1),
            "term_end": dt.date(2022, 12, 31),
        },
    ]
    chair, substitute, _old = (
        BoardMemberFactory.create(association=world.association, appointed_by=region, **fields)
        for fields in people
    )
    OrganMembership.objects.create(
        association=world.association,
        organ=services.board_organ(world.association),
        board_member=substitute,
        substitute_for=chair,
        substitute_order=1,
    )


def test_notice_json_follows_the_contract(world: World) -> None:
    _board(world)
    meeting = make_meeting(world)
    add_decision_item(world, meeting)

    data = notice_json(meeting)

    jsonschema.validate(data, NOTICE_SCHEMA)
    assert data["meeting"] == {
        "date": "2026-03-31",
        "start": "09:00",
        "end": "11:00",
        "place": "Förbundets kansli",
    }
    assert data["members"] == [
        {
            "name": "Anna Ordf",
            "party": "L",
            "role": "ordforande",
            "member_organisation": "Region Exempel",
            "substitute": "Bo Ersättare",
        }
    ]
    assert data["office"] == [{"name": "Eva Chef", "title": "förbundschef"}]
    assert data["agenda"][2] == {
        "number": 3,
        "title": "Årsredovisning 2025",
        "presenter": "Eva Chef",
        "kind": "beslut",
        "proposal": ["att fastställa årsredovisningen", "att överlämna den till medlemmarna"],
        "attachments": [],
    }


def test_meeting_notice_command_writes_the_latest_meeting(world: World) -> None:
    make_meeting(world, date=dt.date(2026, 2, 1))
    make_meeting(world, date=dt.date(2026, 3, 31), place="Stadshuset")
    out = io.StringIO()

    call_command("meeting_notice", "--association", "exempel", "--meeting", "latest", stdout=out)

    assert json.loads(out.getvalue())["meeting"]["place"] == "Stadshuset"


def test_meeting_notice_command_refuses_another_associations_meeting(world: World) -> None:
    meeting = make_meeting(world)

    with pytest.raises(CommandError, match="inget sammanträde"):
        call_command("meeting_notice", "--association", "annat", "--meeting", str(meeting.pk))
