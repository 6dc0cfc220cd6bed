"""The garbage collector paused while the memo is computed (stats.collection)."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from stats.collection import paused_collection
from testing.personas import World


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    enabled = gc.isenabled()
    yield
    if enabled:
        gc.enable()
    else:
        gc.disable()


def test_paused_collection_disables_inside_and_enables_after() -> None:
    gc.enable()

    with paused_collection():
        inside = gc.isenabled()

    assert (inside, gc.isenabled()) == (False, True)


def test_paused_collection_nested_enables_only_at_the_outer_end() -> None:
    gc.enable()

    with paused_collection():
        with paused_collection():
            pass
        between = gc.isenabled()

    assert (between, gc.isenabled()) == (False, True)


def test_paused_collection_keeps_a_collector_disabled_before() -> None:
    gc.disable()

    with paused_collection():
        pass

    assert gc.isenabled() is False


def test_paused_collection_enables_again_after_an_error() -> None:
    gc.enable()

    with pytest.raises(RuntimeError), paused_collection():
        raise RuntimeError("boom")

    assert gc.isenabled() is True


def test_paused_collection_overlapping_threads_enable_after_the_last() -> None:
    gc.enable()
    entered, release = threading.Event(), threading.Event()
    seen: list[bool] = []

    def other() -> None:
        with paused_collection():
            entered.set()
            release.wait(5)
        seen.append(gc.isenabled())

    thread = threading.Thread(target=other)
    thread.start()
    entered.wait(5)
    with paused_collection():
        pass
    while_other_runs = gc.isenabled()
    release.set()
    thread.join(5)

    assert (while_other_runs, seen) == (False, [True])


@pytest.mark.django_db
def test_memo_is_computed_with_the_collector_paused_and_enabled_after(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stats import memo

    compute = memo.compute_memo
    seen: list[bool] = []

    def recording(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return compute(*args, **kwargs)

    monkeypatch.setattr(memo, "compute_memo", recording)
    gc.enable()

    memo.memo_json(world.association, "2022H1")

    assert (seen, gc.isenabled()) == ([False], True)
