"""Reads of intervention data used by several pages. Must run inside an association scope."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _

from interventions.models import Budget, Intervention, InterventionQuerySet

QUARTERS = (1, 2, 3, 4)


def budget_for_year(year: int) -> int:
    """Granted budget of all interventions for a year (yearly and quarterly rows), in SEK."""
    total = Budget.objects.filter(year=year).aggregate(total=Sum("amount"))["total"]
    return int(total or 0)


# --- period status ------------------------------------------------------------------------


class PeriodStatus(models.TextChoices):
    """Where an intervention's period stands relative to a day."""

    ONGOING = "pagaende", _("Pågående")
    ENDED = "avslutad", _("Avslutad")
    UPCOMING = "kommande", _("Kommande")


def period_status_q(status: PeriodStatus | str, *, today: dt.date) -> Q:
    """A filter for interventions whose period has ``status`` on ``today``."""
    if status == PeriodStatus.ENDED:
        return Q(end_date__lt=today)
    if status == PeriodStatus.UPCOMING:
        return Q(start_date__gt=today)
    return Q(start_date__lte=today) & (Q(end_date__isnull=True) | Q(end_date__gte=today))


def period_status(intervention: Intervention, *, today: dt.date) -> PeriodStatus:
    if intervention.start_date > today:
        return PeriodStatus.UPCOMING
    if intervention.end_date is not None and intervention.end_date < today:
        return PeriodStatus.ENDED
    return PeriodStatus.ONGOING


def interventions_for_list(
    *, today: dt.date, kind: str = "", status: str = ""
) -> InterventionQuerySet:
    """The interventions of the list page in display order, optionally filtered by kind and
    by period status; the owner comes in the same query."""
    queryset = Intervention.objects.in_display_order().select_related("owner")
    if kind:
        queryset = queryset.filter(kind=kind)
    if status:
        queryset = queryset.filter(period_status_q(status, today=today))
    return queryset


# --- budgets ------------------------------------------------------------------------------


@dataclass
class BudgetYear:
    """One year of an intervention's budget: its rows, total and quarterly split (None when
    the year is budgeted as a whole)."""

    year: int
    rows: list[Budget] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(row.amount for row in self.rows)

    @property
    def is_quarterly(self) -> bool:
        return any(row.quarter is not None for row in self.rows)

    @property
    def quarters(self) -> list[int | None] | None:
        """Amounts of Q1-Q4 (None for a quarter without a row); None for a yearly budget."""
        if not self.is_quarterly:
            return None
        by_quarter = {row.quarter: row.amount for row in self.rows}
        return [by_quarter.get(quarter) for quarter in QUARTERS]


def budget_years(budgets: Iterable[Budget]) -> list[BudgetYear]:
    """Group budget rows by year, oldest year first, rows in quarter order."""
    years: dict[int, BudgetYear] = {}
    for row in sorted(budgets, key=lambda b: (b.year, b.quarter or 0)):
        years.setdefault(row.year, BudgetYear(year=row.year)).rows.append(row)
    return list(years.values())


@dataclass
class BudgetOverviewRow:
    intervention: Intervention
    #: amount per year of ``BudgetOverview.years`` (None without a budget that year)
    amounts: list[int | None]
    #: the selected year: Q1-Q4 when budgeted per quarter, else None
    quarters: list[int | None] | None
    year_amount: int | None

    @property
    def total(self) -> int:
        return sum(amount or 0 for amount in self.amounts)


@dataclass
class BudgetOverview:
    year: int
    years: list[int]
    rows: list[BudgetOverviewRow]

    @property
    def year_totals(self) -> list[int]:
        return [sum(row.amounts[i] or 0 for row in self.rows) for i in range(len(self.years))]

    @property
    def total(self) -> int:
        return sum(row.total for row in self.rows)

    @property
    def selected_year_total(self) -> int:
        return sum(row.year_amount or 0 for row in self.rows)


def budget_overview(*, year: int) -> BudgetOverview:
    """Every intervention's budget per year (for all years with a budget, and ``year``),
    and the selected year's quarterly split. Three queries whatever the number of rows."""
    interventions = list(Intervention.objects.in_display_order())
    per_year: dict[int, dict[int, int]] = defaultdict(dict)
    for row in Budget.objects.values("intervention_id", "year").annotate(amount=Sum("amount")):
        per_year[row["intervention_id"]][row["year"]] = int(row["amount"])
    selected: dict[int, list[Budget]] = defaultdict(list)
    for budget in Budget.objects.filter(year=year):
        selected[budget.intervention_id].append(budget)
    years = sorted({y for amounts in per_year.values() for y in amounts} | {year})
    rows = []
    for intervention in interventions:
        amounts = per_year.get(intervention.pk, {})
        this_year = BudgetYear(year=year, rows=selected.get(intervention.pk, []))
        rows.append(
            BudgetOverviewRow(
                intervention=intervention,
                amounts=[amounts.get(y) for y in years],
                quarters=this_year.quarters,
                year_amount=this_year.total if this_year.rows else None,
            )
        )
    return BudgetOverview(year=year, years=years, rows=rows)
