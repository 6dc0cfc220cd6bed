"""Request plumbing for tenancy: resolve the association from the URL, refuse users without
a role there (404), and run the view inside the association's query scope."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django_scopes import scope

from tenancy.assurance import external_second_factor
from tenancy.http import TenantRequest
from tenancy.models import PERSONAL_DATA_ROLES, Association
from tenancy.roles import roles_of

#: URL keyword that names the association in every tenant URL (``/f/<association>/...``).
ASSOCIATION_KWARG = "association"


class TenantMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: TenantRequest) -> HttpResponse:
        request.association = None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return self.get_response(request)
        slug = match.kwargs.get(ASSOCIATION_KWARG)
        if slug is None:
            return self.get_response(request)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        association = Association.objects.filter(slug=slug).first()
        if association is None or not roles_of(request.user).in_association(association.pk):
            raise Http404("No such association for this user.")
        request.association = association
        with scope(association=association.pk):
            return self.get_response(request)


#: URL names a user without a required second factor may still reach.
_MFA_EXEMPT_PREFIXES = ("/accounts/", "/static/", "/healthz", "/i18n/")


class MfaRequiredMiddleware:
    """Users holding a role that reads personal data must set up TOTP before anything else,
    unless this session signed in with e-ID at a sufficient level (tenancy.assurance)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.FINSAM_REQUIRE_MFA_FOR_PERSONAL_DATA
            and request.user.is_authenticated
            and not request.path_info.startswith(_MFA_EXEMPT_PREFIXES)
            and not external_second_factor(request)
            and needs_second_factor(request.user)
        ):
            return redirect("mfa_activate_totp")
        return self.get_response(request)


def needs_second_factor(user: object) -> bool:
    """True when the user holds a personal-data role but has no TOTP authenticator."""
    from allauth.mfa.models import Authenticator

    role_set = roles_of(user)
    reads_personal_data = any(
        roles_of(user).in_association(a) & PERSONAL_DATA_ROLES
        for a in set(role_set.intervention_roles) | set(role_set.association_roles)
    )
    if not reads_personal_data:
        return False
    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
