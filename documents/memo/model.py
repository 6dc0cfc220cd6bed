"""The memo as one ordered document model, independent of the output format.

``content.build_memo`` makes a :class:`MemoDocument`; the renderers (``docx``, ``pdf``,
``xlsx`` and the HTML templates) walk its sections in order and never compute a figure.
A section has a heading (level 1-3) and blocks:

- :class:`Text`: paragraphs (a paragraph whose lines all start with ``- `` is a bullet
  list), optionally editable by the office (``text_key``);
- :class:`Table`: numbered caption, optional header groups, columns, rows of cells, notes;
- :class:`Chart`: a numbered chart with the data it is drawn from (``charts.render``);
- :class:`Placeholder`: the marked place where the office writes its reflections.

A :class:`Cell` holds the shown text (DOCX, PDF, HTML) and the value for a spreadsheet
(a number, or the shown string for hidden and missing values).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

CellValue = int | float | str | None

#: Excel number formats: whole numbers, percent of whole numbers, SEK shown in thousands
#: (the trailing comma scales by 1 000, the stored value stays whole SEK), one decimal.
FORMAT_COUNT = "#,##0"
FORMAT_SHARE = '0" %"'
FORMAT_TSEK = "#,##0,"
FORMAT_DECIMAL = "#,##0.0"


@dataclass(frozen=True)
class Cell:
    text: str
    #: what a spreadsheet stores: a number, or ``text`` for hidden/missing/label cells
    value: CellValue = None
    number_format: str = ""
    #: right-aligned figure
    numeric: bool = False
    #: the office's colour (``green``, ``yellow``, ``red``) for a shaded cell
    tone: str = ""

    @property
    def is_number(self) -> bool:
        return isinstance(self.value, int | float) and not isinstance(self.value, bool)


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    #: ``body``; ``group`` (one label spanning the table, e.g. "Individinsatser");
    #: ``total`` (a sum row, bold)
    kind: str = "body"


@dataclass(frozen=True)
class HeaderGroup:
    label: str
    span: int


@dataclass(frozen=True)
class Table:
    key: str
    number: int
    title: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    groups: tuple[HeaderGroup, ...] = ()
    notes: tuple[str, ...] = ()
    #: relative column widths (sum need not be 1)
    widths: tuple[float, ...] = ()
    #: the table counts persons (disclosure control applies)
    sensitive: bool = False
    kind: str = "table"

    @property
    def caption(self) -> str:
        return f"Tabell {self.number}. {self.title}"

    @property
    def header_rows(self) -> int:
        return 2 if self.groups else 1

    @property
    def numeric_columns(self) -> tuple[bool, ...]:
        """Whether each column holds figures (right-aligned, header too)."""
        return tuple(
            any(len(row.cells) > index and row.cells[index].numeric for row in self.rows)
            for index in range(len(self.columns))
        )

    @property
    def body_rows(self) -> tuple[Row, ...]:
        return tuple(row for row in self.rows if row.kind != "group")


@dataclass(frozen=True)
class Text:
    paragraphs: tuple[str, ...]
    #: the MemoText section key when the office may edit it
    text_key: str = ""
    #: holds counts of persons (checked by the disclosure tests)
    sensitive: bool = False
    #: the office has replaced the default text
    edited: bool = False
    kind: str = "text"

    def parts(self) -> Iterator[tuple[str, tuple[str, ...]]]:
        """Each paragraph as ``("paragraph", (text,))`` or ``("bullets", items)``."""
        for paragraph in self.paragraphs:
            lines = [line.strip() for line in paragraph.splitlines() if line.strip()]
            if lines and all(line.startswith("- ") for line in lines):
                yield "bullets", tuple(line[2:].strip() for line in lines)
            else:
                yield "paragraph", (" ".join(lines),)

    @property
    def html_parts(self) -> list[dict[str, object]]:
        """``parts`` for templates: ``{"bullets": bool, "items": [...]}``."""
        return [{"bullets": kind == "bullets", "items": items} for kind, items in self.parts()]


@dataclass(frozen=True)
class ChartSeries:
    label: str
    values: tuple[float | None, ...]
    #: Per value: hidden by disclosure control (its value is None, and the chart draws
    #: an empty bar labelled ``..`` in its place instead of leaving it out silently).
    hidden: tuple[bool, ...] = ()

    def is_hidden(self, index: int) -> bool:
        return index < len(self.hidden) and self.hidden[index]


@dataclass(frozen=True)
class Chart:
    key: str
    number: int
    title: str
    categories: tuple[str, ...]
    series: tuple[ChartSeries, ...]
    #: ``bar`` (vertical) or ``barh`` (horizontal)
    orientation: str = "bar"
    unit: str = ""
    #: a dashed reference line (the 100 % line of the consumption chart)
    reference: float | None = None
    notes: tuple[str, ...] = ()
    kind: str = "chart"
    #: The values are counts: the value axis has whole-number ticks only (no "2,5").
    whole_numbers: bool = False

    @property
    def caption(self) -> str:
        return f"Diagram {self.number}. {self.title}"

    @property
    def is_empty(self) -> bool:
        return not any(v is not None for each in self.series for v in each.values) and not (
            self.has_hidden
        )

    @property
    def has_hidden(self) -> bool:
        return any(any(each.hidden) for each in self.series)


@dataclass(frozen=True)
class Placeholder:
    """The office's reflections: its text when written, otherwise the marker."""

    text_key: str
    marker: str
    paragraphs: tuple[str, ...] = ()
    kind: str = "placeholder"


Block = Text | Table | Chart | Placeholder


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    level: int
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True)
class MemoDocument:
    title: str
    subtitle: str
    association: str
    association_name: str
    period_code: str
    start: dt.date
    end: dt.date
    produced_at: dt.datetime
    suppressed: bool
    threshold: int
    sections: tuple[Section, ...] = field(default_factory=tuple)
    #: What ``..`` hides (the statistics layer's note, ``suppression.note`` of the JSON).
    disclosure_note: str = ""

    @property
    def version_label(self) -> str:
        if self.suppressed:
            return "Röjandeskyddad version"
        return "Ej röjandeskyddad version – endast för kansliet"

    @property
    def meta_lines(self) -> tuple[str, ...]:
        """Period, time produced and version: on the first page of every format."""
        return (
            f"Period: {self.start.isoformat()}–{self.end.isoformat()} ({self.period_code})",
            f"Framtagen: {self.produced_at.strftime('%Y-%m-%d %H:%M')}",
            self.version_label,
        )

    def blocks(self) -> Iterator[Block]:
        for section in self.sections:
            yield from section.blocks

    def tables(self) -> list[Table]:
        return [block for block in self.blocks() if isinstance(block, Table)]

    def charts(self) -> list[Chart]:
        return [block for block in self.blocks() if isinstance(block, Chart)]

    def table(self, key: str) -> Table:
        return next(table for table in self.tables() if table.key == key)
