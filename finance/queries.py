"""Reads of money that depend on the user, and the budget status. Run inside the
association scope."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from finance.models import BudgetStatus, BudgetStatusOverride, BudgetStatusThresholds, CostOutcome
from followup.models import Deviation
from interventions.models import Budget, Intervention, InterventionQuerySet
from stats import money
from stats.periods import Period
from tenancy.models import Association
from tenancy.permissions import intervention_ids, restrict

# --- what a user may see ------------------------------------------------------------------


def sees_all_money(user: Any, association: Association) -> bool:
    """Whether ``finance.view_money`` opens every intervention's money to the user."""
    return intervention_ids(user, association, "finance.view_money") is None


def money_interventions_for(user: Any, association: Association) -> InterventionQuerySet:
    """The interventions whose money the user may see, in display order: all for office
    readers, their own for an insatsansvarig, none otherwise."""
    interventions = Intervention.objects.in_display_order()
    return restrict(interventions, user, association, "finance.view_money")


def submittable_interventions_for(user: Any, association: Association) -> InterventionQuerySet:
    """The interventions the user may submit cost outcome for."""
    interventions = Intervention.objects.in_display_order()
    return restrict(interventions, user, association, "finance.submit_cost")


def costs_for(user: Any, association: Association) -> QuerySet[CostOutcome]:
    """The cost rows the user may see (see ``money_interventions_for``)."""
    return restrict(CostOutcome.objects.all(), user, association, "finance.view_money")


# --- budget status ------------------------------------------------------------------------


def thresholds_for(association: Association) -> BudgetStatusThresholds:
    """The association's thresholds, or the defaults (unsaved) when it has set none."""
    saved = BudgetStatusThresholds.objects.filter(association=association).first()
    return saved or BudgetStatusThresholds(association=association)


STATUS_CSS = {
    BudgetStatus.OK: "status-ok",
    BudgetStatus.WATCH: "status-warn",
    BudgetStatus.ACTION: "status-bad",
}


@dataclass(frozen=True)
class StatusResult:
    """The status shown: the override when there is one, else the suggestion."""

    suggested: BudgetStatus | None
    override: BudgetStatusOverride | None = None

    @property
    def status(self) -> BudgetStatus | None:
        if self.override is not None:
            return BudgetStatus(self.override.status)
        return self.suggested

    @property
    def is_overridden(self) -> bool:
        return self.override is not None

    @property
    def comment(self) -> str:
        return self.override.comment if self.override is not None else ""

    @property
    def css_class(self) -> str:
        return STATUS_CSS.get(self.status, "") if self.status is not None else ""


def suggested_budget_status(
    ratio: int | None,
    *,
    thresholds: BudgetStatusThresholds,
    override: BudgetStatusOverride | None = None,
) -> StatusResult:
    """The status suggested by the thresholds on the consumption ratio; an override of the
    office takes precedence."""
    return StatusResult(suggested=thresholds.status_for(ratio), override=override)


def overrides_for(year: int, quarter: int) -> dict[int, BudgetStatusOverride]:
    """Per intervention id: the office's status for the quarter. One query."""
    return {
        override.intervention_id: override
        for override in BudgetStatusOverride.objects.filter(year=year, quarter=quarter)
    }


# --- the money overview -------------------------------------------------------------------


@dataclass(frozen=True)
class MoneyRow:
    intervention: Intervention
    figures: money.MoneyFigures
    status: StatusResult


@dataclass(frozen=True)
class MoneyOverview:
    period: Period
    rows: list[MoneyRow]
    total: money.MoneyFigures


def money_overview(user: Any, association: Association, period: Period) -> MoneyOverview:
    """Per intervention the user may see: the period's and ytd's budget and outcome,
    consumption ratio, transfers, money returned and budget status (of the period's last
    quarter). Seven queries whatever the number of interventions."""
    interventions = list(money_interventions_for(user, association))
    visible = [intervention.pk for intervention in interventions]
    figures = money.money_figures(
        period,
        budgets=Budget.objects.filter(intervention_id__in=visible),
        deviations=Deviation.objects.filter(intervention_id__in=visible),
        costs=CostOutcome.objects.filter(intervention_id__in=visible),
    )
    thresholds = thresholds_for(association)
    overrides = overrides_for(period.year, period.last_quarter)
    empty = money.MoneyFigures(returned=0 if period.ends_year else None)
    rows = []
    for intervention in interventions:
        row_figures = figures.get(intervention.pk, empty)
        status = suggested_budget_status(
            row_figures.consumption_ratio,
            thresholds=thresholds,
            override=overrides.get(intervention.pk),
        )
        rows.append(MoneyRow(intervention=intervention, figures=row_figures, status=status))
    total = money.total((row.figures for row in rows), ends_year=period.ends_year)
    return MoneyOverview(period=period, rows=rows, total=total)
