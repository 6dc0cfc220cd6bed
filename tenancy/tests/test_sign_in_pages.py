"""The sign-in screens are ours (issue 10, item 9): the product's layout, one term for the
second factor ("tvåstegsverifiering"), "E-postadress", one "Glömt lösenordet?", and a
re-authentication page that offers only what then works."""

from __future__ import annotations

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.test import Client
from django.urls import reverse
from django.utils.http import urlencode

from testing.html import elements, texts
from testing.personas import World
from testing.views import ClientAs

pytestmark = pytest.mark.django_db


def visible_text(html: str) -> str:
    return " ".join(texts(html, "main"))


def in_layout(html: str) -> bool:
    return any("site-header" in h.get("class", "") for h in elements(html, "header"))


def test_login_page_labels_and_one_forgotten_password_link(client: Client) -> None:
    html = client.get(reverse("account_login")).content.decode()

    labels = texts(html, "label")
    forgotten = [a for a in texts(html, "a") if a == "Glömt lösenordet?"]
    placeholders = [i for i in elements(html, "input") if "placeholder" in i]
    assert (labels, len(forgotten), placeholders, in_layout(html)) == (
        ["E-postadress *", "Lösenord *"],
        1,
        [],
        True,
    )


@pytest.mark.parametrize(
    ("persona", "url_name", "heading"),
    [
        (None, "account_login", "Logga in"),
        (None, "account_reset_password", "Glömt lösenordet"),
        ("admin", "account_logout", "Logga ut"),
        ("admin", "account_reauthenticate", "Bekräfta att det är du"),
        ("admin", "mfa_index", "Tvåstegsverifiering"),
        ("admin", "account_change_password", "Byt lösenord"),
        ("participant_officer_a", "mfa_index", "Tvåstegsverifiering"),
        ("participant_officer_a", "mfa_reauthenticate", "Bekräfta med tvåstegsverifiering"),
    ],
)
def test_sign_in_page_is_ours_with_one_term_for_the_second_factor(
    world: World, client_as: ClientAs, persona: str | None, url_name: str, heading: str
) -> None:
    response = client_as(persona).get(reverse(url_name))
    html = response.content.decode()

    text = visible_text(html).lower()
    other_terms = [t for t in ("tvåfaktor", "two-factor", "autentisera dig") if t in text]
    assert (response.status_code, texts(html, "h1"), in_layout(html), other_terms) == (
        200,
        [heading],
        True,
        [],
    )


def test_totp_activation_page_is_ours(world: World, client_as: ClientAs) -> None:
    world.users["admin"].set_password("ett-bra-losenord-123")
    world.users["admin"].save()
    client = client_as("admin")
    client.post(reverse("account_reauthenticate"), {"password": "ett-bra-losenord-123"})

    response = client.get(reverse("mfa_activate_totp"))
    html = response.content.decode()

    assert (response.status_code, texts(html, "h1"), texts(html, "label")[-1]) == (
        200,
        ["Slå på tvåstegsverifiering"],
        "Kod från autentiseringsappen *",
    )


def test_mfa_reauthentication_offers_only_the_code_and_returns(
    world: World, client_as: ClientAs
) -> None:
    user = world.users["participant_officer_a"]
    client = client_as("participant_officer_a")
    next_url = reverse("participants:index", args=["exempel"])
    page = f"{reverse('mfa_reauthenticate')}?{urlencode({'next': next_url})}"

    html = client.get(page).content.decode()
    links = [a["href"] for a in elements(html, "a", "href")]
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    code = format_hotp_value(
        hotp_value(decrypt(authenticator.data["secret"]), int(time.time()) // 30)
    )
    response = client.post(page, {"code": code, "next": next_url})

    assert (reverse("account_reauthenticate") in " ".join(links), "Glömt lösenordet?" in html) == (
        False,
        False,
    )
    assert (response.status_code, response["Location"]) == (302, next_url)


def test_quarter_overview_accepts_swedish_quarter(world: World, client_as: ClientAs) -> None:
    response = client_as("admin").get(
        reverse("overview:quarter", args=["exempel"]) + "?kvartal=2022+kv+3"
    )

    assert (response.status_code, response.context["form"].errors) == (200, {})
