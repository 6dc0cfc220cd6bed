from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from tenancy.models import User
from testing.personas import World, new_participant_officer
from testing.views import ClientAs

pytestmark = pytest.mark.django_db


def test_login_page_is_swedish_and_offers_no_signup(client: Client) -> None:
    response = client.get(reverse("account_login"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Logga in" in html
    assert "/accounts/signup/" not in html


def test_signup_is_closed(client: Client) -> None:
    response = client.post(
        reverse("account_signup"),
        {
            "email": "ny@example.se",
            "password1": "ett-langt-losenord",
            "password2": "ett-langt-losenord",
        },
    )

    assert response.status_code == 200
    assert User.objects.filter(email="ny@example.se").exists() is False


def test_login_with_email_and_password_reaches_dashboard(world: World, client: Client) -> None:
    response = client.post(
        reverse("account_login"),
        {"login": "admin@example.se", "password": "lösenord-för-test"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == "/f/exempel/"
    assert response.status_code == 200


def test_participant_officer_without_totp_must_set_it_up(world: World) -> None:
    user = new_participant_officer(world, "ny-deltagaransvarig@example.se")
    client = Client()
    client.force_login(user)

    response = client.get("/f/exempel/")

    assert (response.status_code, response["Location"]) == (302, reverse("mfa_activate_totp"))


def test_participant_officer_with_totp_reaches_dashboard(
    client_as: ClientAs,
) -> None:
    response = client_as("participant_officer_a").get("/f/exempel/")

    assert response.status_code == 200


def test_admin_needs_no_second_factor(client_as: ClientAs) -> None:
    response = client_as("admin").get("/f/exempel/")

    assert response.status_code == 200


def test_second_factor_requirement_can_be_turned_off_for_a_demo(
    world: World, settings: Settings
) -> None:
    settings.FINSAM_REQUIRE_MFA_FOR_PERSONAL_DATA = False
    user = new_participant_officer(world, "demo-deltagaransvarig@example.se")
    client = Client()
    client.force_login(user)

    response = client.get("/f/exempel/")

    assert response.status_code == 200


def test_dashboard_of_other_association_is_404(client_as: ClientAs) -> None:
    response = client_as("admin").get("/f/annat/")

    assert response.status_code == 404


def test_home_redirects_single_association_user_to_dashboard(
    client_as: ClientAs,
) -> None:
    response = client_as("admin").get("/")

    assert (response.status_code, response["Location"]) == (302, "/f/exempel/")
