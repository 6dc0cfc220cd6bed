"""Hidden values and count axes in the memo page's SVG charts (issue 10, items 4 and 6)."""

from __future__ import annotations

from documents.memo.model import Chart, ChartSeries
from documents.memo.svg import layout


def _exits(values: tuple[float | None, ...], hidden: tuple[bool, ...] = ()) -> Chart:
    return Chart(
        key="exits",
        number=1,
        title="Avslutade",
        categories=("Arbete", "Studier", "Övrigt"),
        series=(ChartSeries("Kvinnor", values, hidden),),
        orientation="barh",
        unit="antal",
        whole_numbers=True,
    )


def test_count_axis_ticks_are_whole_numbers() -> None:
    drawing = layout(_exits((2.0, 1.0, 0.0)))

    assert drawing is not None
    assert [tick.text for tick in drawing.ticks] == ["0", "1", "2"]


def test_hidden_bar_is_labelled_and_in_the_legend() -> None:
    drawing = layout(_exits((3.0, None, 2.0), (False, True, False)))

    assert drawing is not None
    assert (
        [bar.label for bar in drawing.bars],
        [bar.width > 0 for bar in drawing.bars],
        drawing.bars[1].title,
        [legend.label for legend in drawing.legend],
    ) == (
        ["3", "..", "2"],
        [True, False, True],
        "Studier – Kvinnor: .. (uppgiften visas inte)",
        ["..: uppgiften visas inte (se not)"],
    )
