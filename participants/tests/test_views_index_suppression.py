"""The participants start page shows counts to readers of aggregates; the board and the
other non-office roles get them with disclosure control, the office without."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from stats.memo import build_memo
from stats.participants_page import last_ended_quarter
from stats.periods import Period
from testing.participants import enter_in_a, enter_two_women_in_a, make_personnummer
from testing.personas import World
from testing.views import ClientAs

pytestmark = pytest.mark.django_db


TODAY = dt.date(2022, 5, 1)


@pytest.fixture(autouse=True)
def _today_is_first_of_may_2022(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("participants.views.participations.timezone.localdate", lambda: TODAY)


@pytest.fixture
def two_women_this_year(world: World) -> World:
    """Two women registered in the first quarter, which has ended on ``TODAY``."""
    enter_two_women_in_a(world, dt.date(2022, 2, 1))
    return world


def cells(html: str) -> list[str]:
    return re.findall(r'<td class="num">([^<]*)</td>', html)


@pytest.mark.parametrize("persona", ["board", "auditor", "economist", "log_reviewer"])
def test_index_for_aggregate_readers_hides_small_counts(
    two_women_this_year: World, client_as: ClientAs, persona: str
) -> None:
    response = client_as(persona).get("/f/exempel/deltagare/")

    values = cells(response.content.decode())
    assert values
    assert [v for v in values if v.strip() in {"1", "2", "3", "4"}] == []
    assert ".." in values


def test_index_for_the_office_shows_exact_counts(
    two_women_this_year: World, client_as: ClientAs
) -> None:
    response = client_as("admin").get("/f/exempel/deltagare/")

    assert "2" in cells(response.content.decode())


@pytest.mark.parametrize("persona", ["board", "auditor", "economist", "log_reviewer"])
def test_index_for_aggregate_readers_is_the_memo_of_the_last_ended_quarter(
    two_women_this_year: World, client_as: ClientAs, persona: str
) -> None:
    # Registered after the quarter's end: not yet shown.
    enter_in_a(two_women_this_year, number=make_personnummer(dt.date(1990, 3, 14), 282), on=TODAY)
    memo = build_memo(two_women_this_year.association, Period.parse("2022Q1"), suppress=True)
    table = memo.json["tables"]["participants"]
    expected = [
        str(value)
        for row in [*table["rows"], table["total"]]
        for value in (
            row["ongoing"]["total"],
            row["registered"]["women"],
            row["registered"]["men"],
            row["registered"]["total"],
        )
    ]

    response = client_as(persona).get("/f/exempel/deltagare/")

    assert (cells(response.content.decode()), response.context["memo_period"].code) == (
        expected,
        "2022Q1",
    )


def test_last_ended_quarter_is_the_previous_quarter_until_its_last_day_is_over() -> None:
    days = [dt.date(2022, 1, 1), dt.date(2022, 3, 31), dt.date(2022, 4, 1), dt.date(2022, 12, 31)]

    assert [last_ended_quarter(day).code for day in days] == [
        "2021Q4",
        "2021Q4",
        "2022Q1",
        "2022Q3",
    ]
