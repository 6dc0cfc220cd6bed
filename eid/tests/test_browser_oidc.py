"""Sign-in with e-ID through a real OpenID Connect provider (``oidc-provider-mock``, its
own process on loopback) in Chromium: an invitation by personnummer accepted at the first
sign-in, an unknown person refused, a low level of assurance asked for TOTP, a tampered
and an expired ID token refused, logout ending the session, and the forced
re-authentication before a personnummer is revealed."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.test import override_settings

from eid.models import PersonIdentity
from eid.tests.helpers import (
    INVITED,
    LOA2,
    LOA3,
    OFFICER,
    STRANGER,
    assert_board_invitation_accepted,
    link_personnummer,
    providers_setting,
)
from participants import crypto, reauth
from participants.services import register_entry
from tenancy import invitations
from tenancy.models import Role, User
from testing.personas import World, build_world
from testing.providers import (
    ProviderProcess,
    TokenRelay,
    forge_claims,
    put_oidc_user,
    start_oidc_provider,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PROVIDER_NAME = "Test-e-legitimation"


@pytest.fixture(scope="module")
def oidc() -> Iterator[dict[str, Any]]:
    """A provider, one whose tokens are expired when issued, and a relay that raises the
    level of assurance in the ID token on its way from the first (without re-signing)."""
    good = start_oidc_provider()
    expired = start_oidc_provider(token_max_age=-600)
    relay = TokenRelay(f"{good.url}/oauth2/token", lambda t: forge_claims(t, {"acr": LOA3}))
    try:
        for provider in (good, expired):
            put_oidc_user(provider.url, "invited", _claims(INVITED, LOA3, "Ina", "Inbjuden"))
            put_oidc_user(provider.url, "stranger", _claims(STRANGER, LOA3, "Sam", "Okänd"))
            put_oidc_user(provider.url, "officer", _claims(OFFICER, LOA3, "Olle", "Officer"))
            put_oidc_user(provider.url, "officer-low", _claims(OFFICER, LOA2, "Olle", "Officer"))
        entries = [
            _entry("eid", PROVIDER_NAME, good),
            _entry("eid-expired", "Utgången e-legitimation", expired),
            {
                **_entry("eid-relay", "Manipulerad e-legitimation", good),
                "token_endpoint": relay.url,
            },
        ]
        with override_settings(SOCIALACCOUNT_PROVIDERS=providers_setting(entries)):
            yield {"good": good, "expired": expired}
    finally:
        relay.stop()
        good.stop()
        expired.stop()


def _claims(number: str, level: str, first: str, last: str) -> dict[str, Any]:
    return {"personal_number": number, "acr": level, "given_name": first, "family_name": last}


def _entry(provider_id: str, name: str, provider: ProviderProcess) -> dict[str, Any]:
    return {
        "kind": "oidc",
        "id": provider_id,
        "name": name,
        "server_url": provider.url,
        "client_id": "finsam",
        "secret": "test-secret",
        "link_by": "personnummer",
    }


def _totp_code(user: User) -> str:
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    secret = decrypt(authenticator.data["secret"])
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def _sign_in(page: Any, provider_name: str, sub: str, path: str = "/accounts/login/") -> None:
    page.goto(path)
    page.get_by_role("link", name=f"Logga in med {provider_name}").click()
    page.wait_for_url(re.compile(r"http://127\.0\.0\.1:\d+/oauth2/authorize.*"))
    page.fill("input[name=sub]", sub)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_load_state()


@pytest.fixture
def world_and_page(oidc: dict[str, Any], page_as: Callable[..., Any]) -> tuple[World, Any]:
    return build_world(), page_as(None)


@pytest.fixture
def officer_linked(world_and_page: tuple[World, Any]) -> tuple[World, Any]:
    """The world and page, officer A's account linked to OFFICER's personnummer."""
    world, page = world_and_page
    link_personnummer(world.users["participant_officer_a"], OFFICER)
    return world, page


def test_first_sign_in_accepts_invitation_by_personnummer(
    world_and_page: tuple[World, Any],
) -> None:
    world, page = world_and_page
    invitation = invitations.invite(
        email="ina@example.se",
        role=Role.STYRELSE,
        association=world.association,
        personnummer_hash=crypto.lookup_hash(INVITED),
    )

    _sign_in(page, PROVIDER_NAME, "invited")

    user = assert_board_invitation_accepted(page, invitation, "ina@example.se", ("Ina", "Inbjuden"))
    assert PersonIdentity.objects.get(user=user).personnummer_hash == crypto.lookup_hash(INVITED)
    assert INVITED not in page.content()


def test_unknown_person_is_refused_without_an_account(world_and_page: tuple[World, Any]) -> None:
    _, page = world_and_page
    users_before = User.objects.count()

    _sign_in(page, PROVIDER_NAME, "stranger")

    assert page.get_by_role("heading", name="Inloggningen gick inte igenom").is_visible()
    assert "inte kopplat till något konto" in page.content()
    assert User.objects.count() == users_before
    page.goto("/f/exempel/")
    assert "/accounts/login/" in page.url


def test_sufficient_level_counts_as_second_factor(officer_linked: tuple[World, Any]) -> None:
    _, page = officer_linked

    _sign_in(page, PROVIDER_NAME, "officer")

    # No TOTP step at login and no demand to set up TOTP: straight to the dashboard.
    page.wait_for_url(re.compile(r".*/f/exempel/$"))
    page.goto("/f/exempel/deltagare/")
    assert page.url.endswith("/f/exempel/deltagare/")


def test_low_level_of_assurance_is_asked_for_totp(officer_linked: tuple[World, Any]) -> None:
    world, page = officer_linked

    _sign_in(page, PROVIDER_NAME, "officer-low")

    page.wait_for_url(re.compile(r".*/accounts/2fa/authenticate/$"))
    page.goto("/f/exempel/")
    assert "/accounts/2fa/authenticate/" in page.url  # not signed in before the code
    page.fill("input[name=code]", _totp_code(world.users["participant_officer_a"]))
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(re.compile(r".*/f/exempel/$"))


@pytest.mark.parametrize(
    ("provider", "login"),
    [("Manipulerad e-legitimation", "officer-low"), ("Utgången e-legitimation", "officer")],
    ids=["tampered", "expired"],
)
def test_tampered_or_expired_id_token_is_refused(
    officer_linked: tuple[World, Any], provider: str, login: str
) -> None:
    _, page = officer_linked

    _sign_in(page, provider, login)

    assert page.get_by_role("heading", name="Inloggningen gick inte igenom").is_visible()
    page.goto("/f/exempel/")
    assert "/accounts/login/" in page.url


def test_logout_ends_the_session(world_and_page: tuple[World, Any]) -> None:
    world, page = world_and_page
    link_personnummer(world.users["board"], INVITED)
    _sign_in(page, PROVIDER_NAME, "invited")
    page.wait_for_url(re.compile(r".*/f/exempel/$"))

    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_load_state()
    page.goto("/f/exempel/")

    assert "/accounts/login/" in page.url


def test_reveal_reauthenticates_through_the_provider(
    world_and_page: tuple[World, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    world, page = world_and_page
    officer = world.users["participant_officer_a"]
    link_personnummer(officer, OFFICER)
    participation = register_entry(
        user=officer,
        intervention=world.intervention_a,
        number=STRANGER,
        consent_date=dt.date(2022, 2, 1),
        entry_date=dt.date(2022, 2, 1),
    )
    monkeypatch.setattr(reauth, "FRESHNESS_SECONDS", 4)
    _sign_in(page, PROVIDER_NAME, "officer")
    page.wait_for_url(re.compile(r".*/f/exempel/$"))
    time.sleep(4.5)  # the sign-in is no longer a fresh check

    page.goto(f"/f/exempel/deltagare/{participation.pk}/personnummer/")
    page.get_by_role("link", name=f"Bekräfta med {PROVIDER_NAME}").click()
    page.wait_for_url(re.compile(r"http://127\.0\.0\.1:\d+/oauth2/authorize.*"))
    query = parse_qs(urlparse(page.url).query)
    page.fill("input[name=sub]", "officer")
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(re.compile(r".*/personnummer/$"))

    assert (query["prompt"], query["max_age"]) == (["login"], ["0"])
    assert page.get_by_role("button", name="Visa fullständigt personnummer").is_visible()
