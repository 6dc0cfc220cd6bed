"""The memo page's charts as inline SVG, laid out here and written out by
``templates/documents/partials/chart_svg.html`` (SVG presentation attributes only: the
content security policy allows no inline style).

The page draws the same :class:`~documents.memo.model.Chart` data as the PNG charts of
the DOCX and PDF (``charts.render``), in the same colours and with the same value labels,
but costs almost nothing: drawing four PNG charts with matplotlib took most of the memo
page's time (docs/performance.md). Only horizontal bar charts (all the memo has) are laid
out here; ``layout`` returns None for any other, and the page shows the PNG.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from documents.memo.charts import (
    COLOURS,
    HIDDEN_COLOUR,
    HIDDEN_LEGEND,
    REFERENCE_COLOUR,
    value_label,
)
from documents.memo.model import Chart

WIDTH = 760
FONT_SIZE = 11
#: average advance of a character at FONT_SIZE, for the category label column
CHAR_WIDTH = 6.2
MAX_LABEL_WIDTH = 250
BAR = 11
GROUP_GAP = 8
LEGEND_HEIGHT = 22
AXIS_HEIGHT = 36
#: room right of the longest bar for its value label
VALUE_ROOM = 46
TICK_TARGET = 5


@dataclass(frozen=True)
class SvgBar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    label: str
    label_x: float
    label_y: float
    #: "Category – series: value", the bar's tooltip and text alternative
    title: str


@dataclass(frozen=True)
class SvgText:
    x: float
    y: float
    text: str
    #: the untruncated text (category labels shortened to fit)
    full: str = ""


@dataclass(frozen=True)
class SvgLegend:
    x: float
    colour: str
    label: str
    #: The legend line of hidden bars: an outlined empty square, not a filled one.
    hidden: bool = False


@dataclass(frozen=True)
class SvgChart:
    key: str
    width: int
    height: int
    left: float
    right: float
    top: float
    bottom: float
    zero_x: float
    bars: tuple[SvgBar, ...]
    ticks: tuple[SvgText, ...]
    categories: tuple[SvgText, ...]
    legend: tuple[SvgLegend, ...]
    reference_x: float | None
    reference_colour: str
    unit: str
    empty: bool


def nice_step(span: float) -> float:
    """A step of 1, 2 or 5 times a power of ten giving about ``TICK_TARGET`` ticks."""
    raw = span / TICK_TARGET
    power = 10.0 ** math.floor(math.log10(raw))
    for factor in (1.0, 2.0, 5.0, 10.0):
        if raw <= factor * power:
            return factor * power
    return 10.0 * power  # pragma: no cover - the loop always returns


def shorten(text: str, width: float) -> str:
    """``text`` cut with an ellipsis to fit ``width`` pixels (estimated)."""
    fits = int(width / CHAR_WIDTH)
    return text if len(text) <= fits else text[: max(1, fits - 1)].rstrip() + "…"


def layout(chart: Chart) -> SvgChart | None:
    """The chart's geometry, or None when it is not a horizontal bar chart."""
    if chart.orientation != "barh":
        return None
    series_count = max(1, len(chart.series))
    values = [v for each in chart.series for v in each.values if v is not None]
    extremes = [*values, *([chart.reference] if chart.reference is not None else []), 0.0]
    low, high = min(extremes), max(extremes)
    step = nice_step(high - low) if high > low else 1.0
    if chart.whole_numbers:
        step = max(1.0, math.ceil(step))
    low = math.floor(low / step) * step
    high = math.ceil(high / step) * step if high > low else low + step

    longest = max((len(c) for c in chart.categories), default=0)
    label_width = min(MAX_LABEL_WIDTH, longest * CHAR_WIDTH + 8)
    left = label_width + 8
    right = WIDTH - VALUE_ROOM
    top = LEGEND_HEIGHT if len(chart.series) > 1 or chart.has_hidden else 8
    group = series_count * BAR + GROUP_GAP
    bottom = top + max(1, len(chart.categories)) * group
    height = int(bottom + AXIS_HEIGHT)

    def x_of(value: float) -> float:
        return round(left + (value - low) / (high - low) * (right - left), 1)

    zero_x = x_of(0.0)
    bars: list[SvgBar] = []
    for index, series in enumerate(chart.series):
        colour = COLOURS[index % len(COLOURS)]
        for position, (category, value) in enumerate(
            zip(chart.categories, series.values, strict=True)
        ):
            y = top + position * group + GROUP_GAP / 2 + index * BAR
            if series.is_hidden(position):
                bars.append(
                    SvgBar(
                        x=zero_x,
                        y=y,
                        width=0,
                        height=BAR - 1,
                        colour=HIDDEN_COLOUR,
                        label="..",
                        label_x=zero_x + 3,
                        label_y=y + BAR - 2,
                        title=f"{category} – {series.label}: .. (uppgiften visas inte)",
                    )
                )
                continue
            if value is None:
                continue
            end = x_of(value)
            label = value_label(value)
            bars.append(
                SvgBar(
                    x=min(zero_x, end),
                    y=y,
                    width=round(abs(end - zero_x), 1),
                    height=BAR - 1,
                    colour=colour,
                    label=label,
                    label_x=max(zero_x, end) + 3,
                    label_y=y + BAR - 2,
                    title=f"{category} – {series.label}: {label} {chart.unit}".rstrip(),
                )
            )
    ticks = []
    count = round((high - low) / step)
    for number in range(count + 1):
        value = low + number * step
        ticks.append(SvgText(x=x_of(value), y=bottom + 14, text=value_label(value)))
    categories = tuple(
        SvgText(
            x=label_width,
            y=top + position * group + group / 2 + 4,
            text=shorten(category, label_width),
            full=category,
        )
        for position, category in enumerate(chart.categories)
    )
    legend = []
    x = left
    for index, series in enumerate(chart.series if len(chart.series) > 1 else ()):
        legend.append(SvgLegend(x=x, colour=COLOURS[index % len(COLOURS)], label=series.label))
        x += 18 + len(series.label) * CHAR_WIDTH + 14
    if chart.has_hidden:
        legend.append(SvgLegend(x=x, colour=HIDDEN_COLOUR, label=HIDDEN_LEGEND, hidden=True))
    return SvgChart(
        key=chart.key,
        width=WIDTH,
        height=height,
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        zero_x=zero_x,
        bars=tuple(bars),
        ticks=tuple(ticks),
        categories=categories,
        legend=tuple(legend),
        reference_x=x_of(chart.reference) if chart.reference is not None else None,
        reference_colour=REFERENCE_COLOUR,
        unit=chart.unit,
        empty=chart.is_empty,
    )
