from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from funding.services import YearAmount
from funding.tests.scenarios import bryggan
from interventions.models import Intervention
from meetings import minutes as minutes_service
from meetings import services
from meetings.minutes import ServingRow
from meetings.models import Meeting, Minutes, OrganMembership
from meetings.tests.helpers import (
    frozen_attachment,
    published_meeting,
)
from tenancy.models import BoardMember, BoardRole
from testing.factories import BoardMemberFactory
from testing.personas import World

pytestmark = pytest.mark.django_db


def _published(world: World, date: dt.date = dt.date(2026, 3, 31)) -> Meeting:
    return published_meeting(world, title="Ansökan Bryggan", date=date)


def _board(world: World, seats: int = 3) -> list[BoardMember]:
    members = [
        BoardMemberFactory.create(
            association=world.association,
            name=f"Ledamot {n}",
            role=BoardRole.ORDFORANDE if n == 0 else BoardRole.LEDAMOT,
        )
        for n in range(seats)
    ]
    organ = services.board_organ(world.association)
    OrganMembership.objects.create(
        association=world.association,
        organ=organ,
        board_member=members[0],
        user=world.users["board"],
    )
    return members


def _minutes(world: World, members: list[BoardMember]) -> Minutes:
    minutes = minutes_service.start_minutes(user=world.users["admin"], meeting=_published(world))
    minutes_service.set_serving(
        user=world.users["admin"],
        minutes=minutes,
        rows=[ServingRow(m, 1, 5) for m in members],
    )
    minutes.checker = members[1]
    minutes.save()
    return minutes


def test_start_minutes_gives_each_item_a_paragraph_with_its_proposal(world: World) -> None:
    minutes = minutes_service.start_minutes(user=world.users["admin"], meeting=_published(world))

    assert [(p.number, p.item.title, p.decision) for p in minutes.paragraphs.all()][1:3] == [
        (2, "Godkännande av dagordningen", ["att godkänna dagordningen"]),
        (
            3,
            "Ansökan Bryggan",
            ["att fastställa årsredovisningen", "att överlämna den till medlemmarna"],
        ),
    ]


def test_paragraph_numbers_run_through_the_year(world: World) -> None:
    minutes_service.start_minutes(
        user=world.users["admin"], meeting=_published(world, dt.date(2026, 2, 1))
    )

    later = minutes_service.start_minutes(user=world.users["admin"], meeting=_published(world))

    assert later.paragraphs.first().number == 6  # type: ignore[union-attr]  # the minutes have paragraphs here


def test_quorum_counts_serving_members_less_those_who_left(world: World) -> None:
    members = _board(world, seats=3)
    minutes = _minutes(world, members[:2])
    paragraph = minutes.paragraphs.get(number=3)
    minutes_service.update_paragraph(
        user=world.users["admin"],
        paragraph=paragraph,
        decision=["att bevilja"],
        conflicted=[members[1]],
    )

    result = {q.number: (q.serving, q.required, q.ok) for q in minutes_service.quorum(minutes)}

    assert (result[2], result[3]) == ((2, 2, True), (1, 2, False))


def test_a_grant_in_the_minutes_creates_the_intervention(world: World) -> None:
    members = _board(world)
    minutes = _minutes(world, members)
    paragraph = minutes.paragraphs.get(number=3)

    decision = minutes_service.decide_application(
        user=world.users["admin"],
        paragraph=paragraph,
        application=bryggan(world),
        outcome="beviljad",
        start_date=dt.date(2026, 9, 1),
        end_date=dt.date(2027, 12, 31),
        years=[YearAmount(2026, 500_000), YearAmount(2027, 1_500_000)],
    )

    paragraph.refresh_from_db()
    assert decision.intervention == Intervention.objects.get(code="BRYGGAN2")
    assert paragraph.funding_decision == decision
    assert decision.meeting_reference == "§ 3, Förbundsstyrelse 2026-03-31"


def test_checked_by_chair_and_checker_the_minutes_lock(world: World) -> None:
    members = _board(world)
    minutes = _minutes(world, members)
    OrganMembership.objects.create(
        association=world.association,
        organ=minutes.meeting.organ,
        board_member=members[1],
        user=world.users["auditor"],
    )
    from tenancy.models import Role
    from tenancy.services import assign_role

    assign_role(user=world.users["auditor"], role=Role.STYRELSE, association=world.association)

    minutes_service.check_minutes(user=world.users["board"], minutes=minutes)
    minutes = minutes_service.check_minutes(user=world.users["auditor"], minutes=minutes)

    assert minutes.is_locked
    assert minutes.announced_on is not None
    assert minutes_service.appeal_until(minutes) == minutes.announced_on + dt.timedelta(days=21)
    with pytest.raises(ValidationError):
        minutes_service.update_paragraph(
            user=world.users["admin"],
            paragraph=minutes.paragraphs.get(number=1),
            decision=["att x"],
        )


def test_minutes_without_quorum_cannot_be_checked(world: World) -> None:
    members = _board(world, seats=5)
    minutes = _minutes(world, members[:2])

    with pytest.raises(ValidationError, match="inte beslutför"):
        minutes_service.check_minutes(user=world.users["board"], minutes=minutes)


def test_a_deviation_decided_in_the_minutes_is_the_boards_decision(world: World) -> None:
    from followup.models import DecidedBy, Decision, Deviation, DeviationKind

    minutes = _minutes(world, _board(world))
    deviation = Deviation.objects.create(
        association=world.association,
        intervention=world.intervention_a,
        received_on=dt.date(2026, 3, 1),
        kind=DeviationKind.METHOD,
        description="Ny metod",
    )
    paragraph = minutes.paragraphs.get(number=3)

    minutes_service.decide_deviation(
        user=world.users["admin"], paragraph=paragraph, deviation=deviation, decision="beviljad"
    )

    deviation.refresh_from_db()
    assert (deviation.decision, deviation.decided_by, deviation.decided_on) == (
        Decision.GRANTED,
        DecidedBy.BOARD,
        dt.date(2026, 3, 31),
    )
    assert deviation.paragraph == paragraph


def _import_report_ledger(world: World, tmp_path: Path) -> None:
    """The ledger helper's sample: a mapping and a 2022 ledger."""
    from django_scopes import scope

    from imports.tests.workbooks import run_import, xlsx_file
    from ledger.services import import_sie
    from ledger.tests.mapping_samples import mapping_sheets
    from ledger.tests.report_sample import REPORT_SIE

    assert run_import(xlsx_file(tmp_path, mapping_sheets()), world.association).problems == []
    with scope(association=world.association.pk):
        import_sie(association=world.association, data=REPORT_SIE.encode("cp437"))


def test_a_paragraph_adopting_the_annual_report_freezes_it(world: World, tmp_path: Path) -> None:
    from ledger.models import AdoptedReport

    _import_report_ledger(world, tmp_path)
    minutes = _minutes(world, _board(world))
    paragraph = minutes.paragraphs.get(number=3)

    adopted = minutes_service.adopt_annual_report(
        user=world.users["admin"], paragraph=paragraph, year=2022
    )

    paragraph.refresh_from_db()
    assert AdoptedReport.objects.get(association=world.association, year=2022) == adopted
    assert (adopted.adopted_on, adopted.decision) == (
        dt.date(2026, 3, 31),
        "§ 3, Förbundsstyrelse 2026-03-31",
    )
    assert paragraph.adopted_report == adopted


def test_publish_freezes_the_annual_report_as_pdf(world: World, tmp_path: Path) -> None:
    from meetings.models import AttachmentDocument

    _import_report_ledger(world, tmp_path)

    attachment = frozen_attachment(
        world,
        document=AttachmentDocument.ANNUAL_REPORT,
        reference="2022",
        title="Årsredovisning 2022",
    )

    assert attachment.file.read(5) == b"%PDF-"
