"""The cache is chosen from the environment (finsam/caches.py) and /healthz reports it."""

from __future__ import annotations

import socket

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, override_settings

from finsam.caches import cache_settings, redis_cache
from testing.redis_server import SKIP_REASON, redis_server_path

REDIS = "django.core.cache.backends.redis.RedisCache"
FILES = "django.core.cache.backends.filebased.FileBasedCache"
MEMORY = "django.core.cache.backends.locmem.LocMemCache"


@pytest.mark.parametrize(
    ("url", "debug", "backend", "location"),
    [
        ("", False, FILES, "/var/lib/finsam/cache"),
        ("redis://10.0.0.5:6379/1", False, REDIS, "redis://10.0.0.5:6379/1"),
        ("rediss://cache.example.se:6380/0", False, REDIS, "rediss://cache.example.se:6380/0"),
        ("unix:///run/redis/redis.sock", False, REDIS, "unix:///run/redis/redis.sock"),
        ("", True, MEMORY, None),
        ("redis://127.0.0.1:6379/0", True, REDIS, "redis://127.0.0.1:6379/0"),
    ],
)
def test_cache_settings_by_environment(url, debug, backend, location):
    config = cache_settings(url, cache_dir="/var/lib/finsam/cache", debug=debug, testing=False)

    assert (config["default"]["BACKEND"], config["default"].get("LOCATION")) == (
        backend,
        location,
    )


def test_file_cache_keeps_a_data_version_while_rate_limits_fill_it(tmp_path):
    from django.core.cache.backends.filebased import FileBasedCache

    config = cache_settings("", cache_dir=str(tmp_path), debug=False, testing=False)["default"]
    cache = FileBasedCache(config["LOCATION"], {"OPTIONS": config["OPTIONS"]})
    cache.set("finsam:data-version:1", "v1", None)

    for number in range(1_000):
        cache.set(f"rate-limit:{number}", number, 60)

    assert (cache.get("finsam:data-version:1"), len(list(tmp_path.iterdir()))) == ("v1", 1_001)


def test_cache_settings_in_tests_are_process_memory_whatever_the_url():
    config = cache_settings("redis://10.0.0.5:6379/1", cache_dir="x", debug=False, testing=True)

    assert config == {"default": {"BACKEND": MEMORY}}


def test_cache_settings_refuse_an_unknown_scheme():
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL must start with redis://"):
        cache_settings("memcached://10.0.0.5", cache_dir="x", debug=False, testing=False)


def test_redis_cache_has_short_timeouts_and_a_prefix():
    assert redis_cache("redis://h:6379/0") == {
        "BACKEND": REDIS,
        "LOCATION": "redis://h:6379/0",
        "KEY_PREFIX": "finsam",
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }


def _closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.django_db
def test_healthz_fails_when_the_cache_is_unreachable(client: Client) -> None:
    unreachable = redis_cache(f"redis://127.0.0.1:{_closed_port()}/0")

    with override_settings(CACHES={"default": unreachable}):
        response = client.get("/healthz")

    assert (response.status_code, response.json()) == (
        503,
        {
            "status": "error",
            "checks": {
                "database": "ok",
                "migrations": "ok",
                "worker": "unknown",
                "cache": "unreachable",
            },
        },
    )


def test_redis_tests_find_no_server_without_the_binary(monkeypatch):
    monkeypatch.delenv("FINSAM_REDIS_SERVER", raising=False)
    monkeypatch.setattr("testing.redis_server.shutil.which", lambda name: None)
    monkeypatch.setattr("testing.redis_server.os.access", lambda path, mode: False)

    assert (redis_server_path(), "apt-get install -y redis-server" in SKIP_REASON) == (None, True)
