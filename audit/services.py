"""Writing the access log. Every read or write of participant data calls ``log_access``
(the participant services and views do), in the same transaction as the work it logs."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from typing import Any

from django.db import connection, models, transaction

from audit.models import AccessAction, AccessLogEntry, LogReview, Outcome
from tenancy.models import Association
from tenancy.roles import roles_of

logger = logging.getLogger(__name__)

#: The role recorded when no user acts: a scheduled job or a command (e.g. retention).
SYSTEM_ROLE = "system"


def role_label(user: Any, association: Association, intervention_ids: Iterable[int]) -> str:
    """The roles under which the user acted: intervention roles for the interventions
    touched, else the association roles (sorted, comma-separated); "system" when no user
    acts (a scheduled job or a command)."""
    if not getattr(user, "is_authenticated", False):
        return SYSTEM_ROLE
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


def prune_participation_references(*, association: Association, before: dt.datetime) -> int:
    """Retention: empty the participation ids of the association's log rows written before
    ``before``; the rest of each row stays. The only change ever made to a log row (the
    database refuses any other). Returns the number of rows changed."""
    entries = AccessLogEntry.objects.with_scope(association=association.pk).filter(at__lt=before)
    return entries.exclude(participation_ids=[])._empty_participation_ids()


def record_review(
    *,
    association: Association,
    reviewer: Any,
    scope: str,
    entry_ids: Iterable[int],
    conclusion: LogReview.Conclusion | str,
    comment: str = "",
) -> LogReview:
    """Record a log reviewer's review of a set of log rows. Not itself an access to
    participant data, so not logged."""
    return LogReview.objects.create(
        association=association,
        reviewer=reviewer,
        scope=scope[:200],
        entry_ids=sorted({int(i) for i in entry_ids}),
        conclusion=conclusion,
        comment=comment,
    )


@transaction.atomic
def purge_association_log(*, association: Association, reason: str) -> int:
    """Delete the whole access log and the log reviews of one association: the only delete
    the log allows, for a demo association being reloaded or an association leaving the
    installation. On PostgreSQL the append-only triggers allow it for this association and
    this transaction only. Returns the number of log rows removed; the removal itself is
    written to the application log (no personal data)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('finsam.purge_association', %s, true)", [str(association.pk)]
            )
    removed = 0
    for model in (AccessLogEntry, LogReview):
        rows: models.QuerySet[Any] = models.QuerySet(model).filter(association=association)
        count = rows.count()
        rows._raw_delete(rows.db)
        if model is AccessLogEntry:
            removed = count
    logger.warning(
        "Access log of association %s purged (%d rows): %s", association.slug, removed, reason
    )
    return removed
