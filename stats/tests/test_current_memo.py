"""The current memo, computed by one request at a time: the others wait for it instead of
computing it again, and never take a memo older than the data version current when they
started (``stats.cache.current_memo``, ``wait_for_current``)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.cache import cache

from stats import cache as module
from stats import memo as memo_module
from stats.cache import (
    bump_data_version,
    current_memo,
    data_version,
    memo_key_at,
    memo_mark_key,
    wait_for_current,
)
from stats.memo import Memo
from stats.periods import Period

MARK = "test:computing"
PERIOD = Period.parse("2022H2")
#: Stands in for an association: the memo's cache needs only these.
ASSOCIATION: Any = SimpleNamespace(pk=4711, disclosure_threshold=3, name="Förbundet")


def later(seconds: float, action: Callable[[], object]) -> threading.Thread:
    """``action`` in another thread after ``seconds`` (another request finishing)."""

    def run() -> None:
        time.sleep(seconds)
        action()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


class Versions:
    """A data version and the values cached per version, as in the cache."""

    def __init__(self) -> None:
        self.version = "1"
        self.computed: list[str] = []

    def ready(self, version: str) -> str | None:
        value: str | None = cache.get(f"test:value:{version}")
        return value

    def compute(self) -> str:
        self.computed.append(self.version)
        return f"computed at {self.version}"

    def wait(self, wait_seconds: float = 5) -> str:
        return wait_for_current(
            version=lambda: self.version,
            ready=self.ready,
            compute=self.compute,
            mark_key=MARK,
            computing_seconds=60,
            wait_seconds=wait_seconds,
            poll_seconds=0.01,
        )


def another_request_finishes(version: str, value: str) -> None:
    cache.set(f"test:value:{version}", value)
    cache.delete(MARK)


def test_wait_for_current_while_another_request_computes_takes_its_value() -> None:
    versions = Versions()
    assert cache.add(MARK, "1")
    other = later(0.2, lambda: another_request_finishes("1", "computed by the other"))

    value = versions.wait()
    other.join()

    assert (value, versions.computed, cache.get(MARK)) == ("computed by the other", [], None)


def test_wait_for_current_never_takes_the_value_of_an_older_version() -> None:
    versions = Versions()
    assert cache.add(MARK, "1")  # the other request computes version 1 ...
    versions.version = "2"  # ... and the data changed before this request started
    other = later(0.2, lambda: another_request_finishes("1", "computed at 1 by the other"))

    value = versions.wait()
    other.join()

    assert (value, versions.computed, cache.get(MARK)) == ("computed at 2", ["2"], None)


def test_wait_for_current_takes_a_value_of_a_newer_version() -> None:
    versions = Versions()
    assert cache.add(MARK, "1")

    def changed_and_computed() -> None:
        versions.version = "2"
        another_request_finishes("2", "computed at 2 by the other")

    other = later(0.2, changed_and_computed)

    value = versions.wait()
    other.join()

    assert (value, versions.computed) == ("computed at 2 by the other", [])


def test_wait_for_current_computes_itself_after_waiting_too_long() -> None:
    versions = Versions()
    assert cache.add(MARK, "1")  # held by a worker that died

    value = versions.wait(wait_seconds=0.1)

    assert (value, versions.computed, cache.get(MARK)) == ("computed at 1", ["1"], "1")


def test_wait_for_current_releases_the_mark_when_the_computation_fails() -> None:
    def fail() -> str:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        wait_for_current(
            version=lambda: "1",
            ready=lambda _version: None,
            compute=fail,
            mark_key=MARK,
            computing_seconds=60,
            wait_seconds=1,
        )

    assert cache.get(MARK) is None


class SlowMemos:
    """Stands in for ``stats.memo.build_memo``: takes a while, caches its memo under the
    version it read first (as the real one does) and records each computation."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.versions: list[str] = []
        self.lock = threading.Lock()

    def __call__(self, association: Any, period: Period, *, suppress: bool, document: bool) -> Memo:
        version = data_version(association.pk, PERIOD.year)
        with self.lock:
            self.versions.append(version)
        time.sleep(self.seconds)
        json = {"suppression": {"threshold": association.disclosure_threshold}, "v": version}
        memo = Memo(json=json, names={}, document=None)
        cache.set(memo_key_at(association.pk, period.code, suppress, version), memo)
        return memo


@pytest.fixture
def slow(monkeypatch: pytest.MonkeyPatch) -> Iterator[SlowMemos]:
    memos = SlowMemos(0.3)
    monkeypatch.setattr(memo_module, "build_memo", memos)
    monkeypatch.setattr(module, "WAIT_POLL_SECONDS", 0.01)
    yield memos


def in_threads(count: int, *, stagger: float = 0.0) -> list[Memo]:
    results: list[Memo] = []
    lock = threading.Lock()

    def run() -> None:
        memo = current_memo(ASSOCIATION, PERIOD, suppress=True, document=False)
        with lock:
            results.append(memo)

    threads = []
    for _ in range(count):
        threads.append(threading.Thread(target=run))
        threads[-1].start()
        time.sleep(stagger)
    for thread in threads:
        thread.join()
    return results


def test_current_memo_requested_at_once_is_computed_once(slow: SlowMemos) -> None:
    version = data_version(ASSOCIATION.pk, PERIOD.year)

    memos = in_threads(4, stagger=0.02)

    assert (slow.versions, [memo.json["v"] for memo in memos]) == ([version], [version] * 4)


def test_current_memo_after_a_change_during_the_computation_is_of_the_new_version(
    slow: SlowMemos,
) -> None:
    first = threading.Thread(
        target=current_memo,
        args=(ASSOCIATION, PERIOD),
        kwargs={"suppress": True, "document": False},
    )
    first.start()
    time.sleep(0.1)  # the first request computes version 1
    bump_data_version(ASSOCIATION.pk, PERIOD.year)
    changed = data_version(ASSOCIATION.pk, PERIOD.year)

    memo = current_memo(ASSOCIATION, PERIOD, suppress=True, document=False)
    first.join()

    assert (memo.json["v"], len(slow.versions), slow.versions[1]) == (changed, 2, changed)


def test_current_memo_variants_do_not_wait_for_each_other(slow: SlowMemos) -> None:
    assert cache.add(memo_mark_key(ASSOCIATION.pk, PERIOD.code, True), "held")

    memo = current_memo(ASSOCIATION, PERIOD, suppress=False, document=False)

    assert (memo.json["v"], slow.versions) == (
        data_version(ASSOCIATION.pk, PERIOD.year),
        [data_version(ASSOCIATION.pk, PERIOD.year)],
    )


def test_current_memo_of_another_threshold_is_computed_again(slow: SlowMemos) -> None:
    version = data_version(ASSOCIATION.pk, PERIOD.year)
    old = Memo(json={"suppression": {"threshold": 5}, "v": "old"}, names={}, document=None)
    cache.set(memo_key_at(ASSOCIATION.pk, PERIOD.code, True, version), old)

    memo = current_memo(ASSOCIATION, PERIOD, suppress=True, document=False)

    assert (memo.json["v"], slow.versions) == (version, [version])


@pytest.mark.django_db
def test_data_version_changes_again_when_the_write_commits(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from testing.factories import BudgetFactory

    with django_capture_on_commit_callbacks() as callbacks:
        BudgetFactory.create(intervention=world.intervention_a, year=2022, amount=400_000)
    before_commit = data_version(world.association.pk, PERIOD.year)

    for callback in callbacks:
        callback()  # the commit

    assert data_version(world.association.pk, PERIOD.year) != before_commit


def a_survey_answer(world: Any) -> None:
    import datetime as dt

    from survey.instruments import current_instrument
    from survey.services import record_response

    record_response(
        association=world.association,
        form=current_instrument().forms["deltagare_pagaende"],
        date=dt.date(2022, 10, 3),
        values={1: 5},
        intervention=world.intervention_a,
    )


@pytest.mark.django_db
def test_data_version_is_kept_by_a_survey_answer(world: Any) -> None:
    before = data_version(world.association.pk, PERIOD.year)

    a_survey_answer(world)

    assert data_version(world.association.pk, PERIOD.year) == before


@pytest.mark.django_db
@pytest.mark.parametrize("suppress", [True, False])
def test_memo_computation_reads_no_survey_answer(world: Any, suppress: bool) -> None:
    """What the data version keys (the memo with its document sections and the year's
    suppression) never reads the survey's answers, so an answer need not change it."""
    from django.db import connection

    from stats.memo import build_memo

    a_survey_answer(world)
    tables: list[str] = []
    queries: list[str] = []

    def record(execute: Any, sql: str, *rest: Any) -> Any:
        queries.append(sql)
        tables.extend(name for name in ("survey_response", "survey_answer") if name in sql)
        return execute(sql, *rest)

    with connection.execute_wrapper(record):
        memo = build_memo(world.association, PERIOD, suppress=suppress, document=True)

    assert (memo.document is not None, len(queries) > 10, tables) == (True, True, [])


@pytest.mark.django_db
def test_year_suppression_of_data_read_before_a_write_is_kept_under_the_older_version(
    world: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write that commits while the memo reads its tables changes the data version; the
    year's suppression of the tables read before it is stored under the version they were
    read at, never under the new one (where a memo of the newer data would take a hidden
    set that may miss a newly small cell)."""
    from stats.memo import compute_memo

    association = world.association
    read_tables = memo_module.participant_tables_at
    before = data_version(association.pk, PERIOD.year)

    def read_then_a_write_commits(*args: Any, **kwargs: Any) -> Any:
        tables = read_tables(*args, **kwargs)
        bump_data_version(association.pk, PERIOD.year)
        return tables

    monkeypatch.setattr(memo_module, "participant_tables_at", read_then_a_write_commits)
    compute_memo(association, PERIOD, suppress=True)
    after = data_version(association.pk, PERIOD.year)
    k = association.disclosure_threshold
    key = f"finsam:year-suppression:{association.pk}:person:{PERIOD.end}:{k}"

    assert (
        after != before,
        cache.get(f"{key}:{before}") is not None,
        cache.get(f"{key}:{after}"),
    ) == (True, True, None)
