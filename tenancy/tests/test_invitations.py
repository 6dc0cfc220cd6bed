"""Issue 18, item 3: a role is given through an invitation that the invited person accepts.

The office's answer is the same whether or not an account has the address, no name is
shown before acceptance, the link's token is stored only hashed, expires and works once,
and a pending invitation changes nothing for the account in other associations.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from tenancy import invitations
from tenancy.models import Invitation, Role, RoleAssignment, User
from tenancy.tests.pages import AssociationPageCases, RowPageCases
from testing.personas import World
from testing.views import ClientAs

pytestmark = pytest.mark.django_db
SLUG = "exempel"
PASSWORD = "Ett-långt-lösenord-2026"


def invite_url() -> str:
    return reverse("tenancy:role_assign", args=[SLUG])


def link_in(message: mail.EmailMessage) -> str:
    match = re.search(r"http://testserver(/inbjudan/[^/\s]+/)", str(message.body))
    assert match is not None
    return match.group(1)


def invite(world: World, email: str, role: str = Role.REVISOR, **kwargs: Any) -> str:
    """Invite through the service; returns the link's path."""
    with scopes_disabled():
        invitations.invite(
            email=email,
            role=role,
            association=world.association,
            invited_by=world.users["admin"],
            base_url="http://testserver",
            **kwargs,
        )
    return link_in(mail.outbox[-1])


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def normalised(html: str, email: str) -> str:
    """A page without what differs between any two requests (nonce, CSRF token) and
    the address the office typed, and the invitation's id."""
    html = re.sub(r'nonce="[^"]*"', 'nonce=""', html)
    html = re.sub(r'"X-CSRFToken": "[^"]*"', '"X-CSRFToken": ""', html)
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    html = re.sub(r"/inbjudan/\d+/", "/inbjudan/<pk>/", html)
    return html.replace(email, "<email>")


# --- the office's side -----------------------------------------------------------------


def test_invite_answers_the_same_for_existing_and_unknown_address(
    world: World, client_as: ClientAs
) -> None:
    admin = client_as("admin")
    answers = []
    for email in (world.users["outsider"].email, "ingen-sadan@example.se"):
        response = admin.post(invite_url(), {"email": email, "role": Role.REVISOR})
        page = admin.get(response["Location"])
        answers.append(
            (
                response.status_code,
                response["Location"],
                response.content,
                normalised(page.content.decode(), email),
            )
        )
        with scopes_disabled():
            Invitation.objects.update(closed_at=timezone.now())

    assert answers[0] == answers[1]
    assert answers[0][0] == 302
    assert [m.to for m in mail.outbox] == [
        [world.users["outsider"].email],
        ["ingen-sadan@example.se"],
    ]


def test_invite_shows_no_name_and_gives_no_role_before_acceptance(
    world: World, client_as: ClientAs
) -> None:
    outsider = world.users["outsider"]

    client_as("admin").post(invite_url(), {"email": outsider.email, "role": Role.REVISOR})
    page = client_as("admin").get(reverse("tenancy:role_list", args=[SLUG])).content.decode()

    assert (outsider.email in page, outsider.get_full_name() in page) == (True, False)
    assert list(outsider.role_assignments.values_list("association__slug", "role")) == [
        ("annat", Role.FORBUNDSADMINISTRATOR)
    ]
    assert User.objects.filter(email="ingen-sadan@example.se").exists() is False


def test_invite_unknown_address_creates_no_account(world: World, client_as: ClientAs) -> None:
    response = client_as("admin").post(
        invite_url(), {"email": "Ny.Person@Example.se", "role": Role.EKONOM}
    )

    assert response.status_code == 302
    assert User.objects.filter(email__iexact="ny.person@example.se").exists() is False
    with scopes_disabled():
        assert list(Invitation.objects.values_list("email", "role")) == [
            ("ny.person@example.se", Role.EKONOM)
        ]


def test_invite_stores_only_the_tokens_hash(world: World) -> None:
    link = invite(world, "ny@example.se")
    token = link.split("/")[2]

    with scopes_disabled():
        invitation = Invitation.objects.get()
    stored = [str(getattr(invitation, f.attname)) for f in Invitation._meta.concrete_fields]
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert [value for value in stored if token in value] == []


def test_invite_intervention_role_needs_intervention(world: World, client_as: ClientAs) -> None:
    response = client_as("admin").post(
        invite_url(), {"email": "ny@example.se", "role": Role.DELTAGARANSVARIG}
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "intervention": ["Välj insats: rollen Deltagaransvarig gäller en insats."]
    }
    assert mail.outbox == []


class TestInvite(AssociationPageCases):
    """Inviting a förbundsadministratör (the same page the office gives roles on)."""

    permission = "tenancy.manage_roles"
    view = "tenancy:role_assign"
    method = "post"
    data = {"email": "ny@example.se", "role": Role.FORBUNDSADMINISTRATOR}
    allowed = 302


class TestInvitationCancelPage(RowPageCases):
    permission = "tenancy.manage_roles"
    view = "tenancy:invitation_cancel"

    def arrange(self, world: World) -> Invitation:
        invite(world, "ny@example.se")
        with scopes_disabled():
            return Invitation.objects.get()


def test_invitation_cancel_closes_the_link(world: World, client_as: ClientAs) -> None:
    link = invite(world, "ny@example.se")
    with scopes_disabled():
        invitation = Invitation.objects.get()

    response = client_as("admin").post(
        reverse("tenancy:invitation_cancel", args=[SLUG, invitation.pk])
    )

    assert response.status_code == 302
    assert Client().get(link).status_code == 404


def test_invitation_of_other_association_cannot_be_cancelled_here(
    world: World, client_as: ClientAs
) -> None:
    with scopes_disabled():
        other = invitations.invite(
            email="ny@example.se", role=Role.REVISOR, association=world.other_association
        )

    response = client_as("admin").post(reverse("tenancy:invitation_cancel", args=[SLUG, other.pk]))

    assert response.status_code == 404


# --- the invited person's side ---------------------------------------------------------


def test_new_person_sets_password_and_gets_the_role_on_acceptance(world: World) -> None:
    link = invite(world, "ny@example.se", role=Role.EKONOM)
    visitor = Client()

    form = visitor.get(link)
    answer = visitor.post(
        link,
        {
            "first_name": "Ny",
            "last_name": "Person",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    user = User.objects.get(email="ny@example.se")
    assert (form.status_code, answer.status_code, answer["Location"]) == (
        200,
        302,
        reverse("account_login"),
    )
    assert (user.get_full_name(), user.check_password(PASSWORD)) == ("Ny Person", True)
    assert list(user.role_assignments.values_list("association__slug", "role")) == [
        (SLUG, Role.EKONOM)
    ]
    assert Client().get(link).status_code == 404  # single use


def test_new_person_mismatched_passwords_is_a_form_error(world: World) -> None:
    link = invite(world, "ny@example.se")

    response = Client().post(
        link,
        {"first_name": "Ny", "last_name": "P", "password1": PASSWORD, "password2": "annat"},
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["password2"]
    assert User.objects.filter(email="ny@example.se").exists() is False


def test_existing_account_must_log_in_and_confirm(world: World) -> None:
    outsider = world.users["outsider"]
    link = invite(world, outsider.email, role=Role.REVISOR)

    anonymous = Client().get(link)
    other = logged_in(world.users["economist"]).get(link)
    own = logged_in(outsider)
    confirm = own.get(link)

    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")
    assert (other.status_code, other.context["other_account"]) == (200, True)
    assert (confirm.status_code, outsider.role_assignments.count()) == (200, 1)

    accepted = own.post(link, {"answer": "accept"})

    assert (accepted.status_code, accepted["Location"]) == (
        302,
        reverse("dashboard", args=[SLUG]),
    )
    assert sorted(outsider.role_assignments.values_list("association__slug", "role")) == [
        ("annat", Role.FORBUNDSADMINISTRATOR),
        (SLUG, Role.REVISOR),
    ]


def test_existing_account_may_decline(world: World) -> None:
    outsider = world.users["outsider"]
    link = invite(world, outsider.email)

    response = logged_in(outsider).post(link, {"answer": "decline"})

    assert response.status_code == 302
    assert outsider.role_assignments.count() == 1
    assert Client().get(link).status_code == 404


def test_expired_link_is_no_longer_valid(world: World) -> None:
    link = invite(world, "ny@example.se")
    with scopes_disabled():
        Invitation.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))

    response = Client().get(link)

    assert response.status_code == 404
    assert "Inbjudan gäller inte" in response.content.decode()


def test_unknown_link_is_no_longer_valid(world: World) -> None:
    assert Client().get(reverse("invitation_accept", args=["påhittad"])).status_code == 404


def test_separation_of_duties_holds_on_acceptance(world: World) -> None:
    admin = world.users["admin"]
    link = invite(world, admin.email, role=Role.DELTAGARANSVARIG, intervention=world.intervention_a)

    response = logged_in(admin).post(link, {"answer": "accept"})

    assert response.status_code == 200
    assert response.context["errors"] == [
        f"{admin} kan inte vara både deltagaransvarig och förbundsadministratör "
        "i samma förbund (krav på åtskilda roller)."
    ]
    assert list(admin.role_assignments.values_list("role", flat=True)) == [
        Role.FORBUNDSADMINISTRATOR
    ]


def test_pending_deltagaransvarig_invitation_does_not_demand_totp_elsewhere(
    world: World,
) -> None:
    outsider = world.users["outsider"]
    link = invite(
        world, outsider.email, role=Role.DELTAGARANSVARIG, intervention=world.intervention_a
    )
    client = logged_in(outsider)

    before = client.get(reverse("dashboard", args=["annat"]))
    client.post(link, {"answer": "accept"})
    after = client.get(reverse("dashboard", args=["annat"]))

    assert before.status_code == 200
    assert (after.status_code, after["Location"]) == (302, reverse("mfa_activate_totp"))


# --- the pending list ------------------------------------------------------------------


def test_invitation_list_shows_own_pending_invitations(world: World) -> None:
    outsider = world.users["outsider"]
    invite(world, outsider.email, role=Role.REVISOR)
    invite(world, "nagon-annan@example.se", role=Role.EKONOM)

    response = logged_in(outsider).get(reverse("invitation_list"))

    assert response.status_code == 200
    assert [(i.email, text) for i, text in response.context["rows"]] == [
        (outsider.email, "Revisor")
    ]


def test_invitation_list_needs_login(world: World) -> None:
    response = Client().get(reverse("invitation_list"))

    assert response.status_code == 302


@pytest.mark.parametrize(
    ("who", "expected", "roles"),
    [("outsider", 302, 2), ("economist", 404, 1), (None, 302, 1)],
)
def test_invitation_respond_by_persona(
    world: World, who: str | None, expected: int, roles: int
) -> None:
    """The invited account accepts; another account gets a 404; anonymous must log in."""
    outsider = world.users["outsider"]
    invite(world, outsider.email, role=Role.REVISOR)
    with scopes_disabled():
        invitation = Invitation.objects.get()
    client = Client() if who is None else logged_in(world.users[who])

    response = client.post(
        reverse("invitation_respond", args=[invitation.pk]), {"answer": "accept"}
    )

    assert response.status_code == expected
    assert RoleAssignment.objects.filter(user=outsider).count() == roles
