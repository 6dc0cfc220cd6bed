"""A memo download (and the API's memo) while another request computes the same memo
waits for that computation instead of starting its own, and takes its memo only if it is
of the current data (``stats.cache.current_memo``)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from documents.tests.sample import fake_memo_for
from stats import cache as stats_cache
from stats import memo as memo_module
from stats.cache import bump_data_version, data_version, memo_key_at, memo_mark_key
from stats.memo import Memo
from stats.periods import Period
from testing.personas import World

pytestmark = pytest.mark.django_db

JSON = reverse("documents:memo_download", args=["exempel", "json"])
API = reverse("api:memo", args=["exempel"])
MEMO = reverse("documents:memo", args=["exempel"])
STALE = "Siffrorna räknas om efter en ändring."
PERIOD = Period.parse("2022H2")


class Computed:
    """Stands in for ``stats.memo.build_memo``: records each computation."""

    def __init__(self, world: World) -> None:
        self.calls = 0
        self.world = world

    def __call__(self, association: Any, period: Any, *, suppress: bool, document: bool) -> Memo:
        self.calls += 1
        return noted(self.world, "computed by this request", suppress=suppress)


def noted(world: World, note: str, *, suppress: bool = True) -> Memo:
    memo: Memo = fake_memo_for()(world.association, PERIOD, suppress=suppress, document=False)
    return replace(
        memo, json={**memo.json, "suppression": {**memo.json["suppression"], "note": note}}
    )


@pytest.fixture
def computed(world: World, monkeypatch: pytest.MonkeyPatch) -> Computed:
    fake = Computed(world)
    monkeypatch.setattr(memo_module, "build_memo", fake)
    monkeypatch.setattr(stats_cache, "WAIT_POLL_SECONDS", 0.01)
    return fake


def another_request_computes(world: World, memo: Memo, *, version: str) -> threading.Thread:
    """Another request holds the memo's mark and, 0.2 s later, caches ``memo`` under
    ``version`` and releases the mark."""
    pk = world.association.pk
    mark = memo_mark_key(pk, PERIOD.code, True)
    assert cache.add(mark, version)

    def finish() -> None:
        time.sleep(0.2)
        cache.set(memo_key_at(pk, PERIOD.code, True, version), memo)
        cache.delete(mark)

    thread = threading.Thread(target=finish)
    thread.start()
    return thread


def note(response: Any) -> str:
    assert response.status_code == 200
    return str(json.loads(response.content)["suppression"]["note"])


@pytest.mark.parametrize("url", [JSON, API])
def test_memo_download_while_another_request_computes_waits_for_its_memo(
    world: World, client_as: Callable[[str | None], Client], computed: Computed, url: str
) -> None:
    memo = noted(world, "computed by the other request")
    other = another_request_computes(
        world, memo, version=data_version(world.association.pk, PERIOD.year)
    )

    response = client_as("board").get(url, {"period": "2022H2"})
    other.join()

    assert (note(response), computed.calls) == ("computed by the other request", 0)


@pytest.mark.parametrize("url", [JSON, API])
def test_memo_download_never_takes_the_memo_of_data_older_than_its_start(
    world: World, client_as: Callable[[str | None], Client], computed: Computed, url: str
) -> None:
    old = data_version(world.association.pk, PERIOD.year)
    bump_data_version(
        world.association.pk, PERIOD.year
    )  # a registration after the other one started
    other = another_request_computes(world, noted(world, "of the old data"), version=old)

    response = client_as("board").get(url, {"period": "2022H2"})
    other.join()

    assert (note(response), computed.calls) == ("computed by this request", 1)


def test_memo_download_of_the_unsuppressed_version_does_not_take_the_suppressed_memo(
    world: World, client_as: Callable[[str | None], Client], computed: Computed
) -> None:
    memo = noted(world, "suppressed, by the other request")
    other = another_request_computes(
        world, memo, version=data_version(world.association.pk, PERIOD.year)
    )

    response = client_as("admin").get(JSON, {"period": "2022H2", "version": "kansli"})
    other.join()

    assert (note(response), computed.calls) == ("computed by this request", 1)


def test_memo_page_while_a_download_computes_the_memo_shows_the_last_one(
    world: World, client_as: Callable[[str | None], Client], monkeypatch: pytest.MonkeyPatch
) -> None:
    from documents.memo import sources

    calls: list[Any] = []
    monkeypatch.setattr(sources, "memo_for", fake_memo_for(calls))
    client = client_as("board")
    assert client.get(MEMO, {"period": "2022H2"}).status_code == 200
    bump_data_version(world.association.pk, PERIOD.year)  # a registration; then a download computes
    assert cache.add(memo_mark_key(world.association.pk, PERIOD.code, True), "computing")

    content = client.get(MEMO, {"period": "2022H2"}).content.decode()

    page_mark = f"finsam:memo-page:{world.association.pk}:2022H2:1:computing"
    assert (len(calls), STALE in content, cache.get(page_mark)) == (1, True, None)
