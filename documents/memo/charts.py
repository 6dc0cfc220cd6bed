"""The memo's charts, each drawn once per data (``drawn``: cached under a hash of the
chart's data) and reused by the page, the PDF and the DOCX: inline SVG for the page and the
PDF (vectors), PNG only for the DOCX (and the XLSX has none: its sheets hold the data).

The PNG charts (matplotlib, Agg) are deterministic: a fixed width and dpi, the height from
the number of categories, the bundled DejaVu Sans font and no timestamp or software name in
the PNG metadata, so the same data always gives the same bytes."""

from __future__ import annotations

import base64
import hashlib
import io
from collections.abc import Callable, Iterable, Mapping
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


def value_label(value: float) -> str:
    """A bar's value as printed beside it (and an axis tick): whole numbers grouped in
    thousands, others with one decimal and a decimal comma (``documents.memo.formats``)."""
    return formats.count(value) if float(value).is_integer() else formats.decimal1(value)


def height_for(chart: Chart) -> float:
    bars = max(1, len(chart.categories)) * max(1, len(chart.series))
    return min(7.0, max(2.2, 0.8 + 0.15 * bars + 0.1 * len(chart.categories)))


def render(chart: Chart) -> bytes:
    """The chart as PNG bytes."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_INCHES, height_for(chart)), dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    if chart.is_empty:
        axes.text(0.5, 0.5, "Inga värden att visa", ha="center", va="center", fontsize=9)
        axes.set_axis_off()
    else:
        draw_bars(axes, chart)
    figure.tight_layout()
    # tight_layout leaves a placeholder layout engine behind, and savefig then draws the
    # whole figure once more before drawing it for the PNG (for a layout that is already
    # done): with no engine it draws once. The same bytes, a third less time.
    figure.set_layout_engine(None)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def draw_bars(axes: Any, chart: Chart) -> None:
    """Grouped horizontal (or vertical) bars, one group per category; missing values are
    left out, hidden ones (disclosure control) are an empty outlined bar labelled ``..``
    with a legend line, so that no bar disappears silently."""
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
        colour = COLOURS[index % len(COLOURS)]
        if horizontal:
            bars = axes.barh(where, values, height=thickness, label=series.label, color=colour)
        else:
            bars = axes.bar(where, values, width=thickness, label=series.label, color=colour)
        axes.bar_label(bars, labels=[value_label(v) for v in values], fontsize=6, padding=2)
    for index, series in enumerate(chart.series):
        for position, offset in enumerate(positions):
            if not series.is_hidden(position):
                continue
            spot = offset - 0.4 + thickness * (index + 0.5)
            xy = (0, spot) if horizontal else (spot, 0)
            axes.annotate(
                "..",
                xy=xy,
                xytext=(3, 0) if horizontal else (0, 3),
                textcoords="offset points",
                ha="left" if horizontal else "center",
                va="center" if horizontal else "bottom",
                fontsize=7,
                color=HIDDEN_COLOUR,
            )
    if horizontal:
        axes.set_yticks(positions, chart.categories, fontsize=7)
        axes.invert_yaxis()
        axes.set_xlabel(chart.unit, fontsize=7)
        axes.tick_params(axis="x", labelsize=7)
        if chart.reference is not None:
            axes.axvline(chart.reference, color=REFERENCE_COLOUR, linestyle="--", linewidth=1)
        axes.margins(x=0.12)
    else:
        axes.set_xticks(positions, chart.categories, fontsize=7, rotation=30, ha="right")
        axes.set_ylabel(chart.unit, fontsize=7)
        if chart.reference is not None:
            axes.axhline(chart.reference, color=REFERENCE_COLOUR, linestyle="--", linewidth=1)
    if chart.whole_numbers:
        value_axis = axes.xaxis if horizontal else axes.yaxis
        value_axis.set_major_locator(MaxNLocator(integer=True))
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    if count > 1 or chart.has_hidden:
        handles, _ = axes.get_legend_handles_labels()
        if chart.has_hidden:
            handles.append(
                Patch(facecolor="white", edgecolor=HIDDEN_COLOUR, hatch="///", label=HIDDEN_LEGEND)
            )
        axes.legend(handles=handles, fontsize=7, frameon=False)


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
