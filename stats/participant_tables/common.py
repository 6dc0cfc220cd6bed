"""What the participant tables share: the windows of spec/reports.md as query conditions,
the per-intervention, per-gender tally and the choice of intervention rows.

Every table is computed for one or more *windows* (``start``, ``end``) of the same year (one
``ytd_start``) at once: the figures of a row depend only on ``ytd_start`` and ``end``, so each
tally query counts every distinct end in one pass (one conditional count per end, with the
participation's entry by that end in its condition: the rows ``personal_until`` the end);
only which interventions are listed depends on the window's ``start``."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Protocol

from django.db.models import Count, Q, QuerySet

from interventions.models import FollowUp, Intervention, InterventionQuerySet
from participants.choices import (
    WORK_REASONS,
    ExitReason,
    PublicSupportTime,
)
from participants.models import Participation
from stats.participant_tables.shapes import Split

#: Exit reasons that count as "work or studies".
WORK_OR_STUDIES = frozenset({*WORK_REASONS, ExitReason.STUDIES})
#: Time in public support that counts as "3 years or more".
PUBLIC_SUPPORT_3Y_PLUS = frozenset(
    {PublicSupportTime.Y3_6, PublicSupportTime.Y6_9, PublicSupportTime.Y9_PLUS}
)
#: The counts behind the outcomes table.
OUTCOME_FIGURES = ("to_work_or_studies", "exited", "active", "planned")
#: Age at entry below which a participant is "under 30".
YOUNG_AGE = 30


def personal_until(
    participations: QuerySet[Participation], end: dt.date
) -> QuerySet[Participation]:
    """Participations with personal data entered by ``end`` (every figure needs that),
    felregistrering left out."""
    return participations.filter(person__isnull=False, entry_date__lte=end).exclude(
        exit_reason=ExitReason.MISTAKE
    )


def anonymous_only(participations: QuerySet[Participation]) -> QuerySet[Participation]:
    return participations.filter(person__isnull=True).exclude(exit_reason=ExitReason.MISTAKE)


def registered_in(start: dt.date, end: dt.date) -> Q:
    return Q(entry_date__gte=start, entry_date__lte=end)


def exited_in(start: dt.date, end: dt.date) -> Q:
    return Q(exit_date__gte=start, exit_date__lte=end)


def ongoing_at(day: dt.date) -> Q:
    return Q(entry_date__lte=day) & (Q(exit_date__isnull=True) | Q(exit_date__gt=day))


def active_in(start: dt.date, end: dt.date) -> Q:
    return Q(entry_date__lte=end) & (Q(exit_date__isnull=True) | Q(exit_date__gte=start))


def count_if(condition: Q) -> Count:
    return Count("id", filter=condition)


#: intervention id -> figure name -> gender code -> count
Tallies = dict[int, dict[str, dict[str, int]]]


class Listable(Protocol):
    """An intervention as a table lists it (a model instance or ``sql.Listed``)."""

    @property
    def pk(self) -> Any: ...

    @property
    def code(self) -> str: ...

    @property
    def expected_participants(self) -> int | None: ...


#: A window: the period's start and end (its rows are listed from ``start``).
Window = tuple[dt.date, dt.date]


def distinct_ends(windows: Sequence[Window]) -> list[dt.date]:
    """The ends of ``windows``, each once, ascending."""
    return sorted({end for _, end in windows})


def entered_by(end: dt.date) -> Q:
    """Entered by ``end``: with the query's ``personal_until`` the latest end, a condition
    with this gives the rows ``personal_until(participations, end)``."""
    return Q(entry_date__lte=end)


def figure_name(name: str, number: int) -> str:
    """The column of figure ``name`` at the ``number``-th end."""
    return f"{name}__{number}"


def tally_at(
    participations: QuerySet[Participation],
    ends: Sequence[dt.date],
    **figures: Callable[[dt.date], Q],
) -> dict[dt.date, Tallies]:
    """Each figure (a condition given an end) counted per intervention and gender among
    the participations entered by each of ``ends``, as ``tally`` of
    ``personal_until(participations, end)`` grouped by intervention and gender would for
    each end alone. One query."""
    counts = {
        figure_name(name, number): count_if(condition(end) & entered_by(end))
        for name, condition in figures.items()
        for number, end in enumerate(ends)
    }
    rows = participations.values("intervention_id", "gender").annotate(**counts).order_by()
    result: dict[dt.date, Tallies] = {end: defaultdict(lambda: defaultdict(dict)) for end in ends}
    for row in rows:
        for number, end in enumerate(ends):
            for name in figures:
                result[end][row["intervention_id"]][name][row["gender"]] = row[
                    figure_name(name, number)
                ]
    return result


def split_of(tallies: Tallies, intervention_id: int, figure: str) -> Split:
    return Split.of(tallies.get(intervention_id, {}).get(figure, {}))


def sum_splits(splits: Iterable[Split]) -> Split:
    return sum(splits, Split())


def ids_with(tallies: Tallies, figure: str) -> list[int]:
    return [
        intervention_id
        for intervention_id, figures in tallies.items()
        if sum(figures.get(figure, {}).values())
    ]


def _active(start: dt.date, end: dt.date) -> Q:
    return (
        Q(follow_up=FollowUp.PERSONAL_DATA)
        & Q(start_date__lte=end)
        & (Q(end_date__isnull=True) | Q(end_date__gte=start))
    )


def _is_active(intervention: Intervention, start: dt.date, end: dt.date) -> bool:
    """``_active(start, end)`` of one intervention."""
    return (
        intervention.follow_up == FollowUp.PERSONAL_DATA
        and intervention.start_date <= end
        and (intervention.end_date is None or intervention.end_date >= start)
    )


def listed_at(
    interventions: InterventionQuerySet,
    windows: Sequence[Window],
    with_data: Mapping[dt.date, Iterable[int]],
) -> list[list[Intervention]]:
    """The rows of each window: interventions with personal data active in the window, and
    those with data (``with_data`` by the window's end), in display order. One query: every
    intervention listed in some window, in display order (a total order: kind, name,
    code), then each window's own in that order."""
    data = {end: set(ids) for end, ids in with_data.items()}
    candidates = list(
        interventions.filter(
            _active(min(start for start, _ in windows), max(end for _, end in windows))
            | Q(pk__in=sorted(set().union(*data.values())))
        ).in_display_order()
    )
    return [
        [
            intervention
            for intervention in candidates
            if _is_active(intervention, start, end) or intervention.pk in data[end]
        ]
        for start, end in windows
    ]
