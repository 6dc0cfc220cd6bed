"""The participants page's counts for readers of aggregates (issue 18, item 5).

Counts taken at today's date with a definition of their own would be tied to the memos
only by inequalities (entered today ≥ registered at the last quarter end), which together
with a memo's sums could narrow a count the memo hides. So readers under disclosure control
see the figures the memo of the last ended quarter (year to date) already publishes, with
that memo's suppression: the page adds nothing the board cannot read in the memos. The
office, which sees unsuppressed figures anyway, keeps today's live counts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from finsam.years import quarter_of
from stats.memo import build_memo
from stats.periods import Period
from tenancy.models import Association


def last_ended_quarter(today: dt.date) -> Period:
    """The latest quarter whose last day is over on ``today``."""
    year, quarter = today.year, quarter_of(today)
    if quarter == 1:
        return Period(year - 1, 4, 4)
    return Period(year, quarter - 1, quarter - 1)


@dataclass(frozen=True)
class PageCounts:
    """Per intervention code ``{"entered": G, "ongoing": n}`` (``".."`` where hidden),
    the total row, and the memo's note on what ``..`` means."""

    period: Period
    rows: dict[str, dict[str, Any]]
    total: dict[str, Any] | None
    note: str


def published_page_counts(association: Association, *, today: dt.date) -> PageCounts:
    """The memo's ``participants`` table of the last ended quarter: registered year to
    date by gender and ongoing at the quarter's end, suppressed as the memo is."""
    period = last_ended_quarter(today)
    memo = build_memo(association, period, suppress=True)
    table = memo.json["tables"]["participants"]

    def figures(row: dict[str, Any]) -> dict[str, Any]:
        return {"entered": row["registered"], "ongoing": row["ongoing"]["total"]}

    rows = {row["intervention"]: figures(row) for row in table["rows"]}
    total = figures(table["total"]) if table["rows"] else None
    return PageCounts(
        period=period, rows=rows, total=total, note=memo.notes.get("participants", "")
    )
