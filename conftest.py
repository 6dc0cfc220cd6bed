from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.test import Client
from django_scopes import scopes_disabled

from testing.personas import World, build_world


@pytest.fixture(autouse=True)
def _scopes_disabled_in_tests() -> Iterator[None]:
    """Test bodies arrange data across associations; requests still run scoped."""
    with scopes_disabled():
        yield


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """Every test starts with an empty cache (memos, rate limits, charts)."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture
def client_as(world: World) -> Callable[[str | None], Client]:
    """A logged-in client for a persona name (None = anonymous)."""

    def make(persona: str | None) -> Client:
        client = Client()
        if persona is not None:
            client.force_login(world.users[persona])
        return client

    return make


# Browser fixtures (Playwright with the Debian Chromium): testing/browser.py.
pytest_plugins = ["testing.browser", "testing.redis_server", "testing.queries"]
