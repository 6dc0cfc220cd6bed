from __future__ import annotations

from documents.memo.charts import render, render_all
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


def test_chart_leaves_hidden_values_out_with_a_note() -> None:
    chart = build(suppressed=True).charts()[0]

    eget_foretag = chart.categories.index("Eget företag")
    assert (
        [series.values[eget_foretag] for series in chart.series],
        chart.notes,
    ) == ([0.0, None], ("Värden som redovisas som <5 visas inte i diagrammet.",))


def test_budget_chart_has_a_100_percent_line() -> None:
    chart = build().charts()[3]

    assert (chart.reference, chart.series[0].values) == (
        100.0,
        (93.0, 83.0, 101.0, 95.0, 93.0, 51.0),
    )
