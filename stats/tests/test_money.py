"""Hand-computed examples of spec/reports.md section 6 (budget)."""

from __future__ import annotations

import datetime as dt

import pytest
from pytest_django import DjangoAssertNumQueries

from finance.models import CostOutcome
from finance.tests.factories import CostOutcomeFactory, TransferFactory
from followup.models import Decision, Deviation
from interventions.models import Budget, Intervention
from stats import money
from stats.periods import Period
from testing.factories import AssociationFactory, BudgetFactory, InterventionFactory

pytestmark = pytest.mark.django_db


def figures(period: str) -> dict[int, money.MoneyFigures]:
    return money.money_figures(
        Period.parse(period),
        budgets=Budget.objects.all(),
        deviations=Deviation.objects.all(),
        costs=CostOutcome.objects.all(),
    )


@pytest.fixture
def intervention() -> Intervention:
    return InterventionFactory.create(association=AssociationFactory.create(slug="exempel"))


# --- spreading a yearly budget ------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "quarters"),
    [
        (1_000_000, (250_000, 250_000, 250_000, 250_000)),
        (1_000_002, (250_000, 250_000, 250_000, 250_002)),
        (1_000_003, (250_000, 250_000, 250_000, 250_003)),
        (3, (0, 0, 0, 3)),
        (0, (0, 0, 0, 0)),
    ],
)
def test_spread_over_quarters_remainder_goes_to_q4(
    amount: int, quarters: tuple[int, int, int, int]
) -> None:
    assert money.spread_over_quarters(amount) == quarters
    assert sum(money.spread_over_quarters(amount)) == amount


def test_money_yearly_budget_spreads_per_quarter(intervention: Intervention) -> None:
    BudgetFactory.create(intervention=intervention, year=2022, amount=1_000_002)

    h1, q4, year = figures("2022H1"), figures("2022Q4"), figures("2022")

    assert (
        h1[intervention.pk].period_budget,
        q4[intervention.pk].period_budget,
        q4[intervention.pk].ytd_budget,
        year[intervention.pk].period_budget,
    ) == (500_000, 250_002, 1_000_002, 1_000_002)


def test_money_quarterly_budget_sums_quarters_of_window(intervention: Intervention) -> None:
    for quarter, amount in [(1, 100_000), (2, 200_000), (3, 300_000), (4, 400_000)]:
        BudgetFactory.create(intervention=intervention, year=2022, quarter=quarter, amount=amount)

    result = figures("2022H2")[intervention.pk]

    assert (result.period_budget, result.ytd_budget) == (700_000, 1_000_000)


def test_money_quarterly_budget_of_each_quarter(intervention: Intervention) -> None:
    BudgetFactory.create(intervention=intervention, year=2022, amount=400_000)
    BudgetFactory.create(intervention=intervention, year=2022, quarter=3, amount=50_000)

    result = money.quarterly_budgets(Budget.objects.all(), Deviation.objects.all(), years=[2022])

    assert result == {
        intervention.pk: {
            (2022, 1): 100_000,
            (2022, 2): 100_000,
            (2022, 3): 150_000,
            (2022, 4): 100_000,
        }
    }


# --- cost outcome -------------------------------------------------------------------------


def test_money_outcome_counts_approved_rows_and_repayments(intervention: Intervention) -> None:
    BudgetFactory.create(intervention=intervention, year=2022, amount=1_200_000)
    CostOutcomeFactory.create(intervention=intervention, quarter=1, amount=300_000)
    CostOutcomeFactory.create(intervention=intervention, quarter=2, amount=-50_000)
    CostOutcomeFactory.create(
        intervention=intervention, quarter=3, amount=200_000, status=CostOutcome.Status.SUBMITTED
    )
    CostOutcomeFactory.create(
        intervention=intervention, quarter=4, amount=90_000, status=CostOutcome.Status.REJECTED
    )

    h1, h2 = figures("2022H1")[intervention.pk], figures("2022H2")[intervention.pk]

    # H1: outcome 300 000 - 50 000 = 250 000 of budget 600 000 -> 41.67 % -> 42 %
    assert (h1.period_outcome, h1.ytd_outcome, h1.consumption_ratio) == (250_000, 250_000, 42)
    # H2: nothing approved in Q3-Q4; ytd 250 000 of 1 200 000 -> 20.83 % -> 21 %
    assert (h2.period_outcome, h2.ytd_outcome, h2.consumption_ratio) == (0, 250_000, 21)


def test_money_consumption_ratio_rounds_half_up(intervention: Intervention) -> None:
    BudgetFactory.create(intervention=intervention, year=2022, quarter=1, amount=200_000)
    CostOutcomeFactory.create(intervention=intervention, quarter=1, amount=83_000)

    result = figures("2022Q1")[intervention.pk]

    assert result.consumption_ratio == 42  # 41.5 % -> 42 %


def test_money_consumption_ratio_without_budget_is_none(intervention: Intervention) -> None:
    CostOutcomeFactory.create(intervention=intervention, quarter=1, amount=83_000)

    result = figures("2022H1")[intervention.pk]

    assert (result.ytd_budget, result.ytd_outcome, result.consumption_ratio) == (0, 83_000, None)


# --- transfers to next year ---------------------------------------------------------------


def test_money_granted_transfer_moves_exactly_its_amount(intervention: Intervention) -> None:
    BudgetFactory.create(intervention=intervention, year=2022, amount=1_000_000)
    BudgetFactory.create(intervention=intervention, year=2023, amount=1_000_000)
    TransferFactory.create(intervention=intervention, amount=150_000)

    year_2022, year_2023 = figures("2022")[intervention.pk], figures("2023")[intervention.pk]

    assert (year_2022.period_budget, year_2022.transferred) == (1_000_000, 150_000)
    assert (year_2023.period_budget, year_2023.transferred) == (1_150_000, 0)
    assert figures("2023Q1")[intervention.pk].period_budget == 250_000 + 37_500


def test_money_rejected_transfer_moves_nothing(intervention: Intervention) -> None:
    BudgetFactory.create(intervention=intervention, year=2023, amount=1_000_000)
    TransferFactory.create(intervention=intervention, amount=150_000, decision=Decision.REJECTED)
    TransferFactory.create(
        intervention=intervention,
        amount=90_000,
        decision=Decision.UNDECIDED,
        received_on=dt.date(2022, 11, 20),
    )

    assert figures("2022").get(intervention.pk) is None
    assert figures("2023")[intervention.pk].period_budget == 1_000_000


def test_money_partly_granted_transfer_counts(intervention: Intervention) -> None:
    TransferFactory.create(intervention=intervention, amount=80_000, decision=Decision.PARTLY)

    assert figures("2022")[intervention.pk].transferred == 80_000
    assert figures("2023")[intervention.pk].period_budget == 80_000


def test_money_transferred_counts_only_deviations_received_ytd(
    intervention: Intervention,
) -> None:
    TransferFactory.create(intervention=intervention, amount=150_000)  # received 2022-11-15

    assert figures("2022H1").get(intervention.pk) is None
    assert figures("2022H2")[intervention.pk].transferred == 150_000


# --- returned at year end -----------------------------------------------------------------


def test_money_returned_at_year_end(intervention: Intervention) -> None:
    BudgetFactory.create(intervention=intervention, year=2022, amount=1_000_000)
    CostOutcomeFactory.create(intervention=intervention, quarter=1, amount=700_000)
    TransferFactory.create(intervention=intervention, amount=150_000)

    # 1 000 000 - 700 000 - 150 000 = 150 000; not known before the year ends
    assert figures("2022H2")[intervention.pk].returned == 150_000
    assert figures("2022Q3")[intervention.pk].returned is None


def test_money_returned_is_never_negative() -> None:
    assert money.returned_at_year_end(1_000_000, 1_100_000, 0) == 0


# --- totals and query count ---------------------------------------------------------------


def test_money_total_ratio_is_ratio_of_sums() -> None:
    rows = [
        money.MoneyFigures(ytd_budget=100_000, ytd_outcome=100_000),
        money.MoneyFigures(ytd_budget=300_000, ytd_outcome=0),
    ]

    result = money.total(rows, ends_year=False)

    assert (result.ytd_budget, result.ytd_outcome, result.consumption_ratio, result.returned) == (
        400_000,
        100_000,
        25,
        None,
    )


@pytest.mark.parametrize("count", [1, 3])
def test_money_figures_query_count(
    django_assert_num_queries: DjangoAssertNumQueries, count: int
) -> None:
    association = AssociationFactory.create(slug="exempel")
    for intervention in InterventionFactory.create_batch(count, association=association):
        BudgetFactory.create(intervention=intervention, year=2022, amount=1_000_000)
        CostOutcomeFactory.create(intervention=intervention, quarter=1, amount=100_000)
        TransferFactory.create(intervention=intervention, amount=10_000)

    with django_assert_num_queries(4):
        result = figures("2022H2")

    assert len(result) == count
