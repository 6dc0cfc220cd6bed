"""Sign-in through a real SAML identity provider (pysaml2, its own process on loopback)
in Chromium: a staff identity provider linked by e-mail. An invitation accepted at the
first sign-in, an unknown person refused, a tampered and an expired assertion refused,
and a forced re-authentication (ForceAuthn) through the identity provider."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings

from eid.tests.helpers import LOA3, assert_board_invitation_accepted, providers_setting
from tenancy import invitations
from tenancy.models import Role, User
from testing.personas import World, build_world
from testing.providers import free_port, signing_pair, start_saml_idp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IDP_NAME = "Region Test (SITHS)"
SP_ENTITY_ID = "finsam-test-sp"
MAIL = "urn:oid:0.9.2342.19200300.100.1.3"
USERS = {
    "staff": {
        "attributes": {
            MAIL: ["ny@region.se"],
            "urn:oid:2.5.4.42": ["Stina"],
            "urn:oid:2.5.4.4": ["Ström"],
        },
        "level": LOA3,
        # A forged assertion: someone else's address after the signature.
        "tamper": ["ny@region.se", "admin@example.se"],
    },
    "admin": {"attributes": {MAIL: ["admin@example.se"]}, "level": LOA3, "tamper": ["a", "a"]},
    "stranger": {"attributes": {MAIL: ["okand@region.se"]}, "level": LOA3, "tamper": ["a", "a"]},
}


def _sp_metadata(base_url: str) -> str:
    return (
        '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" '
        f'entityID="{SP_ENTITY_ID}"><md:SPSSODescriptor WantAssertionsSigned="true" '
        'protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
        '<md:AssertionConsumerService index="1" '
        'Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" '
        f'Location="{base_url}/accounts/saml/region/acs/"/>'
        "</md:SPSSODescriptor></md:EntityDescriptor>"
    )


@pytest.fixture(scope="module")
def saml_idp(tmp_path_factory: pytest.TempPathFactory, live_server: Any) -> Iterator[str]:
    directory: Path = tmp_path_factory.mktemp("saml-idp")
    key_file, cert_file, cert = signing_pair(directory, "idp")
    port = free_port()
    idp = start_saml_idp(
        directory=directory,
        port=port,
        key_file=key_file,
        cert_file=cert_file,
        sp_metadata=_sp_metadata(live_server.url),
        users=USERS,
    )
    entries = [
        {
            "kind": "saml",
            "id": "region",
            "name": IDP_NAME,
            "idp_entity_id": f"{idp.url}/metadata",
            "sso_url": f"{idp.url}/sso",
            "x509cert": cert,
            "sp_entity_id": SP_ENTITY_ID,
            "link_by": "email",
        }
    ]
    try:
        with override_settings(SOCIALACCOUNT_PROVIDERS=providers_setting(entries)):
            yield idp.url
    finally:
        idp.stop()


@pytest.fixture
def world_and_page(saml_idp: str, page_as: Callable[..., Any]) -> tuple[World, Any]:
    return build_world(), page_as(None)


def _sign_in(page: Any, user: str, mode: str = "normal", path: str = "/accounts/login/") -> None:
    page.goto(path)
    page.get_by_role("link", name=f"Logga in med {IDP_NAME}").click()
    _at_idp(page, user, mode)


def _at_idp(page: Any, user: str, mode: str = "normal") -> None:
    page.wait_for_url(re.compile(r"http://127\.0\.0\.1:\d+/sso.*"))
    page.fill("#user", user)
    page.select_option("#mode", mode)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"http://localhost:\d+/.*"))
    page.wait_for_load_state()


def test_first_sign_in_accepts_invitation_by_email(world_and_page: tuple[World, Any]) -> None:
    world, page = world_and_page
    invitation = invitations.invite(
        email="ny@region.se", role=Role.STYRELSE, association=world.association
    )

    _sign_in(page, "staff")

    assert_board_invitation_accepted(page, invitation, "ny@region.se", ("Stina", "Ström"))


def test_unknown_person_is_refused_without_an_account(world_and_page: tuple[World, Any]) -> None:
    _, page = world_and_page
    users_before = User.objects.count()

    _sign_in(page, "stranger")

    assert page.get_by_role("heading", name="Inloggningen gick inte igenom").is_visible()
    assert User.objects.count() == users_before


@pytest.mark.parametrize(("user", "mode"), [("staff", "tampered"), ("admin", "expired")])
def test_tampered_or_expired_assertion_is_refused(
    world_and_page: tuple[World, Any], user: str, mode: str
) -> None:
    _, page = world_and_page

    _sign_in(page, user, mode=mode)

    assert page.get_by_role("heading", name="Inloggningen gick inte igenom").is_visible()
    page.goto("/f/exempel/")
    assert "/accounts/login/" in page.url


def test_reauthentication_forces_a_new_sign_in_at_the_idp(
    world_and_page: tuple[World, Any],
) -> None:
    _, page = world_and_page
    _sign_in(page, "admin")
    page.wait_for_url(re.compile(r".*/f/exempel/$"))

    page.goto("/e-legitimation/bekrafta/?provider=region&next=/f/exempel/roller/")
    page.get_by_role("link", name=f"Bekräfta med {IDP_NAME}").click()
    page.wait_for_url(re.compile(r"http://127\.0\.0\.1:\d+/sso.*"))
    forced = page.text_content("#force-authn")
    _at_idp(page, "admin")

    assert forced == "ForceAuthn: true"
    page.wait_for_url(re.compile(r".*/f/exempel/roller/$"))
