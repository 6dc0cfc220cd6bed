"""The memo as a tagged PDF/UA-1 document, laid out by Typst (``typst/memo.typ``), so that
a screen reader can read it: a structure tree (headings, tables with header cells, figures
with alternative texts), ``/Lang sv``, the title shown in the window, and bookmarks from the
headings. A4, DejaVu Sans (the font matplotlib ships, so no system font is needed), the
association and the subtitle in every page's header, the period, the version and "Sida N av
M" in its footer; the charts are the memo page's SVG drawings, as vectors.

The document model goes to Typst as data: one JSON string in ``sys.inputs``, read by the
template with ``json(...)``. Every text is placed as a string and never evaluated as Typst
markup, so no text of the memo can inject markup, read a file or change the layout.

``memo_html`` is the same document as one standalone HTML page (the memo page's tables and
SVG charts with the print stylesheet ``pdf.css``): the annual report's HTML download.

Published documents fall under the accessibility law (DOS-lagen); reportlab, the first
engine, cannot tag a PDF, and WeasyPrint, the second, took some 4 s of CPU for the largest
memo (docs/dependencies.md, docs/performance.md)."""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from functools import cache
from pathlib import Path
from typing import Any, Final

from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe

from documents.memo.hyphens import hyphenated
from documents.memo.model import Block, Chart, MemoDocument, Placeholder, Table, Text

STYLESHEET = Path(__file__).with_name("pdf.css")
TEMPLATE_DIR = Path(__file__).with_name("typst")
TEMPLATE = TEMPLATE_DIR / "memo.typ"
#: Typst's PDF/UA-1 profile: tags, /Lang, DisplayDocTitle, XMP metadata, alternative texts
PDF_STANDARD: Final = "ua-1"
FONT_FACES = (
    ("DejaVuSans.ttf", "normal", "normal"),
    ("DejaVuSans-Bold.ttf", "bold", "normal"),
    ("DejaVuSans-Oblique.ttf", "normal", "italic"),
    ("DejaVuSans-BoldOblique.ttf", "bold", "italic"),
)
#: Everything a CSS string may not hold as it is.
CSS_STRING_SPECIAL = re.compile(r'["\\\n\r\f]')
#: The text width of the A4 page with 2 cm margins (twips), and the font size for which
#: ``docx.column_needs`` estimates a word's width: the tables' 7 pt DejaVu Sans is about an
#: eighth wider than the 7.5 pt Calibri that estimate is made for.
TEXT_WIDTH_TWIPS = 9638
NEEDS_SIZE = 8.0
#: A memo table's start up to its caption (``documents.memo.html.table_html``).
TABLE_START = re.compile(r'<table data-table="([^"]*)"><caption>.*?</caption>', re.DOTALL)


def css_string(text: str) -> str:
    """``text`` as a double-quoted CSS string (for the page margin boxes)."""
    return '"' + CSS_STRING_SPECIAL.sub(lambda m: f"\\{ord(m.group()):x} ", text) + '"'


@cache
def font_faces() -> str:
    """``@font-face`` rules for matplotlib's bundled DejaVu Sans: the PDF embeds the same
    font on every machine, whatever fonts the system has."""
    import matplotlib

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return "\n".join(
        f'@font-face {{ font-family: "Memo Sans"; src: url("{(folder / name).as_uri()}"); '
        f"font-weight: {weight}; font-style: {style}; }}"
        for name, weight, style in FONT_FACES
    )


@cache
def base_stylesheet() -> str:
    return STYLESHEET.read_text(encoding="utf-8")


def page_rules(memo: MemoDocument) -> str:
    """The running header and footer of every page."""
    return (
        "@page {"
        f" @top-left {{ content: {css_string(memo.association_name)}; }}"
        f" @top-right {{ content: {css_string(memo.subtitle)}; }}"
        f" @bottom-left {{ content: {css_string(f'{memo.period_code} · {memo.version_label}')}; }}"
        ' @bottom-right { content: "Sida " counter(page) " av " counter(pages); }'
        " }"
    )


def column_percents(table: Table) -> list[float]:
    """The table's column widths in percent of the text width: the widths the DOCX gives
    it (the model's proportions, widened where a column's longest word or hyphenated piece
    needs it). The tables are laid out with these fixed widths: much faster than measuring
    every cell's text."""
    from documents.memo.docx import column_needs, fit_widths

    weights = list(table.widths) or [1.0] * len(table.columns)
    widths = fit_widths(weights, column_needs(table, NEEDS_SIZE), TEXT_WIDTH_TWIPS)
    total = sum(widths)
    return [round(100 * width / total, 2) for width in widths]


def column_widths(memo: MemoDocument) -> dict[str, str]:
    """Each table's ``<colgroup>`` (``column_percents``) for the standalone HTML."""
    groups: dict[str, str] = {}
    for table in memo.tables():
        columns = "".join(f'<col style="width: {p:.2f}%">' for p in column_percents(table))
        groups[escape(table.key)] = f"<colgroup>{columns}</colgroup>"
    return groups


def with_column_widths(html: str, memo: MemoDocument) -> str:
    groups = column_widths(memo)
    return TABLE_START.sub(lambda m: m.group() + groups.get(m.group(1), ""), html)


def created(memo: MemoDocument) -> str:
    """The time the memo was produced (W3C, with its zone), the HTML's ``dcterms.created``."""
    return creation_time(memo).isoformat(timespec="seconds")


def memo_html(memo: MemoDocument, *, charts: dict[str, bytes] | None = None) -> str:
    """The memo as one standalone HTML page: the memo page's document partial (tables
    from ``documents.memo.html``, SVG charts) in ``templates/documents/pdf.html``. A chart
    that SVG cannot lay out is the PNG of ``charts`` (drawn here when not given). Table
    headings carry the soft hyphens of ``documents.memo.hyphens``, as in the DOCX."""
    from documents.memo.charts import figures

    memo = hyphenated(memo)
    svgs, images = figures(memo.charts(), pngs=charts)
    stylesheet = "\n".join((font_faces(), base_stylesheet(), page_rules(memo)))
    html = render_to_string(
        "documents/pdf.html",
        {
            "document": memo,
            "title": f"{memo.title} – {memo.subtitle}",
            "created": created(memo),
            "stylesheet": mark_safe(stylesheet),  # noqa: S308 - our file and escaped strings
            "svgs": svgs,
            "images": images,
            "can_edit": False,
        },
    )
    return with_column_widths(html, memo)


# --- PDF (Typst) --------------------------------------------------------------------------


@cache
def typst_fonts() -> Any:
    """The fonts matplotlib ships (DejaVu Sans; the others only for a glyph it lacks),
    scanned once per process; no system font and none of the fonts Typst embeds."""
    import matplotlib
    import typst

    return typst.Fonts(
        include_system_fonts=False,
        include_embedded_fonts=False,
        font_paths=[str(Path(matplotlib.get_data_path()) / "fonts" / "ttf")],
    )


@cache
def typst_template() -> bytes:
    return TEMPLATE.read_bytes()


def table_data(table: Table) -> dict[str, Any]:
    from documents.memo.docx import KEEP_TOGETHER_ROWS

    return {
        "kind": "table",
        "caption": table.caption,
        "widths": column_percents(table),
        "header_rows": table.header_rows,
        # a short table (the DOCX keeps it on one page) does not repeat its header rows
        "short": len(table.rows) <= KEEP_TOGETHER_ROWS,
        "groups": [{"label": group.label, "span": group.span} for group in table.groups],
        "columns": list(table.columns),
        "rows": [
            {
                "kind": row.kind,
                "cells": [
                    {"text": cell.text, "numeric": cell.numeric, "tone": cell.tone}
                    for cell in row.cells
                ],
            }
            for row in table.rows
        ],
        "notes": list(table.notes),
    }


def block_data(block: Block, svgs: dict[str, str], images: dict[str, str]) -> dict[str, Any]:
    """One block as the template's data. A chart is the page's SVG; one that SVG cannot
    lay out is its PNG (as a list of byte values: ``sys.inputs`` holds only strings)."""
    if isinstance(block, Table):
        return table_data(block)
    if isinstance(block, Chart):
        svg = svgs.get(block.key)
        png = None
        if svg is None:
            png = list(base64.b64decode(images[block.key].partition(",")[2]))
        return {
            "kind": "chart",
            "caption": block.caption,
            "notes": list(block.notes),
            "svg": svg,
            "png": png,
        }
    if isinstance(block, Text):
        return {"kind": "text", "parts": block.html_parts}
    if isinstance(block, Placeholder):
        return {"kind": "placeholder", "paragraphs": list(block.paragraphs), "marker": block.marker}
    raise TypeError(block)


def memo_data(memo: MemoDocument, *, charts: dict[str, bytes] | None = None) -> dict[str, Any]:
    """The document as the data of ``typst/memo.typ``: the texts as they are shown (table
    headings with the soft hyphens of ``documents.memo.hyphens``, as in the DOCX), each
    section's heading level as on the memo page (the title is level 1)."""
    from documents.memo.charts import figures
    from documents.memo.html import heading_tags

    memo = hyphenated(memo)
    drawings, images = figures(memo.charts(), pngs=charts)
    svgs = {key: str(markup) for key, markup in drawings.items()}
    levels = [int(tag[1]) for tag in heading_tags(section.level for section in memo.sections)]
    return {
        "title": f"{memo.title} – {memo.subtitle}",
        "heading": memo.title,
        "subtitle": memo.subtitle,
        "author": memo.association_name,
        "header": [memo.association_name, memo.subtitle],
        "footer": f"{memo.period_code} · {memo.version_label}",
        "meta": list(memo.meta_lines),
        "sections": [
            {
                "heading": section.heading,
                "level": level,
                "blocks": [block_data(block, svgs, images) for block in section.blocks],
            }
            for section, level in zip(memo.sections, levels, strict=True)
        ],
    }


def creation_time(memo: MemoDocument) -> dt.datetime:
    """The time the memo was produced, the PDF's creation date, in its zone's offset."""
    from django.utils import timezone

    moment = memo.produced_at
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    offset = moment.utcoffset() or dt.timedelta()
    return moment.astimezone(dt.timezone(offset)).replace(microsecond=0)


def render_pdf(memo: MemoDocument, *, charts: dict[str, bytes] | None = None) -> bytes:
    """The memo as a tagged PDF/UA-1 document. ``charts``: PNGs already drawn (for a chart
    that SVG cannot lay out)."""
    import typst

    data = json.dumps(memo_data(memo, charts=charts), ensure_ascii=False)
    content = typst.compile(
        typst_template(),
        # The template's folder holds nothing but the template: all Typst may read.
        root=str(TEMPLATE_DIR),
        font_paths=typst_fonts(),
        ignore_system_fonts=True,
        sys_inputs={"memo": data},
        pdf_standards=[PDF_STANDARD],
        timestamp=creation_time(memo),
    )
    assert isinstance(content, bytes)  # noqa: S101 - no output path: the PDF is returned
    return content
