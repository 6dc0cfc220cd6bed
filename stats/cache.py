"""The memo, cached until the association's data changes.

Every save or delete of a row that belongs to an association bumps that association's data
version of the years whose figures the write can change (``stats.versions``: a
registration dated 2026 changes the versions of 2026 and later, not the 2025H2 memo's), at
once and again when the transaction commits (a computation that read the version bumped
before the commit may have read the data without the row; the version after the commit is
new to it). A cached memo is keyed by the version of its period's year, so the dashboard,
the memo page, the downloads and the API never show figures older than the last write
that can change them. (Bulk updates
that bypass model signals — none of the services use them for figures — are covered by the
cache's time limit.)

The downloads and the API wait for the memo another request is computing instead of
computing their own (``current_memo``; docs/performance.md, "Downloads wait")."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from finsam.years import YEAR_MAX
from stats.versions import (
    CREATED,
    DELETED,
    NOT_FIGURES,
    UPDATED,
    bump_data_version,
    data_version,
    first_year_affected,
    remember_stored,
    stored_fields,
    taken_stored,
)

__all__ = ["NOT_FIGURES", "bump_data_version", "data_version"]  # stats.versions' own

if TYPE_CHECKING:
    from stats.memo import Memo
    from stats.periods import Period
    from tenancy.models import Association

#: Safety net: a cached memo is dropped after this long even without a write.
MEMO_CACHE_SECONDS = 10 * 60


@receiver(pre_save)
@receiver(pre_delete)
def _tenant_row_changing(sender: Any, instance: Any, **kwargs: Any) -> None:
    """The stored dates of a dated row about to be updated or deleted (``stats.versions``)."""
    if (
        stored_fields(sender)
        and not (kwargs.get("signal") is pre_save and instance._state.adding)
        and not kwargs.get("raw", False)
    ):
        remember_stored(sender, instance)


@receiver(post_save)
@receiver(post_delete)
def _tenant_row_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    association_id = getattr(instance, "association_id", None)
    if not isinstance(association_id, int):
        return
    if kwargs.get("signal") is post_delete:
        change = DELETED
    else:
        change = CREATED if kwargs.get("created") else UPDATED
    first_year = first_year_affected(sender, instance, change=change, stored=taken_stored(instance))
    if first_year > YEAR_MAX:
        return
    bump_data_version(association_id, first_year)
    # Again after the commit: between the first bump and the commit another request can
    # read the new version and compute from data without this row (outside a
    # transaction this runs at once).
    transaction.on_commit(lambda: bump_data_version(association_id, first_year))


def memo_key_at(association_id: int, period_code: str, suppress: bool, version: str) -> str:
    """The cache key of the memo computed at data version ``version``."""
    return f"finsam:memo:{association_id}:{period_code}:{int(suppress)}:{version}"


def memo_cache_key(association_id: int, period: Period, suppress: bool) -> str:
    """The cache key of ``period``'s memo at the current data version of its year."""
    return memo_key_at(
        association_id, period.code, suppress, data_version(association_id, period.year)
    )


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
    busy_key: str | None = None,
) -> tuple[T, bool]:
    """The value cached under ``key``, computed by one request at a time.

    When ``key`` holds no usable value, the request tries to take the computing mark
    (``mark_key``, by default ``<key>:computing``; ``cache.add`` is atomic in every cache
    backend, shared between servers with Redis). If another request holds it and a last
    value (``last_key``, by default ``<key>:last``) is usable, that last value is returned
    at once, so a slow computation after a change does not occupy every web worker. Only
    with nothing usable computed yet does a request compute without the mark. The mark is
    released when the computation ends, also when it fails; ``computing_seconds`` bounds it
    for a worker that dies while computing. A set ``busy_key`` counts as a held mark too
    (another kind of request computes what this value is made from, e.g. a download the
    memo that the memo page shows): the last value is returned then as well.

    Returns the value and whether it is the last one instead of the current one (stale)."""
    last_key = last_key or f"{key}:last"
    mark_key = mark_key or f"{key}:computing"
    value: T | None = cache.get(key)
    if value is not None and usable(value):
        return value, False
    last: T | None = cache.get(last_key)
    computing = cache.add(mark_key, True, computing_seconds)
    busy = not computing or (busy_key is not None and cache.get(busy_key) is not None)
    if busy and last is not None and usable(last):
        if computing:
            cache.delete(mark_key)
        return last, True
    try:
        value = compute()
        cache.set(key, value, fresh_seconds)
        cache.set(last_key, value, last_seconds)
    finally:
        if computing:
            cache.delete(mark_key)
    return value, False


#: How long a request waits for the memo another request computes before computing its
#: own; the mark is held at most ``MEMO_COMPUTING_SECONDS`` by a worker that dies.
MEMO_WAIT_SECONDS = 60
MEMO_COMPUTING_SECONDS = 2 * 60
#: How often a waiting request looks whether the memo is there.
WAIT_POLL_SECONDS = 0.05


def wait_for_current(
    *,
    version: Callable[[], str],
    ready: Callable[[str], T | None],
    compute: Callable[[], T],
    mark_key: str,
    computing_seconds: int,
    wait_seconds: float,
    poll_seconds: float = WAIT_POLL_SECONDS,
) -> T:
    """The value of the current data version, computed by one request at a time.

    Each round reads the data version *now* and returns ``ready(version)`` if that value is
    cached. Otherwise the request takes the mark (``cache.add``, atomic) and computes, or,
    while another request holds the mark, waits ``poll_seconds`` and looks again. A round
    never returns a value of a version older than the one it read, and every round reads
    the version after the request started: the value is never older than the data version
    current when the request started (it may be newer). A request that waits longer than
    ``wait_seconds`` (the other computation is slow or its worker died) computes without
    the mark. The mark is released when the computation ends, also when it fails."""
    deadline = time.monotonic() + wait_seconds
    while True:
        current = version()
        value = ready(current)
        if value is not None:
            return value
        if cache.add(mark_key, current, computing_seconds):
            try:
                return compute()
            finally:
                cache.delete(mark_key)
        if time.monotonic() >= deadline:
            return compute()
        time.sleep(poll_seconds)


def memo_mark_key(association_id: int, period_code: str, suppress: bool) -> str:
    return f"finsam:memo:{association_id}:{period_code}:{int(suppress)}:computing"


def current_memo(
    association: Association, period: Period, *, suppress: bool, document: bool
) -> Memo:
    """``stats.memo.build_memo`` of the current data, computed by one request at a time per
    association, period and disclosure variant (the permission only chooses the variant).

    After a change of the data the first request computes the memo; the downloads, the API,
    the memo page and the key figures asking for the same memo meanwhile wait for it
    instead of computing it again, then take it if it is of the data version current when
    they look again (``wait_for_current``); if the data changed again while it was
    computed, one of them computes the memo of the new version and the others wait for
    that one. So a memo served is never older than the data version current when its
    request started, and after a burst of changes one computation serves every request
    that waited for it."""
    from stats.memo import build_memo
    from stats.memo_document import memo_extras

    threshold = association.disclosure_threshold

    def ready(version: str) -> Memo | None:
        key = memo_key_at(association.pk, period.code, suppress, version)
        memo: Memo | None = cache.get(key)
        if memo is None or memo.json["suppression"]["threshold"] != threshold:
            return None
        if document and memo.document is None:
            memo = replace(memo, document=memo_extras(association, period))
            cache.set(key, memo, MEMO_CACHE_SECONDS)
        if memo.document is not None and memo.document.association_name != association.name:
            # The association's own row is global: renaming it keeps the data version.
            extras = replace(memo.document, association_name=association.name)
            memo = replace(memo, document=extras)
        return memo

    return wait_for_current(
        version=lambda: data_version(association.pk, period.year),
        ready=ready,
        compute=lambda: build_memo(association, period, suppress=suppress, document=document),
        mark_key=memo_mark_key(association.pk, period.code, suppress),
        computing_seconds=MEMO_COMPUTING_SECONDS,
        wait_seconds=MEMO_WAIT_SECONDS,
        poll_seconds=WAIT_POLL_SECONDS,
    )
