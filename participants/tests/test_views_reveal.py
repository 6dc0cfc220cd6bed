"""Showing the full personnummer: only after a fresh second-factor check (allauth's
reauthentication with the TOTP code), only by POST, logged, never cached."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.test import Client
from django.urls import reverse
from django.utils.http import urlencode

from audit.models import AccessLogEntry
from participants.models import Participation
from participants.views.reveal import REVEAL_FRESHNESS_SECONDS
from tenancy.models import User
from testing.participants import WOMAN_1990, enter_in_a
from testing.personas import World
from testing.views import ClientAs

pytestmark = pytest.mark.django_db
FULL = f"{WOMAN_1990[:8]}-{WOMAN_1990[8:]}"


@pytest.fixture
def participation(world: World) -> Participation:
    return enter_in_a(world, number=WOMAN_1990, on=dt.date(2022, 2, 1))


@pytest.fixture
def officer(client_as: ClientAs) -> Client:
    return client_as("participant_officer_a")


def reveal_url(participation: Participation) -> str:
    return reverse("participants:reveal", args=["exempel", participation.pk])


def totp_code(user: User) -> str:
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    secret = decrypt(authenticator.data["secret"])
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def reauthenticate(client: Client, user: User, next_url: str) -> None:
    response = client.post(
        f"{reverse('mfa_reauthenticate')}?{urlencode({'next': next_url})}",
        {"code": totp_code(user)},
    )
    assert (response.status_code, response["Location"]) == (302, next_url)


def reveals() -> list[tuple[str, list[int], str]]:
    return [
        (e.action, e.participation_ids, e.outcome)
        for e in AccessLogEntry.objects.filter(action="reveal")
    ]


def test_reveal_without_fresh_check_redirects_to_totp_reauthentication(
    world: World, participation: Participation, officer: Client
) -> None:
    response = officer.post(reveal_url(participation))

    expected = f"{reverse('mfa_reauthenticate')}?{urlencode({'next': reveal_url(participation)})}"
    assert (response.status_code, response["Location"]) == (302, expected)
    assert reveals() == []


def test_reveal_page_without_fresh_check_redirects_too(
    world: World, participation: Participation, officer: Client
) -> None:
    response = officer.get(reveal_url(participation))

    assert response["Location"].startswith(reverse("mfa_reauthenticate"))


def test_reveal_after_totp_reauthentication_shows_number_once_and_logs(
    world: World, participation: Participation, officer: Client
) -> None:
    reauthenticate(officer, world.users["participant_officer_a"], reveal_url(participation))

    page = officer.get(reveal_url(participation))
    response = officer.post(reveal_url(participation))

    assert (page.status_code, FULL in page.content.decode()) == (200, False)
    assert (response.status_code, FULL in response.content.decode()) == (200, True)
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
    assert reveals() == [("reveal", [participation.pk], "ok")]


def test_detail_after_reveal_shows_masked_number_again(
    world: World, participation: Participation, officer: Client
) -> None:
    reauthenticate(officer, world.users["participant_officer_a"], reveal_url(participation))
    officer.post(reveal_url(participation))

    response = officer.get(reverse("participants:detail", args=["exempel", participation.pk]))

    assert WOMAN_1990[8:] not in response.content.decode()


def test_reveal_check_older_than_window_is_not_fresh(
    world: World, participation: Participation, officer: Client
) -> None:
    reauthenticate(officer, world.users["participant_officer_a"], reveal_url(participation))
    session = officer.session
    records = session["account_authentication_methods"]
    for record in records:
        record["at"] -= REVEAL_FRESHNESS_SECONDS + 1
    session["account_authentication_methods"] = records
    session.save()

    response = officer.post(reveal_url(participation))

    assert (response.status_code, reveals()) == (302, [])


def test_reveal_by_officer_of_other_intervention_is_403_even_when_fresh(
    world: World, participation: Participation, client_as: ClientAs
) -> None:
    client = client_as("participant_officer_b")
    reauthenticate(client, world.users["participant_officer_b"], "/")

    response = client.post(reveal_url(participation))

    assert (response.status_code, reveals()) == (403, [("reveal", [participation.pk], "denied")])


def test_reveal_url_has_no_number(participation: Participation) -> None:
    assert WOMAN_1990[8:] not in reveal_url(participation)


def test_reauthentication_page_asks_for_the_code(
    world: World, participation: Participation, officer: Client
) -> None:
    redirect = officer.post(reveal_url(participation))

    response = officer.get(redirect["Location"])

    assert (response.status_code, "code" in response.context["form"].fields) == (200, True)


def test_reveal_without_second_factor_asks_for_password_where_mfa_is_not_required(
    world: World, participation: Participation, officer: Client, settings: object
) -> None:
    settings.FINSAM_REQUIRE_MFA_FOR_PERSONAL_DATA = False  # type: ignore[attr-defined]  # pytest-django's settings fixture
    Authenticator.objects.filter(user=world.users["participant_officer_a"]).delete()

    response = officer.post(reveal_url(participation))

    expected = (
        f"{reverse('account_reauthenticate')}?{urlencode({'next': reveal_url(participation)})}"
    )
    assert (response.status_code, response["Location"]) == (302, expected)


def test_reveal_after_password_reauthentication_where_mfa_is_not_required(
    world: World, participation: Participation, officer: Client, settings: object
) -> None:
    settings.FINSAM_REQUIRE_MFA_FOR_PERSONAL_DATA = False  # type: ignore[attr-defined]  # pytest-django's settings fixture
    Authenticator.objects.filter(user=world.users["participant_officer_a"]).delete()
    officer.post(
        f"{reverse('account_reauthenticate')}?{urlencode({'next': '/'})}",
        {"password": "lösenord-för-test"},
    )

    response = officer.post(reveal_url(participation))

    assert (response.status_code, reveals()) == (200, [("reveal", [participation.pk], "ok")])
