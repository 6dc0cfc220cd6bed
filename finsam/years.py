"""The one home of the calendar Finsam counts in: the years it accepts and the quarters
and half-years of a year. Models, forms, the import, the API and the statistics layer use
these (``stats.periods.Period`` builds its report periods on them), so a year or a quarter
is checked and computed the same way everywhere.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator

#: The years Finsam accepts (a budget year, a report's year, a period's year).
YEAR_MIN, YEAR_MAX = 2000, 2100


def year_validators() -> list[Any]:
    """Validators of a year field: ``YEAR_MIN``..``YEAR_MAX``."""
    return [MinValueValidator(YEAR_MIN), MaxValueValidator(YEAR_MAX)]


def quarter_of(day: dt.date) -> int:
    """The quarter (1-4) ``day`` lies in."""
    return (day.month - 1) // 3 + 1


def quarter_start(year: int, quarter: int) -> dt.date:
    """The first day of the quarter."""
    return dt.date(year, quarter * 3 - 2, 1)


def quarter_end(year: int, quarter: int) -> dt.date:
    """The last day of the quarter."""
    if quarter == 4:
        return dt.date(year, 12, 31)
    return quarter_start(year, quarter + 1) - dt.timedelta(days=1)


def half_of(day: dt.date) -> int:
    """The half-year (1 or 2) ``day`` lies in."""
    return 1 if day.month <= 6 else 2
