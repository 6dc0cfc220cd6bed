"""The participant tables over all interventions: sections 12, 13, 16 and the participant
part of 17 of spec/reports.md. One query each, for one end or for several ends of the same
year in the same query (``*_tables``: one per end, ``stats.participant_tables.common``)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from django.db.models import Count, F, Q, QuerySet, Sum

from interventions.models import Aim, Kind
from participants.choices import (
    EXIT_GROUP,
    WORK_REASONS,
    ActivityType,
    Education,
    ExitGroup,
    ExitReason,
)
from participants.models import Activity, Participation
from stats.participant_tables.common import (
    PUBLIC_SUPPORT_3Y_PLUS,
    WORK_OR_STUDIES,
    YOUNG_AGE,
    active_in,
    count_if,
    entered_by,
    exited_in,
    figure_name,
    personal_until,
    sum_splits,
)
from stats.participant_tables.shapes import (
    ActivitiesTable,
    ExitGroups,
    ExitReasonsTable,
    ExtentRow,
    ParticipantGoals,
    ReasonRow,
    ShareSplit,
    Split,
    TargetGroupShares,
    TargetGroupTable,
    share,
)


def exit_reasons_table(
    *, participations: QuerySet[Participation], end: dt.date, ytd_start: dt.date
) -> ExitReasonsTable:
    """Section 12: exits ytd by reason, work exits by extent, and the reason groups. One
    query."""
    return exit_reasons_tables(participations=participations, ends=[end], ytd_start=ytd_start)[0]


def exit_reasons_tables(
    *, participations: QuerySet[Participation], ends: Sequence[dt.date], ytd_start: dt.date
) -> list[ExitReasonsTable]:
    """``exit_reasons_table`` at each of ``ends`` (ascending). One query."""
    rows = list(
        personal_until(participations, ends[-1])
        .filter(exited_in(ytd_start, ends[-1]))
        .values("exit_reason", "work_extent", "gender")
        .annotate(
            **{
                figure_name("count", number): count_if(entered_by(end) & Q(exit_date__lte=end))
                for number, end in enumerate(ends)
            }
        )
        .order_by()
    )
    return [
        exit_reasons_of(
            [
                (row["exit_reason"], row["work_extent"], row["gender"], count)
                for row in rows
                if (count := row[figure_name("count", number)])
            ]
        )
        for number in range(len(ends))
    ]


def exit_reasons_of(rows: list[tuple[str, int | None, str, int]]) -> ExitReasonsTable:
    by_reason: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    by_extent: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    by_group: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for reason, extent, gender, count in rows:
        by_reason[reason][gender] += count
        by_group[EXIT_GROUP[reason]][gender] += count
        # A work exit always has an extent (``participation_work_extent_for_work_exits``).
        if reason in WORK_REASONS and extent is not None:
            by_extent[extent][gender] += count
    group = {code: Split.of(by_group.get(code, {})) for code in ExitGroup.values}
    work, studies = group[ExitGroup.WORK], group[ExitGroup.STUDIES]
    job_seeking = group[ExitGroup.JOB_SEEKING]
    groups = ExitGroups(
        work=work,
        studies=studies,
        work_or_studies=work + studies,
        job_seeking=job_seeking,
        work_studies_job_seeking=work + studies + job_seeking,
        other=group[ExitGroup.OTHER],
        all=sum_splits(group.values()),
    )
    return ExitReasonsTable(
        rows=[
            ReasonRow(reason=reason, counts=Split.of(by_reason.get(reason, {})))
            for reason in ExitReason.values
            if reason != ExitReason.MISTAKE
        ],
        work_extent=[
            ExtentRow(extent=extent, counts=Split.of(by_extent[extent]))
            for extent in sorted(by_extent)
        ],
        groups=groups,
    )


def _age(birth: dt.date, on: dt.date) -> int:
    """Whole years from ``birth`` to ``on`` (a 29 February birthday falls on 1 March)."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def target_group_table(
    *, participations: QuerySet[Participation], end: dt.date, ytd_start: dt.date
) -> TargetGroupTable:
    """Section 13: the profile of the participations (personal data) active ytd. One
    query; age at entry is computed from the person's birth date."""
    return target_group_tables(participations=participations, ends=[end], ytd_start=ytd_start)[0]


def target_group_tables(
    *, participations: QuerySet[Participation], ends: Sequence[dt.date], ytd_start: dt.date
) -> list[TargetGroupTable]:
    """``target_group_table`` at each of ``ends`` (ascending). One query: the rows active
    ytd by the last end, each counted at the ends by which it is active ytd."""
    rows = list(
        personal_until(participations, ends[-1])
        .filter(active_in(ytd_start, ends[-1]))
        # The person is always the participation's association's; saying so lets
        # PostgreSQL read only that association's persons (by their association index)
        # instead of every association's (docs/performance.md, national host).
        .filter(person__association=F("association"))
        .values_list(
            "gender", "person__birth_date", "entry_date", "public_support_time", "education"
        )
        .order_by()
    )
    # Active ytd by an earlier end = active ytd by the last end and entered by that end
    # (the exit, if any, is on or after ytd_start already).
    return [
        target_group_of(
            (gender, _age(birth_date, entry_date) < YOUNG_AGE, support_time, education, 1)
            for gender, birth_date, entry_date, support_time, education in rows
            if entry_date <= end
        )
        for end in ends
    ]


def target_group_of(groups: Iterable[tuple[str, bool, str, str, int]]) -> TargetGroupTable:
    """Section 13 from counts of participations by (gender, under 30 at entry, time in
    public support, education)."""
    active: dict[str, int] = defaultdict(int)
    young: dict[str, int] = defaultdict(int)
    supported: dict[str, int] = defaultdict(int)
    educated: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for gender, is_young, support_time, education, count in groups:
        active[gender] += count
        if is_young:
            young[gender] += count
        if support_time in PUBLIC_SUPPORT_3Y_PLUS:
            supported[gender] += count
        if education:
            educated[education][gender] += count
    everyone = Split.of(active)
    shares = TargetGroupShares(
        women=share(everyone.women, everyone.total),
        men=share(everyone.men, everyone.total),
        under_30=ShareSplit.of(Split.of(young), everyone),
        public_support_3y_plus=ShareSplit.of(Split.of(supported), everyone),
        education={
            level: ShareSplit.of(Split.of(educated.get(level, {})), everyone)
            for level in Education.values
        },
    )
    counts = {
        "under_30": Split.of(young),
        "public_support_3y_plus": Split.of(supported),
        **{f"education:{level}": Split.of(educated.get(level, {})) for level in Education.values},
    }
    return TargetGroupTable(active=everyone, shares=shares, counts=counts)


def activities_table(
    *, activities: QuerySet[Activity], end: dt.date, ytd_start: dt.date
) -> ActivitiesTable:
    """Section 16: activities ytd, their attendees and number by type. One query."""
    return activities_tables(activities=activities, ends=[end], ytd_start=ytd_start)[0]


def activities_tables(
    *, activities: QuerySet[Activity], ends: Sequence[dt.date], ytd_start: dt.date
) -> list[ActivitiesTable]:
    """``activities_table`` at each of ``ends`` (ascending). One query."""
    figures: dict[str, Count | Sum] = {}
    for number, end in enumerate(ends):
        by = Q(date__lte=end)
        figures[figure_name("count", number)] = Count("id", filter=by)
        for field in ("women", "men", "other"):
            figures[figure_name(field, number)] = Sum(field, filter=by, default=0)
        for code in ActivityType.values:
            figures[figure_name(f"type_{code}", number)] = Count("id", filter=by & Q(kind=code))
    found = activities.filter(date__gte=ytd_start, date__lte=ends[-1]).aggregate(**figures)
    return [
        activities_of({name: found[figure_name(name, number)] for name in _ACTIVITY_FIGURES})
        for number in range(len(ends))
    ]


_ACTIVITY_FIGURES = (
    "count",
    "women",
    "men",
    "other",
    *(f"type_{code}" for code in ActivityType.values),
)


def activities_of(figures: Mapping[str, int]) -> ActivitiesTable:
    return ActivitiesTable(
        count=figures["count"],
        attendees=Split(
            women=figures["women"],
            men=figures["men"],
            total=figures["women"] + figures["men"] + figures["other"],
        ),
        by_type={code: figures[f"type_{code}"] for code in ActivityType.values},
    )


def participant_goals(
    *, participations: QuerySet[Participation], end: dt.date, ytd_start: dt.date
) -> ParticipantGoals:
    """Section 17, participant outcomes: the share of exits ytd to work or studies in
    work-directed individual interventions and the share with an action plan by E among
    participations active ytd in pre-rehabilitation interventions. One query."""
    return participant_goals_at(participations=participations, ends=[end], ytd_start=ytd_start)[0]


def participant_goals_at(
    *, participations: QuerySet[Participation], ends: Sequence[dt.date], ytd_start: dt.date
) -> list[ParticipantGoals]:
    """``participant_goals`` at each of ``ends`` (ascending). One query."""
    figures: dict[str, Count] = {}
    for number, end in enumerate(ends):
        exited = (
            exited_in(ytd_start, end)
            & Q(intervention__kind=Kind.INDIVIDUAL, intervention__aim=Aim.WORK)
            & entered_by(end)
        )
        active = (
            active_in(ytd_start, end)
            & Q(intervention__aim=Aim.PRE_REHABILITATION)
            & entered_by(end)
        )
        figures[figure_name("exited", number)] = count_if(exited)
        figures[figure_name("to_work_or_studies", number)] = count_if(
            exited & Q(exit_reason__in=sorted(WORK_OR_STUDIES))
        )
        figures[figure_name("active", number)] = count_if(active)
        figures[figure_name("planned", number)] = count_if(active & Q(action_plan_date__lte=end))
    found = personal_until(participations, ends[-1]).aggregate(**figures)
    return [
        goals_of({name: found[figure_name(name, number)] for name in _GOAL_FIGURES})
        for number in range(len(ends))
    ]


_GOAL_FIGURES = ("exited", "to_work_or_studies", "active", "planned")


def goals_of(figures: Mapping[str, int]) -> ParticipantGoals:
    return ParticipantGoals(
        work_directed_to_work_or_studies=share(figures["to_work_or_studies"], figures["exited"]),
        prerehab_action_plan=share(figures["planned"], figures["active"]),
        work_exited=figures["exited"],
        work_to_work_or_studies=figures["to_work_or_studies"],
        prerehab_active=figures["active"],
        prerehab_planned=figures["planned"],
    )
