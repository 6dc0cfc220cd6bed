"""The invited person's pages (outside any association: the person has no role there
yet). The link's page (``/inbjudan/<token>/``) lets a new person choose a password and
accept, and asks an existing account to log in; a logged-in user sees their pending
invitations (``/inbjudan/``) and accepts or declines each one.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import password_validation
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View

from tenancy import invitations
from tenancy.http import TenantRequest
from tenancy.models import Invitation


class NewAccountForm(forms.Form):
    first_name = forms.CharField(label=_("Förnamn"), max_length=150)
    last_name = forms.CharField(label=_("Efternamn"), max_length=150)
    password1 = forms.CharField(
        label=_("Lösenord"), strip=False, widget=forms.PasswordInput(render_value=False)
    )
    password2 = forms.CharField(
        label=_("Lösenord igen"), strip=False, widget=forms.PasswordInput(render_value=False)
    )

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("Lösenorden är inte lika."))
        elif first:
            from tenancy.models import User

            probe = User(
                email=self.email,
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(first, probe)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned


def _answered(request: HttpRequest, invitation: Invitation) -> HttpResponseRedirect:
    messages.success(
        request,
        gettext("Du har nu rollen %(role)s i %(association)s.")
        % {"role": invitations.role_text(invitation), "association": invitation.association.name},
    )
    return HttpResponseRedirect(reverse("dashboard", args=[invitation.association.slug]))


class InvitationAcceptView(View):
    """The e-mailed link. Unknown, used, withdrawn and expired links all get the same
    "no longer valid" page (404)."""

    template_name = "tenancy/invitation_accept.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        invitation = invitations.open_by_token(kwargs["token"])
        if invitation is None:
            return render(request, "tenancy/invitation_invalid.html", status=404)
        self.invitation = invitation
        self.account = invitations.account_for(invitation)
        if self.account is not None:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if request.user.pk != self.account.pk:
                return self.show(other_account=True)
        elif request.user.is_authenticated:
            return self.show(other_account=True)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.account is None:
            return self.show(form=NewAccountForm(email=self.invitation.email))
        return self.show()

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.account is None:
            return self.create_and_accept()
        try:
            if request.POST.get("answer") == "decline":
                invitations.decline(invitation=self.invitation, user=self.account)
                messages.success(request, gettext("Du har tackat nej till inbjudan."))
                return HttpResponseRedirect(reverse("invitation_list"))
            invitations.accept(invitation=self.invitation, user=self.account)
        except ValidationError as error:
            return self.show(errors=error.messages)
        return _answered(request, self.invitation)

    def create_and_accept(self) -> HttpResponse:
        form = NewAccountForm(self.request.POST, email=self.invitation.email)
        if not form.is_valid():
            return self.show(form=form)
        data = form.cleaned_data
        try:
            invitations.accept_as_new_user(
                invitation=self.invitation,
                first_name=data["first_name"],
                last_name=data["last_name"],
                password=data["password1"],
            )
        except ValidationError as error:
            return self.show(form=form, errors=error.messages)
        messages.success(
            self.request,
            gettext(
                "Ditt konto är skapat och du har rollen %(role)s i %(association)s. Logga in "
                "med din e-postadress och ditt lösenord."
            )
            % {
                "role": invitations.role_text(self.invitation),
                "association": self.invitation.association.name,
            },
        )
        return HttpResponseRedirect(reverse("account_login"))

    def show(self, **context: Any) -> HttpResponse:
        context.update(
            invitation=self.invitation,
            role_text=invitations.role_text(self.invitation),
        )
        return render(self.request, self.template_name, context)


class InvitationListView(LoginRequiredMixin, View):
    """The logged-in user's pending invitations, each with accept and decline."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        rows = [(i, invitations.role_text(i)) for i in invitations.pending_for(request.user)]
        return render(request, "tenancy/invitation_list.html", {"rows": rows})


class InvitationRespondView(LoginRequiredMixin, View):
    """POST ``answer`` = accept or decline for one of the user's own pending invitations;
    anyone else's (or a closed one) is a 404."""

    def post(self, request: TenantRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        invitation = next(
            (i for i in invitations.pending_for(request.user) if i.pk == kwargs["pk"]), None
        )
        if invitation is None:
            raise Http404("No such invitation for this user.")
        try:
            if request.POST.get("answer") == "decline":
                invitations.decline(invitation=invitation, user=request.user)
                messages.success(request, gettext("Du har tackat nej till inbjudan."))
                return HttpResponseRedirect(reverse("invitation_list"))
            invitations.accept(invitation=invitation, user=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return HttpResponseRedirect(reverse("invitation_list"))
        return _answered(request, invitation)
