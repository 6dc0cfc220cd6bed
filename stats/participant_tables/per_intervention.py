"""The participant tables with a row per intervention: sections 9, 10, 11, 14 and 15 of
spec/reports.md. Each makes two queries whatever the number of interventions."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, QuerySet, Sum

from interventions.models import InterventionQuerySet
from participants.choices import Gender
from participants.models import Participation
from stats.participant_tables.common import (
    OUTCOME_FIGURES,
    WORK_OR_STUDIES,
    active_in,
    anonymous_only,
    count_if,
    exited_in,
    ids_with,
    listed_interventions,
    ongoing_at,
    personal_until,
    registered_in,
    split_of,
    sum_splits,
    tally,
)
from stats.participant_tables.shapes import (
    AnonymousRow,
    AnonymousTable,
    ExpectedRow,
    ExpectedTable,
    MeanSplit,
    OutcomesFigures,
    OutcomesRow,
    OutcomesTable,
    ParticipantsFigures,
    ParticipantsRow,
    ParticipantsTable,
    ShareSplit,
    Split,
    TimeInInterventionTable,
    TimeRow,
    mean,
    share,
)


def participants_table(
    *,
    interventions: InterventionQuerySet,
    participations: QuerySet[Participation],
    start: dt.date,
    end: dt.date,
    ytd_start: dt.date,
) -> ParticipantsTable:
    """Section 9: registered ytd, exited ytd, exited from the intervention's start to E and
    ongoing at E. Two queries."""
    tallies = tally(
        personal_until(participations, end),
        registered=count_if(registered_in(ytd_start, end)),
        exited=count_if(exited_in(ytd_start, end)),
        exited_to_date=count_if(
            Q(exit_date__gte=F("intervention__start_date"), exit_date__lte=end)
        ),
        ongoing=count_if(ongoing_at(end)),
        active=count_if(active_in(ytd_start, end)),
    )
    listed = listed_interventions(
        interventions, start=start, end=end, with_data=ids_with(tallies, "active")
    )
    rows = [
        ParticipantsRow(
            intervention=intervention.code,
            registered=split_of(tallies, intervention.pk, "registered"),
            exited=split_of(tallies, intervention.pk, "exited"),
            exited_to_date=split_of(tallies, intervention.pk, "exited_to_date"),
            ongoing=split_of(tallies, intervention.pk, "ongoing"),
        )
        for intervention in listed
    ]
    total = ParticipantsFigures(
        registered=sum_splits(row.registered for row in rows),
        exited=sum_splits(row.exited for row in rows),
        exited_to_date=sum_splits(row.exited_to_date for row in rows),
        ongoing=sum_splits(row.ongoing for row in rows),
    )
    return ParticipantsTable(rows=rows, total=total)


def _outcome_figures(figures: Mapping[str, Split]) -> OutcomesFigures:
    return OutcomesFigures(
        to_work_or_studies=figures["to_work_or_studies"],
        share_to_work_or_studies=ShareSplit.of(figures["to_work_or_studies"], figures["exited"]),
        share_with_action_plan=share(figures["planned"].total, figures["active"].total),
        exited=figures["exited"],
        active=figures["active"],
        planned=figures["planned"],
    )


def outcomes_table(
    *,
    interventions: InterventionQuerySet,
    participations: QuerySet[Participation],
    start: dt.date,
    end: dt.date,
    ytd_start: dt.date,
) -> OutcomesTable:
    """Section 10: exits ytd to work or studies, their share of exits ytd, and the share of
    participations active ytd with an action plan by E. Two queries."""
    exited = exited_in(ytd_start, end)
    active = active_in(ytd_start, end)
    tallies = tally(
        personal_until(participations, end),
        to_work_or_studies=count_if(exited & Q(exit_reason__in=sorted(WORK_OR_STUDIES))),
        exited=count_if(exited),
        active=count_if(active),
        planned=count_if(active & Q(action_plan_date__lte=end)),
    )
    listed = listed_interventions(
        interventions, start=start, end=end, with_data=ids_with(tallies, "active")
    )
    rows: list[OutcomesRow] = []
    sums: dict[str, Split] = defaultdict(Split)
    for intervention in listed:
        figures = {name: split_of(tallies, intervention.pk, name) for name in OUTCOME_FIGURES}
        for name, figure in figures.items():
            sums[name] += figure
        rows.append(OutcomesRow(intervention.code, **vars(_outcome_figures(figures))))
    total = _outcome_figures(sums)
    return OutcomesTable(rows=rows, total=total)


def anonymous_table(
    *,
    interventions: InterventionQuerySet,
    participations: QuerySet[Participation],
    start: dt.date,
    end: dt.date,
    ytd_start: dt.date,
) -> AnonymousTable:
    """Section 11: anonymous participations registered ytd. Two queries."""
    counts = dict(
        anonymous_only(participations)
        .filter(registered_in(ytd_start, end))
        .values("intervention_id")
        .annotate(count=Count("id"))
        .order_by()
        .values_list("intervention_id", "count")
    )
    listed = listed_interventions(interventions, start=start, end=end, with_data=list(counts))
    rows = [
        AnonymousRow(intervention.code, counts.get(intervention.pk, 0)) for intervention in listed
    ]
    return AnonymousTable(rows=rows, total=sum(row.count for row in rows))


def time_in_intervention_table(
    *,
    interventions: InterventionQuerySet,
    participations: QuerySet[Participation],
    start: dt.date,
    end: dt.date,
    ytd_start: dt.date,
) -> TimeInInterventionTable:
    """Section 14: mean days from entry to exit of the exits ytd. Two queries."""
    exited = exited_in(ytd_start, end)
    days = ExpressionWrapper(F("exit_date") - F("entry_date"), output_field=DurationField())
    rows = (
        personal_until(participations, end)
        .values("intervention_id", "gender")
        .annotate(
            exits=count_if(exited),
            days=Sum(days, filter=exited),
            active=count_if(active_in(ytd_start, end)),
        )
        .order_by()
    )
    # intervention id -> gender -> (days, exits)
    found: dict[int, dict[str, tuple[int, int]]] = defaultdict(dict)
    with_data: set[int] = set()
    for row in rows:
        total_days = row["days"].days if row["days"] is not None else 0
        found[row["intervention_id"]][row["gender"]] = (total_days, row["exits"])
        if row["active"]:
            with_data.add(row["intervention_id"])
    listed = listed_interventions(interventions, start=start, end=end, with_data=sorted(with_data))
    result: list[TimeRow] = []
    for intervention in listed:
        by_gender = found.get(intervention.pk, {})
        women = by_gender.get(Gender.WOMAN, (0, 0))
        men = by_gender.get(Gender.MAN, (0, 0))
        total = (
            sum(each[0] for each in by_gender.values()),
            sum(each[1] for each in by_gender.values()),
        )
        means = MeanSplit(women=mean(*women), men=mean(*men), total=mean(*total))
        result.append(TimeRow(intervention=intervention.code, mean_days=means))
    return TimeInInterventionTable(rows=result)


def expected_table(
    *,
    interventions: InterventionQuerySet,
    participations: QuerySet[Participation],
    start: dt.date,
    end: dt.date,
    ytd_start: dt.date,
) -> ExpectedTable:
    """Section 15: participations (personal data) registered from the intervention's start
    to E against the expected number. Two queries."""
    tallies = tally(
        personal_until(participations, end),
        registered_to_date=count_if(
            Q(entry_date__gte=F("intervention__start_date"), entry_date__lte=end)
        ),
        active=count_if(active_in(ytd_start, end)),
    )
    listed = listed_interventions(
        interventions, start=start, end=end, with_data=ids_with(tallies, "active")
    )
    rows = [
        ExpectedRow(
            intervention=intervention.code,
            registered_to_date=split_of(tallies, intervention.pk, "registered_to_date").total,
            expected=intervention.expected_participants,
        )
        for intervention in listed
    ]
    return ExpectedTable(rows=rows)
