"""Users and their roles in the association, for the förbundsadministratör.

Users are not tenant data: every read here starts from the association's role
assignments, so a user without a role in this association is never shown, and an
assignment of another association is a 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from interventions.models import Intervention
from tenancy import invitations
from tenancy.models import Association, Invitation, Role, RoleAssignment, User
from tenancy.roles import role_scope_error
from tenancy.services import revoke_role
from tenancy.views.base import TenantView, htmx_redirect

#: Roles a förbundsadministratör may give; systemadministratör is not an association role.
ASSIGNABLE_ROLES = [role for role in Role if role != Role.SYSTEMADMINISTRATOR]
ROLE_ORDER = {role.value: rank for rank, role in enumerate(Role)}


def role_assignments_in(association: Association) -> QuerySet[RoleAssignment]:
    """Every role assignment of the association, with user and intervention."""
    return RoleAssignment.objects.filter(association=association).select_related(
        "user", "intervention"
    )


@dataclass(frozen=True)
class RoleHolder:
    user: User
    assignments: list[RoleAssignment]


def role_holders(assignments: QuerySet[RoleAssignment]) -> list[RoleHolder]:
    """The assignments grouped by user; users by name, roles in the order of ``Role``."""
    by_user: dict[int, list[RoleAssignment]] = {}
    users: dict[int, User] = {}
    for assignment in assignments:
        by_user.setdefault(assignment.user_id, []).append(assignment)
        users[assignment.user_id] = assignment.user
    holders = [
        RoleHolder(
            user=users[user_id],
            assignments=sorted(
                rows,
                key=lambda a: (
                    ROLE_ORDER.get(a.role, len(ROLE_ORDER)),
                    a.intervention.code if a.intervention else "",
                ),
            ),
        )
        for user_id, rows in by_user.items()
    ]
    return sorted(
        holders,
        key=lambda h: (h.user.last_name.lower(), h.user.first_name.lower(), h.user.email),
    )


class InterventionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} {obj.display_name}"


class RoleAssignmentForm(forms.Form):
    """An invitation to a role: the e-mail address, the role and (for an intervention
    role) the intervention. Nothing here depends on whether an account exists."""

    email = forms.EmailField(label=_("E-post"))
    role = forms.ChoiceField(
        label=_("Roll"), choices=[(role.value, role.label) for role in ASSIGNABLE_ROLES]
    )
    intervention = InterventionChoiceField(
        label=_("Insats"),
        queryset=Intervention.objects.none(),
        required=False,
        help_text=_("Endast för deltagaransvarig och insatsansvarig."),
    )

    def __init__(self, *args: Any, association: Association | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.association = association
        field = cast(InterventionChoiceField, self.fields["intervention"])
        field.queryset = Intervention.objects.in_display_order()

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        error = role_scope_error(cleaned.get("role"), cleaned.get("intervention"))
        if error is not None:
            self.add_error("intervention", error)
        return cleaned


class RoleListView(TenantView):
    permission_required = "tenancy.manage_roles"
    template_name = "tenancy/role_list.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        context = self.get_context_data(
            holders=role_holders(role_assignments_in(self.association)),
            invitations=list(invitations.pending(self.association).order_by("email", "pk")),
        )
        return render(request, self.template_name, context)


class InvitationFormView(TenantView):
    """A form that invites someone to a role (``invitations.invite``): the office's by
    e-mail here, the e-ID invitation by personnummer (``eid.views``). The answer is the
    same whether or not an account with the address exists."""

    permission_required = "tenancy.manage_roles"
    template_name: str

    def make_form(self, data: Any = None) -> RoleAssignmentForm:
        return RoleAssignmentForm(data, association=self.association)

    def invite_with(self, data: dict[str, Any]) -> dict[str, Any]:
        """What the form adds to the invitation beyond address, role and intervention."""
        return {}

    def sent_message(self, invitation: Invitation) -> str:
        return gettext(
            "En inbjudan till rollen %(role)s är skickad till %(email)s. Rollen gäller "
            "när personen har tackat ja."
        ) % {"email": invitation.email, "role": invitation.get_role_display()}

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render_form(self.make_form())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.make_form(request.POST)
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
                **self.invite_with(data),
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.render_form(form)
        messages.success(request, self.sent_message(invitation))
        return htmx_redirect(request, reverse("tenancy:role_list", args=[self.association.slug]))

    def render_form(self, form: RoleAssignmentForm) -> HttpResponse:
        context = self.get_context_data(
            form=form,
            cancel_url=reverse("tenancy:role_list", args=[self.association.slug]),
            invitation_days=invitations.invitation_days(),
        )
        return render(self.request, self.template_name, context)


class RoleAssignView(InvitationFormView):
    """Invite an e-mail address to a role (the role takes effect when the person accepts)."""

    template_name = "tenancy/role_form.html"


class InvitationCancelView(TenantView):
    """Confirmation page (GET) and the withdrawal of a pending invitation (POST)."""

    permission_required = "tenancy.manage_roles"
    template_name = "tenancy/invitation_cancel.html"

    def get_invitation(self) -> Invitation:
        return get_object_or_404(invitations.pending(self.association), pk=self.kwargs["pk"])

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        context = self.get_context_data(
            invitation=self.get_invitation(),
            cancel_url=reverse("tenancy:role_list", args=[self.association.slug]),
        )
        return render(request, self.template_name, context)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        invitation = self.get_invitation()
        invitations.cancel(invitation=invitation)
        messages.success(
            request,
            gettext("Inbjudan till %(email)s är återkallad.") % {"email": invitation.email},
        )
        return htmx_redirect(request, reverse("tenancy:role_list", args=[self.association.slug]))


class RoleRevokeView(TenantView):
    """Confirmation page (GET) and the revocation itself (POST only)."""

    permission_required = "tenancy.manage_roles"
    template_name = "tenancy/role_revoke.html"

    def get_assignment(self) -> RoleAssignment:
        return get_object_or_404(role_assignments_in(self.association), pk=self.kwargs["pk"])

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        assignment = self.get_assignment()
        context = self.get_context_data(
            assignment=assignment,
            is_own_admin_role=(
                assignment.user_id == request.user.pk
                and assignment.role == Role.FORBUNDSADMINISTRATOR
            ),
            cancel_url=reverse("tenancy:role_list", args=[self.association.slug]),
        )
        return render(request, self.template_name, context)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        assignment = self.get_assignment()
        description = str(assignment)
        revoke_role(assignment=assignment)
        messages.success(request, gettext("Rollen togs bort: %(what)s.") % {"what": description})
        return htmx_redirect(request, reverse("tenancy:role_list", args=[self.association.slug]))
