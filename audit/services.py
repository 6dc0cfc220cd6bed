"""Writing the access log. Every read or write of participant data calls ``log_access``
(the participant services and views do), in the same transaction as the work it logs."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from audit.models import AccessAction, AccessLogEntry, Outcome
from tenancy.models import Association
from tenancy.roles import roles_of


def role_label(user: Any, association: Association, intervention_ids: Iterable[int]) -> str:
    """The roles under which the user acted: intervention roles for the interventions
    touched, else the association roles (sorted, comma-separated)."""
    role_set = roles_of(user)
    roles: set[str] = set()
    for intervention_id in intervention_ids:
        roles |= role_set.for_intervention(association.pk, intervention_id)
    if not roles:
        roles = set(role_set.association_roles.get(association.pk, frozenset()))
    return ",".join(sorted(roles)) or "-"


def log_access(
    *,
    user: Any,
    association: Association,
    action: AccessAction | str,
    participation_ids: Iterable[int] = (),
    intervention_ids: Iterable[int] = (),
    purpose: str,
    outcome: Outcome | str = Outcome.OK,
) -> AccessLogEntry:
    participation_list = sorted({int(i) for i in participation_ids})
    intervention_list = sorted({int(i) for i in intervention_ids})
    return AccessLogEntry.objects.create(
        association=association,
        user=user if getattr(user, "is_authenticated", False) else None,
        role=role_label(user, association, intervention_list),
        action=action,
        participation_ids=participation_list,
        intervention_ids=intervention_list,
        purpose=purpose[:200],
        outcome=outcome,
    )
