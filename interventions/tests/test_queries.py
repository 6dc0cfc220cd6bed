from __future__ import annotations

import datetime as dt

import pytest

from interventions.models import Budget, Intervention
from interventions.queries import PeriodStatus, budget_years, period_status

TODAY = dt.date(2025, 6, 15)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (dt.date(2025, 6, 16), None, PeriodStatus.UPCOMING),
        (dt.date(2025, 6, 15), None, PeriodStatus.ONGOING),
        (dt.date(2020, 1, 1), dt.date(2025, 6, 15), PeriodStatus.ONGOING),
        (dt.date(2020, 1, 1), dt.date(2025, 6, 14), PeriodStatus.ENDED),
    ],
)
def test_period_status_relative_to_today(
    start: dt.date, end: dt.date | None, expected: PeriodStatus
) -> None:
    intervention = Intervention(start_date=start, end_date=end)

    assert period_status(intervention, today=TODAY) == expected


def test_budget_years_groups_rows_by_year_in_quarter_order() -> None:
    rows = [
        Budget(year=2024, quarter=4, amount=40),
        Budget(year=2023, quarter=None, amount=100),
        Budget(year=2024, quarter=2, amount=20),
    ]

    years = budget_years(rows)

    assert [(y.year, y.total, y.quarters, [r.quarter for r in y.rows]) for y in years] == [
        (2023, 100, None, [None]),
        (2024, 60, [None, 20, None, 40], [2, 4]),
    ]


def test_budget_years_of_no_rows_is_empty() -> None:
    assert budget_years([]) == []
