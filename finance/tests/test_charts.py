from __future__ import annotations

import pytest
from django.template import Context, Template
from django_scopes import scope

from finance.charts import BAR_WIDTH, PLOT_HEIGHT, TOP, build_cost_chart
from finance.tests.factories import CostOutcomeFactory, TransferFactory
from testing.factories import BudgetFactory
from testing.personas import World

pytestmark = pytest.mark.django_db


def test_build_cost_chart_scales_to_largest_amount() -> None:
    chart = build_cost_chart(2022, {1: 200_000, 2: 200_000}, {1: 100_000, 2: -20_000})

    q1, q2 = chart.quarters[0], chart.quarters[1]
    assert (chart.max_amount, q1.budget.height, q1.outcome.height, q2.outcome.height) == (
        200_000,
        PLOT_HEIGHT,
        PLOT_HEIGHT // 2,
        0,
    )
    assert (q1.budget.y, q1.outcome.y, q1.outcome.x - q1.budget.x) == (
        TOP,
        TOP + PLOT_HEIGHT // 2,
        BAR_WIDTH + 4,
    )


def test_build_cost_chart_without_data_draws_no_bars() -> None:
    chart = build_cost_chart(2022, {}, {})

    assert (chart.has_data, [q.budget.height for q in chart.quarters]) == (False, [0, 0, 0, 0])


def test_cost_chart_include_renders_svg_without_style(world: World) -> None:
    BudgetFactory.create(intervention=world.intervention_a, year=2023, amount=400_000)
    TransferFactory.create(intervention=world.intervention_a, amount=40_000)
    CostOutcomeFactory.create(
        intervention=world.intervention_a, year=2023, quarter=1, amount=55_000
    )
    template = Template(
        '{% include "finance/includes/cost_chart.svg.html" with intervention=i year=2023 %}'
    )

    with scope(association=world.association.pk):
        html = template.render(Context({"i": world.intervention_a}))

    assert "<svg" in html
    assert "style=" not in html
    assert "Kvartal 1: budget 110\xa0000\xa0kr, utfall 55\xa0000\xa0kr." in html
