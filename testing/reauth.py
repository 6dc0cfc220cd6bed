"""Pass allauth's second-factor reauthentication in a test client, with the user's real
TOTP code (the personas with a personal-data role have an authenticator)."""

from __future__ import annotations

import time

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.test import Client
from django.urls import reverse
from django.utils.http import urlencode

from tenancy.models import User


def reauthenticate(client: Client, user: User) -> None:
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    secret = decrypt(authenticator.data["secret"])
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    response = client.post(
        f"{reverse('mfa_reauthenticate')}?{urlencode({'next': '/'})}", {"code": code}
    )
    assert response.status_code == 302
