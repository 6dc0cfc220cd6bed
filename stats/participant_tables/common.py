"""What the participant tables share: the windows of spec/reports.md as query conditions,
the per-intervention, per-gender tally and the choice of intervention rows."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

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


def tally(participations: QuerySet[Participation], **figures: Count) -> Tallies:
    """Each figure (a conditional count) per intervention and gender. One query."""
    rows = participations.values("intervention_id", "gender").annotate(**figures).order_by()
    result: Tallies = defaultdict(lambda: defaultdict(dict))
    for row in rows:
        for name in figures:
            result[row["intervention_id"]][name][row["gender"]] = row[name]
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


def listed_interventions(
    interventions: InterventionQuerySet, *, start: dt.date, end: dt.date, with_data: list[int]
) -> list[Intervention]:
    """Interventions with personal data active in the period, and those with data, in
    display order. One query."""
    active = (
        Q(follow_up=FollowUp.PERSONAL_DATA)
        & Q(start_date__lte=end)
        & (Q(end_date__isnull=True) | Q(end_date__gte=start))
    )
    return list(interventions.filter(active | Q(pk__in=with_data)).in_display_order())
