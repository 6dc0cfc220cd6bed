"""The memo's charts, each drawn once per data (``drawn``: cached under a hash of the
chart's data) and reused by the page, the PDF and the DOCX: inline SVG for the page and the
PDF (vectors), PNG only for the DOCX (and the XLSX has none: its sheets hold the data).

The PNG charts are painted with Pillow from the SVG's own layout (``documents.memo.png``:
one layout, two painters) at a fixed width and dpi, the height from the number of
categories (``height_for``), in the bundled DejaVu Sans font and with no timestamp or
software name in the PNG metadata, so the same data always gives the same bytes. Only a
chart that layout cannot draw (a vertical one: no document has one) is still drawn by
matplotlib (``plot``), once, on a fixed layout computed from the measured labels
(``layout``: no ``tight_layout`` pass), with the legend above the axes
(docs/performance.md, "Cheaper charts" and issue 17)."""

from __future__ import annotations

import base64
import hashlib
import io
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from django.utils.safestring import SafeString, mark_safe

from documents.memo import formats
from documents.memo.model import Chart, MemoDocument

T = TypeVar("T")

WIDTH_INCHES = 6.5
DPI = 150
COLOURS = ("#0b5394", "#e69138", "#6aa84f", "#674ea7")
REFERENCE_COLOUR = "#a11d1d"
HIDDEN_COLOUR = "#555555"
#: The legend line of a hidden bar (the note under the chart says what ``..`` hides).
HIDDEN_LEGEND = "..: uppgiften visas inte (se not)"
#: Font sizes (points) of the axis labels and the legend.
TICK_SIZE = 7
LEGEND_SIZE = 7
#: The white edge around the chart (inches).
MARGIN = 0.08
#: The category labels' column takes at most this share of the width (longer labels are
#: cut with an ellipsis; the table beside the chart has them in full).
MAX_LABELS = 0.4
#: The gap between a category label and the axes (points).
LABEL_GAP = 4
#: Room right of the axes for the last tick label (inches).
RIGHT_MARGIN = 0.25
#: sin 30°: the vertical chart's category labels are turned 30 degrees.
SINE_30 = 0.5
#: zlib level of the PNG: 1-3 compress almost as well as the default 6 at a fraction of
#: the time (a chart of flat colours).
COMPRESS_LEVEL = 2


def value_label(value: float) -> str:
    """A bar's value as printed beside it (and an axis tick): whole numbers grouped in
    thousands, others with one decimal and a decimal comma (``documents.memo.formats``)."""
    return formats.count(value) if float(value).is_integer() else formats.decimal1(value)


def height_for(chart: Chart) -> float:
    bars = max(1, len(chart.categories)) * max(1, len(chart.series))
    return min(7.0, max(2.2, 0.8 + 0.15 * bars + 0.1 * len(chart.categories)))


def legend_handles(chart: Chart) -> list[tuple[str, str, bool]]:
    """The legend's lines ``(label, colour, hidden)`` when there are several series or
    hidden bars (none otherwise): one per series with a bar, and the line of hidden bars."""
    if len(chart.series) < 2 and not chart.has_hidden:
        return []
    handles = [
        (series.label, COLOURS[index % len(COLOURS)], False)
        for index, series in enumerate(chart.series)
        if any(value is not None for value in series.values)
    ]
    if chart.has_hidden:
        handles.append((HIDDEN_LEGEND, HIDDEN_COLOUR, True))
    return handles


def text_width(renderer: Any, text: str, size: float) -> float:
    """The width of ``text`` in DejaVu Sans at ``size`` points, in inches, as ``renderer``
    (the figure's own, so that drawing finds the measure in matplotlib's text cache)
    draws it at ``DPI``."""
    from matplotlib.font_manager import FontProperties

    width, _height, _descent = renderer.get_text_width_height_descent(
        text, FontProperties(size=size), ismath=False
    )
    return float(width) / DPI


def shorten(renderer: Any, text: str, width: float, size: float) -> tuple[str, float]:
    """``text`` cut with an ellipsis to fit ``width`` inches at ``size`` points, and the
    width it takes."""
    taken = text_width(renderer, text, size)
    cut = text
    while taken > width and len(cut) > 1:
        cut = cut[:-1].rstrip()
        taken = text_width(renderer, cut + "…", size)
    return (text, taken) if cut == text else (cut + "…", taken)


def legend_columns(renderer: Any, chart: Chart, room: float) -> int:
    """How many legend lines fit side by side in ``room`` inches (at least one)."""
    # A line: its handle (2 em), the gap to its text (0.8 em) and the column gap (2 em).
    widths = [
        text_width(renderer, label, LEGEND_SIZE) + 4.8 * LEGEND_SIZE / 72
        for label, _, _ in legend_handles(chart)
    ]
    columns = len(widths)
    while columns > 1 and any(
        sum(widths[start : start + columns]) > room for start in range(0, len(widths), columns)
    ):
        columns -= 1
    return max(1, columns)


@dataclass(frozen=True)
class Layout:
    """Where the axes go on the figure (fractions of its width and height) and the
    category labels as shown: a fixed layout from the measured labels, so the figure is
    drawn once and with no layout pass (``tight_layout`` measured every artist of the
    figure to find the same margins)."""

    left: float
    right: float
    bottom: float
    top: float
    categories: tuple[str, ...]
    legend_columns: int


def layout(chart: Chart, height: float, renderer: Any) -> Layout:
    """The category labels' column (measured; at most ``MAX_LABELS`` of the width, longer
    labels cut with an ellipsis) left of the axes, the value axis and its unit under them,
    and the legend in rows above them, where it never covers a bar."""
    tick = 7 / 72  # a tick (3.5 pt) and the gap to its label (3.5 pt)
    line = 1.4 * TICK_SIZE / 72
    if chart.orientation == "barh":
        cut = [shorten(renderer, c, MAX_LABELS * WIDTH_INCHES, TICK_SIZE) for c in chart.categories]
        left = MARGIN + max((width for _, width in cut), default=0.0) + LABEL_GAP / 72
        bottom = MARGIN + tick + 2 * line + 4 / 72
    else:
        cut = [shorten(renderer, c, height / 4 / SINE_30, TICK_SIZE) for c in chart.categories]
        widest = max((width for _, width in cut), default=0.0)
        left = MARGIN + line + 4 / 72 + text_width(renderer, "−000 000", TICK_SIZE) + tick
        bottom = MARGIN + LABEL_GAP / 72 + widest * SINE_30 + line
    columns, top = 1, height - MARGIN
    handles = legend_handles(chart)
    if handles and not chart.is_empty:
        columns = legend_columns(renderer, chart, WIDTH_INCHES - left - MARGIN)
        rows = -(-len(handles) // columns)
        top -= rows * 1.5 * LEGEND_SIZE / 72 + 3 / 72
    return Layout(
        left=left / WIDTH_INCHES,
        right=1 - RIGHT_MARGIN / WIDTH_INCHES,
        bottom=bottom / height,
        top=top / height,
        categories=tuple(text for text, _ in cut),
        legend_columns=columns,
    )


def render(chart: Chart) -> bytes:
    """The chart as PNG bytes: painted from the SVG's layout (``documents.memo.png``), or
    for a chart that layout cannot draw, by matplotlib (``plot``)."""
    from documents.memo import png

    image = png.render(chart)
    return plot(chart) if image is None else image


def plot(chart: Chart) -> bytes:
    """The chart as PNG bytes drawn by matplotlib, once, on a fixed layout (``layout``)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    height = height_for(chart)
    figure = Figure(figsize=(WIDTH_INCHES, height), dpi=DPI)
    canvas = FigureCanvasAgg(figure)
    place = layout(chart, height, canvas.get_renderer())
    figure.subplots_adjust(left=place.left, right=place.right, bottom=place.bottom, top=place.top)
    axes = figure.add_subplot()
    if chart.is_empty:
        axes.text(0.5, 0.5, "Inga värden att visa", ha="center", va="center", fontsize=9)
        axes.set_axis_off()
    else:
        draw_bars(axes, chart, categories=place.categories, legend_columns=place.legend_columns)
    buffer = io.BytesIO()
    figure.savefig(
        buffer,
        format="png",
        dpi=DPI,
        metadata={"Software": None},
        pil_kwargs={"compress_level": COMPRESS_LEVEL},
    )
    return buffer.getvalue()


def bars(
    axes: Any, horizontal: bool, where: Any, values: Any, thickness: float, colour: str
) -> None:
    """A series' bars from zero as one collection (``barh`` adds a patch a bar and
    updates the data limits for each); zero stays at the axis, as with ``barh``."""
    from matplotlib.collections import PolyCollection

    half = thickness / 2
    shapes = [
        [(0, at - half), (value, at - half), (value, at + half), (0, at + half)]
        if horizontal
        else [(at - half, 0), (at - half, value), (at + half, value), (at + half, 0)]
        for at, value in zip(where, values, strict=True)
    ]
    collection = PolyCollection(shapes, facecolors=colour, edgecolors="none", linewidths=0)
    (collection.sticky_edges.x if horizontal else collection.sticky_edges.y).append(0)
    axes.add_collection(collection)
    axes.autoscale_view()


def value_labels(axes: Any, horizontal: bool, where: Any, values: Any) -> None:
    """Each bar's value beside its end (2 pt away; left of a negative bar): plain texts,
    which cost a fraction of ``bar_label``'s annotations."""
    for position, value in zip(where, values, strict=True):
        sign = -1 if value < 0 else 1
        if horizontal:
            axes.text(
                value,
                position,
                value_label(value),
                transform=offset_copy_points(axes, 2 * sign, 0),
                ha="right" if sign < 0 else "left",
                va="center",
                fontsize=6,
            )
        else:
            axes.text(
                position,
                value,
                value_label(value),
                transform=offset_copy_points(axes, 0, 2 * sign),
                ha="center",
                va="top" if sign < 0 else "bottom",
                fontsize=6,
            )


def draw_bars(
    axes: Any,
    chart: Chart,
    *,
    categories: tuple[str, ...] | None = None,
    legend_columns: int | None = None,
) -> None:
    """Grouped horizontal (or vertical) bars, one group per category; missing values are
    left out, hidden ones (disclosure control) are an empty outlined bar labelled ``..``
    with a legend line, so that no bar disappears silently. The legend stands in a row
    above the axes (``legend_columns`` side by side; all by default), never over a bar."""
    from matplotlib.patches import Patch
    from matplotlib.ticker import MaxNLocator

    count = len(chart.series)
    thickness = 0.8 / max(1, count)
    positions = list(range(len(chart.categories)))
    horizontal = chart.orientation == "barh"
    for index, series in enumerate(chart.series):
        offsets = [p - 0.4 + thickness * (index + 0.5) for p in positions]
        points = [(o, v) for o, v in zip(offsets, series.values, strict=True) if v is not None]
        if not points:
            continue
        where, values = zip(*points, strict=True)
        bars(axes, horizontal, where, values, thickness, COLOURS[index % len(COLOURS)])
        value_labels(axes, horizontal, where, values)
    for index, series in enumerate(chart.series):
        for position, offset in enumerate(positions):
            if not series.is_hidden(position):
                continue
            spot = offset - 0.4 + thickness * (index + 0.5)
            axes.text(
                *((0, spot) if horizontal else (spot, 0)),
                "..",
                transform=offset_copy_points(axes, 3 if horizontal else 0, 0 if horizontal else 3),
                ha="left" if horizontal else "center",
                va="center" if horizontal else "bottom",
                fontsize=7,
                color=HIDDEN_COLOUR,
            )
    category_labels(axes, horizontal, chart.categories if categories is None else categories)
    if horizontal:
        axes.set_yticks([])
        # Every category has its row, also one whose bars are all hidden or missing (the
        # data limits come from the drawn bars only); the first category on top.
        axes.set_ylim(len(positions) - 0.5, -0.5)
        axes.set_xlabel(chart.unit, fontsize=TICK_SIZE)
        axes.tick_params(axis="x", labelsize=TICK_SIZE)
        if chart.reference is not None:
            axes.axvline(chart.reference, color=REFERENCE_COLOUR, linestyle="--", linewidth=1)
        axes.margins(x=0.12)
    else:
        axes.set_xticks([])
        axes.set_xlim(-0.5, len(positions) - 0.5)
        axes.set_ylabel(chart.unit, fontsize=TICK_SIZE)
        axes.tick_params(axis="y", labelsize=TICK_SIZE)
        if chart.reference is not None:
            axes.axhline(chart.reference, color=REFERENCE_COLOUR, linestyle="--", linewidth=1)
        axes.margins(y=0.12)
    if chart.whole_numbers:
        value_axis = axes.xaxis if horizontal else axes.yaxis
        value_axis.set_major_locator(MaxNLocator(integer=True))
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    handles = legend_handles(chart)
    if handles:
        patches = [
            Patch(facecolor="white", edgecolor=colour, hatch="///", label=label)
            if hidden
            else Patch(facecolor=colour, label=label)
            for label, colour, hidden in handles
        ]
        axes.legend(
            handles=patches,
            fontsize=LEGEND_SIZE,
            frameon=False,
            loc="lower left",
            bbox_to_anchor=(0, 1),
            borderaxespad=0.3,
            borderpad=0,
            ncols=legend_columns or len(patches),
        )


def category_labels(axes: Any, horizontal: bool, labels: tuple[str, ...]) -> None:
    """The category labels beside (under) the axes, one plain text each: a category axis
    of ticks costs five artists a category and draws no more."""
    from matplotlib.transforms import offset_copy

    figure = axes.get_figure()
    if horizontal:
        beside = offset_copy(
            axes.get_yaxis_transform(), fig=figure, x=-LABEL_GAP, y=0, units="points"
        )
        for position, label in enumerate(labels):
            axes.text(
                0, position, label, transform=beside, ha="right", va="center", fontsize=TICK_SIZE
            )
        return
    under = offset_copy(axes.get_xaxis_transform(), fig=figure, x=0, y=-LABEL_GAP, units="points")
    for position, label in enumerate(labels):
        axes.text(
            position,
            0,
            label,
            transform=under,
            ha="right",
            va="top",
            rotation=30,
            rotation_mode="anchor",
            fontsize=TICK_SIZE,
        )


def offset_copy_points(axes: Any, x: float, y: float) -> Any:
    """The data transform of ``axes`` shifted by ``x``, ``y`` points."""
    from matplotlib.transforms import offset_copy

    return offset_copy(axes.transData, fig=axes.get_figure(), x=x, y=y, units="points")


#: How long a drawn chart is kept in the cache (its key is a hash of its data).
CACHE_SECONDS = 24 * 60 * 60


def digest(chart: Chart) -> str:
    """A hash of everything the chart shows (its data, titles, notes and unit): the same
    digest always gives the same drawing, so a drawing is cached under it."""
    return hashlib.sha256(repr(chart).encode("utf-8")).hexdigest()


def drawn(kind: str, chart: Chart, draw: Callable[[Chart], T]) -> T:
    """``draw(chart)``, drawn once per data: cached (in the shared cache, for every worker)
    under the chart's ``digest`` and ``kind``, and reused by the page, the PDF and the DOCX
    until the figures change."""
    from django.core.cache import cache

    key = f"memo-chart:{kind}:{digest(chart)}"
    result: T | None = cache.get(key)
    if result is None:
        result = draw(chart)
        cache.set(key, result, CACHE_SECONDS)
    return result


def render_cached(chart: Chart) -> bytes:
    """``render`` (PNG, for the DOCX and the rare chart SVG cannot lay out), drawn once per
    data."""
    return drawn("png", chart, render)


def svg_markup(chart: Chart) -> str:
    """The chart as inline SVG markup (``documents.memo.svg`` lays it out,
    ``documents.memo.html`` writes it), or "" when SVG cannot lay it out."""
    from documents.memo.html import chart_svg
    from documents.memo.svg import layout

    drawing = layout(chart)
    return "" if drawing is None else str(chart_svg(chart, drawing))


def figures(
    charts: Iterable[Chart], *, pngs: Mapping[str, bytes] | None = None
) -> tuple[dict[str, SafeString], dict[str, str]]:
    """What the memo page and the PDF show for each chart, keyed by chart key: the inline
    SVG (vectors; the PDF takes the page's SVG as it is), and, only for a chart SVG cannot
    lay out, the PNG as a data URI (from ``pngs`` when given). Each drawn once per data."""
    svgs: dict[str, SafeString] = {}
    images: dict[str, str] = {}
    for chart in charts:
        markup = drawn("svg", chart, svg_markup)
        if markup:
            svgs[chart.key] = mark_safe(markup)  # noqa: S308 - chart_svg escapes every text
        else:
            png = (pngs or {}).get(chart.key) or render_cached(chart)
            images[chart.key] = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    return svgs, images


def render_all(document: MemoDocument) -> dict[str, bytes]:
    """Every chart of the document as PNG (for the DOCX), keyed by chart key."""
    return {chart.key: render_cached(chart) for chart in document.charts()}
