"""The memo's table cells, the numbering of the tables with their disclosure note
(``TableMaker``) and the grouping of intervention rows by kind (``by_kind``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from documents.memo import formats as f
from documents.memo.labels import KIND_GROUPS
from documents.memo.model import (
    FORMAT_COUNT,
    FORMAT_DECIMAL,
    FORMAT_SHARE,
    FORMAT_TSEK,
    Cell,
    HeaderGroup,
    Row,
    Table,
)

Json = Mapping[str, Any]


# --- cells --------------------------------------------------------------------------------


def label(text: str) -> Cell:
    return Cell(text, text)


def _figure(value: f.Value, text: str, number_format: str) -> Cell:
    stored: f.Value = value if isinstance(value, int | float) else text
    return Cell(text, stored, number_format, numeric=True)


def count_cell(value: f.Value) -> Cell:
    return _figure(value, f.count(value), FORMAT_COUNT)


def share_cell(value: f.Value) -> Cell:
    return _figure(value, f.share(value), FORMAT_SHARE)


def tsek_cell(value: f.Value) -> Cell:
    return _figure(value, f.tsek(value), FORMAT_TSEK)


def mean_cell(value: f.Value) -> Cell:
    return _figure(value, f.decimal1(value), FORMAT_DECIMAL)


def g_cells(split: Json | None, make: Callable[[f.Value], Cell] = count_cell) -> list[Cell]:
    """The women, men and total cells of a G (or, with ``share_cell``, an S)."""
    split = split or {}
    return [make(split.get("women")), make(split.get("men")), make(split.get("total"))]


def tone_cell(text: str, tone: str) -> Cell:
    return Cell(text, text, tone=tone)


def yes_no_cell(value: bool | None) -> Cell:
    return label(f.yes_no(value))


def answer_cell(value: str | None) -> Cell:
    return label(f.answer(value))


# --- numbering and notes ------------------------------------------------------------------


class TableMaker:
    """Numbers the tables in order and adds the disclosure note where a cell is hidden."""

    def __init__(self, *, suppressed: bool, threshold: int, note: str = "") -> None:
        self.suppressed = suppressed
        self.threshold = threshold
        #: What ``..`` hides, as the statistics layer words it (the memo JSON's
        #: ``suppression.note``); documents write no second text of their own.
        self.note = note
        self.number = 0

    def disclosure_note(self) -> str:
        return self.note

    def make(
        self,
        key: str,
        title: str,
        columns: Sequence[str],
        rows: Iterable[Row],
        *,
        groups: Sequence[HeaderGroup] = (),
        notes: Sequence[str] = (),
        widths: Sequence[float] = (),
        sensitive: bool = False,
    ) -> Table:
        self.number += 1
        rows = tuple(rows)
        all_notes = list(notes)
        if self.note and any(f.is_hidden(cell.value) for row in rows for cell in row.cells):
            all_notes.insert(0, self.disclosure_note())
        return Table(
            key=key,
            number=self.number,
            title=title,
            columns=tuple(columns),
            rows=rows,
            groups=tuple(groups),
            notes=tuple(all_notes),
            widths=tuple(widths),
            sensitive=sensitive,
        )


def by_kind(
    codes: Sequence[str], kinds: Mapping[str, str], make_row: Callable[[str], Row]
) -> list[Row]:
    """Rows in the given order with a group row ("Individinsatser") where the kind changes;
    no group rows when the kinds are unknown."""
    rows: list[Row] = []
    current: str | None = None
    for code in codes:
        kind = kinds.get(code)
        if kind is not None and kind != current:
            rows.append(Row((label(KIND_GROUPS.get(kind, kind)),), kind="group"))
            current = kind
        rows.append(make_row(code))
    return rows
