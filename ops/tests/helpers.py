"""Shared arrangements for the operations tests: a small association with participants,
reports and money; running manage.py against another database in a subprocess."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.db import connection

from finance.tests.factories import CostOutcomeFactory
from followup.tests.factories import SubmittedReportFactory
from ops.backup import BackupError, find_binary
from participants.choices import ExitReason
from participants.services import register_anonymous, update_participation
from testing.commands import run_python
from testing.factories import BudgetFactory, CountedInterventionFactory
from testing.participants import make_personnummer, stored_entry
from testing.personas import World, build_world

D = dt.date


def build_small_association() -> World:
    """The personas' world plus, in "exempel": 8 named persons in intervention A (3 leave
    for work or studies in 2022H2), 2 anonymous entries, a submitted Q3 report of a
    structural intervention, a 2022 budget and two quarters of costs."""
    world = build_world()
    a = world.intervention_a
    entries = [
        stored_entry(
            a,
            make_personnummer(D(1980 + serial, 3, 1 + serial), 300 + serial),
            D(2022, 2, 1),
            name=f"Testperson {serial}",
        )
        for serial in range(8)
    ]
    for participation, reason, extent in (
        (entries[0], ExitReason.WORK_UNSUBSIDISED, 100),
        (entries[1], ExitReason.WORK_UNSUBSIDISED, 50),
        (entries[2], ExitReason.STUDIES, None),
    ):
        update_participation(
            user=None,
            participation=participation,
            values={"exit_date": D(2022, 9, 15), "exit_reason": reason, "work_extent": extent},
            check_access=False,
        )
    for gender in ("kvinna", "man"):
        register_anonymous(
            user=None, intervention=a, gender=gender, entry_date=D(2022, 8, 1), check_access=False
        )
    structural = CountedInterventionFactory.create(
        association=world.association, code="S", name="Strukturinsats S"
    )
    SubmittedReportFactory.create(
        intervention=structural, year=2022, quarter=3, submitted_on=D(2022, 10, 20)
    )
    BudgetFactory.create(intervention=a, year=2022, amount=1_200_000)
    CostOutcomeFactory.create(intervention=a, year=2022, quarter=3, amount=250_000)
    CostOutcomeFactory.create(intervention=a, year=2022, quarter=4, amount=320_000)
    return world


def require_postgres_tools() -> None:
    for name in ("pg_dump", "pg_restore"):
        try:
            find_binary(name)
        except BackupError:
            pytest.skip(f"{name} is not installed (Debian: postgresql-client-15)")


def database_url(name: str) -> str:
    """A DATABASE_URL for database ``name`` on the test connection's server (PostgreSQL)."""
    settings = connection.settings_dict
    user = quote(settings.get("USER") or "", safe="")
    password = settings.get("PASSWORD") or ""
    auth = f"{user}:{quote(password, safe='')}" if password else user
    host = quote(settings.get("HOST") or "", safe="")
    port = f":{settings['PORT']}" if settings.get("PORT") else ""
    return f"postgres://{auth}@{host}{port}/{name}"


@contextmanager
def empty_database(tmp_path: Path) -> Iterator[str]:
    """A DATABASE_URL of a new, empty database: a fresh SQLite file, or on PostgreSQL a
    second database on the same server, dropped afterwards."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    import psycopg

    settings = connection.settings_dict
    name = f"finsam_drill_{uuid.uuid4().hex[:12]}"
    params: dict[str, Any] = {
        "dbname": settings["NAME"],
        "user": settings.get("USER") or None,
        "password": settings.get("PASSWORD") or None,
        "host": settings.get("HOST") or None,
        "port": settings.get("PORT") or None,
        "autocommit": True,
    }
    with psycopg.connect(**{k: v for k, v in params.items() if v is not None}) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield database_url(name)
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_in(
    database_url: str, media_root: Path, args: list[str]
) -> subprocess.CompletedProcess[str]:
    """``python <args>`` in the project with the test settings and another database."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "MEDIA_ROOT")}
    env.update(
        DJANGO_SETTINGS_MODULE="finsam.test_settings",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(media_root),
    )
    return run_python(args, env=env, timeout=300)


#: Prints the memo exactly as the drill compares it, then how many persons' identity
#: decrypts and is found again by its look-up hash (counts only).
REPORT_SCRIPT = """
import django
django.setup()
from django_scopes import scopes_disabled
from ops.fingerprint import memo_text
from participants import crypto
from participants.models import IdentityRecord
from tenancy.models import Association
with scopes_disabled():
    print(memo_text(Association.objects.get(slug="exempel"), "2022H2"))
    records = list(IdentityRecord.objects.select_related("person"))
    print(sum(crypto.lookup_hash(crypto.decrypt(r.pnr_encrypted)) == r.person.pnr_hash
              for r in records))
"""
