"""What many sheets share: reading a row's cells as their columns declare, the intervention
kod column, and storing the rows through a domain service.

A sheet on ``ColumnSheet`` lists its columns with how each cell is read (``Column.into``,
``parse`` or ``read``, ``empty``); its rules across one row's cells are ``check_row``. Its
row type names the cells' attributes, which are, for a sheet that writes with
``save_each``, the domain service's keyword arguments.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

from imports.workbook.base import Column, ImportContext, RowReader, RowT, SheetChanges, SheetHandler
from imports.workbook.cells import parse_amount, parse_year
from interventions.services import organisation_named
from tenancy.models import Association, Organisation


def known_intervention(row: RowReader, context: ImportContext, column: Column) -> str | None:
    """``Column.read`` of an intervention kod: an intervention of the file's `Insatser` sheet
    or of the association (``ImportContext.intervention_code``)."""
    return context.intervention_code(row, column.name, required=column.required)


#: The columns several sheets share, read the same way in each.
INTERVENTION = Column("insats", required=True, into="intervention", read=known_intervention)
YEAR = Column("år", required=True, into="year", parse=parse_year)
AMOUNT = Column("belopp", required=True, into="amount", parse=parse_amount)


class ColumnSheet(SheetHandler[RowT]):
    """A sheet whose row is read as its columns declare: every column with ``into`` is read,
    in column order (so its problems come in column order), into that attribute of
    ``row_type``; a row with any problem is left out."""

    row_type: type[RowT]

    def parse_row(self, row: RowReader, context: ImportContext) -> RowT | None:
        cells = read_cells(row, context, self.columns)
        self.check_row(row, context, cells)
        if not row.ok:
            return None
        for column in self.columns:
            if column.into and cells[column.into] is None:
                cells[column.into] = column.empty
        return self.row_type(**cells)

    def check_row(self, row: RowReader, context: ImportContext, cells: dict[str, Any]) -> None:
        """The rules across the row's cells (``cells``: attribute -> parsed value, ``None``
        for an empty or wrong cell), reported with ``row.problem``; a sheet may also add
        the row's attributes that are no cell. By default: none."""


def read_cells(row: RowReader, context: ImportContext, columns: Sequence[Column]) -> dict[str, Any]:
    """attribute -> parsed value of every column with ``into``, read in column order; a
    wrong cell is ``None`` and has its problem recorded."""
    cells: dict[str, Any] = {}
    for column in columns:
        if not column.into:
            continue
        if column.read is not None:
            cells[column.into] = column.read(row, context, column)
        elif column.parse is not None:
            required = column.required and not column.empty_allowed
            cells[column.into] = row.value(column.name, column.parse, required=required)
        else:
            raise TypeError(f"Column {column.name} has neither parse nor read.")
    return cells


def save_each(
    rows: Sequence[Any],
    context: ImportContext,
    save: Callable[..., tuple[object, str]],
    **fixed: Any,
) -> SheetChanges:
    """Store each row by ``save``, called with the row's attributes as keyword arguments
    (an ``intervention`` kod given as its intervention, an empty one as ``None``) and with
    ``fixed``; the changes are the outcomes ``save`` gives, in row order."""
    interventions = context.interventions_by_code(
        getattr(row, "intervention", None) for row in rows
    )

    def arguments(row: Any) -> dict[str, Any]:
        values = fields_of(row)
        if "intervention" in values:
            code = values["intervention"]
            values["intervention"] = interventions[code] if code else None
        return values

    return SheetChanges.of(save(**arguments(row), **fixed) for row in rows)


def fields_of(row: Any) -> dict[str, Any]:
    """The row's attributes by name (a row whose attributes are a service's arguments)."""
    return {field.name: getattr(row, field.name) for field in dataclasses.fields(row)}


class Organisations:
    """The association's organisations by name, found or created once per import."""

    def __init__(self, association: Association) -> None:
        self.association = association
        self.named: dict[str, Organisation] = {}

    def of(self, row: Any) -> dict[str, Any]:
        """The row's ``owner`` and ``partners`` (names) as organisations."""
        return {"owner": self(row.owner), "partners": tuple(self(name) for name in row.partners)}

    def __call__(self, name: str) -> Organisation:
        if name not in self.named:
            self.named[name] = organisation_named(association=self.association, name=name)
        return self.named[name]
