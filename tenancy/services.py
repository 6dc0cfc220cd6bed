"""State changes for associations and role assignments. Views, commands and the demo
loader call these, so each rule lives here once."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tenancy.models import INTERVENTION_ROLES, Association, Role, RoleAssignment, User
from tenancy.roles import forget_roles

#: Pairs of roles one person may not hold in the same association (separation of duties).
INCOMPATIBLE_ROLES: frozenset[frozenset[str]] = frozenset(
    {frozenset({Role.DELTAGARANSVARIG.value, Role.FORBUNDSADMINISTRATOR.value})}
)


def create_association(*, slug: str, name: str, organisation_number: str = "") -> Association:
    association = Association(slug=slug, name=name, organisation_number=organisation_number)
    association.full_clean()
    association.save()
    return association


def check_role_scope(*, role: str, association: Association, intervention: Any) -> None:
    """Refuse an intervention role without an intervention of ``association``, and an
    association role with one (assigning a role and inviting to one alike)."""
    if role in INTERVENTION_ROLES:
        if intervention is None:
            raise ValidationError(
                _("Rollen %(role)s måste gälla en insats.") % {"role": Role(role).label}
            )
        if intervention.association_id != association.pk:
            raise ValidationError(_("Insatsen hör till ett annat förbund."))
    elif intervention is not None:
        raise ValidationError(
            _("Rollen %(role)s gäller hela förbundet, inte en insats.") % {"role": Role(role).label}
        )


@transaction.atomic
def assign_role(
    *,
    user: User,
    role: str,
    association: Association | None = None,
    intervention: Any = None,
) -> RoleAssignment:
    """Give ``user`` a role. Refuses combinations that break separation of duties.

    The association row is locked so that two concurrent assignments cannot both pass the
    check.
    """
    if role == Role.SYSTEMADMINISTRATOR:
        assignment, _created = RoleAssignment.objects.get_or_create(user=user, role=role)
        forget_roles(user)
        return assignment
    if association is None:
        raise ValidationError(_("Rollen måste gälla ett förbund."))
    check_role_scope(role=role, association=association, intervention=intervention)

    Association.objects.select_for_update().filter(pk=association.pk).first()
    held = set(
        RoleAssignment.objects.filter(user=user, association=association).values_list(
            "role", flat=True
        )
    )
    for pair in INCOMPATIBLE_ROLES:
        if role in pair and held & (pair - {role}):
            raise ValidationError(
                _(
                    "%(user)s kan inte vara både deltagaransvarig och förbundsadministratör "
                    "i samma förbund (krav på åtskilda roller)."
                )
                % {"user": user}
            )
    assignment, _created = RoleAssignment.objects.get_or_create(
        user=user, association=association, role=role, intervention=intervention
    )
    forget_roles(user)
    return assignment


def revoke_role(*, assignment: RoleAssignment) -> None:
    user = assignment.user
    assignment.delete()
    forget_roles(user)
