"""Smoke test of ``bench.early_year`` at a tiny size (nothing timed): it moves the
participations, times the memo and leaves the data as it was."""

from __future__ import annotations

import pytest
from django_scopes import scopes_disabled

from bench.early_year import run
from bench.national import generate
from participants.models import Participation


def _dates() -> list[tuple[int, object, object, str]]:
    with scopes_disabled():
        return list(
            Participation.objects.order_by("pk").values_list(
                "pk", "entry_date", "exit_date", "exit_reason"
            )
        )


@pytest.mark.django_db
def test_early_year_moves_three_participations_and_rolls_them_back() -> None:
    generate(1, 0.003, None)
    before = _dates()

    result = run("nat-00", 3, 2026)

    assert (result["moved"], _dates() == before, bool(result["searches"])) == (3, True, True)
