"""The DOCX's PNG charts painted with Pillow from the SVG's layout (``documents.memo.png``):
the size and resolution the DOCX always had, and what the picture shows, read back from
its pixels: every category label, hidden values as marks without a bar, the legend above
the bars, a row for every category, negative bars left of zero."""

from __future__ import annotations

import io

from PIL import Image

from documents.memo import png, svg
from documents.memo.charts import COLOURS, HIDDEN_COLOUR, render
from documents.memo.model import Chart, ChartSeries
from documents.memo.svg import SvgChart
from documents.tests.charting import bars
from documents.tests.readback import build

WHITE = (255, 255, 255)
LONG = "Fortsatt rehabilitering/annan insats hos en annan huvudman i länet"


def painted(chart: Chart) -> tuple[Image.Image, SvgChart]:
    """The chart's PNG (as RGB) and the layout it was painted from."""
    image = Image.open(io.BytesIO(render(chart))).convert("RGB")
    drawing = svg.layout(chart, png.frame(chart))
    assert drawing is not None
    return image, drawing


Colour = tuple[int, int, int]


def all_colours(image: Image.Image) -> set[Colour]:
    return {colour for _count, colour in image.getcolors(1 << 16) or []}  # type: ignore[misc]


def colours(
    image: Image.Image, left: float, top: float, right: float, bottom: float
) -> set[Colour]:
    """The colours of the pixels in a box given in the layout's units."""
    return all_colours(image.crop((png.px(left), png.px(top), png.px(right), png.px(bottom))))


def rgb(colour: str) -> tuple[int, int, int]:
    return png.rgb(colour)


def is_text(colour: tuple[int, int, int]) -> bool:
    """A grey of the text (or its anti-aliased edge), not white and not a bar colour."""
    return colour != WHITE and colour[0] == colour[1] == colour[2]


def test_png_has_the_size_and_resolution_the_docx_had() -> None:
    # matplotlib's PNG of the demo memo's charts: 6.5 inches at 150 dpi, height_for tall.
    many = bars(
        [f"Insats {n:03d}" for n in range(60)], ChartSeries("A", (1.0,) * 60), orientation="barh"
    )
    images = [
        Image.open(io.BytesIO(render(chart))) for chart in (*build(suppressed=True).charts(), many)
    ]

    assert [(image.size, tuple(round(d) for d in image.info["dpi"])) for image in images] == [
        ((975, 600), (150, 150)),
        ((975, 457), (150, 150)),
        ((975, 450), (150, 150)),
        ((975, 345), (150, 150)),
        ((975, 1050), (150, 150)),
    ]


def test_png_draws_every_category_label_beside_its_bars() -> None:
    chart = bars(
        ("Arbete", LONG, "Studier", "Eget företag", "Flytt"),
        ChartSeries("Kvinnor", (3.0, 1.0, 4.0, 1.0, 5.0)),
        ChartSeries("Män", (2.0, 6.0, 0.0, 3.0, 1.0)),
        orientation="barh",
        unit="antal",
    )
    image, drawing = painted(chart)

    labelled = [
        any(is_text(c) for c in colours(image, 0, label.y - 9, label.x + 1, label.y + 2))
        for label in drawing.categories
    ]
    between = [
        colours(image, 0, label.y + 4, label.x + 1, label.y + 6) for label in drawing.categories
    ]

    assert (labelled, between) == ([True] * 5, [{WHITE}] * 5)


def test_png_shortens_a_long_category_label_to_fit_its_measured_column() -> None:
    chart = bars((LONG * 2, "Arbete"), ChartSeries("A", (3.0, 1.0)), orientation="barh")

    _image, drawing = painted(chart)

    long, short = drawing.categories
    assert (
        long.text.endswith("…"),
        LONG.startswith(long.text[:-1]),
        png.measure(long.text) <= long.x,
        short.text,
    ) == (True, True, True, "Arbete")


def test_png_draws_a_hidden_value_as_a_mark_without_a_bar() -> None:
    chart = bars(
        ("Arbete", "Studier", "Övrigt"),
        ChartSeries("Kvinnor", (3.0, None, 2.0), (False, True, False)),
        ChartSeries("Män", (1.0, 2.0, 3.0)),
        orientation="barh",
        unit="antal",
    )
    image, drawing = painted(chart)
    hidden = next(bar for bar in drawing.bars if bar.label == "..")
    shown = next(bar for bar in drawing.bars if bar.label == "3" and bar.colour == COLOURS[0])
    marked = colours(image, drawing.zero_x + 1, hidden.y, drawing.right, hidden.y + hidden.height)
    legend = drawing.legend[-1]

    assert (
        rgb(COLOURS[0]) in marked,
        any(is_text(c) for c in marked),
        rgb(COLOURS[0]) in colours(image, shown.x + 1, shown.y + 1, shown.x + 2, shown.y + 2),
        (legend.label, legend.hidden),
        rgb(HIDDEN_COLOUR) in colours(image, legend.x, legend.y, legend.x + 12, legend.y + 12),
        colours(image, legend.x + 2, legend.y + 2, legend.x + 10, legend.y + 10),
    ) == (False, True, True, (svg.HIDDEN_LEGEND, True), True, {WHITE})


def test_png_legend_stands_above_the_bars() -> None:
    chart = bars(
        ("Arbete", "Studier"),
        ChartSeries("Kvinnor", (30.0, None), (False, True)),
        ChartSeries("Män", (20.0, 50.0)),
        ChartSeries("Samtliga", (50.0, 50.0)),
        orientation="barh",
        unit="antal",
    )
    image, drawing = painted(chart)
    above = colours(image, drawing.left + 1, 0, drawing.right, drawing.top)
    squares = set().union(
        *(colours(image, line.x, line.y, line.x + 12, line.y + 12) for line in drawing.legend)
    )
    below = colours(image, drawing.left + 1, drawing.top, drawing.right, drawing.bottom)

    assert (
        max(line.y + 12 for line in drawing.legend)
        <= drawing.top
        <= min(b.y for b in drawing.bars),
        [rgb(c) in squares for c in COLOURS[:3]],
        {rgb(c) for c in COLOURS} & above - squares,
        [rgb(c) in below for c in COLOURS[:3]],
    ) == (True, [True] * 3, set(), [True] * 3)


def test_png_keeps_a_row_for_every_category_when_the_first_and_last_have_no_bar() -> None:
    # A category whose values are all hidden or missing keeps its row and its label.
    chart = bars(
        ("Arbete", "Studier", "Flytt", "Övrigt"),
        ChartSeries("Kvinnor", (None, 7.0, 0.0, None), (True, False, False, True)),
        ChartSeries("Män", (None, None, None, None), (True, True, True, True)),
        orientation="barh",
        unit="antal",
    )
    image, drawing = painted(chart)
    row = (drawing.bottom - drawing.top) / 4
    rows = [int((label.y - drawing.top) // row) for label in drawing.categories]
    labelled = [
        any(is_text(c) for c in colours(image, 0, label.y - 9, label.x + 1, label.y + 2))
        for label in drawing.categories
    ]
    studier = next(bar for bar in drawing.bars if bar.label == "7")

    assert (
        [label.text for label in drawing.categories],
        rows,
        labelled,
        int((studier.y - drawing.top) // row),
        [int((bar.y - drawing.top) // row) for bar in drawing.bars if bar.label == ".."],
    ) == (list(chart.categories), [0, 1, 2, 3], [True] * 4, 1, [0, 3, 0, 1, 2, 3])


def test_png_draws_a_negative_bar_left_of_zero() -> None:
    chart = bars(
        ("2024", "2025"),
        ChartSeries("Resultat", (-400.0, 900.0)),
        orientation="barh",
        unit="TSEK",
    )
    image, drawing = painted(chart)
    negative, positive = drawing.bars
    blue = rgb(COLOURS[0])

    def sides(bar: svg.SvgBar) -> tuple[bool, bool]:
        middle = bar.y + bar.height / 2
        return (
            blue in colours(image, drawing.left + 1, middle, drawing.zero_x - 1, middle + 1),
            blue in colours(image, drawing.zero_x + 1, middle, drawing.right, middle + 1),
        )

    assert (sides(negative), sides(positive), negative.label) == (
        (True, False),
        (False, True),
        "-400",
    )


def test_png_of_a_chart_without_values_says_so_and_draws_no_bar() -> None:
    chart = bars(("Arbete", "Studier"), ChartSeries("A", (None, None)), orientation="barh")

    image, drawing = painted(chart)

    found = all_colours(image)
    assert (drawing.empty, any(is_text(c) for c in found), found & {rgb(c) for c in COLOURS}) == (
        True,
        True,
        set(),
    )


def test_png_palette_keeps_every_colour_of_the_layout_exactly() -> None:
    palette = png.palette().getpalette() or []
    entries = [tuple(palette[i : i + 3]) for i in range(0, len(palette), 3)]
    strip = Image.new("RGB", (len(entries), 1))
    strip.putdata(entries)

    mapped = strip.quantize(palette=png.palette(), dither=Image.Dither.NONE).convert("RGB")

    assert list(mapped.get_flattened_data()) == entries


def test_legend_too_wide_for_one_row_goes_on_in_a_second_above_the_bars() -> None:
    names = ("Arbetsförmedlingen och kommunen", "Försäkringskassan", "Regionen", "Samtliga")
    chart = bars(
        ("Arbete", "Studier"),
        *(ChartSeries(name, (1.0, 2.0)) for name in names),
        orientation="barh",
    )

    drawing = svg.layout(chart, svg.Frame(width=400))

    assert drawing is not None
    assert (
        sorted({line.y for line in drawing.legend}),
        [line.x + 18 + svg.estimated(line.label) <= 400 for line in drawing.legend],
        drawing.top >= max(line.y for line in drawing.legend) + 12,
    ) == ([4.0, 22.0], [True] * 4, True)
