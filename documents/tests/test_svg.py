"""The memo page's inline SVG charts: geometry from the chart data, hidden values left out,
and the page's charts drawn without matplotlib."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client

from documents.memo.html import chart_svg
from documents.memo.model import Chart, ChartSeries
from documents.memo.svg import layout, nice_step, shorten
from documents.tests.readback import build, chart, small_counts
from testing.personas import World

MEMO = "/f/exempel/dokument/uppfoljning/"


def svg_texts(markup: str) -> list[str]:
    """The text of every ``<text>`` and ``<title>`` of the SVG."""
    return re.findall(r"<(?:text|title)[^>]*>([^<]*)", markup)


def render(drawn: Chart) -> str:
    drawing = layout(drawn)
    assert drawing is not None
    return str(chart_svg(drawn, drawing))


@pytest.mark.parametrize(
    ("span", "step"), [(100.0, 20.0), (7.0, 2.0), (130.0, 50.0), (0.9, 0.2), (4000.0, 1000.0)]
)
def test_nice_step_gives_about_five_ticks(span: float, step: float) -> None:
    assert nice_step(span) == pytest.approx(step)


def test_bars_are_proportional_and_the_reference_line_is_at_its_value() -> None:
    drawing = layout(chart((50.0, 100.0, None), reference=100.0, unit="%"))

    assert drawing is not None
    full = drawing.bars[1]
    assert (
        [bar.label for bar in drawing.bars],
        drawing.bars[0].width * 2 == pytest.approx(full.width, abs=0.2),
        drawing.reference_x == pytest.approx(full.x + full.width, abs=0.2),
        [tick.text for tick in drawing.ticks],
    ) == (["50", "100"], True, True, ["0", "20", "40", "60", "80", "100"])


def test_negative_value_draws_left_of_zero() -> None:
    drawing = layout(chart((-10.5, 30.0)))

    assert drawing is not None
    negative, positive = drawing.bars
    assert (
        negative.x + negative.width == pytest.approx(drawing.zero_x),
        positive.x == drawing.zero_x,
        negative.label,
        drawing.ticks[0].text,
    ) == (True, True, "-10,5", "-20")


def test_long_category_is_shortened_with_the_full_name_as_title() -> None:
    name = "Arbetsträning med stöd för unga vuxna i samverkan mellan kommun och region" * 2
    drawn = Chart(
        key="long",
        number=1,
        title="T",
        categories=(name,),
        series=(ChartSeries("A", (3.0,)),),
        orientation="barh",
    )

    markup = render(drawn)

    assert (shorten(name, 250).endswith("…"), f"<title>{name}</title>" in markup) == (True, True)


def test_empty_chart_says_so() -> None:
    markup = render(chart((None, None)))

    assert ("Inga värden att visa" in markup, "<rect" in markup) == (True, False)


def test_vertical_chart_is_left_to_the_png() -> None:
    assert layout(chart((1.0,), orientation="bar")) is None


@pytest.mark.parametrize(("suppressed", "expected"), [(True, []), (False, ["found"])])
def test_exits_chart_shows_no_small_count_when_suppressed(
    suppressed: bool, expected: list[str]
) -> None:
    exits = build(suppressed=suppressed).charts()[0]

    markup = render(exits)
    figures = [t for t in svg_texts(markup) if not t.startswith(("Kvinnor", "Män"))]
    # bar titles: "Reason – Kvinnor: 3 antal" -> the figure after the colon
    figures += [t.split(": ")[1] for t in svg_texts(markup) if ": " in t]

    assert (["found"] if any(small_counts(t) for t in figures) else []) == expected


def test_every_drawn_bar_has_its_value_as_label_and_title() -> None:
    exits = build(suppressed=False).charts()[0]
    drawing = layout(exits)

    assert drawing is not None
    drawn = len(drawing.bars)
    values = [v for series in exits.series for v in series.values if v is not None]
    assert (drawn, all(bar.title.endswith(f": {bar.label} antal") for bar in drawing.bars)) == (
        len(values),
        True,
    )


def test_memo_page_draws_its_charts_as_svg(
    world: World, client_as: Callable[[str | None], Client]
) -> None:
    page = client_as("admin").get(MEMO, {"period": "2022H2"}).content.decode()

    assert (
        re.findall(r'data-chart="([a-z_]+)"', page),
        "data:image/png" in page,
    ) == (["exits", "target_group", "time_in_intervention", "budget"], False)


def test_labels_are_escaped() -> None:
    drawn = Chart(
        key="x",
        number=1,
        title="T",
        categories=("<script>alert(1)</script>",),
        series=(ChartSeries("<b>A</b>", (3.0,)), ChartSeries("B", (4.0,))),
        orientation="barh",
    )

    markup = render(drawn)

    assert ("<script>" in markup, "<b>" in markup, "&lt;script&gt;" in markup) == (
        False,
        False,
        True,
    )
