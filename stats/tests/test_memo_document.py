"""The memo object documents render (``stats.memo.build_memo(..., document=True)``): it
carries the document's sections, is cached with the figures, and costs the JSON's readers
nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope

from interventions.models import Intervention
from stats import memo as memo_module
from stats.memo import build_memo, memo_json
from stats.memo_document import memo_extras
from stats.periods import Period
from testing.personas import World

pytestmark = pytest.mark.django_db

PERIOD = "2022H1"


def test_memo_without_document_has_no_document_sections(world: World) -> None:
    memo = build_memo(world.association, PERIOD)

    assert memo.document is None


def test_memo_document_is_the_statistics_layers_sections(world: World) -> None:
    memo = build_memo(world.association, PERIOD, document=True)

    with scope(association=world.association.pk):
        expected = memo_extras(world.association, Period.parse(PERIOD))
        interventions = list(Intervention.objects.all())
    assert (memo.document, memo.names, memo.disclosure_note) == (
        expected,
        {each.code: each.display_name for each in interventions},
        memo.json["suppression"]["note"],
    )


def test_memo_document_kinds_cover_every_intervention(world: World) -> None:
    memo = build_memo(world.association, PERIOD, document=True)

    with scope(association=world.association.pk):
        kinds = {each.code: each.kind for each in Intervention.objects.all()}
    assert memo.document is not None
    assert dict(memo.document.kinds) == kinds


def test_memo_json_readers_never_compute_the_document(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the document's sections were computed")

    monkeypatch.setattr(memo_module, "memo_extras", refuse)

    data = memo_json(world.association, PERIOD)

    assert data["period"] == PERIOD


def test_memo_document_is_cached_with_the_figures(world: World) -> None:
    first = build_memo(world.association, PERIOD, document=True)

    with CaptureQueriesContext(connection) as queries:
        again = build_memo(world.association, PERIOD, document=True)

    assert (len(queries), again) == (0, first)


def test_memo_document_is_added_to_a_memo_cached_for_the_json(world: World) -> None:
    memo_json(world.association, PERIOD)
    with_document = build_memo(world.association, PERIOD, document=True)

    with CaptureQueriesContext(connection) as queries:
        again = build_memo(world.association, PERIOD, document=True)

    assert (with_document.document is not None, len(queries), again) == (True, 0, with_document)


def test_memo_document_follows_a_renamed_association(world: World) -> None:
    build_memo(world.association, PERIOD, document=True)
    world.association.name = "Samordningsförbundet Nytt namn"
    world.association.save()

    memo = build_memo(world.association, PERIOD, document=True)

    assert memo.document is not None
    assert memo.document.association_name == "Samordningsförbundet Nytt namn"


def test_memo_document_reuses_the_memos_money_and_goal_status(world: World) -> None:
    from django.core.cache import cache

    with scope(association=world.association.pk), CaptureQueriesContext(connection) as alone:
        memo_extras(world.association, Period.parse(PERIOD))
    cache.clear()
    with CaptureQueriesContext(connection) as figures_only:
        build_memo(world.association, PERIOD)
    cache.clear()

    with CaptureQueriesContext(connection) as both:
        memo = build_memo(world.association, PERIOD, document=True)

    # money_figures (4 queries) and goal_status_table (2) are the memo's own.
    with scope(association=world.association.pk):
        expected = memo_extras(world.association, Period.parse(PERIOD))
    assert (len(both), memo.document) == (len(figures_only) + len(alone) - 6, expected)
