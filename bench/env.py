"""Settings for the benchmark commands: the production settings (``DJANGO_DEBUG=0``) with
public, benchmark-only keys, and a SQLite file under ``bench/out/`` unless
``DATABASE_URL`` is set (``scripts/with-postgres`` sets it).

The keys here protect synthetic data only; they are never used outside ``bench/``.
"""

from __future__ import annotations

import os
from pathlib import Path

OUT_DIR = Path(__file__).resolve().parent / "out"
#: Public key for synthetic benchmark data only (a Fernet key: 32 bytes in base64).
BENCH_FIELD_KEY = "YmVuY2gtb25seS1maW5zYW0ta2V5LTMyLWJ5dGVzISE="
BENCH_SECRET = "bench-only-secret-key-not-for-production-0123456789abcdef"  # noqa: S105  a bench-only key


def configure(*, settings_module: str = "finsam.settings") -> None:
    """Fill in what the production settings require, then ``django.setup()``."""
    import django

    OUT_DIR.mkdir(exist_ok=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    os.environ.setdefault("SECRET_KEY", BENCH_SECRET)
    os.environ.setdefault("FIELD_ENCRYPTION_KEY", BENCH_FIELD_KEY)
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{OUT_DIR / 'bench.sqlite3'}")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    django.setup()


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def vendor() -> str:
    from django.db import connection

    return str(connection.vendor)
