"""Cross-cutting request plumbing: session lifetime and cache headers."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

_LOGIN_AT = "finsam_login_at"


@receiver(user_logged_in)
def remember_login_time(sender: object, request: HttpRequest | None, **kwargs: object) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[_LOGIN_AT] = int(time.time())


class SessionLifetimeMiddleware:
    """Ends a session 12 hours after login, however active it is (the idle limit of 30
    minutes is Django's SESSION_COOKIE_AGE with SESSION_SAVE_EVERY_REQUEST)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            login_at = request.session.get(_LOGIN_AT)
            if login_at is None:
                request.session[_LOGIN_AT] = int(time.time())
            elif time.time() - login_at > settings.FINSAM_SESSION_ABSOLUTE_SECONDS:
                logout(request)
        return self.get_response(request)


class NoStoreMiddleware:
    """Pages for logged-in users may hold personal data: browsers and proxies keep no copy."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated and not request.path_info.startswith("/static/"):
            add_never_cache_headers(response)
        return response
