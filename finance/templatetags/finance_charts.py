"""``{% cost_chart intervention year %}``: the costs-vs-budget SVG of one intervention."""

from __future__ import annotations

from typing import Any

from django import template

from finance.charts import cost_chart_for
from interventions.models import Intervention

register = template.Library()


@register.inclusion_tag("finance/includes/cost_chart_svg.html")
def cost_chart(intervention: Intervention, year: Any) -> dict[str, Any]:
    year = int(year)
    return {"intervention": intervention, "chart": cost_chart_for(intervention, year)}
