"""How a session was authenticated through an external identity provider, and whether
that counts as the second factor that roles reading personal data require.

The sign-in (``eid.adapter``) writes an allauth authentication record (method
``socialaccount``) with the provider's id, the level of assurance it reported
(``acr`` / AuthnContextClassRef) and ``second_factor``: True when the level is one the
provider's configuration counts as sufficient (default: LoA3 "substantial" and above).
No identifier of the person is recorded. Such a record

- skips allauth's TOTP step at that login (``AuthenticateStage``),
- satisfies ``tenancy.middleware.MfaRequiredMiddleware`` for the session,
- counts as a fresh second-factor check for a reveal or the minutes while recent
  (``participants.reauth``), and a new check goes through the provider again.
"""

from __future__ import annotations

import time
from typing import Any

from allauth.account.internal.flows.login import (
    get_authentication_records,
    record_authentication,
)
from allauth.mfa.stages import AuthenticateStage as MfaAuthenticateStage
from django.http import HttpRequest

EXTERNAL_METHOD = "socialaccount"


def record_external_login(
    request: HttpRequest,
    user: Any,
    *,
    provider: str,
    level: str,
    second_factor: bool,
    reauthenticated: bool = False,
) -> None:
    record_authentication(
        request,
        user,
        EXTERNAL_METHOD,
        provider=provider,
        level=level,
        second_factor=second_factor,
        reauthenticated=reauthenticated,
    )


def _external_records(request: HttpRequest, user: Any) -> list[dict[str, Any]]:
    return [
        record
        for record in get_authentication_records(request, user)
        if record.get("method") == EXTERNAL_METHOD and record.get("second_factor") is True
    ]


def external_second_factor(request: HttpRequest, user: Any | None = None) -> bool:
    """True when this session's user signed in through a provider at a sufficient level."""
    user = request.user if user is None else user
    return bool(_external_records(request, user))


def external_provider(request: HttpRequest) -> str | None:
    """The provider of the session's latest sufficient external sign-in, or None."""
    records = _external_records(request, request.user)
    return str(records[-1]["provider"]) if records else None


def external_check_within(request: HttpRequest, seconds: int, now: float | None = None) -> bool:
    """True when a sufficient external sign-in or re-authentication is at most ``seconds``
    old."""
    now = time.time() if now is None else now
    for record in _external_records(request, request.user):
        at = record.get("at")
        if isinstance(at, int | float) and 0 <= now - at < seconds:
            return True
    return False


class AuthenticateStage(MfaAuthenticateStage):
    """allauth's TOTP step at login, skipped when the login itself came from a provider
    at a sufficient level of assurance."""

    def _should_handle(self, request: HttpRequest) -> bool:
        if self.login.user is not None and external_second_factor(request, self.login.user):
            return False
        return bool(super()._should_handle(request))
