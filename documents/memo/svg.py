"""The memo's charts laid out once for two painters: the page's inline SVG, written out by
``documents.memo.html.chart_svg`` (SVG presentation attributes only: the content security
policy allows no inline style), and the DOCX's PNG, painted by ``documents.memo.png``.

The page draws the same :class:`~documents.memo.model.Chart` data as the PNG charts of
the DOCX, in the same colours and with the same value labels, but costs almost nothing:
drawing four PNG charts with matplotlib took most of the memo page's time
(docs/performance.md). A :class:`Frame` says what differs: the page's SVG is ``WIDTH``
units wide, as tall as its bars need and measures text by an average character width; the
PNG has the DOCX's fixed size (the bars share its height) and measures text in the font it
draws. Only horizontal bar charts (all the memo and the annual report have) are laid out
here; ``layout`` returns None for any other, which matplotlib draws (``charts.render``).
"""

from __future__ import annotations

import math
from collections.abc import Callable
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
    #: The top of its square (a legend too wide for one row goes on in a second one).
    y: float = 4


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


def estimated(text: str) -> float:
    """The width of ``text`` at ``FONT_SIZE``, from an average character width."""
    return len(text) * CHAR_WIDTH


@dataclass(frozen=True)
class Frame:
    """The drawing's width, its height (None: as tall as the bars need, ``BAR`` units a
    bar) and how it measures a text at ``FONT_SIZE`` (in the drawing's units)."""

    width: float = WIDTH
    height: float | None = None
    measure: Callable[[str], float] = estimated


def shorten(text: str, width: float, measure: Callable[[str], float] | None = None) -> str:
    """``text`` cut with an ellipsis to fit ``width`` units (estimated, or ``measure``d)."""
    if measure is None or measure is estimated:
        fits = int(width / CHAR_WIDTH)
        return text if len(text) <= fits else text[: max(1, fits - 1)].rstrip() + "…"
    if measure(text) <= width:
        return text
    cut = text
    while len(cut) > 1 and measure(cut + "…") > width:
        cut = cut[:-1].rstrip()
    return cut + "…"


def legend_lines(chart: Chart, frame: Frame, left: float) -> tuple[SvgLegend, ...]:
    """The legend's lines from ``left``: one per series when there are several, and the
    line of hidden bars; a line that would pass the frame's right edge starts a new row."""
    entries = [
        (COLOURS[index % len(COLOURS)], series.label, False)
        for index, series in enumerate(chart.series if len(chart.series) > 1 else ())
    ]
    if chart.has_hidden:
        entries.append((HIDDEN_COLOUR, HIDDEN_LEGEND, True))
    lines: list[SvgLegend] = []
    x, y = left, 4.0
    for colour, label, hidden in entries:
        width = 18 + frame.measure(label)
        if lines and x + width > frame.width:
            x, y = left, y + LEGEND_HEIGHT - 4
        lines.append(SvgLegend(x=x, colour=colour, label=label, hidden=hidden, y=y))
        x += width + 14
    return tuple(lines)


def layout(chart: Chart, frame: Frame | None = None) -> SvgChart | None:
    """The chart's geometry in ``frame`` (the page's by default), or None when it is not a
    horizontal bar chart."""
    if chart.orientation != "barh":
        return None
    frame = frame or Frame()
    series_count = max(1, len(chart.series))
    values = [v for each in chart.series for v in each.values if v is not None]
    extremes = [*values, *([chart.reference] if chart.reference is not None else []), 0.0]
    low, high = min(extremes), max(extremes)
    step = nice_step(high - low) if high > low else 1.0
    if chart.whole_numbers:
        step = max(1.0, math.ceil(step))
    low = math.floor(low / step) * step
    high = math.ceil(high / step) * step if high > low else low + step

    longest = max((frame.measure(c) for c in chart.categories), default=0.0)
    label_width = min(MAX_LABEL_WIDTH, longest + 8)
    left = label_width + 8
    right = frame.width - VALUE_ROOM
    legend = legend_lines(chart, frame, left)
    top = legend[-1].y + LEGEND_HEIGHT - 4 if legend else 8
    rows = max(1, len(chart.categories))
    # A group of bars is ``series_count`` bars and a gap; in a frame of fixed height the
    # groups share it, each bar and gap ``scale`` times as thick as on the page.
    scale = 1.0
    if frame.height is not None:
        scale = (frame.height - AXIS_HEIGHT - top) / rows / (series_count * BAR + GROUP_GAP)
    bar, gap = BAR * scale, GROUP_GAP * scale
    group = series_count * bar + gap
    bottom = top + rows * group
    height = int(bottom + AXIS_HEIGHT) if frame.height is None else int(frame.height)

    def x_of(value: float) -> float:
        return round(left + (value - low) / (high - low) * (right - left), 1)

    zero_x = x_of(0.0)
    bars: list[SvgBar] = []
    for index, series in enumerate(chart.series):
        colour = COLOURS[index % len(COLOURS)]
        for position, (category, value) in enumerate(
            zip(chart.categories, series.values, strict=True)
        ):
            y = top + position * group + gap / 2 + index * bar
            if series.is_hidden(position):
                bars.append(
                    SvgBar(
                        x=zero_x,
                        y=y,
                        width=0,
                        height=bar - scale,
                        colour=HIDDEN_COLOUR,
                        label="..",
                        label_x=zero_x + 3,
                        label_y=y + (bar - scale) / 2 + 4,
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
                    height=bar - scale,
                    colour=colour,
                    label=label,
                    label_x=max(zero_x, end) + 3,
                    label_y=y + (bar - scale) / 2 + 4,
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
            text=shorten(category, label_width, frame.measure),
            full=category,
        )
        for position, category in enumerate(chart.categories)
    )
    return SvgChart(
        key=chart.key,
        width=int(frame.width),
        height=height,
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        zero_x=zero_x,
        bars=tuple(bars),
        ticks=tuple(ticks),
        categories=categories,
        legend=legend,
        reference_x=x_of(chart.reference) if chart.reference is not None else None,
        reference_colour=REFERENCE_COLOUR,
        unit=chart.unit,
        empty=chart.is_empty,
    )
