"""The calendar helpers of ``finsam.years`` against the report periods built on them."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from finsam.years import YEAR_MAX, YEAR_MIN, half_of, quarter_end, quarter_of, quarter_start

DAYS = st.dates(min_value=dt.date(YEAR_MIN, 1, 1), max_value=dt.date(YEAR_MAX, 12, 31))


@given(DAYS)
def test_quarter_of_day_lies_between_its_quarters_start_and_end(day: dt.date) -> None:
    quarter = quarter_of(day)

    assert quarter_start(day.year, quarter) <= day <= quarter_end(day.year, quarter)


@given(DAYS)
def test_half_of_day_holds_its_quarter(day: dt.date) -> None:
    assert half_of(day) == (quarter_of(day) + 1) // 2


def test_quarter_end_is_the_day_before_the_next_quarter() -> None:
    ends = [quarter_end(2024, quarter) for quarter in (1, 2, 3, 4)]

    assert ends == [
        dt.date(2024, 3, 31),
        dt.date(2024, 6, 30),
        dt.date(2024, 9, 30),
        dt.date(2024, 12, 31),
    ]
