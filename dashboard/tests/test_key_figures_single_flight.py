"""Only one request recomputes the dashboard's key figures; the others show the last ones."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.cache import cache

from dashboard import key_figures as module
from testing.personas import World

pytestmark = pytest.mark.django_db

TODAY = dt.date(2022, 5, 1)


@pytest.fixture
def key(world: World) -> str:
    cache.clear()
    return f"finsam:key-figures:{world.association.pk}:2022H1:1"


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> list[SimpleNamespace]:
    """Stands in for the memo: records each recomputation and returns a new result."""
    results: list[SimpleNamespace] = []

    def compute(association: object, *, period: object, suppress: bool) -> SimpleNamespace:
        results.append(SimpleNamespace(threshold=5))
        return results[-1]

    monkeypatch.setattr(module, "compute_key_figures", compute)
    return results


def test_key_figures_while_another_request_computes_are_the_last_ones(
    world: World, key: str, computed: list[SimpleNamespace]
) -> None:
    last = SimpleNamespace(threshold=5)
    cache.set(f"{key}:last", last)
    cache.add(f"{key}:computing", True)

    figures = module.key_figures(world.association, today=TODAY, suppress=True)

    assert (figures, computed, cache.get(f"{key}:computing")) == (last, [], True)


def test_key_figures_never_computed_are_computed_even_while_another_request_computes(
    world: World, key: str, computed: list[SimpleNamespace]
) -> None:
    cache.add(f"{key}:computing", True)

    figures = module.key_figures(world.association, today=TODAY, suppress=True)

    assert (figures, computed, cache.get(f"{key}:computing")) == (computed[0], [figures], True)


def test_key_figures_of_another_threshold_are_not_shown_as_the_last_ones(
    world: World, key: str, computed: list[SimpleNamespace]
) -> None:
    cache.set(f"{key}:last", SimpleNamespace(threshold=3))
    cache.add(f"{key}:computing", True)

    figures = module.key_figures(world.association, today=TODAY, suppress=True)

    assert computed == [figures]


def test_key_figures_computed_are_kept_as_the_last_ones_and_the_mark_released(
    world: World, key: str, computed: list[SimpleNamespace]
) -> None:
    figures = module.key_figures(world.association, today=TODAY, suppress=True)

    assert (cache.get(key), cache.get(f"{key}:last"), cache.get(f"{key}:computing")) == (
        figures,
        figures,
        None,
    )


def test_key_figures_computing_mark_is_released_when_the_computation_fails(
    world: World, key: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object, **kwargs: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(module, "compute_key_figures", fail)

    with pytest.raises(RuntimeError):
        module.key_figures(world.association, today=TODAY, suppress=True)

    assert cache.get(f"{key}:computing") is None


def test_key_figures_real_computation_is_cached(world: World, key: str) -> None:
    figures = module.key_figures(world.association, today=TODAY, suppress=True)

    assert (cache.get(key), cache.get(f"{key}:last")) == (figures, figures)
