"""The pieces every sheet handler is made of.

A sheet of the importmall is one ``SheetHandler``: its columns, a row parser that turns one
row into a plain value object (reporting every bad cell), optional checks across rows, a
writer that calls the domain services, and an exporter that gives the rows back. Adding a
sheet is adding one module to ``imports.workbook.sheets``.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from django.utils.translation import gettext as _

from imports.workbook.access import WorkbookAccess
from imports.workbook.cells import CellError, CellValue, cell_text, fold, is_empty, parse_code
from imports.workbook.model_export import ModelExport
from interventions.models import Intervention
from tenancy.models import Association

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

#: Longer cell values are shortened in problem reports.
SHOWN_VALUE_LENGTH = 80

T = TypeVar("T")
RowT = TypeVar("RowT")


@dataclass(frozen=True)
class Column:
    """A column of a sheet, named exactly as in spec/importmall.md. A required column's
    header must be there, and (unless ``empty_allowed``) every row must fill it.

    A sheet built on ``imports.workbook.sheets.common.ColumnSheet`` also says here how a
    cell is read: into the row's attribute ``into``, by the cell parser ``parse`` or, for
    a cell that needs the import (an intervention kod), by ``read``; ``empty`` is what the
    row holds for an empty cell."""

    name: str
    required: bool = False
    #: Shows a value in problem reports instead of the cell (personnummer: never echoed).
    masked: Callable[[str], str] | None = field(default=None, compare=False)
    into: str = field(default="", compare=False)
    parse: Callable[[CellValue], Any] | None = field(default=None, compare=False)
    read: Callable[[RowReader, ImportContext, Column], Any] | None = field(
        default=None, compare=False
    )
    empty: Any = field(default=None, compare=False)
    #: A required column whose cells may be left empty.
    empty_allowed: bool = field(default=False, compare=False)

    @property
    def key(self) -> str:
        return fold(self.name)


#: A sheet's natural key, (column, fields, reason): a row whose fields have the values of an
#: earlier row's is refused; the problem names ``column`` with the last field's value, and
#: ``reason`` is formatted with the row's attributes by name and ``row``, the number of the
#: first row with that key.
RepeatedKey = tuple[str, tuple[str, ...], "StrOrPromise"]


class _RowFields:
    """The %-format mapping of a repeated row: its attributes, and ``row`` (the first row)."""

    def __init__(self, row: Any, first: int) -> None:
        self.row = row
        self.first = first

    def __getitem__(self, name: str) -> Any:
        return self.first if name == "row" else getattr(self.row, name)


@dataclass(frozen=True)
class Problem:
    """One reason the file was refused. ``row`` is the spreadsheet row (header = 1)."""

    sheet: str
    row: int | None
    column: str
    value: str
    reason: str

    @classmethod
    def of_sheet(cls, sheet: str, reason: str) -> Problem:
        """A problem of a whole sheet (no row); of the whole file when ``sheet`` is empty."""
        return cls(sheet, None, "", "", reason)

    def as_line(self) -> str:
        if not self.sheet:
            return self.reason
        if self.row is None:
            return _("Blad %(sheet)s: %(reason)s") % {"sheet": self.sheet, "reason": self.reason}
        return _(
            'Blad %(sheet)s, rad %(row)s, kolumn %(column)s, värde "%(value)s": %(reason)s'
        ) % {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "reason": self.reason,
        }


@dataclass
class SheetChanges:
    """What an import did (or, in a dry run, would do) to one sheet's rows. ``outcomes``
    are the rows' outcomes in the order the handler wrote them (one per row); ``rows`` the
    new and changed rows as (key, outcome), filled in by the importer."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    outcomes: list[str] = field(default_factory=list, compare=False, repr=False)
    rows: list[tuple[str, str]] = field(default_factory=list, compare=False, repr=False)

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)
        self.outcomes.append(outcome)

    @classmethod
    def of(cls, saved: Iterable[tuple[object, str]]) -> SheetChanges:
        """The changes of the domain services' (row, outcome) results, in order."""
        changes = cls()
        for _row, outcome in saved:
            changes.count(outcome)
        return changes


class ImportContext:
    """What the handlers of one import share: the association, who imports, the problems
    found so far, and the interventions known from the file and from the database."""

    def __init__(self, association: Association, access: WorkbookAccess | None = None) -> None:
        self.association = association
        self.access = access or WorkbookAccess.system()
        self.problems: list[Problem] = []
        #: kod -> row number of every intervention in the file's `Insatser` sheet.
        self.file_intervention_codes: dict[str, int] = {}
        #: kod -> uppföljning of the file's valid `Insatser` rows (the file wins).
        self.file_intervention_follow_up: dict[str, str] = {}
        #: kod -> (startdatum, slutdatum) of the file's valid `Insatser` rows (the file wins).
        self.file_intervention_periods: dict[str, tuple[dt.date, dt.date | None]] = {}
        self._stored: dict[str, tuple[int, str]] | None = None
        self._stored_periods: dict[str, tuple[dt.date, dt.date | None]] | None = None

    @property
    def stored_interventions(self) -> dict[str, tuple[int, str]]:
        """kod -> (id, uppföljning) of the association's stored interventions."""
        if self._stored is None:
            self._stored = {
                code: (pk, follow_up)
                for code, pk, follow_up in Intervention.objects.filter(
                    association=self.association
                ).values_list("code", "pk", "follow_up")
            }
        return self._stored

    @property
    def stored_intervention_codes(self) -> set[str]:
        return set(self.stored_interventions)

    def knows_intervention(self, code: str) -> bool:
        return code in self.file_intervention_codes or code in self.stored_interventions

    def intervention_code(
        self, row: RowReader, column: str = "insats", *, required: bool = True
    ) -> str | None:
        """The row's intervention kod, known (from the file's `Insatser` sheet or the
        association's interventions); ``None`` (and a problem when given) otherwise."""
        code = row.value(column, parse_code, required=required)
        if code is not None and not self.knows_intervention(code):
            row.problem(
                column,
                _("Insatsen finns varken i bladet Insatser eller bland förbundets insatser."),
            )
            return None
        return code

    def interventions_by_code(self, codes: Iterable[str | None]) -> dict[str, Intervention]:
        """The association's interventions with these codes, empty ones left out (inside the
        import's transaction, so the ones the `Insatser` sheet just created are there)."""
        return {
            intervention.code: intervention
            for intervention in Intervention.objects.filter(
                association=self.association, code__in={code for code in codes if code}
            )
        }

    def follow_up_of(self, code: str) -> str | None:
        """The intervention's uppföljning after the import; ``None`` when unknown (its
        `Insatser` row is wrong, and that is reported there)."""
        if code in self.file_intervention_codes:
            return self.file_intervention_follow_up.get(code)
        stored = self.stored_interventions.get(code)
        return None if stored is None else stored[1]

    def period_of(self, code: str) -> tuple[dt.date, dt.date | None] | None:
        """The intervention's (startdatum, slutdatum) after the import; ``None`` when
        unknown (its `Insatser` row is wrong, and that is reported there)."""
        if code in self.file_intervention_codes:
            return self.file_intervention_periods.get(code)
        if self._stored_periods is None:
            self._stored_periods = {
                code: (start, end)
                for code, start, end in Intervention.objects.filter(
                    association=self.association
                ).values_list("code", "start_date", "end_date")
            }
        return self._stored_periods.get(code)

    def stored_intervention_id(self, code: str) -> int | None:
        stored = self.stored_interventions.get(code)
        return None if stored is None else stored[0]


class RowReader:
    """Reads the cells of one row through parsers, recording a ``Problem`` for every cell
    that fails. ``ok`` is false once any cell of the row failed."""

    def __init__(
        self,
        *,
        sheet: str,
        number: int,
        cells: dict[str, CellValue],
        problems: list[Problem],
        absent: frozenset[str] = frozenset(),
        masked: dict[str, Callable[[str], str]] | None = None,
    ) -> None:
        self.sheet = sheet
        self.number = number
        self.cells = cells
        self.problems = problems
        self.absent = absent
        self.masked = masked or {}
        self.ok = True

    def raw(self, column: str) -> CellValue:
        return self.cells.get(column)

    def text(self, column: str) -> str:
        return cell_text(self.raw(column))

    def is_empty(self, column: str) -> bool:
        return is_empty(self.raw(column))

    def shown(self, column: str) -> str:
        """The cell as a problem report shows it (masked for personal columns)."""
        value = self.text(column)
        mask = self.masked.get(column)
        return mask(value) if mask is not None and value else value

    def problem(self, column: str, reason: str) -> None:
        self.ok = False
        value = self.shown(column)
        if len(value) > SHOWN_VALUE_LENGTH:
            value = value[: SHOWN_VALUE_LENGTH - 1] + "…"
        self.problems.append(Problem(self.sheet, self.number, column, value, reason))

    def value(
        self, column: str, parse: Callable[[CellValue], T], *, required: bool = False
    ) -> T | None:
        """The parsed cell, or ``None`` when it is empty or wrong (then a problem is
        recorded; a missing required column was already reported at the header)."""
        value = self.raw(column)
        if is_empty(value):
            if required and column not in self.absent:
                self.problem(column, _("Värde saknas."))
            elif required:
                self.ok = False
            return None
        try:
            return parse(value)
        except CellError as error:
            self.problem(column, str(error))
            return None


class SheetHandler(ABC, Generic[RowT]):
    """One sheet of the importmall. Handlers run in registry order, so a sheet may rely on
    the ones before it (``Budget`` on ``Insatser``)."""

    sheet_name: ClassVar[str]
    columns: ClassVar[tuple[Column, ...]]
    #: Swedish plural for the summary, e.g. "insatser".
    label: ClassVar[str]
    #: Rows carry personal data: only for those allowed by ``WorkbookAccess``.
    personal_data: ClassVar[bool] = False
    #: A sheet whose cells are its model's fields: what ``export_rows`` gives.
    export: ClassVar[ModelExport | None] = None
    #: The natural key: a row with an earlier row's key is refused (``check_rows``).
    repeated_key: ClassVar[RepeatedKey | None] = None

    @abstractmethod
    def parse_row(self, row: RowReader, context: ImportContext) -> RowT | None:
        """The row as a value object, or ``None`` when a cell was wrong."""

    def check_rows(self, rows: Sequence[tuple[int, RowT]], context: ImportContext) -> None:
        """Checks across the parsed rows (duplicates, periods); add to context.problems.
        By default: the ``repeated_key`` check."""
        self.refuse_repeated_keys(rows, context)

    def refuse_repeated_keys(
        self, rows: Sequence[tuple[int, RowT]], context: ImportContext
    ) -> None:
        if self.repeated_key is None:
            return
        column, fields, reason = self.repeated_key
        first_rows: dict[tuple[Any, ...], int] = {}
        for number, row in rows:
            key = tuple(getattr(row, name) for name in fields)
            first = first_rows.setdefault(key, number)
            if first != number:
                shown = str(reason) % _RowFields(row, first)
                self.problem(context, number, column, str(key[-1] or ""), shown)

    @abstractmethod
    def write(self, rows: Sequence[RowT], context: ImportContext) -> SheetChanges:
        """Store the rows through the domain services (inside the import's transaction).
        A ``ValidationError`` refuses the whole import."""

    def export_rows(
        self, association: Association, access: WorkbookAccess
    ) -> Iterable[Sequence[Any]]:
        """The stored rows in column order that ``access`` may read, for the export. By
        default the ``export`` rows of a sheet whose cells are its model's fields."""
        if self.export is None:
            raise NotImplementedError(self.sheet_name)
        return self.export.rows(association)

    def problem(
        self, context: ImportContext, row: int, column: str, value: str, reason: str
    ) -> None:
        context.problems.append(Problem(self.sheet_name, row, column, value, reason))
