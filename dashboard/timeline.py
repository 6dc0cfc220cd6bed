"""The timeline of one intervention: its start and end, the funding decisions that created
or extended it, every quarterly report with its status and the office's assessment, the
deviation reports with their decisions and the final report, in date order; and per year
its budget, cost outcome and consumption ratio (``stats.money``). Runs inside the
association's scope."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from finance.models import CostOutcome
from followup.final_reports import FinalReportDue, final_report_due
from followup.models import Deviation, FinalReport, QuarterlyReport, report_deadline
from followup.services import DueReport, report_status, reports_due
from funding.models import FundingDecision
from funding.queries import decisions_for_intervention
from interventions.models import Budget, Intervention
from stats import money
from stats.periods import Period


class EntryKind(models.TextChoices):
    START = "start", _("Insatsen startar")
    DECISION = "beslut", _("Beslut om finansiering")
    REPORT = "kvartalsrapport", _("Kvartalsrapport")
    DEVIATION = "avvikelse", _("Avvikelserapport")
    END = "slut", _("Insatsen slutar")
    FINAL = "slutrapport", _("Slutrapport")


#: the order of entries on the same day
KIND_ORDER = {kind: rank for rank, kind in enumerate(EntryKind)}


@dataclass(frozen=True)
class TimelineEntry:
    """One event; the field that matches ``kind`` is set. ``day`` is None only for a
    final report of an intervention without an end date (shown last)."""

    day: dt.date | None
    kind: EntryKind
    decision: FundingDecision | None = None
    decision_amount: int = 0
    due: DueReport | None = None
    deviation: Deviation | None = None
    final: FinalReportDue | None = None

    @property
    def sort_key(self) -> tuple[dt.date, int]:
        return (self.day or dt.date.max, KIND_ORDER[self.kind])


@dataclass(frozen=True)
class YearMoney:
    """An intervention's year: budget (with money transferred in), approved outcome, the
    consumption ratio and money transferred to next year."""

    year: int
    figures: money.MoneyFigures
    #: the year has not ended: its outcome is not final
    ongoing: bool

    @property
    def budget(self) -> int:
        return self.figures.period_budget

    @property
    def outcome(self) -> int:
        return self.figures.period_outcome

    @property
    def ratio(self) -> int | None:
        return self.figures.consumption_ratio


@dataclass(frozen=True)
class Timeline:
    intervention: Intervention
    entries: list[TimelineEntry]
    years: list[YearMoney]
    final: FinalReportDue


def report_entries(intervention: Intervention, *, today: dt.date) -> list[TimelineEntry]:
    """Every ended quarter's report (due at its deadline), and a report already begun for
    the current quarter. One query."""
    reports = list(QuarterlyReport.objects.filter(intervention=intervention))
    dues = reports_due(intervention, today=today, reports=reports)
    listed = {(due.year, due.quarter) for due in dues}
    for report in reports:
        if (report.year, report.quarter) in listed:
            continue
        deadline = report_deadline(report.year, report.quarter)
        dues.append(
            DueReport(
                intervention=intervention,
                year=report.year,
                quarter=report.quarter,
                deadline=deadline,
                report=report,
                status=report_status(report, deadline, today=today),
            )
        )
    return [TimelineEntry(day=due.deadline, kind=EntryKind.REPORT, due=due) for due in dues]


def timeline_years(intervention: Intervention, *, today: dt.date) -> list[int]:
    """The calendar years of the intervention's period (up to this year when it has no
    end date)."""
    last = intervention.end_date or max(today, intervention.start_date)
    return list(range(intervention.start_date.year, last.year + 1))


def year_money(intervention: Intervention, year: int, *, today: dt.date) -> YearMoney:
    """The year's money from ``stats.money.money_figures``. Four queries."""
    own = Q(intervention_id=intervention.pk)
    period = Period(year, 1, 4)
    figures = money.money_figures(
        period,
        budgets=Budget.objects.filter(own),
        deviations=Deviation.objects.filter(own),
        costs=CostOutcome.objects.filter(own),
    ).get(intervention.pk, money.MoneyFigures())
    return YearMoney(year=year, figures=figures, ongoing=today <= period.end)


def intervention_timeline(intervention: Intervention, *, today: dt.date) -> Timeline:
    """The intervention's events oldest first, and its money per year."""
    entries = [TimelineEntry(day=intervention.start_date, kind=EntryKind.START)]
    if intervention.end_date is not None:
        entries.append(TimelineEntry(day=intervention.end_date, kind=EntryKind.END))
    for decision in decisions_for_intervention(intervention).prefetch_related("years"):
        entries.append(
            TimelineEntry(
                day=decision.decided_on,
                kind=EntryKind.DECISION,
                decision=decision,
                decision_amount=sum(year.amount for year in decision.years.all()),
            )
        )
    entries.extend(report_entries(intervention, today=today))
    for deviation in Deviation.objects.filter(intervention=intervention):
        entries.append(
            TimelineEntry(day=deviation.received_on, kind=EntryKind.DEVIATION, deviation=deviation)
        )
    final = final_report_due(
        intervention, FinalReport.objects.filter(intervention=intervention).first(), today=today
    )
    entries.append(TimelineEntry(day=final.deadline, kind=EntryKind.FINAL, final=final))
    entries.sort(key=lambda entry: entry.sort_key)
    years = [
        year_money(intervention, year, today=today)
        for year in timeline_years(intervention, today=today)
    ]
    return Timeline(intervention=intervention, entries=entries, years=years, final=final)
