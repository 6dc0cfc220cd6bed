from __future__ import annotations

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client
from django.urls import reverse

from funding.tests.scenarios import bryggan
from interventions.models import Intervention
from meetings import minutes as minutes_service
from meetings.models import Meeting, Minutes, OrganMembership, Paragraph
from meetings.tests.helpers import MeetingPageCases, published_meeting
from tenancy.models import BoardRole, Role
from tenancy.services import assign_role
from testing.factories import BoardMemberFactory, UserFactory
from testing.personas import World
from testing.reauth import reauthenticate
from testing.views import ClientAs, PersonaViewCases

pytestmark = pytest.mark.django_db


def _meeting(world: World) -> Meeting:
    return published_meeting(world, title="Ansökan Bryggan")


class TestMinutesPage(MeetingPageCases):
    permission = "meetings.view_meeting"
    view = "meetings:minutes"

    def arrange(self, world: World) -> Meeting:
        return _meeting(world)


class TestStartMinutes(TestMinutesPage):
    permission = "meetings.change_minutes"
    method = "post"
    allowed = 302
    view = "meetings:minutes_start"


class TestParagraphPage(PersonaViewCases):
    """The paragraph's minutes are the permission object."""

    permission = "meetings.change_minutes"

    def arrange(self, world: World) -> Paragraph:
        minutes = minutes_service.start_minutes(user=world.users["admin"], meeting=_meeting(world))
        return minutes.paragraphs.get(number=3)

    def target(self, world: World) -> Minutes:
        return self.arranged.minutes

    def url(self, world: World) -> str:
        return reverse("meetings:paragraph", args=["exempel", self.arranged.pk])


def test_the_whole_decision_flow_creates_the_intervention(
    world: World, client_as: ClientAs
) -> None:
    """Minutes with a grant decision, checked by the chair and the checker with a fresh
    second factor: the intervention exists, the minutes are locked."""
    meeting = _meeting(world)
    chair_user, checker_user = world.users["board"], UserFactory.create(email="just@example.se")
    assign_role(user=checker_user, role=Role.STYRELSE, association=world.association)
    chair = BoardMemberFactory.create(
        association=world.association, name="Ordf", role=BoardRole.ORDFORANDE
    )
    checker = BoardMemberFactory.create(association=world.association, name="Justerare")
    for member, user in ((chair, chair_user), (checker, checker_user)):
        TOTP.activate(user, generate_totp_secret())
        OrganMembership.objects.create(
            association=world.association,
            organ=meeting.organ,
            board_member=member,
            user=user,
        )
    application = bryggan(world)
    office = client_as("admin")
    slug_pk = ["exempel", meeting.pk]
    office.post(reverse("meetings:minutes_start", args=slug_pk))
    numbers = {f"m{m.pk}": m for m in (chair, checker)}
    serving = {f"{p}_served": "on" for p in numbers} | {
        f"{p}_{end}": n for p in numbers for end, n in (("from", 1), ("to", 5))
    }
    office.post(
        reverse("meetings:minutes_serving", args=slug_pk), {**serving, "checker": checker.pk}
    )
    paragraph = Paragraph.objects.get(minutes__meeting=meeting, number=3)
    decided = office.post(
        reverse("meetings:paragraph_application", args=["exempel", paragraph.pk]),
        {
            "application": application.pk,
            "outcome": "beviljad",
            "start_date": "2026-09-01",
            "end_date": "2027-12-31",
            "years": "2026 500 000\n2027 1500000",
        },
    )
    answers = []
    for user in (chair_user, checker_user):
        client = Client()
        client.force_login(user)
        url = reverse("meetings:minutes_check", args=slug_pk)
        unverified = client.post(url)
        reauthenticate(client, user)
        answers.append((unverified.status_code, client.post(url).status_code))

    minutes = Minutes.objects.get(meeting=meeting)
    assert decided.status_code == 302
    assert Intervention.objects.filter(code="BRYGGAN2").exists()
    assert [a[1] for a in answers] == [302, 302]
    assert [a[0] for a in answers] == [302, 302]  # sent to verify first
    assert minutes.is_locked
    assert minutes.announced_on is not None


def test_someone_else_on_the_board_cannot_check(world: World, client_as: ClientAs) -> None:
    meeting = _meeting(world)
    minutes_service.start_minutes(user=world.users["admin"], meeting=meeting)

    response = client_as("board").get(
        reverse("meetings:minutes_check", args=["exempel", meeting.pk])
    )

    assert response.status_code == 403


class TestDecisionRegister(PersonaViewCases):
    permission = "meetings.view_decisions"
    data = {"ar": "2026", "q": "Bryggan"}

    def arrange(self, world: World) -> None:
        minutes_service.start_minutes(user=world.users["admin"], meeting=_meeting(world))

    def url(self, world: World) -> str:
        return reverse("meetings:decisions", args=["exempel"])


@pytest.mark.parametrize("persona", ["admin", "board"])
def test_decision_register_finds_the_paragraph(
    world: World, client_as: ClientAs, persona: str
) -> None:
    minutes_service.start_minutes(user=world.users["admin"], meeting=_meeting(world))

    response = client_as(persona).get(
        reverse("meetings:decisions", args=["exempel"]), TestDecisionRegister.data
    )

    assert "Ansökan Bryggan" in response.content.decode()


@pytest.mark.parametrize("value", ["99999999999999999999999", "x", "-1", "2026" * 40])
def test_decision_register_ignores_bad_filters(
    world: World, client_as: ClientAs, value: str
) -> None:
    response = client_as("admin").get(
        reverse("meetings:decisions", args=["exempel"]), {"ar": value, "insats": value}
    )

    assert response.status_code == 200


def test_extract_of_a_paragraph(world: World, client_as: ClientAs) -> None:
    minutes = minutes_service.start_minutes(user=world.users["admin"], meeting=_meeting(world))
    paragraph = minutes.paragraphs.get(number=3)

    page = client_as("board").get(reverse("meetings:extract", args=["exempel", paragraph.pk]))

    assert page.status_code == 200
    assert "§ 3 Ansökan Bryggan" in page.content.decode()


def test_adoption_page_without_a_ledger_explains_why(world: World, client_as: ClientAs) -> None:
    minutes = minutes_service.start_minutes(user=world.users["admin"], meeting=_meeting(world))
    paragraph = minutes.paragraphs.get(number=3)

    response = client_as("admin").post(
        reverse("meetings:paragraph_adoption", args=["exempel", paragraph.pk]), {"year": "2025"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors != {}
