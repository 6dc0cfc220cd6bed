"""A real ``redis-server`` (Debian package ``redis-server``) for the tests of the shared
cache (docs/deployment.md, "Several servers"): started once per test process on a free
loopback port, with no persistence, and stopped at the end. Without the binary the tests
are skipped with the reason below; ``make test`` installs it (``scripts/ensure-redis``).

``redis_url``: the server's URL. ``redis_cache``: the settings' cache switched to Django's
Redis backend on that server (configured by ``finsam.caches.redis_cache``, as production
is). ``AppServer``: one application server of several, each with its own cache connections
(its own Redis client, or its own file cache to show what one host's cache cannot do).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from asgiref.local import Local
from django.core.cache import cache, caches
from django.test import override_settings
from django.utils.module_loading import import_string

from finsam.caches import redis_cache as redis_cache_settings

INSTALL = "apt-get install -y redis-server"
SKIP_REASON = (
    f"redis-server saknas (Debian-paketet redis-server): installera med `{INSTALL}` "
    "eller kör `scripts/ensure-redis` (make test gör det)."
)
START_SECONDS = 10


def redis_server_path() -> str | None:
    """The ``redis-server`` binary (``FINSAM_REDIS_SERVER``, else on PATH or /usr/bin)."""
    candidates = [os.environ.get("FINSAM_REDIS_SERVER"), shutil.which("redis-server")]
    candidates.append("/usr/bin/redis-server")
    for candidate in candidates:
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


#: Mark a test module with this: skipped (with the install command) without the binary.
requires_redis = [
    pytest.mark.redis,
    pytest.mark.skipif(redis_server_path() is None, reason=SKIP_REASON),
]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _answers(port: int, process: subprocess.Popen[bytes]) -> bool:
    """True once the server answers PING; False when it exits (e.g. the port was taken)."""
    import redis

    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            if redis.Redis(host="127.0.0.1", port=port, socket_timeout=1).ping():
                return True
        except redis.exceptions.ConnectionError:
            time.sleep(0.05)
    return False


@contextmanager
def running_redis(folder: Path) -> Iterator[str]:
    """A redis-server on 127.0.0.1 for the block; yields its URL and stops it after."""
    path = redis_server_path()
    if path is None:
        pytest.skip(SKIP_REASON)
    for _attempt in range(3):  # another process may take the free port first
        port = _free_port()
        process = subprocess.Popen(  # noqa: S603 - fixed arguments, our own binary
            [
                path,
                "--bind", "127.0.0.1",
                "--port", str(port),
                "--save", "",
                "--appendonly", "no",
                "--dir", str(folder),
                "--daemonize", "no",
                "--protected-mode", "yes",
                "--loglevel", "warning",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        if _answers(port, process):
            break
        process.kill()
        process.wait()
    else:
        raise RuntimeError("redis-server did not start on a free loopback port")
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_redis(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.fixture
def redis_cache(redis_url: str) -> Iterator[str]:
    """The default cache is Redis for the test, empty at its start and end."""
    with override_settings(CACHES={"default": redis_cache_settings(redis_url)}):
        cache.clear()
        try:
            yield redis_url
        finally:
            cache.clear()


def make_cache(config: dict[str, Any]) -> Any:
    """A cache instance from one ``CACHES`` entry, as Django's cache handler makes it."""
    params = dict(config)
    backend = import_string(params.pop("BACKEND"))
    return backend(params.pop("LOCATION", ""), params)


class AppServer:
    """One application server: requests made inside ``serving()`` use this server's own
    cache connection (Django keeps one per process; here one per server)."""

    def __init__(self, cache_config: dict[str, Any]) -> None:
        self._connections = Local()
        self._connections.default = make_cache(cache_config)

    @contextmanager
    def serving(self) -> Iterator[None]:
        handler: Any = caches  # its per-thread connections: Django's private attribute
        saved = handler._connections
        handler._connections = self._connections
        try:
            yield
        finally:
            handler._connections = saved

    def close(self) -> None:
        self._connections.default.close()
