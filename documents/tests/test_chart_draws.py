"""A PNG chart is drawn once, on a fixed layout: the memo's (horizontal) charts are painted
from the SVG's layout without matplotlib (``documents/tests/test_chart_png.py``); a vertical
chart, which that layout cannot draw, is drawn by matplotlib once with no layout pass
(``tight_layout``) that measures the figure by drawing it, the legend above the axes
(never over a bar) and every label inside the image."""

from __future__ import annotations

from typing import Any

import pytest
from matplotlib.figure import Figure

from documents.memo.charts import render
from documents.memo.model import Chart, ChartSeries
from documents.tests.charting import bars
from documents.tests.readback import build


def _record_draws(monkeypatch: pytest.MonkeyPatch) -> list[Figure]:
    """The list that every matplotlib figure drawn from now on is appended to, in order."""
    figures: list[Figure] = []
    draw = Figure.draw

    def kept(self: Figure, renderer: Any) -> None:
        figures.append(self)
        draw(self, renderer)

    monkeypatch.setattr(Figure, "draw", kept)
    return figures


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[Figure]:
    """The matplotlib figures drawn during the test, in order."""
    return _record_draws(monkeypatch)


def test_memo_chart_pngs_are_painted_without_matplotlib(drawn: list[Figure]) -> None:
    images = [render(chart) for chart in build(suppressed=True).charts()]

    assert (len(images), len(drawn)) == (4, 0)


def test_vertical_chart_png_is_drawn_once(drawn: list[Figure]) -> None:
    chart = bars(("Arbete", "Studier"), ChartSeries("Kvinnor", (3.0, 1.0)), orientation="bar")

    image = render(chart)

    assert (image[:8], len(drawn)) == (b"\x89PNG\r\n\x1a\n", 1)


def _drawn_figures(monkeypatch: pytest.MonkeyPatch, chart: Chart) -> Figure:
    figures = _record_draws(monkeypatch)
    render(chart)
    monkeypatch.undo()
    return figures[0]


LONG = "Fortsatt rehabilitering/annan insats hos en annan huvudman i länet"


@pytest.mark.parametrize("orientation", ["bar"])
def test_chart_legend_stands_above_the_axes_and_every_text_inside_the_image(
    monkeypatch: pytest.MonkeyPatch, orientation: str
) -> None:
    chart = bars(
        ("Arbete", LONG, "Studier"),
        ChartSeries("Kvinnor", (3.0, None, 120.0), (False, True, False)),
        ChartSeries("Män", (2.0, 5.0, -4.0)),
        ChartSeries("Samtliga", (5.0, 5.0, 116.0)),
        orientation=orientation,
        unit="antal",
    )
    figure = _drawn_figures(monkeypatch, chart)
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    (axes,) = figure.axes
    drawn_legend = axes.get_legend()
    assert drawn_legend is not None
    legend = drawn_legend.get_window_extent(renderer)
    box = axes.get_window_extent(renderer)
    image = figure.bbox
    texts = [text for text in axes.texts if text.get_text()]
    shortened = [text.get_text() for text in texts if text.get_text().endswith("…")]
    outside = [
        text.get_text()
        for text in texts
        if not (
            image.contains(*text.get_window_extent(renderer).p0)
            and image.contains(*text.get_window_extent(renderer).p1)
        )
    ]

    assert (
        legend.y0 >= box.y1,
        image.contains(*legend.p0) and image.contains(*legend.p1),
        outside,
        [LONG.startswith(text[:-1]) for text in shortened],
    ) == (True, True, [], [True])


@pytest.mark.parametrize("orientation", ["bar"])
def test_chart_keeps_a_row_for_every_category_when_the_first_and_last_have_no_bar(
    monkeypatch: pytest.MonkeyPatch, orientation: str
) -> None:
    # The data limits come from the drawn bars only; a category whose values are all
    # hidden or missing must still have its row, with its label beside its bars' place.
    chart = bars(
        ("Arbete", "Studier", "Flytt", "Övrigt"),
        ChartSeries("Kvinnor", (None, 7.0, 0.0, None), (True, False, False, True)),
        ChartSeries("Män", (None, None, None, None), (True, True, True, True)),
        orientation=orientation,
        unit="antal",
    )
    figure = _drawn_figures(monkeypatch, chart)
    (axes,) = figure.axes
    labels = {
        text.get_text(): text.get_position()
        for text in axes.texts
        if text.get_text() in chart.categories
    }
    category_axis = axes.get_ylim() if orientation == "barh" else axes.get_xlim()
    place = 1 if orientation == "barh" else 0

    assert (
        sorted(category_axis),
        {label: position[place] for label, position in labels.items()},
    ) == ([-0.5, 3.5], {"Arbete": 0, "Studier": 1, "Flytt": 2, "Övrigt": 3})
