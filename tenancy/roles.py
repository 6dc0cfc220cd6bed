"""Who holds which role where. The one place that reads RoleAssignment for permissions.

Roles are read once per request and cached on the user object, so a removed assignment
takes effect on the next request.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from tenancy.models import Association, Role, RoleAssignment

_CACHE_ATTR = "_finsam_roles"


@dataclass(frozen=True)
class RoleSet:
    """All roles of one user: association-wide, per intervention, and system-wide."""

    association_roles: dict[int, frozenset[str]] = field(default_factory=dict)
    intervention_roles: dict[int, dict[int, frozenset[str]]] = field(default_factory=dict)
    system_admin: bool = False

    def in_association(self, association_id: int) -> frozenset[str]:
        """Every role the user has anywhere in the association."""
        roles = set(self.association_roles.get(association_id, frozenset()))
        for per_intervention in self.intervention_roles.get(association_id, {}).values():
            roles |= per_intervention
        return frozenset(roles)

    def for_intervention(self, association_id: int, intervention_id: int) -> frozenset[str]:
        return self.intervention_roles.get(association_id, {}).get(intervention_id, frozenset())

    def interventions_with(self, association_id: int, role: str) -> frozenset[int]:
        per_intervention = self.intervention_roles.get(association_id, {})
        return frozenset(iid for iid, roles in per_intervention.items() if role in roles)


def roles_of(user: Any) -> RoleSet:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return RoleSet()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    association_roles: dict[int, set[str]] = {}
    intervention_roles: dict[int, dict[int, set[str]]] = {}
    system_admin = False
    rows = RoleAssignment.objects.filter(user=user).values_list(
        "association_id", "intervention_id", "role"
    )
    for association_id, intervention_id, role in rows:
        if role == Role.SYSTEMADMINISTRATOR:
            system_admin = True
        elif intervention_id is None:
            association_roles.setdefault(association_id, set()).add(role)
        else:
            intervention_roles.setdefault(association_id, {}).setdefault(
                intervention_id, set()
            ).add(role)
    role_set = RoleSet(
        association_roles={k: frozenset(v) for k, v in association_roles.items()},
        intervention_roles={
            a: {i: frozenset(r) for i, r in per.items()} for a, per in intervention_roles.items()
        },
        system_admin=system_admin,
    )
    setattr(user, _CACHE_ATTR, role_set)
    return role_set


def forget_roles(user: Any) -> None:
    """Drop the cached roles (after an assignment changes within one request)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def associations_for(user: Any) -> QuerySet[Association]:
    """The associations a user may open: those where they hold any role."""
    role_set = roles_of(user)
    ids = set(role_set.association_roles) | set(role_set.intervention_roles)
    return Association.objects.filter(id__in=ids).order_by("name")


def role_scope_error(role: str | None, intervention: Any) -> str | None:
    """Why ``role`` cannot be given with (or without) ``intervention``, or None: an
    intervention role needs its intervention, an association role takes none. The one
    check of the role forms (the office's invitation and the e-ID invitation)."""
    from django.utils.translation import gettext

    from tenancy.models import INTERVENTION_ROLES

    if role in INTERVENTION_ROLES and intervention is None:
        return gettext("Välj insats: rollen %(role)s gäller en insats.") % {
            "role": Role(role).label
        }
    if role and role not in INTERVENTION_ROLES and intervention is not None:
        return gettext("Rollen %(role)s gäller hela förbundet: välj ingen insats.") % {
            "role": Role(role).label
        }
    return None
