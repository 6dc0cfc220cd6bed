"""The e-ID pages: a forced re-authentication through the provider the session signed in
with, and the office's invitation by personnummer."""

from __future__ import annotations

from typing import Any, cast

from allauth.socialaccount.adapter import get_adapter as get_social_adapter
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.base import AuthProcess
from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View

from eid.adapter import _safe_next, reauth_state
from participants import crypto
from participants.personnummer import InvalidPersonnummer, parse
from tenancy.models import Invitation
from tenancy.views.roles import InvitationFormView, RoleAssignmentForm


class ReauthenticateView(LoginRequiredMixin, View):
    """A page with one link; the link (``start=1``) goes to the provider with a forced
    sign-in (OIDC ``prompt=login``/``max_age=0``, SAML ForceAuthn), back to ``next``."""

    template_name = "eid/reauthenticate.html"

    def provider(self, request: HttpRequest) -> Any:
        provider_id = request.GET.get("provider", "")
        try:
            return get_social_adapter().get_provider(request, provider_id)
        except (SocialApp.DoesNotExist, SocialApp.MultipleObjectsReturned, LookupError):
            raise Http404 from None

    def get(self, request: HttpRequest) -> HttpResponse:
        provider = self.provider(request)
        if request.GET.get("start") != "1":
            start = request.GET.copy()
            start["start"] = "1"
            context = {"provider_name": provider.name, "start_url": f"?{start.urlencode()}"}
            return render(request, self.template_name, context)
        # A link, not a form: form-action 'self' of the content security policy would
        # stop a form whose answer redirects to the provider.
        next_url = _safe_next(request, request.GET.get("next"))
        return cast(
            HttpResponse,
            provider.redirect(request, AuthProcess.LOGIN, next_url=next_url, data=reauth_state()),
        )


class PersonnummerInvitationForm(RoleAssignmentForm):
    personnummer = forms.CharField(
        label=_("Personnummer"),
        max_length=13,
        help_text=_("ÅÅÅÅMMDD-NNNN. Sparas inte: Finsam behåller bara ett kontrollvärde."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    email = forms.EmailField(
        label=_("E-post"), help_text=_("Kontoadress för meddelanden; inbjudan skickas hit.")
    )
    field_order = ("personnummer", "email", "role", "intervention")

    def clean_personnummer(self) -> str:
        try:
            canonical = parse(self.cleaned_data["personnummer"]).canonical
        except InvalidPersonnummer as error:
            raise ValidationError(str(error)) from None
        return crypto.lookup_hash(canonical)


class PersonnummerInvitationView(InvitationFormView):
    """The office invites a personnummer to a role; the first e-ID sign-in with it
    accepts. The number is hashed in the form and never kept, shown or logged."""

    template_name = "eid/invite.html"

    def make_form(self, data: Any = None) -> PersonnummerInvitationForm:
        return PersonnummerInvitationForm(data, association=self.association)

    def invite_with(self, data: dict[str, Any]) -> dict[str, Any]:
        return {"personnummer_hash": data["personnummer"]}

    def sent_message(self, invitation: Invitation) -> str:
        return gettext(
            "Inbjudan till rollen %(role)s är sparad. Rollen gäller när personen "
            "loggar in med e-legitimation första gången; ett meddelande är skickat "
            "till %(email)s."
        ) % {"email": invitation.email, "role": invitation.get_role_display()}

    def render_form(self, form: RoleAssignmentForm) -> HttpResponse:
        # A refused form never sends the number back to the page.
        if form.is_bound:
            data = self.request.POST.copy()
            data["personnummer"] = ""
            form.data = data
        return super().render_form(form)
