"""The memo is cached until the association's data changes."""

from __future__ import annotations

from typing import Any

import pytest

from stats.memo import memo_json
from testing.factories import BudgetFactory
from testing.personas import World

pytestmark = pytest.mark.django_db


def a_budget(data: dict[str, Any]) -> int:
    return next(r for r in data["tables"]["budget"]["rows"] if r["intervention"] == "A")[
        "ytd_budget"
    ]


def test_memo_reflects_a_write_made_after_it_was_cached(world: World) -> None:
    before = memo_json(world.association, "2022H1")

    BudgetFactory.create(intervention=world.intervention_a, year=2022, amount=400_000)

    assert (a_budget(before), a_budget(memo_json(world.association, "2022H1"))) == (0, 200_000)


def test_memo_of_another_association_is_not_invalidated_or_mixed(world: World) -> None:
    mine = memo_json(world.association, "2022H1")
    BudgetFactory.create(intervention=world.other_intervention, year=2022, amount=400_000)

    assert memo_json(world.association, "2022H1") == mine


def test_memo_follows_a_changed_threshold(world: World) -> None:
    memo_json(world.association, "2022H1")
    world.association.disclosure_threshold = 3
    world.association.save()

    assert memo_json(world.association, "2022H1")["suppression"]["threshold"] == 3


def test_suppressed_and_unsuppressed_are_cached_apart(world: World) -> None:
    suppressed = memo_json(world.association, "2022H1", suppress=True)
    unsuppressed = memo_json(world.association, "2022H1", suppress=False)

    assert (suppressed["suppression"]["applied"], unsuppressed["suppression"]["applied"]) == (
        True,
        False,
    )


def test_reading_participants_keeps_the_cached_memo(world: World) -> None:
    from audit.models import AccessAction, AccessLogEntry, Outcome
    from stats.cache import data_version

    before = data_version(world.association.pk, 2022)
    AccessLogEntry.objects.create(
        association=world.association,
        user=world.users["participant_officer_a"],
        role="deltagaransvarig",
        action=AccessAction.LIST,
        purpose="test",
        outcome=Outcome.OK,
    )
    after_log = data_version(world.association.pk, 2022)
    BudgetFactory.create(intervention=world.intervention_a, year=2022, amount=400_000)

    assert (after_log == before, data_version(world.association.pk, 2022) == before) == (
        True,
        False,
    )
