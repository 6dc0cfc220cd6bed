"""The memo, cached until the association's data changes.

Every save or delete of a row that belongs to an association bumps that association's data
version; a cached memo is keyed by the version, so the dashboard, the memo page, the
downloads and the API never show figures older than the last write. (Bulk updates that
bypass model signals — none of the services use them for figures — are covered by the
cache's time limit.)"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

#: Safety net: a cached memo is dropped after this long even without a write.
MEMO_CACHE_SECONDS = 10 * 60


#: Rows that never enter a figure: writing one leaves the cached figures valid. Reading
#: participant data writes an access-log row, so without this every read of a participant
#: list would throw away the association's memo (docs/performance.md).
NOT_FIGURES = frozenset(
    {
        "audit.accesslogentry",
        "audit.logreview",
        "followup.remindersent",
        "documents.memotemplate",
    }
)


def _version_key(association_id: int) -> str:
    return f"finsam:data-version:{association_id}"


def data_version(association_id: int) -> str:
    return str(cache.get_or_set(_version_key(association_id), lambda: str(time.time_ns())))


def bump_data_version(association_id: int) -> None:
    cache.set(_version_key(association_id), str(time.time_ns()), None)


@receiver(post_save)
@receiver(post_delete)
def _tenant_row_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    association_id = getattr(instance, "association_id", None)
    if isinstance(association_id, int) and sender._meta.label_lower not in NOT_FIGURES:
        bump_data_version(association_id)


def memo_cache_key(association_id: int, period_code: str, suppress: bool) -> str:
    version = data_version(association_id)
    return f"finsam:memo:{association_id}:{period_code}:{int(suppress)}:{version}"


T = TypeVar("T")


def single_flight(
    key: str,
    compute: Callable[[], T],
    *,
    fresh_seconds: int | None,
    last_seconds: int,
    computing_seconds: int,
    last_key: str | None = None,
    mark_key: str | None = None,
    usable: Callable[[T], bool] = lambda _value: True,
) -> tuple[T, bool]:
    """The value cached under ``key``, computed by one request at a time.

    When ``key`` holds no usable value, the request tries to take the computing mark
    (``mark_key``, by default ``<key>:computing``; ``cache.add`` is atomic in every cache
    backend, shared between servers with Redis). If another request holds it and a last
    value (``last_key``, by default ``<key>:last``) is usable, that last value is returned
    at once, so a slow computation after a change does not occupy every web worker. Only
    with nothing usable computed yet does a request compute without the mark. The mark is
    released when the computation ends, also when it fails; ``computing_seconds`` bounds it
    for a worker that dies while computing.

    Returns the value and whether it is the last one instead of the current one (stale)."""
    last_key = last_key or f"{key}:last"
    mark_key = mark_key or f"{key}:computing"
    value: T | None = cache.get(key)
    if value is not None and usable(value):
        return value, False
    last: T | None = cache.get(last_key)
    computing = cache.add(mark_key, True, computing_seconds)
    if not computing and last is not None and usable(last):
        return last, True
    try:
        value = compute()
        cache.set(key, value, fresh_seconds)
        cache.set(last_key, value, last_seconds)
    finally:
        if computing:
            cache.delete(mark_key)
    return value, False
