"""The quarter overview of the office and the board: per intervention running in a quarter,
its quarterly report (status, the office's colour and comment), its money (consumption
ratio for the quarter and for the year to date, transfers to next year, budget status) and
its undecided deviation reports, with counts at the top.

Every figure of money comes from ``stats.money``; the budget status from
``finance.queries``. Runs inside the association's scope. The number of queries does not
depend on the number of interventions.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Q

from finance.models import CostOutcome
from finance.queries import StatusResult, overrides_for, suggested_budget_status, thresholds_for
from finsam.years import quarter_of
from followup.models import Colour, Decision, Deviation, QuarterlyReport, report_deadline
from followup.services import DueReport, DueStatus, report_status
from interventions.models import Budget, Intervention
from stats import money
from stats.periods import Period
from tenancy.models import Association

#: the statuses of a report that should be in but is not
MISSING = (DueStatus.NOT_STARTED, DueStatus.DRAFT, DueStatus.LATE)


def last_ended_quarter(today: dt.date) -> Period:
    """The quarter before the one ``today`` lies in (the overview's default)."""
    quarter = quarter_of(today)
    if quarter == 1:
        return Period(today.year - 1, 4, 4)
    return Period(today.year, quarter - 1, quarter - 1)


def shift_quarter(period: Period, steps: int) -> Period:
    """The quarter ``steps`` quarters after (negative: before) the quarter ``period``."""
    index = period.year * 4 + period.last_quarter - 1 + steps
    year, quarter = divmod(index, 4)
    return Period(year, quarter + 1, quarter + 1)


def running_in(period: Period) -> Q:
    """Interventions whose period overlaps ``period``."""
    return Q(start_date__lte=period.end) & (
        Q(end_date__isnull=True) | Q(end_date__gte=period.start)
    )


def quarter_due(
    intervention: Intervention,
    report: QuarterlyReport | None,
    period: Period,
    *,
    today: dt.date,
) -> DueReport:
    """The quarter's report of one intervention and where it stands on ``today``. Before the
    quarter has ended an unsubmitted report is not due yet."""
    deadline = report_deadline(period.year, period.last_quarter)
    status = report_status(report, deadline, today=today)
    if status != DueStatus.SUBMITTED and today <= period.end:
        status = DueStatus.NOT_DUE
    return DueReport(
        intervention=intervention,
        year=period.year,
        quarter=period.last_quarter,
        deadline=deadline,
        report=report,
        status=status,
    )


def reported_colour(due: DueReport) -> str:
    """The office's colour of a submitted report; empty otherwise."""
    report = due.report
    if report is None or report.status != QuarterlyReport.Status.SUBMITTED:
        return ""
    return report.colour


@dataclass(frozen=True)
class QuarterSummary:
    """Counts of the quarter's reports: ``missing`` are all that are not in (``late`` of
    them past their deadline); red, yellow and green are the office's assessments."""

    reports: int
    missing: int
    late: int
    red: int
    yellow: int
    green: int


def summarise(dues: list[DueReport]) -> QuarterSummary:
    colours = Counter(reported_colour(due) for due in dues)
    return QuarterSummary(
        reports=len(dues),
        missing=sum(1 for due in dues if due.status in MISSING),
        late=sum(1 for due in dues if due.status == DueStatus.LATE),
        red=colours[Colour.RED],
        yellow=colours[Colour.YELLOW],
        green=colours[Colour.GREEN],
    )


def quarter_reports(period: Period, *, today: dt.date) -> list[DueReport]:
    """The quarter's report of every intervention running in it, in display order. Two
    queries."""
    interventions = list(Intervention.objects.in_display_order().filter(running_in(period)))
    reports = {
        report.intervention_id: report
        for report in QuarterlyReport.objects.filter(
            intervention__in=interventions, year=period.year, quarter=period.last_quarter
        )
    }
    return [
        quarter_due(intervention, reports.get(intervention.pk), period, today=today)
        for intervention in interventions
    ]


def quarter_summary(period: Period, *, today: dt.date) -> QuarterSummary:
    """The counts of the dashboard's "Kvartalsläget" box. Two queries."""
    return summarise(quarter_reports(period, today=today))


@dataclass(frozen=True)
class QuarterRow:
    due: DueReport
    figures: money.MoneyFigures
    status: StatusResult
    undecided: int

    @property
    def intervention(self) -> Intervention:
        return self.due.intervention

    @property
    def period_ratio(self) -> int | None:
        """The quarter's outcome / the quarter's budget."""
        return money.consumption_ratio(self.figures.period_outcome, self.figures.period_budget)

    @property
    def ytd_ratio(self) -> int | None:
        return self.figures.consumption_ratio

    @property
    def colour(self) -> str:
        return reported_colour(self.due)

    @property
    def is_missing(self) -> bool:
        return self.due.status in MISSING


@dataclass(frozen=True)
class QuarterOverview:
    period: Period
    rows: list[QuarterRow]
    summary: QuarterSummary
    total: money.MoneyFigures

    @property
    def total_period_ratio(self) -> int | None:
        return money.consumption_ratio(self.total.period_outcome, self.total.period_budget)


def quarter_overview(
    association: Association, period: Period, *, today: dt.date
) -> QuarterOverview:
    """Every intervention running in the quarter ``period``. Nine queries whatever the
    number of interventions."""
    dues = quarter_reports(period, today=today)
    ids = [due.intervention.pk for due in dues]
    figures = money.money_figures(
        period,
        budgets=Budget.objects.filter(intervention_id__in=ids),
        deviations=Deviation.objects.filter(intervention_id__in=ids),
        costs=CostOutcome.objects.filter(intervention_id__in=ids),
    )
    thresholds = thresholds_for(association)
    overrides = overrides_for(period.year, period.last_quarter)
    undecided = Counter(
        Deviation.objects.filter(intervention_id__in=ids, decision=Decision.UNDECIDED)
        .order_by()
        .values_list("intervention_id", flat=True)
    )
    empty = money.MoneyFigures()
    rows = []
    for due in dues:
        row_figures = figures.get(due.intervention.pk, empty)
        status = suggested_budget_status(
            row_figures.consumption_ratio,
            thresholds=thresholds,
            override=overrides.get(due.intervention.pk),
        )
        rows.append(
            QuarterRow(
                due=due,
                figures=row_figures,
                status=status,
                undecided=undecided[due.intervention.pk],
            )
        )
    return QuarterOverview(
        period=period,
        rows=rows,
        summary=summarise(dues),
        total=money.total((row.figures for row in rows), ends_year=False),
    )
