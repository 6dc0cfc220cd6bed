"""The data migration ``ledger/0004_own_budget_from_finance``: the single-year own-budget
lines of ``finance`` move into the `Förbundsbudget`. The old table is made again from the
migration state for the test (``finance/0004`` dropped it) and removed afterwards."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from testing.factories import AssociationFactory

migration = importlib.import_module("ledger.migrations.0004_own_budget_from_finance")

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def old_apps() -> Iterator[Any]:
    state = MigrationExecutor(connection).loader.project_state(
        ("ledger", "0004_own_budget_from_finance")
    )
    line_model = state.apps.get_model("finance", "OwnBudgetLine")
    with connection.schema_editor() as editor:
        editor.create_model(line_model)
    try:
        yield state.apps
    finally:
        with connection.schema_editor() as editor:
            editor.delete_model(line_model)


def add_line(apps: Any, association: Any, year: int, category: str, budget: int, outcome: int):
    apps.get_model("finance", "OwnBudgetLine")._base_manager.create(
        association_id=association.pk,
        year=year,
        category=category,
        budget=budget,
        outcome=outcome,
    )


def stored(apps: Any) -> list[tuple[str, str, str, str, int, str, int]]:
    amounts = apps.get_model("ledger", "OwnBudgetAmount")._base_manager.select_related(
        "row", "association"
    )
    return sorted(
        (
            amount.association.slug,
            amount.row.code,
            amount.row.label,
            amount.row.group,
            amount.year,
            amount.version,
            amount.amount,
        )
        for amount in amounts
    )


def test_migration_moves_each_line_into_the_forbundsbudget_exactly(old_apps: Any) -> None:
    first = AssociationFactory.create(slug="forsta")
    second = AssociationFactory.create(slug="andra")
    add_line(old_apps, first, 2025, "administration", 640_000, 612_480)
    add_line(old_apps, first, 2026, "administration", 660_000, 0)
    add_line(old_apps, first, 2026, "kansli_personal", 99_999_999_999, 0)
    add_line(old_apps, second, 2026, "styrelse", 185_000, 121_660)
    add_line(old_apps, second, 2026, "ovrigt", 0, 0)
    said: list[str] = []

    written = migration.move_own_budget_lines(old_apps, None, out=said.append)

    assert written == 5
    assert stored(old_apps) == [
        ("andra", "egen_ovrigt", "Övrigt", "administration", 2026, "budget", 0),
        ("andra", "egen_styrelse", "Styrelse", "administration", 2026, "budget", 185_000),
        (
            "forsta",
            "egen_administration",
            "Administration",
            "administration",
            2025,
            "budget",
            640_000,
        ),
        (
            "forsta",
            "egen_administration",
            "Administration",
            "administration",
            2026,
            "budget",
            660_000,
        ),
        (
            "forsta",
            "egen_kansli_personal",
            "Kansli och personal",
            "administration",
            2026,
            "budget",
            99_999_999_999,
        ),
    ]
    assert said == [
        "  2 own-budget outcomes entered by hand were not moved: the outcome of a drift row "
        "comes from the ledger (import the year's SIE file)."
    ]


def test_migration_run_twice_writes_the_same_rows(old_apps: Any) -> None:
    association = AssociationFactory.create(slug="forsta")
    add_line(old_apps, association, 2026, "administration", 660_000, 0)
    add_line(old_apps, association, 2026, "styrelse", 185_000, 0)
    migration.move_own_budget_lines(old_apps, None, out=lambda _text: None)
    once = stored(old_apps)

    migration.move_own_budget_lines(old_apps, None, out=lambda _text: None)

    rows = old_apps.get_model("ledger", "OperatingRow")._base_manager
    assert (stored(old_apps), rows.count()) == (once, 2)


def test_migration_keeps_an_existing_drift_row_of_the_same_code(old_apps: Any) -> None:
    association = AssociationFactory.create(slug="forsta")
    old_apps.get_model("ledger", "OperatingRow")._base_manager.create(
        association_id=association.pk,
        code="egen_administration",
        label="Förbundets administration",
        group="administration",
        accounts="4000-7999",
        position=3,
    )
    add_line(old_apps, association, 2026, "administration", 660_000, 0)

    migration.move_own_budget_lines(old_apps, None, out=lambda _text: None)

    row = old_apps.get_model("ledger", "OperatingRow")._base_manager.get()
    assert (row.label, row.accounts, row.position, stored(old_apps)[0][-1]) == (
        "Förbundets administration",
        "4000-7999",
        3,
        660_000,
    )
