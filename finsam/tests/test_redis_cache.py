"""The cache-dependent parts against a real redis-server (testing/redis_server.py): the
memo cache, log-in throttling, the survey links' rate limit, the pending SIE upload and
/healthz; and two application servers sharing the Redis cache see each other's
throttling, invalidation and uploads, which two hosts with their own file cache do not
(the reason a deployment on several servers needs CACHE_URL, docs/deployment.md)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import redis
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

from finsam.caches import redis_cache as redis_cache_settings
from ledger.models import FiscalYear
from ledger.tests.sie_samples import sample
from survey.models import Response
from survey.tests.test_views import make_link, public
from testing.factories import BudgetFactory, UserFactory
from testing.personas import World
from testing.redis_server import AppServer, requires_redis

pytestmark = [*requires_redis, pytest.mark.django_db]

PASSWORD = "lösenord-för-test"
OFFICE = "10.1.2.3"
FILES = "django.core.cache.backends.filebased.FileBasedCache"


def log_in(email: str, password: str) -> int:
    """One log-in from the office's address: 302 signed in, 200 refused."""
    client = Client(REMOTE_ADDR=OFFICE)
    return client.post(reverse("account_login"), {"login": email, "password": password}).status_code


def stored_keys(url: str, pattern: str) -> list[Any]:
    return list(redis.Redis.from_url(url).keys(pattern))


def memo_a_budget(client: Client) -> int:
    response = client.get(reverse("api:memo", args=["exempel"]), {"period": "2022H1"})
    rows = response.json()["tables"]["budget"]["rows"]
    return int(next(row for row in rows if row["intervention"] == "A")["ytd_budget"])


# --- one server, Redis as its cache ---------------------------------------------------------


def test_memo_cached_in_redis_is_dropped_after_a_write(world: World, redis_cache: str) -> None:
    client = Client()
    client.force_login(world.users["board"])
    before = memo_a_budget(client)

    BudgetFactory.create(intervention=world.intervention_a, year=2022, amount=400_000)

    assert (before, memo_a_budget(client)) == (0, 200_000)
    assert stored_keys(redis_cache, f"finsam:*data-version:{world.association.pk}") != []
    assert len(stored_keys(redis_cache, f"finsam:*memo:{world.association.pk}:*")) == 2


def test_login_throttling_in_redis_locks_the_guessed_account(redis_cache: str) -> None:
    target = UserFactory.create(email="mal@example.se")
    colleague = UserFactory.create(email="kollega@example.se")

    guesses = [log_in(target.email, f"fel-{n}") for n in range(5)]

    assert (guesses, log_in(target.email, PASSWORD), log_in(colleague.email, PASSWORD)) == (
        [200] * 5,
        200,
        302,
    )
    assert stored_keys(redis_cache, "finsam:*") != []


@override_settings(SURVEY_RATE_LIMIT=2)
def test_survey_link_rate_limit_in_redis(world: World, redis_cache: str) -> None:
    link = make_link(world)
    client = Client()

    codes = [client.post(public(link), {"q1": "6"}).status_code for _ in range(3)]

    assert (codes, Response.objects.count()) == ([302, 302, 429], 2)
    assert len(stored_keys(redis_cache, f"finsam:*survey:rate:{link.pk}:*")) == 1


def test_healthz_reports_the_redis_cache(client: Client, redis_cache: str) -> None:
    response = client.get("/healthz")

    assert (response.status_code, response.json()["checks"]["cache"]) == (200, "ok")


# --- two servers ----------------------------------------------------------------------------


@dataclass
class Servers:
    first: AppServer
    second: AppServer
    #: True: both use the one Redis; False: each its own file cache (two single hosts)
    shared: bool


@pytest.fixture(params=["redis", "own-file-cache"])
def servers(request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[Servers]:
    if request.param == "redis":
        url = request.getfixturevalue("redis_cache")
        configs = [redis_cache_settings(url), redis_cache_settings(url)]
    else:
        configs = [{"BACKEND": FILES, "LOCATION": str(tmp_path / name)} for name in "ab"]
    pair = Servers(AppServer(configs[0]), AppServer(configs[1]), request.param == "redis")
    yield pair
    pair.first.close()
    pair.second.close()


def on(server: AppServer, action: Callable[[], Any]) -> Any:
    with server.serving():
        return action()


def test_two_servers_share_login_throttling(servers: Servers) -> None:
    target = UserFactory.create(email="mal@example.se")
    with servers.first.serving():
        for n in range(5):
            log_in(target.email, f"fel-{n}")

    answer = on(servers.second, lambda: log_in(target.email, PASSWORD))

    assert answer == (200 if servers.shared else 302)


def test_two_servers_see_each_others_memo_invalidation(world: World, servers: Servers) -> None:
    client = Client()
    client.force_login(world.users["board"])
    before = on(servers.first, lambda: memo_a_budget(client))

    on(
        servers.second,
        lambda: BudgetFactory.create(intervention=world.intervention_a, year=2022, amount=400_000),
    )
    after = on(servers.first, lambda: memo_a_budget(client))

    assert (before, after) == (0, 200_000 if servers.shared else 0)


@override_settings(SURVEY_RATE_LIMIT=2)
def test_two_servers_share_a_survey_links_rate_limit(world: World, servers: Servers) -> None:
    link = make_link(world)

    codes = [
        on(server, lambda: Client().post(public(link), {"q1": "6"}).status_code)
        for server in (servers.first, servers.second, servers.first, servers.second)
    ]

    assert codes == ([302, 302, 429, 429] if servers.shared else [302, 302, 302, 302])


def test_sie_upload_checked_on_one_server_is_confirmed_on_the_other(
    world: World, servers: Servers
) -> None:
    client = Client()
    client.force_login(world.users["economist"])
    url = reverse("ledger:upload", args=["exempel"])
    checked = on(
        servers.first, lambda: client.post(url, {"file": SimpleUploadedFile("bok.se", sample())})
    )
    token = re.search(r'name="token" value="([0-9a-f]+)"', checked.content.decode())
    assert token is not None

    confirmed = on(
        servers.second, lambda: client.post(url, {"token": token.group(1), "file_name": "bok.se"})
    )

    years = list(FiscalYear.objects.values_list("year", flat=True))
    assert (confirmed.status_code, years) == ((302, [2022]) if servers.shared else (200, []))
