"""The memo tables built from interventions, quarterly reports, deviation reports, final
reports and money (spec/reports.md sections 2, 3, 4, 5, 7 and 8), for every intervention
at once.

Definitions (a period P runs from ``period.start`` to ``period.end``):

- *Active* in the period: start date <= the period's end and (no end date or end date >=
  the period's start).
- *The period's reports*: the quarterly reports of the period's quarters that are
  submitted (``status = submitted``); drafts count nowhere.
- *The latest report* of an intervention: its period report with the highest (year,
  quarter).
- A deviation report is *received in the period* when its ``received_on`` (inkommen_datum)
  lies in the period, whatever its decision.
- Quality answers (section 7) combine over the period's reports: ``ja`` if every report
  that answered says ja, ``nej`` if every one says nej, otherwise ``delvis``; ``None`` when
  no report in the period answered (shown as "–"). An unanswered question (an imported
  report may leave one empty) is left out rather than counted as either answer.
- Rows appear for the interventions active in the period plus those with data for the
  table (a report or deviation in the period), in the association's display order (kind,
  then name). Section 2 lists active interventions only, section 4 those whose end date
  lies in the period.

Pure functions over querysets: the caller opens the association's scope and passes the
association's rows. The number of queries does not depend on the number of interventions
(each function's docstring gives it). The dataclasses mirror the JSON contract
(``dataclasses.asdict`` gives its shape); dates stay ``datetime.date`` for the caller to
format. Fields beyond the contract (``comment``, ``report_quarter``, ``reports``) are for
the documents.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from finance.models import CostOutcome
from followup.models import (
    QUALITY_QUESTIONS,
    Deviation,
    DeviationKind,
    FinalReport,
    FinalReportGoal,
    QuarterlyReport,
    YesPartlyNo,
)
from funding.models import FundingDecision, Outcome
from interventions.models import Budget, Intervention, InterventionQuerySet, Kind
from stats.models import GoalCode
from stats.money import MoneyFigures, money_figures
from stats.periods import Period, round_half_up

BUDGET_DEVIATIONS = (DeviationKind.BUDGET, DeviationKind.TRANSFER)
GOAL_DEVIATIONS = (DeviationKind.GOAL, DeviationKind.TARGET_GROUP, DeviationKind.METHOD)

#: The questions of section 7 (QuarterlyReport fields).
QUALITY_FIELDS = QUALITY_QUESTIONS

#: The three kinds of the board's 60-30-10 target and their target codes.
FUND_KINDS: dict[str, str] = {
    Kind.INDIVIDUAL.value: GoalCode.FUNDS_INDIVIDUAL.value,
    Kind.STRUCTURAL.value: GoalCode.FUNDS_STRUCTURAL.value,
    Kind.COMPETENCE.value: GoalCode.FUNDS_COMPETENCE.value,
}


# --- shared selections --------------------------------------------------------------------


def active_in(period: Period) -> Q:
    """Interventions active in the period."""
    return Q(start_date__lte=period.end) & (
        Q(end_date__isnull=True) | Q(end_date__gte=period.start)
    )


def listed_interventions(
    interventions: InterventionQuerySet,
    period: Period,
    *,
    with_data: Iterable[int] = (),
    among: Sequence[Intervention] | None = None,
) -> list[Intervention]:
    """The interventions active in the period and those with data, in display order. One
    query; none when ``among`` passes ``interventions`` already read in display order
    (``interventions.in_display_order()``), which are then filtered as the query would."""
    if among is not None:
        data = set(with_data)
        return [each for each in among if is_active_in(each, period) or each.pk in data]
    return list(
        interventions.filter(active_in(period) | Q(pk__in=list(with_data))).in_display_order()
    )


def is_active_in(intervention: Intervention, period: Period) -> bool:
    """``active_in(period)`` of one intervention read already."""
    return intervention.start_date <= period.end and (
        intervention.end_date is None or intervention.end_date >= period.start
    )


def period_reports(reports: QuerySet[QuarterlyReport], period: Period) -> QuerySet[QuarterlyReport]:
    """The submitted quarterly reports of the period's quarters."""
    return reports.filter(
        status=QuarterlyReport.Status.SUBMITTED,
        year=period.year,
        quarter__gte=period.first_quarter,
        quarter__lte=period.last_quarter,
    )


def received_in(deviations: QuerySet[Deviation], period: Period, kinds: Iterable[str]) -> set[int]:
    """Ids of the interventions with a deviation report of one of ``kinds`` received in
    the period, whatever its decision. One query."""
    rows = (
        deviations.filter(
            kind__in=list(kinds), received_on__gte=period.start, received_on__lte=period.end
        )
        .order_by()
        .values_list("intervention_id", flat=True)
        .distinct()
    )
    return set(rows)


def latest_reports(
    reports: QuerySet[QuarterlyReport], period: Period
) -> dict[int, QuarterlyReport]:
    """Each intervention's latest submitted report in the period, keyed by intervention
    id. One query."""
    latest: dict[int, QuarterlyReport] = {}
    for report in period_reports(reports, period).order_by("year", "quarter"):
        latest[report.intervention_id] = report
    return latest


# --- section 2: interventions -------------------------------------------------------------


@dataclass(frozen=True)
class InterventionRow:
    intervention: str
    name: str
    kind: str
    start: dt.date
    end: dt.date | None
    #: a granted extension was decided in the period
    extended_in_period: bool


@dataclass(frozen=True)
class InterventionsTable:
    rows: list[InterventionRow]


def interventions_table(
    period: Period,
    *,
    interventions: InterventionQuerySet,
    decisions: QuerySet[FundingDecision],
) -> InterventionsTable:
    """Section 2: the interventions active in the period, marked when the board granted an
    extension (a decision on an application that ``extends`` the intervention, granted in
    full or in part) with a decision date in the period. Two queries."""
    extended = set(
        decisions.filter(
            application__extends__isnull=False,
            outcome__in=[Outcome.GRANTED, Outcome.PARTLY_GRANTED],
            decided_on__gte=period.start,
            decided_on__lte=period.end,
        )
        .order_by()
        .values_list("intervention_id", flat=True)
    )
    rows = [
        InterventionRow(
            intervention=each.code,
            name=each.name,
            kind=each.kind,
            start=each.start_date,
            end=each.end_date,
            extended_in_period=each.pk in extended,
        )
        for each in interventions.filter(active_in(period)).in_display_order()
    ]
    return InterventionsTable(rows=rows)


# --- section 3: goal status ---------------------------------------------------------------


@dataclass(frozen=True)
class GoalStatusRow:
    intervention: str
    #: ``i_fas`` of the latest report; None without a report in the period
    on_track: str | None
    #: ``prognos`` of the latest report; None without a report in the period
    forecast: str | None
    #: the office's colour; None when the latest report is not reviewed
    colour: str | None
    #: the office's comment on the latest report ("" when none)
    comment: str
    #: the quarter of the latest report, e.g. "2022Q4"; None without a report
    report_quarter: str | None


@dataclass(frozen=True)
class GoalStatusTable:
    rows: list[GoalStatusRow]


def goal_status_table(
    period: Period,
    *,
    interventions: InterventionQuerySet,
    reports: QuerySet[QuarterlyReport],
    among: Sequence[Intervention] | None = None,
) -> GoalStatusTable:
    """Section 3: per intervention, i fas and prognos from its latest submitted report in
    the period, with the office's colour and comment. Two queries (one with ``among``:
    ``listed_interventions``)."""
    latest = latest_reports(reports, period)
    rows = []
    for intervention in listed_interventions(interventions, period, with_data=latest, among=among):
        report = latest.get(intervention.pk)
        if report is None:
            rows.append(GoalStatusRow(intervention.code, None, None, None, "", None))
            continue
        rows.append(
            GoalStatusRow(
                intervention=intervention.code,
                on_track=report.on_track or None,
                forecast=report.forecast or None,
                colour=report.colour or None,
                comment=report.review_comment,
                report_quarter=f"{report.year}Q{report.quarter}",
            )
        )
    return GoalStatusTable(rows=rows)


# --- section 4: ended interventions -------------------------------------------------------


@dataclass(frozen=True)
class FinalGoalRow:
    goal: str
    target: str
    outcome: str
    #: ja / delvis / nej, or None when not stated
    met: str | None


@dataclass(frozen=True)
class EndedRow:
    intervention: str
    name: str
    kind: str
    start: dt.date
    end: dt.date | None
    owner: str
    partners: list[str]
    #: "submitted", "draft", or None when no final report exists
    final_report_status: str | None
    submitted_on: dt.date | None = None
    purpose: str = ""
    results: str = ""
    lessons: str = ""
    goals: list[FinalGoalRow] = field(default_factory=list)


@dataclass(frozen=True)
class EndedTable:
    rows: list[EndedRow]


def ended_table(
    period: Period,
    *,
    interventions: InterventionQuerySet,
    final_reports: QuerySet[FinalReport],
) -> EndedTable:
    """Section 4: the interventions whose end date lies in the period, with the summary of
    their final report: purpose, results, lessons and each goal's outcome. The text is
    given only for a submitted report (a draft is work in progress); its status is always
    given. Four queries."""
    ended = list(
        interventions.filter(end_date__gte=period.start, end_date__lte=period.end)
        .select_related("owner")
        .prefetch_related("partners")
        .in_display_order()
    )
    reports = {
        report.intervention_id: report
        for report in final_reports.filter(
            intervention_id__in=[each.pk for each in ended]
        ).prefetch_related(
            Prefetch(
                "goals",
                queryset=FinalReportGoal.objects.select_related("goal").order_by("goal_id"),
            )
        )
    }
    rows = []
    for intervention in ended:
        row = EndedRow(
            intervention=intervention.code,
            name=intervention.name,
            kind=intervention.kind,
            start=intervention.start_date,
            end=intervention.end_date,
            owner=intervention.owner.name,
            partners=sorted(partner.name for partner in intervention.partners.all()),
            final_report_status=None,
        )
        report = reports.get(intervention.pk)
        if report is None:
            rows.append(row)
        elif report.status != FinalReport.Status.SUBMITTED:
            rows.append(replace(row, final_report_status=report.status))
        else:
            rows.append(
                replace(
                    row,
                    final_report_status=report.status,
                    submitted_on=report.submitted_on,
                    purpose=report.purpose,
                    results=report.results,
                    lessons=report.lessons,
                    goals=[
                        FinalGoalRow(
                            goal=each.goal.text,
                            target=each.goal.target,
                            outcome=each.outcome,
                            met=each.met or None,
                        )
                        for each in report.goals.all()
                    ],
                )
            )
    return EndedTable(rows=rows)


# --- section 5: conditions ----------------------------------------------------------------


@dataclass(frozen=True)
class ConditionsRow:
    intervention: str
    #: any of the period's reports says yes
    vacancy_funded: bool
    vacancy_self_funded: bool
    #: a deviation report of type budget or overforing received in the period
    budget_deviation: bool
    #: the number of submitted reports in the period (0: the vacancies are unknown)
    reports: int


@dataclass(frozen=True)
class ConditionsTable:
    rows: list[ConditionsRow]


def conditions_table(
    period: Period,
    *,
    interventions: InterventionQuerySet,
    reports: QuerySet[QuarterlyReport],
    deviations: QuerySet[Deviation],
    among: Sequence[Intervention] | None = None,
) -> ConditionsTable:
    """Section 5: vacancies in posts funded by the association and in self-funded posts
    (yes if any of the period's reports says yes) and budget deviations received in the
    period. Three queries (two with ``among``: ``listed_interventions``)."""
    counts: dict[int, int] = {}
    funded: set[int] = set()
    self_funded: set[int] = set()
    rows_of_reports = (
        period_reports(reports, period)
        .order_by()
        .values_list("intervention_id", "vacancy_funded", "vacancy_self_funded")
    )
    for intervention_id, vacancy_funded, vacancy_self_funded in rows_of_reports:
        counts[intervention_id] = counts.get(intervention_id, 0) + 1
        if vacancy_funded:
            funded.add(intervention_id)
        if vacancy_self_funded:
            self_funded.add(intervention_id)
    budget_deviation = received_in(deviations, period, BUDGET_DEVIATIONS)
    listed = listed_interventions(
        interventions, period, with_data=set(counts) | budget_deviation, among=among
    )
    return ConditionsTable(
        rows=[
            ConditionsRow(
                intervention=each.code,
                vacancy_funded=each.pk in funded,
                vacancy_self_funded=each.pk in self_funded,
                budget_deviation=each.pk in budget_deviation,
                reports=counts.get(each.pk, 0),
            )
            for each in listed
        ]
    )


# --- section 7: quality -------------------------------------------------------------------


def combine_answers(answers: Iterable[bool | str | None]) -> str | None:
    """ja if every given answer is ja, nej if every one is nej, otherwise delvis; None when
    none was given. A boolean answer reads True = ja, False = nej; None and "" are not
    given."""
    yes, no = YesPartlyNo.YES.value, YesPartlyNo.NO.value
    given: set[str] = set()
    for answer in answers:
        if isinstance(answer, bool):
            given.add(yes if answer else no)
        elif answer:
            given.add(answer)
    if not given:
        return None
    if given in ({yes}, {no}):
        return given.pop()
    return YesPartlyNo.PARTLY.value


def combined_answer(reports: list[dict[str, Any]], name: str) -> str | None:
    """``combine_answers`` over one question (field ``name``) of several reports."""
    return combine_answers(report[name] for report in reports)


@dataclass(frozen=True)
class QualityRow:
    intervention: str
    meetings_per_agreement: str | None
    ordinary_representation: str | None
    follow_up_per_agreement: str | None
    target_group_checked: str | None
    method_checked: str | None
    equality_discussed: str | None
    gender_equality_discussed: str | None
    implementation_discussed: str | None
    #: a deviation report of type mal, malgrupp or metod received in the period
    deviation_goals: bool
    #: the number of submitted reports in the period
    reports: int


@dataclass(frozen=True)
class QualityTable:
    rows: list[QualityRow]


def quality_table(
    period: Period,
    *,
    interventions: InterventionQuerySet,
    reports: QuerySet[QuarterlyReport],
    deviations: QuerySet[Deviation],
    among: Sequence[Intervention] | None = None,
) -> QualityTable:
    """Section 7: the steering group's quality answers combined over the period's reports
    (see ``combine_answers``) and deviations about goals, target group or method received
    in the period. Three queries (two with ``among``: ``listed_interventions``)."""
    answers: dict[int, list[dict[str, Any]]] = {}
    for report in (
        period_reports(reports, period).order_by().values("intervention_id", *QUALITY_FIELDS)
    ):
        answers.setdefault(report["intervention_id"], []).append(report)
    goal_deviation = received_in(deviations, period, GOAL_DEVIATIONS)
    listed = listed_interventions(
        interventions, period, with_data=set(answers) | goal_deviation, among=among
    )
    rows = []
    for intervention in listed:
        reported = answers.get(intervention.pk, [])
        rows.append(
            QualityRow(
                intervention=intervention.code,
                meetings_per_agreement=combined_answer(reported, "meetings_per_agreement"),
                ordinary_representation=combined_answer(reported, "ordinary_representation"),
                follow_up_per_agreement=combined_answer(reported, "follow_up_per_agreement"),
                target_group_checked=combined_answer(reported, "target_group_checked"),
                method_checked=combined_answer(reported, "method_checked"),
                equality_discussed=combined_answer(reported, "equality_discussed"),
                gender_equality_discussed=combined_answer(reported, "gender_equality_discussed"),
                implementation_discussed=combined_answer(reported, "implementation_discussed"),
                deviation_goals=intervention.pk in goal_deviation,
                reports=len(reported),
            )
        )
    return QualityTable(rows=rows)


# --- section 8: funds by kind -------------------------------------------------------------


@dataclass(frozen=True)
class FundsKindRow:
    kind: str
    #: granted budget ytd (whole SEK)
    budget: int
    #: cost outcome ytd (whole SEK)
    outcome: int
    #: shares of the three-kind sums in whole percent; None for ``ovrig`` and when the
    #: three-kind sum is 0
    budget_share: int | None
    outcome_share: int | None
    #: the board's target share; None for ``ovrig``
    target: int | None


@dataclass(frozen=True)
class FundsByKindTable:
    #: individ, struktur, kompetens
    rows: list[FundsKindRow]
    #: ``ovrig``: shown separately, outside the shares
    other: FundsKindRow
    #: the three-kind sums (the denominators of the shares)
    total_budget: int
    total_outcome: int


def shares_of_whole(parts: list[int]) -> list[int | None]:
    """Whole-percent shares of the parts of a whole that add up to exactly 100 (largest
    remainder: the percents lost to rounding down go to the largest remainders), so a
    table's shares sum to its "100 %" total. None for every part when the whole is 0;
    rounded half up each when a part is negative (a repayment), where no sum is promised."""
    whole = sum(parts)
    if whole == 0 or any(part < 0 for part in parts):
        return [round_half_up(part, whole) for part in parts]
    exact = [Fraction(part * 100, whole) for part in parts]
    shares = [int(value) for value in exact]
    by_remainder = sorted(range(len(parts)), key=lambda i: (shares[i] - exact[i], i))
    for index in by_remainder[: 100 - sum(shares)]:
        shares[index] += 1
    return list(shares)


def funds_by_kind_table(
    period: Period,
    *,
    interventions: InterventionQuerySet,
    budgets: QuerySet[Budget],
    deviations: QuerySet[Deviation],
    costs: QuerySet[CostOutcome],
    targets: Mapping[str, int],
    figures: Mapping[int, MoneyFigures] | None = None,
) -> FundsByKindTable:
    """Section 8: granted budget and cost outcome ytd per intervention kind (from
    ``stats.money``), each kind's share of the sum over individ, struktur and kompetens,
    against the board's targets (``targets`` as from ``stats.goals.targets_for``). Money
    of ``ovrig`` interventions is shown separately and is not part of the shares. Five
    queries; one when ``figures`` gives ``money_figures`` of the same rows (the memo's)."""
    if figures is None:
        figures = money_figures(period, budgets=budgets, deviations=deviations, costs=costs)
    budget = dict.fromkeys(Kind.values, 0)
    outcome = dict.fromkeys(Kind.values, 0)
    for intervention_id, kind in interventions.order_by().values_list("pk", "kind"):
        money = figures.get(intervention_id)
        if money is not None:
            budget[kind] += money.ytd_budget
            outcome[kind] += money.ytd_outcome
    total_budget = sum(budget[kind] for kind in FUND_KINDS)
    total_outcome = sum(outcome[kind] for kind in FUND_KINDS)
    budget_shares = shares_of_whole([budget[kind] for kind in FUND_KINDS])
    outcome_shares = shares_of_whole([outcome[kind] for kind in FUND_KINDS])
    rows = [
        FundsKindRow(
            kind=kind,
            budget=budget[kind],
            outcome=outcome[kind],
            budget_share=budget_shares[index],
            outcome_share=outcome_shares[index],
            target=targets[code],
        )
        for index, (kind, code) in enumerate(FUND_KINDS.items())
    ]
    other = FundsKindRow(
        kind=Kind.OTHER.value,
        budget=budget[Kind.OTHER],
        outcome=outcome[Kind.OTHER],
        budget_share=None,
        outcome_share=None,
        target=None,
    )
    return FundsByKindTable(
        rows=rows, other=other, total_budget=total_budget, total_outcome=total_outcome
    )
