"""Showing a full personnummer: only after a fresh second-factor check, only by POST, only
in that one response (which, like every page of a logged-in user, is sent with
``Cache-Control: no-store``), and logged ("reveal").

Freshness: see ``participants.reauth``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext

from audit.models import AccessAction
from participants.reauth import FRESHNESS_SECONDS, fresh_check_redirect
from participants.services import reveal_personnummer
from participants.views.base import ParticipationView, redirect_with_error

#: How long a second-factor check counts as fresh for a reveal.
REVEAL_FRESHNESS_SECONDS = FRESHNESS_SECONDS


class RevealPersonnummerView(ParticipationView):
    """GET: a page with the reveal button (after a fresh check; else to the check).
    POST: the full personnummer, once, logged."""

    permission_required = "participants.view_participation"
    access_action = AccessAction.REVEAL
    template_name = "participants/reveal.html"
    show_name = False

    def reauthentication_redirect(self) -> HttpResponse | None:
        """Where to verify again, or None when the last check is fresh."""
        here = reverse("participants:reveal", args=[self.association.slug, self.participation.pk])
        return fresh_check_redirect(self.request, next_url=here)

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
