"""The memo's tables and charts as HTML for the memo page, written in Python: a memo of a
large association has some 20 000 table cells and several hundred bars, and the template
language took most of the page's time for them (docs/performance.md). The tests read the
tables back with ``documents.tests.readback.html_tables``."""

from __future__ import annotations

import html
from collections.abc import Iterable

from django.utils.safestring import SafeString, mark_safe

from documents.memo.model import Chart, Row, Table
from documents.memo.svg import SvgChart

NUMERIC = ' class="num"'


def escape(text: object) -> str:
    """What ``django.utils.html.escape`` writes (it calls ``html.escape`` too), without its
    lazy-text wrapper and ``SafeString``: a memo page escapes ~27 000 texts, and the
    wrapper was a third of the tables' time."""
    return html.escape(str(text))


def _cell(text: str, *, bold: bool) -> str:
    return f"<strong>{escape(text)}</strong>" if bold else escape(text)


def _row(row: Row, span: int) -> str:
    if row.kind == "group":
        return f'<tr><th scope="rowgroup" colspan="{span}">{escape(row.cells[0].text)}</th></tr>'
    bold = row.kind == "total"
    first, *rest = row.cells
    parts = [f'<tr><th scope="row">{_cell(first.text, bold=bold)}</th>']
    for cell in rest:
        numeric = NUMERIC if cell.numeric else ""
        tone = f' data-tone="{escape(cell.tone)}"' if cell.tone else ""
        parts.append(f"<td{numeric}{tone}>{_cell(cell.text, bold=bold)}</td>")
    parts.append("</tr>")
    return "".join(parts)


def table_html(table: Table) -> SafeString:
    """One memo table with its caption, header groups, rows and notes."""
    head = []
    if table.groups:
        groups = "".join(
            f'<th scope="colgroup" colspan="{group.span}">{escape(group.label)}</th>'
            if group.label
            else f'<td colspan="{group.span}"></td>'
            for group in table.groups
        )
        head.append(f"<tr>{groups}</tr>")
    columns = "".join(
        f'<th scope="col"{NUMERIC if index else ""}>{escape(title)}</th>'
        if title.strip()
        else "<td></td>"  # no empty header cell: a header must name its column
        for index, title in enumerate(table.columns)
    )
    head.append(f"<tr>{columns}</tr>")
    span = len(table.columns)
    body = "\n".join(_row(row, span) for row in table.rows)
    notes = "".join(f'<p class="help">{escape(note)}</p>' for note in table.notes)
    return mark_safe(  # noqa: S308 - every text above is escaped
        # A wide table scrolls in its own region, which a keyboard user can reach (Tab) and
        # scroll with the arrow keys; the region is named by the table's caption.
        f'<div class="table-scroll" role="region" tabindex="0" '
        f'aria-label="{escape(table.caption)}"><table data-table="{escape(table.key)}">'
        f"<caption>{escape(table.caption)}</caption>"
        f"<thead>{''.join(head)}</thead>\n<tbody>\n{body}\n</tbody>\n</table></div>\n{notes}"
    )


def heading_tags(levels: Iterable[int]) -> list[str]:
    """The HTML heading of each section level (1-3) on the page, whose title is the h1:
    level 1 is h2, and a heading is never more than one step deeper than the one before
    (a level-3 section right after a level-1 one is an h3, not an h4)."""
    tags: list[str] = []
    previous = 1
    for level in levels:
        depth = max(2, min(level + 1, previous + 1, 6))
        tags.append(f"h{depth}")
        previous = depth
    return tags


def _n(value: float) -> str:
    """A coordinate: whole numbers without decimals, others with one."""
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def chart_svg(chart: Chart, drawing: SvgChart) -> SafeString:
    """A memo chart as inline SVG (presentation attributes only: the content security policy
    allows no inline style), labelled by the figure caption ``diagram-<key>``."""
    key = escape(chart.key)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {drawing.width} '
        f'{drawing.height}" width="{drawing.width}" height="{drawing.height}" role="img" '
        f'aria-labelledby="diagram-{key}" font-family="sans-serif" font-size="11" '
        f'data-chart="{key}">'
    ]
    top, bottom = _n(drawing.top), _n(drawing.bottom)
    if drawing.empty:
        parts.append(
            f'<text x="50%" y="{_n(drawing.top + 12)}" text-anchor="middle" fill="#333">'
            "Inga värden att visa</text>"
        )
    else:
        for tick in drawing.ticks:
            x = _n(tick.x)
            parts.append(
                f'<line x1="{x}" y1="{top}" x2="{x}" y2="{bottom}" stroke="#e3e6ea" '
                f'stroke-width="1"/><text x="{x}" y="{_n(tick.y)}" text-anchor="middle" '
                f'fill="#555">{escape(tick.text)}</text>'
            )
        for legend in drawing.legend:
            fill = (
                f'fill="none" stroke="{legend.colour}" stroke-dasharray="2 2"'
                if legend.hidden
                else f'fill="{legend.colour}"'
            )
            parts.append(
                f'<rect x="{_n(legend.x)}" y="{_n(legend.y)}" width="12" height="12" {fill}/>'
                f'<text x="{_n(legend.x + 16)}" y="{_n(legend.y + 10)}" fill="#333">'
                f"{escape(legend.label)}</text>"
            )
        for category in drawing.categories:
            title = (
                f"<title>{escape(category.full)}</title>" if category.text != category.full else ""
            )
            parts.append(
                f'<text x="{_n(category.x)}" y="{_n(category.y)}" text-anchor="end" '
                f'fill="#333">{title}{escape(category.text)}</text>'
            )
        if drawing.reference_x is not None:
            x = _n(drawing.reference_x)
            parts.append(
                f'<line x1="{x}" y1="{top}" x2="{x}" y2="{bottom}" '
                f'stroke="{drawing.reference_colour}" stroke-width="1.5" '
                'stroke-dasharray="5 4"/>'
            )
        for bar in drawing.bars:
            parts.append(
                f'<rect x="{_n(bar.x)}" y="{_n(bar.y)}" width="{_n(bar.width)}" '
                f'height="{_n(bar.height)}" fill="{bar.colour}"><title>{escape(bar.title)}'
                f'</title></rect><text x="{_n(bar.label_x)}" y="{_n(bar.label_y)}" '
                f'font-size="9" fill="#333">{escape(bar.label)}</text>'
            )
        zero = _n(drawing.zero_x)
        parts.append(
            f'<line x1="{zero}" y1="{top}" x2="{zero}" y2="{bottom}" stroke="#6b7683" '
            'stroke-width="1"/>'
        )
        if drawing.unit:
            parts.append(
                f'<text x="{_n(drawing.right)}" y="{drawing.height - 4}" text-anchor="end" '
                f'fill="#555">{escape(drawing.unit)}</text>'
            )
    parts.append("</svg>")
    return mark_safe("\n".join(parts))  # noqa: S308 - every text above is escaped
