"""The DOCX's PNG charts painted with Pillow from the layout the page's SVG is written from
(``documents.memo.svg.layout``: one layout, two painters), at the size and resolution the
DOCX has always had (``charts.WIDTH_INCHES`` wide at ``charts.DPI``, ``charts.height_for``
tall), so the Word picture keeps its size.

The layout is computed in the SVG's units (``svg.WIDTH`` wide) and painted ``SCALE``
pixels a unit: the SVG's 11-unit text becomes about 7 points at 150 dpi, as before. Bars,
lines and rectangles fall on whole pixels (no anti-aliasing needed); the text is DejaVu
Sans, the font matplotlib bundles (as the PDF finds it, ``documents.memo.pdf``), drawn
anti-aliased by FreeType. The bytes are deterministic: no timestamp or software name, only
the resolution. Four charts cost a few hundredths of a second of CPU where matplotlib took
two thirds of a second (docs/performance.md, issue 17)."""

from __future__ import annotations

import io
import threading
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from documents.memo import svg
from documents.memo.charts import (
    COLOURS,
    COMPRESS_LEVEL,
    DPI,
    HIDDEN_COLOUR,
    REFERENCE_COLOUR,
    WIDTH_INCHES,
    height_for,
)
from documents.memo.model import Chart

if TYPE_CHECKING:
    from PIL import Image
    from PIL.ImageDraw import ImageDraw
    from PIL.ImageFont import FreeTypeFont

#: The PNG's width in pixels, as matplotlib drew it (6.5 inches at 150 dpi).
WIDTH_PX = int(WIDTH_INCHES * DPI)
#: Pixels per unit of the layout.
SCALE = WIDTH_PX / svg.WIDTH
#: The value labels' size in the layout's units (the SVG's ``font-size="9"``).
VALUE_SIZE = 9
TEXT = "#333333"
AXIS_TEXT = "#555555"
GRID = "#e3e6ea"
AXIS = "#6b7683"


def rgb(colour: str) -> tuple[int, int, int]:
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))


#: Steps of the greys from the text colour to white (the anti-aliased edges of the text,
#: grey on white): few enough that Pillow's nearest-colour lookup (``quantize``, which
#: works on coarse boxes of colours) still maps every colour of the palette to itself.
RAMP_STEPS = 24


@cache
def palette() -> Image.Image:
    """The PNG's palette: every colour of the layout exactly, and greys from the text
    colour to white for the anti-aliased edges of the text. A palette PNG takes a
    fraction of the time of an RGB one to encode (no per-row filter search, a third of
    the bytes) and the picture has only these colours."""
    from PIL import Image

    colours = [rgb(c) for c in ("#ffffff", *COLOURS, HIDDEN_COLOUR, REFERENCE_COLOUR, GRID, AXIS)]
    grey = rgb(TEXT)[0]
    colours += [
        (level, level, level)
        for level in (round(grey + (255 - grey) * step / RAMP_STEPS) for step in range(RAMP_STEPS))
    ]
    image = Image.new("P", (1, 1))
    image.putpalette([channel for colour in colours for channel in colour])
    return image


def height_px(chart: Chart) -> int:
    """The PNG's height in pixels, as matplotlib drew it: ``height_for`` inches, cut to
    whole pixels (after the float noise of the sum: 2.9999999999999996 inches are 450)."""
    return int(round(height_for(chart) * DPI, 6))


def font(size: float) -> FreeTypeFont:
    """DejaVu Sans at ``size`` layout units, from matplotlib's data folder: loaded once a
    thread (a FreeType face is not to be shared between threads)."""
    return thread_font(size, threading.get_ident())


@lru_cache(maxsize=64)
def thread_font(size: float, _thread: int) -> FreeTypeFont:
    import matplotlib
    from PIL import ImageFont

    path = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    return ImageFont.truetype(str(path), size * SCALE)


def measure(text: str) -> float:
    """The width of ``text`` at the layout's ``svg.FONT_SIZE``, in layout units."""
    return float(font(svg.FONT_SIZE).getlength(text)) / SCALE


def frame(chart: Chart) -> svg.Frame:
    """The PNG's frame: the layout's width, the DOCX's height, the text measured."""
    return svg.Frame(width=svg.WIDTH, height=height_px(chart) / SCALE, measure=measure)


def px(value: float) -> int:
    return round(value * SCALE)


def dashed(
    draw: ImageDraw,
    start: tuple[float, float],
    end: tuple[float, float],
    *,
    dash: float,
    gap: float,
    colour: str,
    width: int = 1,
) -> None:
    """A dashed horizontal or vertical line from ``start`` to ``end`` (layout units)."""
    (x0, y0), (x1, y1) = start, end
    length = abs(x1 - x0) + abs(y1 - y0)
    step_x, step_y = (x1 - x0) / length, (y1 - y0) / length
    at = 0.0
    while at < length:
        stop = min(length, at + dash)
        draw.line(
            [
                (px(x0 + step_x * at), px(y0 + step_y * at)),
                (px(x0 + step_x * stop), px(y0 + step_y * stop)),
            ],
            fill=colour,
            width=width,
        )
        at = stop + gap


def paint(drawing: svg.SvgChart, size: tuple[int, int]) -> bytes:
    """``drawing`` painted on a white image of ``size`` pixels, as PNG bytes."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    text, small = font(svg.FONT_SIZE), font(VALUE_SIZE)
    top, bottom = px(drawing.top), px(drawing.bottom)
    if drawing.empty:
        draw.text(
            (size[0] / 2, (drawing.top + 12) * SCALE),
            "Inga värden att visa",
            font=text,
            fill=TEXT,
            anchor="ms",
        )
    else:
        for tick in drawing.ticks:
            draw.line([(px(tick.x), top), (px(tick.x), bottom)], fill=GRID, width=1)
            draw.text(
                (tick.x * SCALE, tick.y * SCALE), tick.text, font=text, fill=AXIS_TEXT, anchor="ms"
            )
        for line in drawing.legend:
            box = (px(line.x), px(line.y), px(line.x + 12) - 1, px(line.y + 12) - 1)
            if line.hidden:
                for start, end in (
                    ((line.x, line.y), (line.x + 12, line.y)),
                    ((line.x, line.y + 12), (line.x + 12, line.y + 12)),
                    ((line.x, line.y), (line.x, line.y + 12)),
                    ((line.x + 12, line.y), (line.x + 12, line.y + 12)),
                ):
                    dashed(draw, start, end, dash=2, gap=2, colour=line.colour)
            else:
                draw.rectangle(box, fill=line.colour)
            draw.text(
                ((line.x + 16) * SCALE, (line.y + 10) * SCALE),
                line.label,
                font=text,
                fill=TEXT,
                anchor="ls",
            )
        for category in drawing.categories:
            draw.text(
                (category.x * SCALE, category.y * SCALE),
                category.text,
                font=text,
                fill=TEXT,
                anchor="rs",
            )
        if drawing.reference_x is not None:
            dashed(
                draw,
                (drawing.reference_x, drawing.top),
                (drawing.reference_x, drawing.bottom),
                dash=5,
                gap=4,
                colour=drawing.reference_colour,
                width=max(1, px(1.5)),
            )
        for bar in drawing.bars:
            if bar.width > 0:
                draw.rectangle(
                    (px(bar.x), px(bar.y), px(bar.x + bar.width) - 1, px(bar.y + bar.height) - 1),
                    fill=bar.colour,
                )
            draw.text(
                (bar.label_x * SCALE, bar.label_y * SCALE),
                bar.label,
                font=small,
                fill=TEXT,
                anchor="ls",
            )
        zero = px(drawing.zero_x)
        draw.line([(zero, top), (zero, bottom)], fill=AXIS, width=1)
        draw.line([(px(drawing.left), bottom), (px(drawing.right), bottom)], fill=AXIS, width=1)
        if drawing.unit:
            draw.text(
                (drawing.right * SCALE, size[1] - 4 * SCALE),
                drawing.unit,
                font=text,
                fill=AXIS_TEXT,
                anchor="rs",
            )
    buffer = io.BytesIO()
    indexed = image.quantize(palette=palette(), dither=Image.Dither.NONE)
    indexed.save(buffer, format="PNG", dpi=(DPI, DPI), compress_level=COMPRESS_LEVEL)
    return buffer.getvalue()


def render(chart: Chart) -> bytes | None:
    """The chart as PNG bytes painted from its layout, or None when it has none (not a
    horizontal bar chart: ``svg.layout``)."""
    drawing = svg.layout(chart, frame(chart))
    if drawing is None:
        return None
    return paint(drawing, (WIDTH_PX, height_px(chart)))
