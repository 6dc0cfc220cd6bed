"""Each chart is drawn once per data (cached under a hash of its data) and the same drawing
is reused: the page's inline SVG is the PDF's, the PNG is only for the DOCX (issue 17)."""

from __future__ import annotations

import pytest

from documents.memo import charts
from documents.memo.charts import digest, drawn, figures, render_cached, svg_markup
from documents.memo.model import Chart
from documents.memo.pdf import memo_html
from documents.tests.readback import build, chart


def test_drawn_draws_the_same_data_once() -> None:
    calls: list[Chart] = []

    def draw(drawn_chart: Chart) -> str:
        calls.append(drawn_chart)
        return f"drawing {len(calls)}"

    first = drawn("test", chart((1.0, 2.0)), draw)
    again = drawn("test", chart((1.0, 2.0)), draw)
    other = drawn("test", chart((1.0, 3.0)), draw)

    assert (first, again, other, len(calls)) == ("drawing 1", "drawing 1", "drawing 2", 2)


def test_digest_changes_with_any_shown_value() -> None:
    base = chart((1.0, 2.0))
    renamed = Chart(**{**base.__dict__, "title": "Annan"})

    assert len({digest(base), digest(chart((1.0, 2.5))), digest(renamed)}) == 3


def test_figures_give_svg_for_bar_charts_and_png_only_where_svg_cannot() -> None:
    horizontal, vertical = chart((1.0, 2.0)), chart((4.0,), orientation="bar")
    vertical = Chart(**{**vertical.__dict__, "key": "vertical"})

    svgs, images = figures([horizontal, vertical])

    assert (
        svgs == {"test": svg_markup(horizontal)},
        list(images),
        images["vertical"].startswith("data:image/png;base64,"),
    ) == (True, ["vertical"], True)


@pytest.mark.django_db
def test_pdf_takes_the_pages_svg_drawings() -> None:
    document = build()
    page_svgs, _images = figures(document.charts())

    html = memo_html(document)

    assert [key for key, markup in page_svgs.items() if str(markup) in html] == [
        "exits",
        "target_group",
        "time_in_intervention",
        "budget",
    ]


def test_png_is_drawn_once_per_data(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Chart] = []

    def render(drawn_chart: Chart) -> bytes:
        calls.append(drawn_chart)
        return b"png"

    monkeypatch.setattr(charts, "render", render)

    pngs = [render_cached(chart((5.0, 6.0))) for _ in range(3)]

    assert (pngs, len(calls)) == ([b"png"] * 3, 1)
