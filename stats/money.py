"""Money per intervention (spec/reports.md section 6, `budget`): budget and cost outcome for
a period and for ytd, consumption ratio, money transferred to next year and money returned
at year end.

Definitions:

- *Quarterly budget* of a quarter = the quarterly Budget row of that quarter + a quarter of
  the yearly Budget row + a quarter of the money transferred in. A yearly amount A is split
  in whole SEK as ``A // 4`` in each of Q1-Q3 and ``A // 4 + A % 4`` in Q4, so the four
  quarters always sum to A (1 000 002 -> 250 000, 250 000, 250 000, 250 002).
- *Transferred in*: an `overforing` deviation received in year Y and decided `beviljad` or
  `delvis` (``Deviation.moves_money``) adds its amount to year Y+1's budget.
- *Budget for a window* = the sum of the quarterly budgets of its quarters.
- *Cost outcome for a window* = the sum of the approved cost rows of its quarters; a
  negative row (repayment) reduces it.
- *Consumption ratio* = ytd outcome / ytd budget in whole percent, rounded half up; None
  when the ytd budget is 0.
- *Transferred* (out) = the amounts of `overforing` deviations received ytd and decided
  `beviljad` or `delvis`.
- *Returned at year end* = max(0, year budget - year outcome - transferred out of the year).

Every function computes for all interventions at once and returns a dict keyed by
intervention id; the querysets passed in decide the association (scope) and which rows
count. ``money_figures`` makes four queries whatever the number of interventions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet, Sum

from finance.models import CostOutcome
from followup.models import Decision, Deviation, DeviationKind
from interventions.models import Budget
from stats.periods import Period, Quarter, round_half_up

QUARTERS = (1, 2, 3, 4)
MOVING_DECISIONS = (Decision.GRANTED, Decision.PARTLY)

#: intervention id -> (year, quarter) -> amount
ByQuarter = dict[int, dict[Quarter, int]]


def spread_over_quarters(amount: int) -> tuple[int, int, int, int]:
    """A yearly amount split 25 % per quarter in whole SEK; the remainder goes to Q4."""
    base, remainder = divmod(amount, 4)
    return (base, base, base, base + remainder)


def approved_transfers(deviations: QuerySet[Deviation]) -> QuerySet[Deviation]:
    """The deviations that move money to next year (``Deviation.moves_money``)."""
    return deviations.filter(kind=DeviationKind.TRANSFER, decision__in=MOVING_DECISIONS)


def quarterly_budgets(
    budgets: QuerySet[Budget], deviations: QuerySet[Deviation], *, years: Iterable[int]
) -> ByQuarter:
    """Each intervention's budget of each quarter of ``years``, with money transferred in
    from the year before. Two queries."""
    years = sorted(set(years))
    result: ByQuarter = defaultdict(lambda: defaultdict(int))
    rows = (
        budgets.filter(year__in=years)
        .order_by()
        .values_list("intervention_id", "year", "quarter", "amount")
    )
    for intervention_id, year, quarter, amount in rows:
        add_to_quarters(result[intervention_id], year, quarter, amount)
    transfers = (
        approved_transfers(deviations)
        .filter(received_on__year__in=[each - 1 for each in years])
        .order_by()
        .values_list("intervention_id", "received_on", "amount")
    )
    for intervention_id, received_on, transferred in transfers:
        add_to_quarters(result[intervention_id], received_on.year + 1, None, transferred or 0)
    return {key: dict(value) for key, value in result.items()}


def add_to_quarters(
    target: dict[Quarter, int], year: int, quarter: int | None, amount: int
) -> None:
    """Add a quarter's amount, or a year's amount spread over its quarters."""
    if quarter is not None:
        target[(year, quarter)] = target.get((year, quarter), 0) + amount
        return
    for each, share in zip(QUARTERS, spread_over_quarters(amount), strict=True):
        target[(year, each)] = target.get((year, each), 0) + share


def outcome_by_quarter(costs: QuerySet[CostOutcome], *, years: Iterable[int]) -> ByQuarter:
    """Each intervention's approved cost outcome of each quarter of ``years``. One query."""
    rows = (
        costs.filter(status=CostOutcome.Status.APPROVED, year__in=sorted(set(years)))
        .order_by()
        .values("intervention_id", "year", "quarter")
        .annotate(total=Sum("amount"))
    )
    result: ByQuarter = defaultdict(dict)
    for row in rows:
        result[row["intervention_id"]][(row["year"], row["quarter"])] = int(row["total"])
    return dict(result)


def window_sum(by_quarter: ByQuarter, quarters: Iterable[Quarter]) -> dict[int, int]:
    """Per intervention: the sum of its amounts over ``quarters`` (a budget or an outcome
    for a window)."""
    quarters = tuple(quarters)
    return {
        intervention_id: sum(amounts.get(quarter, 0) for quarter in quarters)
        for intervention_id, amounts in by_quarter.items()
    }


def transferred_out(deviations: QuerySet[Deviation], period: Period) -> dict[int, int]:
    """Per intervention: money transferred to next year, i.e. the amounts of `overforing`
    deviations received ytd (1 January to the period's end) and decided `beviljad` or
    `delvis`. One query."""
    rows = (
        approved_transfers(deviations)
        .filter(received_on__gte=period.ytd_start, received_on__lte=period.end)
        .order_by()
        .values("intervention_id")
        .annotate(total=Sum("amount"))
    )
    return {row["intervention_id"]: int(row["total"] or 0) for row in rows}


def consumption_ratio(outcome: int, budget: int) -> int | None:
    """Outcome / budget in whole percent, rounded half up; None when the budget is 0."""
    return round_half_up(outcome, budget)


def returned_at_year_end(year_budget: int, year_outcome: int, transferred: int) -> int:
    """What goes back to the association when the year closes."""
    return max(0, year_budget - year_outcome - transferred)


@dataclass(frozen=True)
class MoneyFigures:
    """One intervention's money for a period, or the total of several."""

    period_budget: int = 0
    period_outcome: int = 0
    ytd_budget: int = 0
    ytd_outcome: int = 0
    transferred: int = 0
    #: None until the period ends the year (the year's outcome is not final before)
    returned: int | None = None

    @property
    def consumption_ratio(self) -> int | None:
        return consumption_ratio(self.ytd_outcome, self.ytd_budget)

    @property
    def is_empty(self) -> bool:
        return not any(
            (
                self.period_budget,
                self.period_outcome,
                self.ytd_budget,
                self.ytd_outcome,
                self.transferred,
            )
        )


def money_figures(
    period: Period,
    *,
    budgets: QuerySet[Budget],
    deviations: QuerySet[Deviation],
    costs: QuerySet[CostOutcome],
) -> dict[int, MoneyFigures]:
    """Every intervention's money for ``period``, keyed by intervention id, for the
    interventions with any budget, outcome or transfer that year. Four queries."""
    budget = quarterly_budgets(budgets, deviations, years=[period.year])
    outcome = outcome_by_quarter(costs, years=[period.year])
    transferred = transferred_out(deviations, period)
    year_quarters = tuple((period.year, quarter) for quarter in QUARTERS)
    figures = {
        "period_budget": window_sum(budget, period.quarters),
        "period_outcome": window_sum(outcome, period.quarters),
        "ytd_budget": window_sum(budget, period.ytd_quarters),
        "ytd_outcome": window_sum(outcome, period.ytd_quarters),
    }
    year_budget = window_sum(budget, year_quarters)
    year_outcome = window_sum(outcome, year_quarters)
    result: dict[int, MoneyFigures] = {}
    for intervention_id in set(budget) | set(outcome) | set(transferred):
        out = transferred.get(intervention_id, 0)
        returned = None
        if period.ends_year:
            returned = returned_at_year_end(
                year_budget.get(intervention_id, 0), year_outcome.get(intervention_id, 0), out
            )
        result[intervention_id] = MoneyFigures(
            **{name: values.get(intervention_id, 0) for name, values in figures.items()},
            transferred=out,
            returned=returned,
        )
    return result


def total(figures: Iterable[MoneyFigures], *, ends_year: bool) -> MoneyFigures:
    """The sum of several interventions' figures; the ratio is that of the sums."""
    rows = list(figures)
    return MoneyFigures(
        period_budget=sum(row.period_budget for row in rows),
        period_outcome=sum(row.period_outcome for row in rows),
        ytd_budget=sum(row.ytd_budget for row in rows),
        ytd_outcome=sum(row.ytd_outcome for row in rows),
        transferred=sum(row.transferred for row in rows),
        returned=sum(row.returned or 0 for row in rows) if ends_year else None,
    )
