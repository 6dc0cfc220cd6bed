"""The sign-in through an OpenID Connect or SAML provider (django-allauth's social
login), taken over at ``pre_social_login``: Finsam links the identity itself
(``eid.linking``), records the level of assurance in the session
(``tenancy.assurance``) and logs the user in. allauth's own account linking, sign-up
and stored social accounts are not used, so no claim (a personnummer least of all) is
stored in the database or the session.
"""

from __future__ import annotations

import time
from typing import Any

from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.account.utils import perform_login
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext

from eid import linking
from eid.config import finsam_settings
from eid.providers import REAUTH_KEY
from tenancy.assurance import record_external_login

#: A forced re-authentication must have happened after it was asked for (clock skew).
REAUTH_SKEW_SECONDS = 60


def refused(request: HttpRequest, reason: str) -> HttpResponse:
    return render(request, "eid/refused.html", {"reason": reason}, status=403)


def _first(values: Any) -> str:
    if isinstance(values, list | tuple):
        return str(values[0]) if values else ""
    return "" if values is None else str(values)


def assertion(sociallogin: Any, settings: dict[str, Any]) -> tuple[linking.Identity, str, Any]:
    """The identity, the level of assurance and the authentication time (OIDC
    ``auth_time``, or None) that the provider signed."""
    extra = sociallogin.account.extra_data or {}
    user = sociallogin.user
    claim = settings["personnummer_claim"]
    if sociallogin.account.provider == "saml" or "attributes" in extra:
        attributes = extra.get("attributes") or {}
        contexts = extra.get("authn_contexts") or []
        identity = linking.Identity(
            provider=sociallogin.account.provider,
            email=getattr(user, "email", "") or "",
            email_verified=False,
            personnummer=_first(attributes.get(claim)),
            first_name=getattr(user, "first_name", "") or "",
            last_name=getattr(user, "last_name", "") or "",
        )
        return identity, _first(contexts), None
    token = extra.get("id_token") or {}
    info = extra.get("userinfo") or {}
    identity = linking.Identity(
        provider=sociallogin.account.provider,
        email=str(token.get("email") or info.get("email") or ""),
        email_verified=bool(token.get("email_verified", info.get("email_verified", False))),
        personnummer=_first(token.get(claim)),
        first_name=str(token.get("given_name") or info.get("given_name") or ""),
        last_name=str(token.get("family_name") or info.get("family_name") or ""),
    )
    return identity, _first(token.get("acr")), token.get("auth_time")


def _safe_next(request: HttpRequest, url: str | None) -> str:
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return "/"


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest, sociallogin: Any) -> bool:
        return False

    def pre_social_login(self, request: HttpRequest, sociallogin: Any) -> None:
        provider = sociallogin.account.get_provider()
        kind = "saml" if provider.id == "saml" else "oidc"
        settings = finsam_settings(provider.app.settings, kind)
        identity, level, auth_time = assertion(sociallogin, settings)
        try:
            linked = linking.link(
                identity, link_by=settings["link_by"], trust_email=settings["trust_email"]
            )
        except linking.Refused as refusal:
            raise ImmediateHttpResponse(refused(request, refusal.reason)) from None
        user = linked.user
        second_factor = bool(level) and level in settings["sufficient_levels"]
        data = sociallogin.state.get("data") or {}
        next_url = _safe_next(request, sociallogin.get_redirect_url(request))
        if isinstance(data, dict) and data.get(REAUTH_KEY):
            raise ImmediateHttpResponse(
                self._reauthenticated(
                    request, user, provider.sub_id, level, second_factor, auth_time, data, next_url
                )
            )
        if request.user.is_authenticated:
            get_account_adapter(request).logout(request)
        record_external_login(
            request, user, provider=provider.sub_id, level=level, second_factor=second_factor
        )
        for invitation in linked.accepted:
            messages.success(
                request,
                gettext("Du har nu rollen %(role)s i %(association)s.")
                % {
                    "role": invitation.get_role_display(),
                    "association": invitation.association.name,
                },
            )
        raise ImmediateHttpResponse(perform_login(request, user, redirect_url=next_url))

    def _reauthenticated(
        self,
        request: HttpRequest,
        user: Any,
        provider: str,
        level: str,
        second_factor: bool,
        auth_time: Any,
        data: dict[str, Any],
        next_url: str,
    ) -> HttpResponse:
        """A forced re-authentication came back: it counts only for the same person, at a
        sufficient level, and (when the provider says when) after it was asked for."""
        if not request.user.is_authenticated or request.user.pk != user.pk:
            get_account_adapter(request).logout(request)
            return refused(request, "other")
        started = data.get("started")
        if (
            isinstance(auth_time, int | float)
            and isinstance(started, int | float)
            and auth_time < started - REAUTH_SKEW_SECONDS
        ):
            return refused(request, "stale")
        if not second_factor:
            return refused(request, "level")
        record_external_login(
            request,
            user,
            provider=provider,
            level=level,
            second_factor=True,
            reauthenticated=True,
        )
        return HttpResponseRedirect(next_url)


def reauth_state(now: float | None = None) -> dict[str, Any]:
    return {REAUTH_KEY: True, "started": time.time() if now is None else now}
