"""Named permission rules (django-rules). Deny by default: a view names one of these and
nothing else opens it.

Every predicate takes the object checked: an Association, or a tenant object with an
``association_id`` (and for intervention roles an ``intervention_id`` or an Intervention).
"""

from __future__ import annotations

from typing import Any

import rules

from tenancy.models import Association, Role
from tenancy.roles import roles_of


def association_id_of(obj: Any) -> int | None:
    if isinstance(obj, Association):
        return obj.pk
    return getattr(obj, "association_id", None)


def intervention_id_of(obj: Any) -> int | None:
    if obj is None:
        return None
    if obj._meta.model_name == "intervention":
        return int(obj.pk)
    return getattr(obj, "intervention_id", None)


def has_association_role(*roles: str) -> Any:
    """True when the user holds one of ``roles`` for the whole association of ``obj``."""

    @rules.predicate(name=f"has_association_role:{'|'.join(roles)}")
    def predicate(user: Any, obj: Any) -> bool:
        association_id = association_id_of(obj)
        if association_id is None:
            return False
        held = roles_of(user).association_roles.get(association_id, frozenset())
        return bool(held & set(roles))

    return predicate


def has_intervention_role(*roles: str) -> Any:
    """True when the user holds one of ``roles`` for the intervention ``obj`` belongs to."""

    @rules.predicate(name=f"has_intervention_role:{'|'.join(roles)}")
    def predicate(user: Any, obj: Any) -> bool:
        association_id = association_id_of(obj)
        intervention_id = intervention_id_of(obj)
        if association_id is None or intervention_id is None:
            return False
        held = roles_of(user).for_intervention(association_id, intervention_id)
        return bool(held & set(roles))

    return predicate


@rules.predicate
def has_any_role(user: Any, obj: Any) -> bool:
    association_id = association_id_of(obj)
    return association_id is not None and bool(roles_of(user).in_association(association_id))


@rules.predicate
def is_system_admin(user: Any) -> bool:
    return roles_of(user).system_admin


is_admin = has_association_role(Role.FORBUNDSADMINISTRATOR)
is_economist = has_association_role(Role.EKONOM)
is_board_or_auditor = has_association_role(Role.STYRELSE, Role.REVISOR)
is_office_reader = has_association_role(
    Role.FORBUNDSADMINISTRATOR, Role.EKONOM, Role.STYRELSE, Role.REVISOR
)
is_intervention_lead = has_intervention_role(Role.INSATSANSVARIG)

# --- the association and its master data -------------------------------------------------
rules.add_perm("tenancy.view_association", has_any_role)
rules.add_perm("tenancy.view_masterdata", has_any_role)
rules.add_perm("tenancy.change_masterdata", is_admin)
rules.add_perm("tenancy.manage_roles", is_admin | is_system_admin)
rules.add_perm("tenancy.manage_associations", is_system_admin)
