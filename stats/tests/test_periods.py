from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stats.periods import Period, round_half_up


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2022", dt.date(2022, 1, 1), dt.date(2022, 12, 31)),
        ("2022H1", dt.date(2022, 1, 1), dt.date(2022, 6, 30)),
        ("2022H2", dt.date(2022, 7, 1), dt.date(2022, 12, 31)),
        ("2022Q1", dt.date(2022, 1, 1), dt.date(2022, 3, 31)),
        ("2022Q2", dt.date(2022, 4, 1), dt.date(2022, 6, 30)),
        ("2022Q3", dt.date(2022, 7, 1), dt.date(2022, 9, 30)),
        ("2024Q4", dt.date(2024, 10, 1), dt.date(2024, 12, 31)),
        (" 2022h2 ", dt.date(2022, 7, 1), dt.date(2022, 12, 31)),
    ],
)
def test_period_parse_start_and_end(text: str, start: dt.date, end: dt.date) -> None:
    period = Period.parse(text)

    assert (period.start, period.end) == (start, end)


def test_period_half_year_quarters_and_ytd() -> None:
    period = Period.parse("2022H2")

    assert (period.ytd_start, period.quarters, period.ytd_quarters) == (
        dt.date(2022, 1, 1),
        ((2022, 3), (2022, 4)),
        ((2022, 1), (2022, 2), (2022, 3), (2022, 4)),
    )


def test_period_quarter_ytd_stops_at_the_quarter() -> None:
    period = Period.parse("2023Q2")

    assert (period.quarters, period.ytd_quarters, period.ends_year) == (
        ((2023, 2),),
        ((2023, 1), (2023, 2)),
        False,
    )


@pytest.mark.parametrize("code", ["2022", "2022H1", "2022H2", "2022Q1", "2022Q4"])
def test_period_code_round_trips(code: str) -> None:
    assert Period.parse(code).code == code


@pytest.mark.parametrize("text", ["", "22H1", "2022H3", "2022Q5", "2022Q0", "2022-H1", "1999"])
def test_period_parse_invalid_raises_swedish_message(text: str) -> None:
    with pytest.raises(ValueError, match=r"(ange ÅÅÅÅ|halvår|kvartal|mellan 2000)"):
        Period.parse(text)


@pytest.mark.parametrize(
    ("today", "code"),
    [(dt.date(2022, 6, 30), "2022H1"), (dt.date(2022, 7, 1), "2022H2")],
)
def test_period_current_half(today: dt.date, code: str) -> None:
    assert Period.current_half(today).code == code


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        (83, 200, 42),  # 41.5 -> 42
        (829, 2000, 41),  # 41.45 -> 41
        (1, 3, 33),
        (2, 3, 67),
        (0, 5, 0),
        (5, 0, None),
        (0, 0, None),
        (-83, 200, -42),  # repayments: halves away from zero
        (Decimal("41.5"), 100, 42),
        (1_150_000, 1_000_000, 115),
    ],
)
def test_round_half_up(numerator: int, denominator: int, expected: int | None) -> None:
    assert round_half_up(numerator, denominator) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("2022 kv 3", "2022Q3"),
        ("2022 KV 3", "2022Q3"),
        ("2022kv3", "2022Q3"),
        ("2022K3", "2022Q3"),
        ("2022 K3", "2022Q3"),
        ("2022 k 1", "2022Q1"),
        ("2022 kvartal 4", "2022Q4"),
        ("2022 Q3", "2022Q3"),
        ("2022q2", "2022Q2"),
        ("2022 halvår 2", "2022H2"),
        ("2022 h1", "2022H1"),
    ],
)
def test_period_parse_accepts_swedish_forms(text: str, code: str) -> None:
    assert Period.parse(text).code == code


@pytest.mark.parametrize("text", ["2022 kv 5", "2022 kv", "kv 3 2022", "2022 kvart 3", "2022K0"])
def test_period_parse_rejects_broken_swedish_forms(text: str) -> None:
    with pytest.raises(ValueError, match=r"(halvår|kvartal)"):
        Period.parse(text)


@given(
    year=st.integers(min_value=2000, max_value=2100),
    quarter=st.integers(min_value=1, max_value=4),
    kind=st.sampled_from(["Q", "q", "K", "k", "kv", "KV", "Kv", "kvartal", "Kvartal"]),
    before=st.sampled_from(["", " ", "  "]),
    after=st.sampled_from(["", " "]),
)
def test_period_parse_quarter_in_any_written_form(
    year: int, quarter: int, kind: str, before: str, after: str
) -> None:
    assert Period.parse(f" {year}{before}{kind}{after}{quarter} ").code == f"{year}Q{quarter}"
