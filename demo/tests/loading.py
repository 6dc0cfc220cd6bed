"""What the demo's tests share: loading the demo (its printed logins returned), loading it
twice with a snapshot after each load, and rows as a sorted fingerprint."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from io import StringIO
from typing import Any, TypeVar

from django.core.management import call_command
from django.db.models import Manager, QuerySet
from django_scopes import scopes_disabled

from demo.loader import remove_demo

Snapshot = TypeVar("Snapshot")


def load() -> str:
    """Run ``load_demo``; its output (the demo logins)."""
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def load_twice(
    django_db_blocker: Any,
    snapshot: Callable[[], Snapshot],
    between: Callable[[], None] = lambda: None,
) -> Iterator[tuple[Snapshot, Snapshot]]:
    """For a module fixture: load the demo, run ``between``, load it again; yields the
    snapshots after each load. The rows stay for the module's tests, then go."""
    with django_db_blocker.unblock(), scopes_disabled():
        load()
        first = snapshot()
        between()
        load()
        yield first, snapshot()
        remove_demo()


def sorted_rows(rows: QuerySet[Any] | Manager[Any], *fields: str) -> list[tuple[Any, ...]]:
    """The ``fields`` of ``rows``, sorted by their text (so that empty values sort too)."""
    return sorted(rows.values_list(*fields), key=str)
