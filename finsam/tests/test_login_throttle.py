"""Login throttling (issue 18.6): failed log-ins are counted per account; one person
guessing a password from an office's shared address does not lock the office out."""

from __future__ import annotations

import pytest
from allauth.core.internal.ratelimit import parse_rates
from django.conf import settings
from django.test import Client
from django.urls import reverse

from testing.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "lösenord-för-test"
OFFICE = "10.1.2.3"


def attempt(email: str, password: str) -> int:
    """The answer to one log-in from the office's address: 302 signed in, 200 refused."""
    client = Client(REMOTE_ADDR=OFFICE)
    response = client.post(reverse("account_login"), {"login": email, "password": password})
    return response.status_code


def test_guessing_one_account_does_not_lock_colleagues_at_the_same_address() -> None:
    target = UserFactory.create(email="mal@example.se")
    colleagues = [UserFactory.create(email=f"kollega{n}@example.se") for n in range(3)]

    guesses = [attempt(target.email, f"fel-{n}") for n in range(25)]
    colleague_logins = [attempt(user.email, PASSWORD) for user in colleagues]

    assert (set(guesses), colleague_logins) == ({200}, [302, 302, 302])


def test_guessing_one_account_locks_that_account() -> None:
    target = UserFactory.create(email="mal@example.se")
    for n in range(5):
        attempt(target.email, f"fel-{n}")

    assert attempt(target.email, PASSWORD) == 200  # even the right password, for a while


def test_per_address_limit_allows_hundreds_an_hour() -> None:
    rates = {
        rate.per: (rate.amount, rate.duration)
        for rate in parse_rates(settings.ACCOUNT_RATE_LIMITS["login_failed"])
    }

    assert rates["ip"][0] / rates["ip"][1] * 3600 >= 200
    assert rates["key"] == (5, 300)
