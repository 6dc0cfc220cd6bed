"""Fifty concurrent attempts to open the same participation: exactly one row.

Runs on PostgreSQL (``make test`` runs the suite there too). SQLite's in-memory test
database serialises writers with table locks, so the race cannot be staged there."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django_scopes import scope

from participants.models import Participation, Person
from testing.participants import WOMAN_1990, enter_in_a
from testing.personas import World, build_world

ATTEMPTS = 50


@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_entries_give_one_participation() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs a server database for real concurrency (runs on PostgreSQL)")
    world: World = build_world()
    barrier = threading.Barrier(ATTEMPTS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt() -> None:
        try:
            barrier.wait(timeout=30)
            with scope(association=world.association.pk):
                enter_in_a(world, number=WOMAN_1990, on=dt.date(2022, 2, 1))
            result = "created"
        except ValidationError:
            result = "refused"
        except Exception as error:  # an IntegrityError here would be a bug
            result = f"error: {type(error).__name__}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt) for _ in range(ATTEMPTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    with scope(association=world.association.pk):
        assert Participation.objects.count() == 1
        assert Person.objects.count() == 1
    assert sorted(set(outcomes)) == ["created", "refused"]
    assert outcomes.count("created") == 1
