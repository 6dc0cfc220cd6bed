"""The participants start page shows counts to readers of aggregates; the board and the
other non-office roles get them with disclosure control, the office without."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone

from testing.participants import enter_two_women_in_a
from testing.personas import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_women_this_year(world: World) -> World:
    enter_two_women_in_a(world, timezone.localdate())
    return world


def cells(html: str) -> list[str]:
    return re.findall(r'<td class="num">([^<]*)</td>', html)


@pytest.mark.parametrize("persona", ["board", "auditor", "economist", "log_reviewer"])
def test_index_for_aggregate_readers_hides_small_counts(
    two_women_this_year: World, client_as: Callable[[str | None], Client], persona: str
) -> None:
    response = client_as(persona).get("/f/exempel/deltagare/")

    values = cells(response.content.decode())
    assert values
    assert [v for v in values if v.strip() in {"1", "2", "3", "4"}] == []
    assert ".." in values


def test_index_for_the_office_shows_exact_counts(
    two_women_this_year: World, client_as: Callable[[str | None], Client]
) -> None:
    response = client_as("admin").get("/f/exempel/deltagare/")

    assert "2" in cells(response.content.decode())
