"""Settings of the load test's server: the production settings (``DJANGO_DEBUG=0``) with
two changes that running on loopback needs.

- Every simulated user comes from 127.0.0.1. In production the proxy in front of Finsam
  puts the client's address in ``X-Forwarded-For``; trusting one proxy here lets each
  simulated user have its own address, so allauth's per-address rate limits (30 logins a
  minute) apply per user as they would in production with this setting.
- Static files are collected into ``BENCH_STATIC_ROOT`` (a temporary directory), not
  ``var/``.
"""

import os
from pathlib import Path

from finsam.settings import *  # noqa: F403  bench settings extend the settings

ALLAUTH_TRUSTED_PROXY_COUNT = 1
STATIC_ROOT = Path(os.environ.get("BENCH_STATIC_ROOT", "/tmp/finsam-bench-static"))  # noqa: S108  a bench-only scratch folder
