"""A fingerprint of the data, to compare an installation with its restored copy (the
restore drill): row counts per model and the SHA-256 of every association's memo JSON
(unsuppressed, ``json.dumps(..., sort_keys=True)``) for some periods. Holds no value that
could identify anyone: counts and hashes only."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django_scopes import scopes_disabled

from stats.memo import memo_json
from tenancy.models import Association

#: Tables that change by themselves while the service runs (sessions, the job queue).
VOLATILE = {"sessions.Session", "django_tasks_database.DBTaskResult", "ops.Heartbeat"}


def memo_text(association: Association, period: str) -> str:
    """The memo exactly as the drill compares it."""
    return json.dumps(memo_json(association, period, suppress=False), sort_keys=True)


def fingerprint(periods: Iterable[str]) -> dict[str, Any]:
    periods = list(periods)
    with scopes_disabled():
        rows = {
            model._meta.label: model._base_manager.count()
            for model in apps.get_models()
            if model._meta.label not in VOLATILE and not model._meta.proxy
        }
        memos = {
            f"{association.slug}/{period}": hashlib.sha256(
                memo_text(association, period).encode("utf-8")
            ).hexdigest()
            for association in Association.objects.order_by("slug")
            for period in periods
        }
    return {"rows": dict(sorted(rows.items())), "memos": memos}
