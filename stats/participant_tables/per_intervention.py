"""The participant tables with a row per intervention: sections 9, 10, 11, 14 and 15 of
spec/reports.md. Each makes two queries whatever the number of interventions, and as many
windows of the same year as asked for in the same two (``*_tables``: one per window,
``stats.participant_tables.common``)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, QuerySet, Sum

from interventions.models import InterventionQuerySet
from participants.choices import Gender
from participants.models import Participation
from stats.participant_tables.common import (
    OUTCOME_FIGURES,
    WORK_OR_STUDIES,
    Listable,
    Tallies,
    Window,
    active_in,
    anonymous_only,
    count_if,
    distinct_ends,
    entered_by,
    exited_in,
    figure_name,
    ids_with,
    listed_at,
    ongoing_at,
    personal_until,
    registered_in,
    split_of,
    sum_splits,
    tally_at,
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
    return participants_tables(
        interventions=interventions,
        participations=participations,
        windows=[(start, end)],
        ytd_start=ytd_start,
    )[0]


def participants_tables(
    *,
    interventions: InterventionQuerySet,
    participations: QuerySet[Participation],
    windows: Sequence[Window],
    ytd_start: dt.date,
) -> list[ParticipantsTable]:
    """``participants_table`` of each window. Two queries."""
    ends = distinct_ends(windows)
    at_end = tally_at(
        personal_until(participations, ends[-1]),
        ends,
        registered=lambda end: registered_in(ytd_start, end),
        exited=lambda end: exited_in(ytd_start, end),
        exited_to_date=lambda end: Q(
            exit_date__gte=F("intervention__start_date"), exit_date__lte=end
        ),
        ongoing=ongoing_at,
        active=lambda end: active_in(ytd_start, end),
    )
    listings = listed_at(
        interventions, windows, {end: ids_with(at_end[end], "active") for end in ends}
    )
    return [
        participants_of(at_end[end], listed)
        for (_, end), listed in zip(windows, listings, strict=True)
    ]


def participants_of(tallies: Tallies, listed: Sequence[Listable]) -> ParticipantsTable:
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
    return outcomes_tables(
        interventions=interventions,
        participations=participations,
        windows=[(start, end)],
        ytd_start=ytd_start,
    )[0]


def outcomes_tables(
    *,
    interventions: InterventionQuerySet,
    participations: QuerySet[Participation],
    windows: Sequence[Window],
    ytd_start: dt.date,
) -> list[OutcomesTable]:
    """``outcomes_table`` of each window. Two queries."""
    ends = distinct_ends(windows)
    at_end = tally_at(
        personal_until(participations, ends[-1]),
        ends,
        to_work_or_studies=lambda end: (
            exited_in(ytd_start, end) & Q(exit_reason__in=sorted(WORK_OR_STUDIES))
        ),
        exited=lambda end: exited_in(ytd_start, end),
        active=lambda end: active_in(ytd_start, end),
        planned=lambda end: active_in(ytd_start, end) & Q(action_plan_date__lte=end),
    )
    listings = listed_at(
        interventions, windows, {end: ids_with(at_end[end], "active") for end in ends}
    )
    return [
        outcomes_of(at_end[end], listed) for (_, end), listed in zip(windows, listings, strict=True)
    ]


def outcomes_of(tallies: Tallies, listed: Sequence[Listable]) -> OutcomesTable:
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
    return anonymous_tables(
        interventions=interventions,
        participations=participations,
        windows=[(start, end)],
        ytd_start=ytd_start,
    )[0]


def anonymous_tables(
    *,
    interventions: InterventionQuerySet,
    participations: QuerySet[Participation],
    windows: Sequence[Window],
    ytd_start: dt.date,
) -> list[AnonymousTable]:
    """``anonymous_table`` of each window. Two queries."""
    ends = distinct_ends(windows)
    rows = (
        anonymous_only(participations)
        .filter(registered_in(ytd_start, ends[-1]))
        .values("intervention_id")
        .annotate(
            **{
                figure_name("count", number): count_if(entered_by(end))
                for number, end in enumerate(ends)
            }
        )
        .order_by()
    )
    at_end: dict[dt.date, dict[int, int]] = {end: {} for end in ends}
    for row in rows:
        for number, end in enumerate(ends):
            if row[figure_name("count", number)]:
                at_end[end][row["intervention_id"]] = row[figure_name("count", number)]
    listings = listed_at(interventions, windows, {end: list(at_end[end]) for end in ends})
    return [
        anonymous_of(at_end[end], listed)
        for (_, end), listed in zip(windows, listings, strict=True)
    ]


def anonymous_of(counts: Mapping[int, int], listed: Sequence[Listable]) -> AnonymousTable:
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
    return time_in_intervention_tables(
        interventions=interventions,
        participations=participations,
        windows=[(start, end)],
        ytd_start=ytd_start,
    )[0]


def time_in_intervention_tables(
    *,
    interventions: InterventionQuerySet,
    participations: QuerySet[Participation],
    windows: Sequence[Window],
    ytd_start: dt.date,
) -> list[TimeInInterventionTable]:
    """``time_in_intervention_table`` of each window. Two queries."""
    ends = distinct_ends(windows)
    days = ExpressionWrapper(F("exit_date") - F("entry_date"), output_field=DurationField())
    figures: dict[str, Count | Sum] = {}
    for number, end in enumerate(ends):
        exited = exited_in(ytd_start, end) & entered_by(end)
        figures[figure_name("exits", number)] = count_if(exited)
        figures[figure_name("days", number)] = Sum(days, filter=exited)
        figures[figure_name("active", number)] = count_if(
            active_in(ytd_start, end) & entered_by(end)
        )
    rows = (
        personal_until(participations, ends[-1])
        .values("intervention_id", "gender")
        .annotate(**figures)
        .order_by()
    )
    # end -> intervention id -> gender -> (days, exits)
    found: dict[dt.date, dict[int, dict[str, tuple[int, int]]]] = {
        end: defaultdict(dict) for end in ends
    }
    with_data: dict[dt.date, set[int]] = {end: set() for end in ends}
    for row in rows:
        for number, end in enumerate(ends):
            total_days = row[figure_name("days", number)]
            found[end][row["intervention_id"]][row["gender"]] = (
                total_days.days if total_days is not None else 0,
                row[figure_name("exits", number)],
            )
            if row[figure_name("active", number)]:
                with_data[end].add(row["intervention_id"])
    listings = listed_at(interventions, windows, with_data)
    return [
        time_in_intervention_of(found[end], listed)
        for (_, end), listed in zip(windows, listings, strict=True)
    ]


def time_in_intervention_of(
    found: Mapping[int, Mapping[str, tuple[int, int]]], listed: Sequence[Listable]
) -> TimeInInterventionTable:
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
    return expected_tables(
        interventions=interventions,
        participations=participations,
        windows=[(start, end)],
        ytd_start=ytd_start,
    )[0]


def expected_tables(
    *,
    interventions: InterventionQuerySet,
    participations: QuerySet[Participation],
    windows: Sequence[Window],
    ytd_start: dt.date,
) -> list[ExpectedTable]:
    """``expected_table`` of each window. Two queries."""
    ends = distinct_ends(windows)
    at_end = tally_at(
        personal_until(participations, ends[-1]),
        ends,
        registered_to_date=lambda end: Q(
            entry_date__gte=F("intervention__start_date"), entry_date__lte=end
        ),
        active=lambda end: active_in(ytd_start, end),
    )
    listings = listed_at(
        interventions, windows, {end: ids_with(at_end[end], "active") for end in ends}
    )
    return [
        expected_of(at_end[end], listed) for (_, end), listed in zip(windows, listings, strict=True)
    ]


def expected_of(tallies: Tallies, listed: Sequence[Listable]) -> ExpectedTable:
    return ExpectedTable(
        rows=[
            ExpectedRow(
                intervention=intervention.code,
                registered_to_date=split_of(tallies, intervention.pk, "registered_to_date").total,
                expected=intervention.expected_participants,
            )
            for intervention in listed
        ]
    )
