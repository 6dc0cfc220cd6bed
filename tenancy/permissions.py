"""Permissions as data: the one table of who may do what.

Each named permission is one :class:`Permission` entry, declared with :func:`declare` in
``<app>/permissions.py`` (discovered at start-up by ``tenancy.apps``). From each entry two
things are derived, so a rule is written once:

- the django-rules predicate behind ``user.has_perm(name, obj)`` (pages, API, exports and
  services check it), and
- :func:`restrict`, the rows of a queryset the user may see for that permission (lists,
  exports, imports and services start from it).

An entry says:

- ``association_roles``: roles held for the whole association that grant it;
- ``intervention_roles``: roles held for one intervention that grant it;
- ``path``: the path from the checked object to its intervention (``"intervention"`` for a
  row with an ``intervention`` foreign key, ``"participation__intervention"`` one step
  further; an Intervention is its own). With a path, an intervention role counts for that
  intervention only. Without one, the permission is about the association, and an
  intervention role held on any of its interventions counts;
- ``anywhere``: with a path, whether a check against the association itself passes for a
  holder of an intervention role on any intervention (lists whose rows are then
  restricted to their interventions);
- ``any_role``: any role in the association grants it;
- ``system_admin``: the systemadministratör has it (without an object);
- ``conditions``: per role, a further test of the object, given both as a predicate and as
  the rows it admits (e.g. "the meeting is published and the user sits in its organ");
- ``fresh_second_factor``: the action needs a second factor entered within the last
  minutes (the view asks for it; see ``participants.reauth``).

Deny by default: a name with no entry is false, an empty entry is false for everyone.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import rules
from django.db.models import Model, Q, QuerySet

from tenancy.models import Association, Role
from tenancy.roles import RoleSet, roles_of


@dataclass(frozen=True)
class Condition:
    """A further test on the object for one role: ``test(user, obj)`` for one object, and
    ``rows(user, association, prefix)``, the same test as a ``Q`` on the restricted model,
    whose lookups start with ``prefix`` (``""``, or e.g. ``"minutes__meeting__"`` when the
    rows reach the condition's object through a relation)."""

    label: str
    test: Callable[[Any, Any], bool]
    rows: Callable[[Any, Association, str], Q]


@dataclass(frozen=True)
class Permission:
    """One named permission of the table (see the module docstring)."""

    name: str
    association_roles: frozenset[str] = frozenset()
    intervention_roles: frozenset[str] = frozenset()
    path: str | None = None
    anywhere: bool = False
    any_role: bool = False
    system_admin: bool = False
    conditions: Mapping[str, Condition] = field(default_factory=dict)
    fresh_second_factor: bool = False

    @property
    def roles(self) -> frozenset[str]:
        """Every role named by this entry."""
        return self.association_roles | self.intervention_roles


RowsT = TypeVar("RowsT", bound=QuerySet[Any])

#: The table: permission name -> entry, filled by each app's ``permissions`` module.
PERMISSIONS: dict[str, Permission] = {}


def declare(
    name: str,
    *,
    association_roles: Iterable[str] = (),
    intervention_roles: Iterable[str] = (),
    path: str | None = None,
    anywhere: bool = False,
    any_role: bool = False,
    system_admin: bool = False,
    conditions: Mapping[str, Condition] | None = None,
    fresh_second_factor: bool = False,
) -> Permission:
    """Add one entry to the table and register its django-rules predicate."""
    entry = Permission(
        name=name,
        association_roles=frozenset(association_roles),
        intervention_roles=frozenset(intervention_roles),
        path=path,
        anywhere=anywhere,
        any_role=any_role,
        system_admin=system_admin,
        conditions=dict(conditions or {}),
        fresh_second_factor=fresh_second_factor,
    )
    unknown = set(entry.conditions) - entry.roles
    if unknown:
        raise ValueError(f"{name}: conditions for roles it does not name: {sorted(unknown)}")
    PERMISSIONS[name] = entry

    def check(user: Any, obj: Any) -> bool:
        return allows(entry, user, obj)

    rules.set_perm(name, rules.predicate(check, name=f"table:{name}"))
    return entry


def permission(name: str) -> Permission:
    return PERMISSIONS[name]


# --- reading an object ---------------------------------------------------------------------


def association_id_of(obj: Any) -> int | None:
    if isinstance(obj, Association):
        return obj.pk
    return getattr(obj, "association_id", None)


def intervention_id_of(obj: Any, path: str = "intervention") -> int | None:
    """The id of the intervention ``obj`` belongs to, following ``path``; None when it has
    none (the association itself, or a row outside any intervention)."""
    if obj is None or isinstance(obj, Association):
        return None
    if getattr(getattr(obj, "_meta", None), "model_name", None) == "intervention":
        return int(obj.pk)
    *steps, last = path.split("__")
    for step in steps:
        obj = getattr(obj, step, None)
        if obj is None:
            return None
    value = getattr(obj, f"{last}_id", None)
    return None if value is None else int(value)


def intervention_ids_with(role_set: RoleSet, association_id: int, roles: Iterable[str]) -> set[int]:
    """The interventions of the association where the user holds one of ``roles``."""
    ids: set[int] = set()
    for role in roles:
        ids |= role_set.interventions_with(association_id, role)
    return ids


# --- the two derivations -------------------------------------------------------------------


def allows(entry: Permission, user: Any, obj: Any = None) -> bool:
    """The predicate of ``entry``: may ``user`` do it to ``obj``?"""
    role_set = roles_of(user)
    if entry.system_admin and role_set.system_admin:
        return True
    association_id = association_id_of(obj)
    if association_id is None:
        return False
    if entry.any_role and role_set.in_association(association_id):
        return True
    held = role_set.association_roles.get(association_id, frozenset())
    for role in sorted(held & entry.association_roles):
        condition = entry.conditions.get(role)
        if condition is None or condition.test(user, obj):
            return True
    if not entry.intervention_roles:
        return False
    if entry.path is None or (entry.anywhere and isinstance(obj, Association)):
        return bool(intervention_ids_with(role_set, association_id, entry.intervention_roles))
    intervention_id = intervention_id_of(obj, entry.path)
    if intervention_id is None:
        return False
    held_here = role_set.for_intervention(association_id, intervention_id)
    return bool(held_here & entry.intervention_roles)


def _intervention_lookup(model: type[Model], path: str) -> str:
    if model._meta.model_name == "intervention":
        return "pk__in"
    return f"{path}_id__in"


def restrict(
    queryset: RowsT, user: Any, association: Association, name: str, *, via: str = ""
) -> RowsT:
    """The rows of ``queryset`` (of ``association``) that ``user`` may see for permission
    ``name``: exactly the objects ``user.has_perm(name, obj)`` is true for. ``via`` is the
    path from the rows to the object the permission is checked on, for a condition (e.g.
    ``"minutes__meeting"`` for paragraphs checked on their meeting)."""
    entry = PERMISSIONS.get(name)
    if entry is None:
        return queryset.none()
    model = queryset.model
    if any(f.name == "association" for f in model._meta.concrete_fields):
        queryset = queryset.filter(association=association)
    role_set = roles_of(user)
    if entry.system_admin and role_set.system_admin:
        return queryset
    if entry.any_role and role_set.in_association(association.pk):
        return queryset
    admitted: list[Q] = []
    held = role_set.association_roles.get(association.pk, frozenset())
    for role in sorted(held & entry.association_roles):
        condition = entry.conditions.get(role)
        if condition is None:
            return queryset
        admitted.append(condition.rows(user, association, f"{via}__" if via else ""))
    ids = intervention_ids_with(role_set, association.pk, entry.intervention_roles)
    if ids:
        if entry.path is None:
            return queryset
        admitted.append(Q(**{_intervention_lookup(model, entry.path): sorted(ids)}))
    if not admitted:
        return queryset.none()
    return queryset.filter(functools.reduce(operator.or_, admitted))


def holds_any(user: Any, association: Association, name: str) -> bool:
    """Whether ``user`` holds any role that could grant ``name`` here (for a page whose
    rows are then restricted, e.g. a list of the interventions one leads)."""
    entry = PERMISSIONS[name]
    role_set = roles_of(user)
    if entry.any_role and role_set.in_association(association.pk):
        return True
    if role_set.association_roles.get(association.pk, frozenset()) & entry.association_roles:
        return True
    return bool(intervention_ids_with(role_set, association.pk, entry.intervention_roles))


def intervention_ids(user: Any, association: Association, name: str) -> frozenset[int] | None:
    """The interventions whose rows ``user`` may see for ``name``: None for every one (an
    association role grants it), else the ids of the interventions an intervention role
    grants it on (possibly none)."""
    entry = PERMISSIONS[name]
    role_set = roles_of(user)
    if entry.any_role and role_set.in_association(association.pk):
        return None
    held = role_set.association_roles.get(association.pk, frozenset())
    if any(role not in entry.conditions for role in held & entry.association_roles):
        return None
    return frozenset(intervention_ids_with(role_set, association.pk, entry.intervention_roles))


# --- shared role sets and the association's own permissions -----------------------------

ADMIN = frozenset({Role.FORBUNDSADMINISTRATOR})
OFFICE = frozenset({Role.FORBUNDSADMINISTRATOR, Role.EKONOM})
BOARD_READERS = frozenset({Role.STYRELSE, Role.REVISOR})
#: The office's readers: they see every intervention's (aggregated) figures.
OFFICE_READERS = OFFICE | BOARD_READERS
LEAD = frozenset({Role.INSATSANSVARIG})
OFFICER = frozenset({Role.DELTAGARANSVARIG})


def declare_intervention_view(name: str, *, anywhere: bool = False) -> Permission:
    """An entry for reading an intervention's rows (reports, budgets, money, timeline): the
    office's readers read every intervention's, an insatsansvarig their own interventions'
    (``anywhere``: also the association's list of them, restricted to those)."""
    return declare(
        name,
        association_roles=OFFICE_READERS,
        intervention_roles=LEAD,
        path="intervention",
        anywhere=anywhere,
    )


declare("tenancy.view_association", any_role=True)
declare("tenancy.view_masterdata", any_role=True)
declare("tenancy.change_masterdata", association_roles=ADMIN)
declare("tenancy.manage_roles", association_roles=ADMIN, system_admin=True)
declare("tenancy.manage_associations", system_admin=True)
