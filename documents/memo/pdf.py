"""The memo as a tagged PDF (WeasyPrint): the memo page's own HTML (the same tables of
``documents.memo.html`` and the same inline SVG charts, as vectors) with a print stylesheet
(``pdf.css``), written as PDF/UA-1 so that a screen reader can read it: a structure tree,
``/Lang sv``, the title shown in the window, and bookmarks from the headings. A4, DejaVu
Sans (the font matplotlib ships, so no system font is needed), the association and the
subtitle in every page's header, the period, the version and "Sida N av M" in its footer.

Published documents fall under the accessibility law (DOS-lagen); reportlab, the former
engine, cannot tag a PDF (docs/dependencies.md)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe

from documents.memo.hyphens import hyphenated
from documents.memo.model import MemoDocument

STYLESHEET = Path(__file__).with_name("pdf.css")
#: WeasyPrint's PDF/UA-1 variant: tags, /Lang, DisplayDocTitle and XMP metadata
PDF_VARIANT = "pdf/ua-1"
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


def column_widths(memo: MemoDocument) -> dict[str, str]:
    """Each table's ``<colgroup>``: the widths the DOCX gives it (the model's proportions,
    widened where a column's longest word or hyphenated piece needs it). The tables are
    laid out with these fixed widths: much faster than measuring every cell's text."""
    from documents.memo.docx import column_needs, fit_widths

    groups: dict[str, str] = {}
    for table in memo.tables():
        weights = list(table.widths) or [1.0] * len(table.columns)
        widths = fit_widths(weights, column_needs(table, NEEDS_SIZE), TEXT_WIDTH_TWIPS)
        total = sum(widths)
        columns = "".join(f'<col style="width: {100 * w / total:.2f}%">' for w in widths)
        groups[escape(table.key)] = f"<colgroup>{columns}</colgroup>"
    return groups


def with_column_widths(html: str, memo: MemoDocument) -> str:
    groups = column_widths(memo)
    return TABLE_START.sub(lambda m: m.group() + groups.get(m.group(1), ""), html)


def created(memo: MemoDocument) -> str:
    """The time the memo was produced as the PDF's creation date (W3C, with its zone)."""
    from django.utils import timezone

    moment = memo.produced_at
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment.isoformat(timespec="seconds")


def memo_html(memo: MemoDocument, *, charts: dict[str, bytes] | None = None) -> str:
    """The standalone HTML the PDF is made from: the memo page's document partial (tables
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


#: The rules of WeasyPrint's user-agent stylesheet that give *every* element a pseudo-
#: element (footnote and note calls and markers; ``::marker`` is kept for list items).
#: The memo has none of them, and each of its ~3 500 elements got six pseudo-elements whose
#: styles WeasyPrint computed: about a fifth of the PDF's time (docs/performance.md).
EVERY_ELEMENT_PSEUDO = re.compile(r"^::(?:footnote|note)-[a-z]+ \{[^}]*\}\n", re.MULTILINE)


@cache
def lean_user_agent_stylesheet() -> object:
    """WeasyPrint's own HTML5 user-agent stylesheet (of the installed version) without
    ``EVERY_ELEMENT_PSEUDO``, and ``::marker`` only for the elements that have markers."""
    from weasyprint import CSS
    from weasyprint.css.counters import CounterStyle
    from weasyprint.html import UA

    lean = EVERY_ELEMENT_PSEUDO.sub("", UA).replace(
        "\n::marker {", "\nli::marker, summary::marker {"
    )
    # Its @counter-style rules are in WeasyPrint's own counter styles already.
    return CSS(string=lean, counter_style=CounterStyle())


@cache
def lean_html_class() -> type:
    """``weasyprint.HTML`` with ``lean_user_agent_stylesheet``: the same PDF, faster."""
    from weasyprint import HTML

    class LeanHTML(HTML):
        def _ua_stylesheets(self, forms: bool = False) -> list[object]:
            return [lean_user_agent_stylesheet()]

    return LeanHTML


def render_pdf(memo: MemoDocument, *, charts: dict[str, bytes] | None = None) -> bytes:
    """The memo as a tagged PDF/UA-1 document."""
    from weasyprint.urls import URLFetcher

    # Only the bundled fonts (file:) and the embedded PNG charts (data:) are ever loaded:
    # no text of the memo can make the server fetch a URL.
    fetcher = URLFetcher(allowed_protocols={"file", "data"})
    html = lean_html_class()(
        string=memo_html(memo, charts=charts),
        base_url=str(STYLESHEET.parent),
        url_fetcher=fetcher,
    )
    content: bytes = html.write_pdf(pdf_variant=PDF_VARIANT, uncompressed_pdf=False)
    return content
