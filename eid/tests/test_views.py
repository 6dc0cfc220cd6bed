from __future__ import annotations

import time

import pytest
from django.core import mail
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from eid.tests.helpers import INVITED
from participants import crypto
from participants.reauth import fresh_check_redirect
from tenancy.assurance import record_external_login
from tenancy.middleware import MfaRequiredMiddleware
from tenancy.models import Invitation, Role, User
from testing.personas import World, new_participant_officer
from testing.views import ClientAs, PersonaViewCases

pytestmark = pytest.mark.django_db

INVITE_URL = reverse("eid_office:invite_personnummer", args=["exempel"])


class TestPersonnummerInvitationPage(PersonaViewCases):
    permission = "tenancy.manage_roles"

    def url(self, world: World) -> str:
        return INVITE_URL


def test_personnummer_invitation_stores_only_the_keyed_hash(
    world: World, client_as: ClientAs
) -> None:
    response = client_as("admin").post(
        INVITE_URL,
        {
            "personnummer": f"{INVITED[:8]}-{INVITED[8:]}",
            "email": "ina@example.se",
            "role": "styrelse",
        },
    )

    invitation = Invitation.objects.get(email="ina@example.se")
    assert response.status_code == 302
    assert (invitation.personnummer_hash, invitation.role) == (
        crypto.lookup_hash(INVITED),
        Role.STYRELSE,
    )
    assert INVITED not in mail.outbox[-1].body
    assert "/inbjudan/" not in mail.outbox[-1].body


def test_refused_personnummer_invitation_does_not_show_the_number(
    world: World, client_as: ClientAs
) -> None:
    response = client_as("admin").post(
        INVITE_URL, {"personnummer": INVITED, "email": "ina@example.se", "role": "deltagaransvarig"}
    )

    content = response.content.decode()
    assert (response.status_code, INVITED in content, INVITED[:8] in content) == (200, False, False)
    assert Invitation.objects.count() == 0


def test_personnummer_invitation_refuses_an_invalid_number(
    world: World, client_as: ClientAs
) -> None:
    wrong = INVITED[:-1] + str((int(INVITED[-1]) + 1) % 10)

    response = client_as("admin").post(
        INVITE_URL, {"personnummer": wrong, "email": "ina@example.se", "role": "styrelse"}
    )

    assert (response.status_code, Invitation.objects.count()) == (200, 0)
    assert wrong not in response.content.decode()


def _request_with_external_login(user: User, *, level_ok: bool, at: float) -> HttpRequest:
    request = RequestFactory().get("/f/exempel/")
    from django.contrib.sessions.backends.db import SessionStore

    request.session = SessionStore()
    request.user = user
    record_external_login(request, user, provider="eid", level="loa", second_factor=level_ok)
    request.session["account_authentication_methods"][-1]["at"] = at
    return request


def test_fresh_check_goes_to_the_provider_after_an_e_id_sign_in(world: World) -> None:
    officer = world.users["participant_officer_a"]
    request = _request_with_external_login(officer, level_ok=True, at=time.time() - 600)

    response = fresh_check_redirect(request, next_url="/f/exempel/deltagare/1/personnummer/")

    assert response is not None
    assert response["Location"] == (
        "/e-legitimation/bekrafta/?provider=eid&next=%2Ff%2Fexempel%2Fdeltagare%2F1%2Fpersonnummer%2F"
    )


def test_fresh_e_id_sign_in_is_a_fresh_check(world: World) -> None:
    officer = world.users["participant_officer_a"]
    request = _request_with_external_login(officer, level_ok=True, at=time.time() - 10)

    assert fresh_check_redirect(request, next_url="/") is None


@pytest.mark.parametrize(("level_ok", "asks_for_totp"), [(True, False), (False, True)])
def test_personal_data_role_without_totp_depends_on_the_level(
    world: World, level_ok: bool, asks_for_totp: bool
) -> None:
    user = new_participant_officer(world, "ny@example.se")
    request = _request_with_external_login(user, level_ok=level_ok, at=time.time())

    response = MfaRequiredMiddleware(lambda r: HttpResponse("passed"))(request)

    assert (response.status_code == 302) == asks_for_totp


def test_reauthentication_page_for_an_unknown_provider_is_404(
    client_as: ClientAs,
) -> None:
    response = client_as("admin").get("/e-legitimation/bekrafta/?provider=nope&next=/")

    assert response.status_code == 404
