from __future__ import annotations

from documents.memo.charts import render, render_all
from documents.memo.model import ChartSeries
from documents.tests.charting import bars, bars_on_axes
from documents.tests.readback import build


def test_charts_render_the_four_charts_as_png() -> None:
    images = render_all(build())

    assert [(key, png[:8]) for key, png in images.items()] == [
        ("exits", b"\x89PNG\r\n\x1a\n"),
        ("target_group", b"\x89PNG\r\n\x1a\n"),
        ("time_in_intervention", b"\x89PNG\r\n\x1a\n"),
        ("budget", b"\x89PNG\r\n\x1a\n"),
    ]


def test_chart_is_deterministic_and_has_no_software_or_date_metadata() -> None:
    chart = build().charts()[0]

    first, second = render(chart), render(chart)

    assert (first == second, b"Software" in first, b"Creation Time" in first) == (
        True,
        False,
        False,
    )


def test_chart_marks_hidden_values_with_the_statistics_note() -> None:
    chart = build(suppressed=True).charts()[0]

    eget_foretag = chart.categories.index("Eget företag")
    assert (
        [series.values[eget_foretag] for series in chart.series],
        [series.is_hidden(eget_foretag) for series in chart.series],
        chart.has_hidden,
        chart.notes,
    ) == (
        [0.0, None],
        [False, True],
        True,
        (
            "..: uppgiften visas inte eftersom den kan röja enskilda personer: antal 1–4 och "
            "antal som annars skulle kunna räknas fram.",
        ),
    )


def test_count_chart_axis_has_whole_numbers_only() -> None:
    chart = bars(
        ("Arbete", "Studier"),
        ChartSeries("Kvinnor", (3.0, 1.0)),
        ChartSeries("Män", (2.0, 0.0)),
        key="exits",
        title="Avslutade",
        orientation="barh",
        unit="antal",
        whole_numbers=True,
    )
    axes = bars_on_axes(chart)
    axes.figure.canvas.draw()

    ticks = [tick for tick in axes.get_xticks() if axes.get_xlim()[0] <= tick <= axes.get_xlim()[1]]
    assert [float(tick).is_integer() for tick in ticks] == [True] * len(ticks)


def test_hidden_bar_is_drawn_with_a_legend_line() -> None:
    from documents.memo.charts import HIDDEN_LEGEND

    chart = bars(
        ("Arbete", "Studier"),
        ChartSeries("Kvinnor", (3.0, None), (False, True)),
        key="exits",
        title="Avslutade",
        orientation="barh",
        unit="antal",
    )
    axes = bars_on_axes(chart)

    legend = axes.get_legend()
    assert (
        [text.get_text() for text in axes.texts if text.get_text() == ".."],
        [text.get_text() for text in legend.get_texts()] if legend else [],
    ) == ([".."], ["Kvinnor", HIDDEN_LEGEND])


def test_budget_chart_has_a_100_percent_line() -> None:
    chart = build().charts()[3]

    assert (chart.reference, chart.series[0].values) == (
        100.0,
        (93.0, 83.0, 101.0, 95.0, 93.0, 51.0),
    )
