"""Showing a full personnummer: only after a fresh second-factor check, only by POST, only
in that one response (which, like every page of a logged-in user, is sent with
``Cache-Control: no-store``), and logged ("reveal").

Freshness: the session's allauth authentication records must hold a second-factor check
(the TOTP code or a recovery code: method "mfa") from the last ``REVEAL_FRESHNESS_SECONDS``,
at login or by allauth's reauthentication page. Otherwise the page sends the user to
``mfa_reauthenticate``, which asks for the code and comes back here. A user without a
second factor (only where the installation does not require one) reauthenticates with
the password instead.
"""

from __future__ import annotations

import time
from typing import Any

from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.models import Authenticator
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext

from audit.models import AccessAction
from participants.services import reveal_personnummer
from participants.views.base import ParticipationView, redirect_with_error

#: How long a second-factor check counts as fresh for a reveal.
REVEAL_FRESHNESS_SECONDS = 5 * 60


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
        if 0 <= now - at < REVEAL_FRESHNESS_SECONDS:
            return True
    return False


class RevealPersonnummerView(ParticipationView):
    """GET: a page with the reveal button (after a fresh check; else to the check).
    POST: the full personnummer, once, logged."""

    permission_required = "participants.view_participation"
    access_action = AccessAction.REVEAL
    template_name = "participants/reveal.html"
    show_name = False

    def reauthentication_redirect(self) -> HttpResponse | None:
        """Where to verify again, or None when the last check is fresh."""
        user = self.request.user
        method, url_name = (
            ("mfa", "mfa_reauthenticate")
            if has_second_factor(user)
            else ("password", "account_reauthenticate")
        )
        if freshly_verified(self.request, method=method):
            return None
        here = reverse("participants:reveal", args=[self.association.slug, self.participation.pk])
        return HttpResponseRedirect(f"{reverse(url_name)}?{urlencode({'next': here})}")

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.participation.is_anonymous:
            return redirect_with_error(request, self.detail_url(), _anonymous_message())
        if (redirect := self.reauthentication_redirect()) is not None:
            return redirect
        # No personal data on this page (only which intervention): nothing to log.
        context = self.get_context_data(revealed="", cancel_url=self.detail_url())
        return render(request, self.template_name, context)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if (redirect := self.reauthentication_redirect()) is not None:
            return redirect
        try:
            canonical = reveal_personnummer(user=request.user, participation=self.participation)
        except ValidationError:
            return redirect_with_error(request, self.detail_url(), _anonymous_message())
        context = self.get_context_data(
            revealed=f"{canonical[:8]}-{canonical[8:]}", cancel_url=self.detail_url()
        )
        return render(request, self.template_name, context)


def _anonymous_message() -> str:
    return gettext("Deltagandet är anonymt och har inget personnummer.")
