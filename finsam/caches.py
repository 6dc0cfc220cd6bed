"""The cache every application process shares (login rate limits, used TOTP codes, the
memo's data version, survey-link rate limits, import problems, pending SIE uploads, drawn
charts), chosen from the environment (docs/deployment.md):

- ``CACHE_URL=redis://HOST:PORT/DB`` (or ``rediss://`` with TLS, ``unix:///path.sock``):
  Django's Redis backend, shared by every application server; needed with more than one.
- otherwise the file cache in ``CACHE_DIR`` (one host: shared by its gunicorn workers);
- process memory in development (``DJANGO_DEBUG=1`` without ``CACHE_URL``) and in tests
  (which never use ``CACHE_URL``: the Redis tests start their own server).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

REDIS_SCHEMES = ("redis", "rediss", "unix")
#: Seconds to wait for Redis before a request fails (and /healthz says "unreachable").
REDIS_TIMEOUT_SECONDS = 2
KEY_PREFIX = "finsam"
#: Entries the file cache holds before it deletes a random third of them (Django's default,
#: 300, is reached within minutes by the login and survey-link rate limits of a busy host;
#: every cull then also drops memos and data versions, which must be computed again:
#: docs/performance.md, "The file cache's limit"). Each write lists the folder, so the
#: limit stays in the thousands.
FILE_CACHE_MAX_ENTRIES = 10_000


def cache_settings(url: str, *, cache_dir: str, debug: bool, testing: bool) -> dict[str, Any]:
    """The ``CACHES`` setting for this environment."""
    if testing:
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    if url:
        scheme = urlsplit(url).scheme
        if scheme not in REDIS_SCHEMES:
            raise ImproperlyConfigured(
                f"CACHE_URL must start with {', '.join(s + '://' for s in REDIS_SCHEMES)}; "
                f"got {scheme or 'no scheme'}."
            )
        return {"default": redis_cache(url)}
    if debug:
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": cache_dir,
            "OPTIONS": {"MAX_ENTRIES": FILE_CACHE_MAX_ENTRIES},
        }
    }


def redis_cache(url: str) -> dict[str, Any]:
    """One cache entry of Django's Redis backend at ``url``."""
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": KEY_PREFIX,
        "OPTIONS": {
            "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
            "socket_timeout": REDIS_TIMEOUT_SECONDS,
        },
    }
