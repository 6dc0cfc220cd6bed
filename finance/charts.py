"""A costs-vs-budget chart per intervention and year, drawn as inline SVG on the server
(no JavaScript, no style attributes: only SVG presentation attributes). The geometry is
computed here; ``templates/finance/includes/cost_chart_svg.html`` only writes it out."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from finance.models import CostOutcome
from followup.models import Deviation
from interventions.models import Budget, Intervention
from stats import money

WIDTH = 480
HEIGHT = 240
LEFT = 80
RIGHT = 10
TOP = 20
BOTTOM = 40
PLOT_WIDTH = WIDTH - LEFT - RIGHT
PLOT_HEIGHT = HEIGHT - TOP - BOTTOM
GROUP_WIDTH = PLOT_WIDTH // 4
BAR_WIDTH = 36
BAR_GAP = 4


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    width: int
    height: int
    amount: int


@dataclass(frozen=True)
class QuarterBars:
    quarter: int
    label_x: int
    budget: Bar
    outcome: Bar


@dataclass(frozen=True)
class CostChart:
    year: int
    quarters: list[QuarterBars]
    max_amount: int
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    top: int = TOP
    baseline: int = TOP + PLOT_HEIGHT
    right_edge: int = WIDTH - RIGHT
    label_y: int = HEIGHT - BOTTOM + 16

    @property
    def has_data(self) -> bool:
        return any(q.budget.amount or q.outcome.amount for q in self.quarters)


def _bar(x: int, amount: int, scale_max: int) -> Bar:
    height = round(PLOT_HEIGHT * max(amount, 0) / scale_max) if scale_max else 0
    return Bar(x=x, y=TOP + PLOT_HEIGHT - height, width=BAR_WIDTH, height=height, amount=amount)


def build_cost_chart(year: int, budget: dict[int, int], outcome: dict[int, int]) -> CostChart:
    """Bars of budget and approved outcome for Q1-Q4 (``{quarter: amount}``). A negative
    outcome (repayment) draws no bar; its amount is still in the text alternative."""
    scale_max = max([0, *budget.values(), *outcome.values()])
    quarters = []
    for quarter in money.QUARTERS:
        group_x = LEFT + (quarter - 1) * GROUP_WIDTH + (GROUP_WIDTH - 2 * BAR_WIDTH - BAR_GAP) // 2
        quarters.append(
            QuarterBars(
                quarter=quarter,
                label_x=group_x + BAR_WIDTH + BAR_GAP // 2,
                budget=_bar(group_x, budget.get(quarter, 0), scale_max),
                outcome=_bar(group_x + BAR_WIDTH + BAR_GAP, outcome.get(quarter, 0), scale_max),
            )
        )
    return CostChart(year=year, quarters=quarters, max_amount=scale_max)


def cost_chart_for(intervention: Intervention, year: int) -> CostChart:
    """The chart of one intervention's year (budget with money transferred in)."""
    own = Q(intervention_id=intervention.pk)
    budget = money.quarterly_budgets(
        Budget.objects.filter(own), Deviation.objects.filter(own), years=[year]
    ).get(intervention.pk, {})
    outcome = money.outcome_by_quarter(CostOutcome.objects.filter(own), years=[year]).get(
        intervention.pk, {}
    )
    return build_cost_chart(
        year,
        {quarter: amount for (_y, quarter), amount in budget.items()},
        {quarter: amount for (_y, quarter), amount in outcome.items()},
    )
