"""The whole meeting flow in a real browser (issue 14): the office creates a meeting, adds
an item and an attachment and sends the notice; a board member reads it and reports
attendance; the office writes minutes with a grant decision; the chair and the checker
check them with a fresh second factor; the intervention exists afterwards. axe-core finds
no WCAG 2.1 A/AA violation on the meeting pages at a phone's width."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from allauth.mfa.utils import decrypt

from funding.tests.scenarios import bryggan
from interventions.models import Intervention
from meetings import services
from meetings.models import Attendance, Meeting, Minutes, OrganMembership
from tenancy.models import BoardRole, Role, User
from tenancy.services import assign_role
from testing.browser import PHONE, axe_violations, sideways_scroll
from testing.factories import BoardMemberFactory, UserFactory
from testing.personas import build_world

pytestmark = pytest.mark.browser


def _code(user: User) -> str:
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    secret = decrypt(authenticator.data["secret"])
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def _check_minutes(page: Any, user: User, meeting: Meeting) -> None:
    """Open the check page, pass the second-factor step, confirm (and the dialog)."""
    page.goto(f"/f/exempel/sammantraden/{meeting.pk}/protokoll/justera/")
    page.fill("input[name=code]", _code(user))
    page.get_by_role("button", name="Bekräfta").click()
    page.wait_for_url(re.compile(r".*/protokoll/justera/$"))
    page.get_by_role("button", name="Justera").click()
    page.wait_for_url(re.compile(r".*/protokoll/$"))


@pytest.mark.django_db(transaction=True)
def test_meeting_flow_from_notice_to_checked_minutes(page_as: Callable[..., Any]) -> None:
    world = build_world()
    chair_user = world.users["board"]
    checker_user = UserFactory.create(email="justerare@example.se")
    assign_role(user=checker_user, role=Role.STYRELSE, association=world.association)
    chair = BoardMemberFactory.create(
        association=world.association, name="Olle Ordförande", role=BoardRole.ORDFORANDE
    )
    checker = BoardMemberFactory.create(association=world.association, name="Jenny Justerare")
    organ = services.board_organ(world.association)
    for member, user in ((chair, chair_user), (checker, checker_user)):
        TOTP.activate(user, generate_totp_secret())
        OrganMembership.objects.create(
            association=world.association, organ=organ, board_member=member, user=user
        )
    application = bryggan(world)

    office = page_as(world.users["admin"])
    office.goto("/f/exempel/sammantraden/nytt/")
    office.fill("#id_date", "2026-03-31")
    office.fill("#id_start", "09:00")
    office.fill("#id_place", "Kansliet")
    office.get_by_role("button", name="Spara").click()
    office.wait_for_url(re.compile(r".*/sammantraden/\d+/$"))
    meeting = Meeting.objects.get(association=world.association)
    office.get_by_role("link", name="Nytt ärende").click()
    office.fill("#id_title", "Ansökan Bryggan")
    office.fill("#id_proposal", "att bevilja Bryggan medel för 2026–2027")
    office.get_by_role("button", name="Spara").click()
    office.wait_for_url(re.compile(r".*/sammantraden/\d+/$"))
    item = meeting.items.get(title="Ansökan Bryggan")
    office.goto(f"/f/exempel/sammantraden/arenden/{item.pk}/bilagor/ny/")
    office.fill("#id_title", "Ansökan med beredning")
    office.select_option("#id_document", "file")
    office.set_input_files(
        "#id_file",
        files=[
            {
                "name": "ansokan.pdf",
                "mimeType": "application/pdf",
                "buffer": b"%PDF-1.4\n% ansokan\n",
            }
        ],
    )
    office.get_by_role("button", name="Spara").click()
    office.wait_for_url(re.compile(r".*/sammantraden/\d+/$"))
    office.get_by_role("link", name="Skicka kallelsen").click()
    office.get_by_role("button", name="Skicka kallelsen").click()
    office.wait_for_url(re.compile(r".*/sammantraden/\d+/$"))

    board = page_as(chair_user, PHONE)
    board.goto(f"/f/exempel/sammantraden/{meeting.pk}/")
    board.get_by_label("Jag kommer").check()
    board.get_by_role("button", name="Skicka anmälan").click()
    board.wait_for_url(re.compile(r".*/sammantraden/\d+/$"))
    board_page = {
        "agenda": board.get_by_text("Ansökan Bryggan").count() > 0,
        "sideways": sideways_scroll(board),
        "axe": axe_violations(board),
    }

    office.goto(f"/f/exempel/sammantraden/{meeting.pk}/protokoll/")
    office.get_by_role("button", name="Påbörja protokoll").click()
    office.wait_for_url(re.compile(r".*/protokoll/$"))
    office.get_by_role("link", name="Närvaro och justerare").click()
    for member in (chair, checker):
        office.check(f"#id_m{member.pk}_served")
    office.select_option("#id_checker", str(checker.pk))
    office.get_by_role("button", name="Spara").click()
    office.wait_for_url(re.compile(r".*/protokoll/$"))
    paragraph = Minutes.objects.get(meeting=meeting).paragraphs.get(item=item)
    office.goto(f"/f/exempel/sammantraden/paragrafer/{paragraph.pk}/ansokan/")
    office.select_option("#id_application", str(application.pk))
    office.select_option("#id_outcome", "beviljad")
    office.fill("#id_start_date", "2026-09-01")
    office.fill("#id_end_date", "2027-12-31")
    office.fill("#id_years", "2026 500000\n2027 1500000")
    office.get_by_role("button", name="Spara").click()
    office.wait_for_url(re.compile(r".*/protokoll/$"))
    minutes_axe = axe_violations(office)

    _check_minutes(page_as(chair_user), chair_user, meeting)
    _check_minutes(page_as(checker_user), checker_user, meeting)

    minutes = Minutes.objects.get(meeting=meeting)
    assert Attendance.objects.get(meeting=meeting, board_member=chair).attending is True
    assert board_page == {"agenda": True, "sideways": 0, "axe": []}
    assert minutes_axe == []
    assert Intervention.objects.filter(code="BRYGGAN2").exists()
    assert (minutes.is_locked, minutes.announced_on is not None) == (True, True)
