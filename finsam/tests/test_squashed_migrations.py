"""The squashed migrations (docs/deployment.md, "Squashed migrations"): a database that had
every migration of before the squash applied has nothing left to run."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder


def squashed() -> dict[tuple[str, str], list[tuple[str, str]]]:
    disk = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    return {key: list(migration.replaces) for key, migration in disk.items() if migration.replaces}


def test_every_app_with_several_migrations_before_the_squash_is_squashed() -> None:
    apps = sorted({app for app, _ in squashed()})

    assert apps == [
        "audit",
        "finance",
        "followup",
        "funding",
        "interventions",
        "ledger",
        "meetings",
        "participants",
        "survey",
        "tenancy",
    ]


@pytest.mark.django_db
def test_a_database_migrated_before_the_squash_has_nothing_left_to_run() -> None:
    recorder = MigrationRecorder(connection)
    for (app, name), replaced in squashed().items():
        recorder.record_unapplied(app, name)
        for old_app, old_name in replaced:
            recorder.record_applied(old_app, old_name)

    executor = MigrationExecutor(connection)

    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []


@pytest.mark.django_db
def test_a_database_stopped_part_way_before_the_squash_is_not_taken_as_migrated() -> None:
    recorder = MigrationRecorder(connection)
    key = ("ledger", "0001_squashed_0005_annual_report_texts")
    replaced = squashed()[key]
    recorder.record_unapplied(*key)
    for old_app, old_name in replaced[:-1]:
        recorder.record_applied(old_app, old_name)
    recorder.record_unapplied(*replaced[-1])

    loader = MigrationLoader(connection)

    assert key not in loader.applied_migrations
