"""``/healthz``: 200 when the database answers and every migration is applied, else 503.
Says nothing about the data: safe to expose to a load balancer.

``checks.worker`` reports the background worker from its heartbeat (``ops.heartbeat``):
"ok", "stale" (no heartbeat for ``FINSAM_WORKER_STALE_SECONDS``) or "unknown" (never). It
only fails the check when ``FINSAM_REQUIRE_WORKER=1``; then anything but "ok" is a 503.

``checks.cache`` writes, reads back and deletes a random key in the shared cache (Redis
with ``CACHE_URL``, else the host's file cache): "ok", else "unreachable" and a 503, since
log-in throttling and the memo depend on it (docs/deployment.md).
"""

from __future__ import annotations

import logging
import secrets

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from ops.heartbeat import worker_required, worker_status

logger = logging.getLogger(__name__)


def _unapplied_migrations() -> int:
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def cache_status() -> str:
    """ "ok" when a value written to the shared cache reads back, else "unreachable"."""
    key = f"finsam:healthz:{secrets.token_hex(8)}"
    value = secrets.token_hex(8)
    try:
        cache.set(key, value, 30)
        found = cache.get(key)
        cache.delete(key)
    except Exception:  # any backend error means the cache cannot be used
        logger.warning("The cache did not answer the health check.", exc_info=True)
        return "unreachable"
    return "ok" if found == value else "unreachable"


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    checks: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
        checks["migrations"] = "ok" if _unapplied_migrations() == 0 else "pending"
        checks["worker"] = worker_status()
    except DatabaseError:
        checks["database"] = "unreachable"
        checks["worker"] = "unknown"
    checks["cache"] = cache_status()
    required = ["database", "migrations", "cache", *(["worker"] if worker_required() else [])]
    healthy = all(checks.get(name) == "ok" for name in required)
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503
    )
