"""Small charts for the chart tests: the bars of a few categories, and those bars drawn on
a matplotlib axes of their own."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from documents.memo.model import Chart, ChartSeries

if TYPE_CHECKING:
    from matplotlib.axes import Axes


def bars(
    categories: Sequence[str],
    *series: ChartSeries,
    key: str = "test",
    title: str = "Test",
    **options: Any,
) -> Chart:
    """Chart number 1 of ``series`` over ``categories``; ``options``: the rest of
    :class:`~documents.memo.model.Chart` (orientation, unit, ...)."""
    return Chart(
        key=key,
        number=1,
        title=title,
        categories=tuple(categories),
        series=series,
        **options,
    )


def bars_on_axes(chart: Chart) -> Axes:
    """The chart's bars drawn (``draw_bars``) on the one axes of a new Agg figure."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from documents.memo.charts import draw_bars

    figure = Figure()
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    draw_bars(axes, chart)
    return axes
