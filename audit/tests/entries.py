"""Hand-built access-log rows for the audit tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from audit.models import AccessAction, AccessLogEntry, Outcome
from audit.queries import LOCAL_TZ
from tenancy.models import Association


def local(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> dt.datetime:
    """A Swedish wall-clock time."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=LOCAL_TZ)


def make_entry(
    association: Association,
    *,
    at: dt.datetime | None = None,
    user: Any = None,
    role: str = "deltagaransvarig",
    action: str = AccessAction.READ,
    participation_ids: list[int] | None = None,
    intervention_ids: list[int] | None = None,
    purpose: str = "Deltagarsida",
    outcome: str = Outcome.OK,
) -> AccessLogEntry:
    return AccessLogEntry.objects.create(
        association=association,
        at=at or local(2026, 3, 10),
        user=user,
        role=role,
        action=action,
        participation_ids=participation_ids or [],
        intervention_ids=intervention_ids or [],
        purpose=purpose,
        outcome=outcome,
    )


def unsaved_entry(
    pk: int,
    *,
    at: dt.datetime | None = None,
    user_id: int | None = 1,
    action: str = AccessAction.READ,
    participation_ids: list[int] | None = None,
    outcome: str = Outcome.OK,
) -> AccessLogEntry:
    """A log row built in memory, for the pure anomaly rules."""
    return AccessLogEntry(
        pk=pk,
        at=at or local(2026, 3, 10),
        user_id=user_id,
        role="deltagaransvarig",
        action=action,
        participation_ids=participation_ids or [],
        intervention_ids=[],
        purpose="Deltagarsida",
        outcome=outcome,
    )
