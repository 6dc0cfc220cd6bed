"""The dashboard's key figures of the current year, taken from the follow-up memo of the
current half-year (``stats.memo``), so that the dashboard, the memo page and every
document show the same numbers. Disclosure control applies unless the user may see the
unsuppressed memo (the office)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from stats.cache import current_memo
from stats.periods import Period
from tenancy.models import Association

#: Exit groups shown in the dashboard chart, with Swedish labels.
EXIT_GROUPS = (
    ("work", "Arbete"),
    ("studies", "Studier"),
    ("job_seeking", "Arbetssökande"),
    ("other", "Övrigt"),
)
CHART_WIDTH = 320  # px of the longest bar


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | str | None
    width: int  # px, 0 when hidden or empty
    y: int


@dataclass(frozen=True)
class KeyFigures:
    period: Period
    computed_at: dt.datetime
    threshold: int
    suppressed: bool
    note: str
    #: What ".." hides (the statistics layer's note, ``suppression.note`` of the memo).
    disclosure_note: str
    registered: dict[str, Any]
    share_to_work_or_studies: dict[str, Any]
    consumption_ratio: int | None
    goals_met: int
    goals_total: int
    goals: list[dict[str, Any]]
    exit_bars: list[Bar]
    consumption_bars: list[Bar]
    chart_height: int
    consumption_height: int


def _bars(items: list[tuple[str, int | str | None]], *, scale_to: int | None = None) -> list[Bar]:
    numbers = [v for _, v in items if isinstance(v, int)]
    top = scale_to or max(numbers, default=0) or 1
    return [
        Bar(
            label=label,
            value=value,
            width=round(CHART_WIDTH * value / top) if isinstance(value, int) and value > 0 else 0,
            y=index * 28,
        )
        for index, (label, value) in enumerate(items)
    ]


#: The dashboard's figures may be this old (the memo page and downloads are always exact).
KEY_FIGURES_SECONDS = 60
#: How long the last computed figures are kept to be shown while another request
#: recomputes them, and how long a recomputation may hold the right to do so.
LAST_FIGURES_SECONDS = 10 * 60
COMPUTING_SECONDS = 2 * 60


def key_figures(association: Association, *, today: dt.date, suppress: bool) -> KeyFigures:
    """The key figures, recomputed at most once a minute per association and version.

    Only one request at a time recomputes them (``stats.cache.single_flight``: ``cache.add``
    is atomic in every cache backend, shared between servers with Redis): the others show
    the last figures computed while it works, so a slow memo after a change does not
    occupy every web worker at once. Only the very first request of a period, with nothing
    computed yet, waits for its own."""
    from stats.cache import single_flight

    period = Period.current_half(today)
    threshold = association.disclosure_threshold
    figures, _stale = single_flight(
        f"finsam:key-figures:{association.pk}:{period.code}:{int(suppress)}",
        lambda: compute_key_figures(association, period=period, suppress=suppress),
        fresh_seconds=KEY_FIGURES_SECONDS,
        last_seconds=LAST_FIGURES_SECONDS,
        computing_seconds=COMPUTING_SECONDS,
        usable=lambda figures: figures.threshold == threshold,
    )
    return figures


def compute_key_figures(association: Association, *, period: Period, suppress: bool) -> KeyFigures:
    # Waits for the same memo if another request computes it (a download, the memo page).
    memo = current_memo(association, period, suppress=suppress, document=False)
    tables = memo.json["tables"]
    goals = tables["association_goals"]["rows"]
    groups = tables["exit_reasons"]["groups"]
    exit_bars = _bars([(label, groups[key]["total"]) for key, label in EXIT_GROUPS])
    budget_rows = [r for r in tables["budget"]["rows"] if r["ytd_budget"]]
    ratios = [
        (memo.names.get(row["intervention"], row["intervention"]), row["consumption_ratio"])
        for row in budget_rows
    ]
    highest = max((v for _, v in ratios if isinstance(v, int)), default=100)
    consumption_bars = _bars(ratios, scale_to=max(highest, 100))
    return KeyFigures(
        period=period,
        computed_at=timezone.localtime(),
        threshold=association.disclosure_threshold,
        suppressed=suppress,
        note=memo.notes.get("participants", ""),
        disclosure_note=memo.json["suppression"]["note"],
        registered=tables["participants"]["total"]["registered"],
        share_to_work_or_studies=tables["outcomes"]["total"]["share_to_work_or_studies"],
        consumption_ratio=tables["budget"]["total"]["consumption_ratio"],
        goals_met=sum(1 for goal in goals if goal["met"]),
        goals_total=len(goals),
        goals=goals,
        exit_bars=exit_bars,
        consumption_bars=consumption_bars,
        chart_height=len(exit_bars) * 28,
        consumption_height=len(consumption_bars) * 28,
    )
