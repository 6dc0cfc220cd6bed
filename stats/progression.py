"""Figures of the progression measurement (spec/survey.md section 4): per participation
the change between first and latest assessment, and per intervention and period the
aggregates. They are published only through disclosure control, as the memo's
``progression`` table (``stats.memo_progression``), which the survey's summary page shows
too."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from survey.progression_models import Assessment, ProgressionInstrument

#: One assessment: its date and the value per item number.
Rating = tuple[dt.date, Mapping[int, int]]
OUTCOMES = ("improved", "unchanged", "fell")


def mean(values: Sequence[int]) -> Decimal:
    return (Decimal(sum(values)) / Decimal(len(values))).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def one_decimal(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Progress:
    """First and latest assessment of one participation with one instrument."""

    first: Rating
    latest: Rating
    count: int

    @property
    def item_change(self) -> dict[int, int]:
        return {item: self.latest[1][item] - value for item, value in self.first[1].items()}

    @property
    def mean_first(self) -> Decimal:
        return mean(list(self.first[1].values()))

    @property
    def mean_latest(self) -> Decimal:
        return mean(list(self.latest[1].values()))

    @property
    def mean_change(self) -> Decimal:
        return self.mean_latest - self.mean_first

    @property
    def outcome(self) -> str:
        change = self.mean_change
        return "improved" if change > 0 else "fell" if change < 0 else "unchanged"


def progress_of(ratings: Sequence[Rating]) -> Progress | None:
    """The progress over a participation's ratings; None with fewer than two."""
    if len(ratings) < 2:
        return None
    ordered = sorted(ratings, key=lambda rating: rating[0])
    return Progress(ordered[0], ordered[-1], len(ordered))


@dataclass(frozen=True)
class ProgressionSummary:
    """Per intervention, instrument and period: the participations with at least two
    assessments and how their mean moved."""

    total: int
    improved: int
    unchanged: int
    fell: int
    mean_change: Decimal | None
    #: item number -> (mean of first, mean of latest)
    items: dict[int, tuple[Decimal, Decimal]]


def summarise(progresses: Sequence[Progress]) -> ProgressionSummary:
    outcomes = [p.outcome for p in progresses]
    items: dict[int, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for progress in progresses:
        for item, value in progress.first[1].items():
            items[item][0].append(value)
        for item, value in progress.latest[1].items():
            items[item][1].append(value)
    changes = [p.mean_change for p in progresses]
    return ProgressionSummary(
        total=len(progresses),
        improved=outcomes.count("improved"),
        unchanged=outcomes.count("unchanged"),
        fell=outcomes.count("fell"),
        mean_change=(one_decimal(sum(changes, Decimal(0)) / len(changes)) if changes else None),
        items={
            item: (one_decimal(mean(first)), one_decimal(mean(latest)))
            for item, (first, latest) in sorted(items.items())
        },
    )


def intervention_summary(
    *, instrument: ProgressionInstrument, intervention_id: int, start: dt.date, end: dt.date
) -> ProgressionSummary:
    """The summary over the assessments dated in ``start..end`` (run in the scope)."""
    ratings: dict[int, list[Rating]] = defaultdict(list)
    assessments = (
        Assessment.objects.filter(
            instrument=instrument,
            participation__intervention_id=intervention_id,
            date__gte=start,
            date__lte=end,
        )
        .prefetch_related("values__item")
        .order_by("date", "pk")
    )
    for assessment in assessments:
        values = {value.item.number: value.value for value in assessment.values.all()}
        ratings[assessment.participation_id].append((assessment.date, values))
    progresses = [p for p in (progress_of(r) for r in ratings.values()) if p is not None]
    return summarise(progresses)
