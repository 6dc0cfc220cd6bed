"""A fresh second-factor check before the full personnummer leaves the system (a reveal
on screen, or a workbook export with `Deltagare` rows).

Freshness: the session's allauth authentication records must hold a second-factor check
(the TOTP code or a recovery code: method "mfa") from the last ``FRESHNESS_SECONDS``, at
login or by allauth's reauthentication page. Otherwise the user is sent to
``mfa_reauthenticate``, which asks for the code and comes back. A user without a second
factor (only where the installation does not require one) reauthenticates with the
password instead.

A session signed in with e-ID at a sufficient level of assurance (``tenancy.assurance``)
has its second factor from the provider: a check counts as fresh while that sign-in or a
re-authentication through the same provider (``eid_reauthenticate``: OIDC
``prompt=login``, SAML ForceAuthn) is recent, and a new check goes to the provider.
"""

from __future__ import annotations

import time
from typing import Any

from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.models import Authenticator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode

from tenancy.assurance import external_check_within, external_provider

#: How long a second-factor check counts as fresh.
FRESHNESS_SECONDS = 5 * 60


def has_second_factor(user: Any) -> bool:
    return bool(Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists())


def freshly_verified(request: HttpRequest, *, method: str, now: float | None = None) -> bool:
    """True when the session proves a check by ``method`` ("mfa" or "password") within
    the freshness window. (allauth keeps these records; the reader is internal to allauth
    but stable since 0.58, and the reveal tests exercise it through the real pages.)"""
    now = time.time() if now is None else now
    for record in get_authentication_records(request, request.user):
        at = record.get("at")
        if record.get("method") != method or not isinstance(at, int | float):
            continue
        if method == "password" and not record.get("reauthenticated"):
            continue  # a password login alone is not a fresh check
        if 0 <= now - at < FRESHNESS_SECONDS:
            return True
    return False


def fresh_check_redirect(request: HttpRequest, *, next_url: str) -> HttpResponse | None:
    """Where to verify again (coming back to ``next_url``), or None when the last check is
    fresh."""
    provider = external_provider(request)
    if provider is not None:
        if external_check_within(request, FRESHNESS_SECONDS):
            return None
        query = urlencode({"provider": provider, "next": next_url})
        return HttpResponseRedirect(f"{reverse('eid:reauthenticate')}?{query}")
    method, url_name = (
        ("mfa", "mfa_reauthenticate")
        if has_second_factor(request.user)
        else ("password", "account_reauthenticate")
    )
    if freshly_verified(request, method=method):
        return None
    return HttpResponseRedirect(f"{reverse(url_name)}?{urlencode({'next': next_url})}")
