"""The e-ID pages: a forced re-authentication through the provider the session signed in
with, and the office's invitation by personnummer."""

from __future__ import annotations

from typing import Any, cast

from allauth.socialaccount.adapter import get_adapter as get_social_adapter
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.base import AuthProcess
from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View

from eid.adapter import _safe_next, reauth_state
from interventions.models import Intervention
from participants import crypto
from participants.personnummer import InvalidPersonnummer, parse
from tenancy import invitations
from tenancy.models import Role
from tenancy.roles import role_scope_error
from tenancy.views.base import TenantView

ASSIGNABLE_ROLES = [role for role in Role if role != Role.SYSTEMADMINISTRATOR]


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


class InterventionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} {obj.display_name}"


class PersonnummerInvitationForm(forms.Form):
    personnummer = forms.CharField(
        label=_("Personnummer"),
        max_length=13,
        help_text=_("ÅÅÅÅMMDD-NNNN. Sparas inte: Finsam behåller bara ett kontrollvärde."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    email = forms.EmailField(
        label=_("E-post"), help_text=_("Kontoadress för meddelanden; inbjudan skickas hit.")
    )
    role = forms.ChoiceField(
        label=_("Roll"), choices=[(role.value, role.label) for role in ASSIGNABLE_ROLES]
    )
    intervention = InterventionChoiceField(
        label=_("Insats"),
        queryset=Intervention.objects.none(),
        required=False,
        help_text=_("Endast för deltagaransvarig och insatsansvarig."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(InterventionChoiceField, self.fields["intervention"])
        field.queryset = Intervention.objects.in_display_order()

    def clean_personnummer(self) -> str:
        try:
            canonical = parse(self.cleaned_data["personnummer"]).canonical
        except InvalidPersonnummer as error:
            raise ValidationError(str(error)) from None
        return crypto.lookup_hash(canonical)

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        error = role_scope_error(cleaned.get("role"), cleaned.get("intervention"))
        if error is not None:
            self.add_error("intervention", error)
        return cleaned


class PersonnummerInvitationView(TenantView):
    """The office invites a personnummer to a role; the first e-ID sign-in with it
    accepts. The number is hashed in the form and never kept, shown or logged."""

    permission_required = "tenancy.manage_roles"
    template_name = "eid/invite.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render_form(PersonnummerInvitationForm())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = PersonnummerInvitationForm(request.POST)
        if not form.is_valid():
            return self.render_form(form)
        data = form.cleaned_data
        try:
            invitation = invitations.invite(
                email=data["email"],
                role=data["role"],
                association=self.association,
                intervention=data["intervention"],
                invited_by=request.user,
                base_url=f"{request.scheme}://{request.get_host()}",
                personnummer_hash=data["personnummer"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.render_form(form)
        messages.success(
            request,
            gettext(
                "Inbjudan till rollen %(role)s är sparad. Rollen gäller när personen "
                "loggar in med e-legitimation första gången; ett meddelande är skickat "
                "till %(email)s."
            )
            % {"email": invitation.email, "role": invitation.get_role_display()},
        )
        return redirect(reverse("tenancy:role_list", args=[self.association.slug]))

    def render_form(self, form: PersonnummerInvitationForm) -> HttpResponse:
        # A refused form never sends the number back to the page.
        if form.is_bound:
            data = self.request.POST.copy()
            data["personnummer"] = ""
            form.data = data
        context = self.get_context_data(
            form=form,
            cancel_url=reverse("tenancy:role_list", args=[self.association.slug]),
            invitation_days=invitations.invitation_days(),
        )
        return render(self.request, self.template_name, context)
