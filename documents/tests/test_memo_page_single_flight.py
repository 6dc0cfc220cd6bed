"""One request at a time computes the memo page's memo after a change of the data; the
others show the last memo of the same period, disclosure variant and permission, with a
note of when it was computed. Downloads always use the current data."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from documents import views
from documents.memo import sources
from documents.tests.sample import fake_memo_for
from stats.cache import bump_data_version
from stats.memo import Memo
from stats.periods import Period
from testing.personas import World

pytestmark = pytest.mark.django_db

MEMO = reverse("documents:memo", args=["exempel"])
JSON = reverse("documents:memo_download", args=["exempel", "json"])
PERIOD = {"period": "2022H2"}
KANSLI = {"period": "2022H2", "version": "kansli"}
STALE = "Siffrorna räknas om efter en ändring. Sidan visar beräkningen från kl. "


class Computations:
    """Stands in for the statistics layer: each computation's memo carries its number in
    the disclosure note ("Beräkning N"), which the page and the JSON show."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, bool]] = []
        self.fake = fake_memo_for(self.calls)

    def __call__(
        self, association: Any, period: Any, *, suppress: bool, document: bool = True
    ) -> Memo:
        memo: Memo = self.fake(association, period, suppress=suppress, document=document)
        note = f"Beräkning {len(self.calls)}"
        data = {**memo.json, "suppression": {**memo.json["suppression"], "note": note}}
        return replace(memo, json=data)


@pytest.fixture
def computations(monkeypatch: pytest.MonkeyPatch) -> Computations:
    fake = Computations()
    monkeypatch.setattr(sources, "memo_for", fake)
    return fake


def mark(world: World, *, suppress: bool) -> str:
    return f"finsam:memo-page:{world.association.pk}:2022H2:{int(suppress)}:computing"


def changed_while_another_request_computes(world: World, *, suppress: bool = True) -> None:
    """A registration changes the data; another request holds the computing mark."""
    bump_data_version(world.association.pk)
    assert cache.add(mark(world, suppress=suppress), True)


def page(client: Client, query: dict[str, str]) -> str:
    response = client.get(MEMO, query)
    assert response.status_code == 200
    return response.content.decode()


def test_memo_page_while_another_request_computes_shows_the_last_memo_and_the_note(
    world: World, client_as: Callable[[str | None], Client], computations: Computations
) -> None:
    client = client_as("board")
    page(client, PERIOD)
    entry = cache.get(f"finsam:memo-page:{world.association.pk}:2022H2:1:0:last")
    changed_while_another_request_computes(world)

    content = page(client, PERIOD)

    time = timezone.localtime(entry.computed_at).strftime("%H:%M")
    assert (
        computations.calls,
        "Beräkning 1" in content,
        f"{STALE}{time}; ladda om sidan om en stund." in content,
        cache.get(mark(world, suppress=True)),
    ) == ([("exempel", "2022H2", True)], True, True, True)


def test_memo_page_never_computed_computes_even_while_another_request_computes(
    world: World, client_as: Callable[[str | None], Client], computations: Computations
) -> None:
    changed_while_another_request_computes(world)

    content = page(client_as("board"), PERIOD)

    assert (computations.calls, "Beräkning 1" in content, STALE in content) == (
        [("exempel", "2022H2", True)],
        True,
        False,
    )


def test_memo_page_after_the_computation_is_current_and_cached(
    world: World, client_as: Callable[[str | None], Client], computations: Computations
) -> None:
    client = client_as("board")
    page(client, PERIOD)
    changed_while_another_request_computes(world)
    stale = page(client, PERIOD)
    cache.delete(mark(world, suppress=True))  # the other request is done

    current = page(client, PERIOD)
    again = page(client, PERIOD)

    assert (
        STALE in stale,
        "Beräkning 2" in current,
        STALE in current,
        "Beräkning 2" in again,
        len(computations.calls),
        cache.get(mark(world, suppress=True)),
    ) == (True, True, False, True, 2, None)


def test_memo_page_never_shows_the_last_unsuppressed_memo_as_the_suppressed_one(
    world: World, client_as: Callable[[str | None], Client], computations: Computations
) -> None:
    client = client_as("admin")
    page(client, KANSLI)
    changed_while_another_request_computes(world, suppress=True)

    content = page(client, PERIOD)

    assert (computations.calls, "Beräkning 2" in content, STALE in content) == (
        [("exempel", "2022H2", False), ("exempel", "2022H2", True)],
        True,
        False,
    )


def test_memo_page_never_shows_the_last_suppressed_memo_as_the_unsuppressed_one(
    world: World, client_as: Callable[[str | None], Client], computations: Computations
) -> None:
    client = client_as("admin")
    page(client, PERIOD)
    changed_while_another_request_computes(world, suppress=False)

    content = page(client, KANSLI)

    assert (computations.calls, STALE in content) == (
        [("exempel", "2022H2", True), ("exempel", "2022H2", False)],
        False,
    )


def test_memo_page_last_memo_of_the_office_is_not_shown_to_the_board(
    world: World, client_as: Callable[[str | None], Client], computations: Computations
) -> None:
    page(client_as("admin"), PERIOD)
    changed_while_another_request_computes(world)

    content = page(client_as("board"), PERIOD)

    assert (len(computations.calls), "Beräkning 2" in content, STALE in content) == (
        2,
        True,
        False,
    )


def test_memo_page_last_memo_of_another_threshold_is_not_shown(
    world: World, client_as: Callable[[str | None], Client], computations: Computations
) -> None:
    client = client_as("board")
    page(client, PERIOD)
    world.association.disclosure_threshold += 2
    world.association.save()
    changed_while_another_request_computes(world)

    content = page(client, PERIOD)

    assert (len(computations.calls), "Beräkning 2" in content, STALE in content) == (
        2,
        True,
        False,
    )


def test_memo_download_while_another_request_computes_uses_the_current_data(
    world: World, client_as: Callable[[str | None], Client], computations: Computations
) -> None:
    client = client_as("board")
    page(client, PERIOD)
    changed_while_another_request_computes(world)

    response = client.get(JSON, PERIOD)

    assert (len(computations.calls), json.loads(response.content)["suppression"]["note"]) == (
        2,
        "Beräkning 2",
    )


def test_memo_page_computing_mark_is_released_when_the_computation_fails(
    world: World, client_as: Callable[[str | None], Client], monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object, **kwargs: object) -> Memo:
        raise RuntimeError("boom")

    monkeypatch.setattr(sources, "memo_for", fail)

    with pytest.raises(RuntimeError):
        views.page_memo(
            world.association,
            Period.parse("2022H2"),
            suppress=True,
            may_unsuppress=False,
        )

    assert cache.get(mark(world, suppress=True)) is None
