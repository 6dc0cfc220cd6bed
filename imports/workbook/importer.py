"""The import: read, validate everything, then write everything in one transaction.

One bad cell refuses the whole file and the result lists every problem. A row replaces the
stored row with the same natural key, so importing the same file twice gives the same
database. Run inside the association's scope (``django_scopes.scope``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from imports.workbook.access import WorkbookAccess
from imports.workbook.base import (
    ImportContext,
    Problem,
    RowReader,
    SheetChanges,
    SheetHandler,
)
from imports.workbook.cells import cell_text, fold, is_empty
from imports.workbook.reader import RawSheet, WorkbookError, read_source
from imports.workbook.sheets import HANDLERS
from tenancy.models import Association


@dataclass
class ImportResult:
    """The answer of an import: problems (then nothing was written), or what changed."""

    dry_run: bool = False
    problems: list[Problem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    changes: dict[str, SheetChanges] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary_lines(self) -> list[str]:
        if not self.ok:
            return [
                _("Filen har %(count)s fel och importerades inte. Inget har sparats.")
                % {"count": len(self.problems)}
            ]
        lines = [
            _("Kontroll utan att spara: filen är giltig. Inget har sparats.")
            if self.dry_run
            else _("Filen är importerad.")
        ]
        template = (
            _(
                "%(sheet)s (om filen sparas): nya %(created)s, ändrade %(updated)s, "
                "oförändrade %(unchanged)s."
            )
            if self.dry_run
            else _("%(sheet)s: nya %(created)s, ändrade %(updated)s, oförändrade %(unchanged)s.")
        )
        for sheet, changes in self.changes.items():
            lines.append(
                template
                % {
                    "sheet": sheet,
                    "created": changes.created,
                    "updated": changes.updated,
                    "unchanged": changes.unchanged,
                }
            )
        return lines


class _Rollback(Exception):
    """Raised inside the transaction of a dry run, or when a write is refused, so that
    nothing is committed."""


def import_workbook(
    source: Path | IO[bytes],
    *,
    association: Association,
    dry_run: bool = False,
    filename: str | None = None,
    access: WorkbookAccess | None = None,
) -> ImportResult:
    """Import a workbook (``.xlsx``, ``.zip`` of CSV files, a folder of them, or one CSV
    file) into ``association``. A dry run validates and counts the changes the import would
    make, inside a transaction that is rolled back. ``access`` says who imports (default:
    the host's administrator on the command line, who may import every sheet)."""
    try:
        sheets = read_source(source, filename=filename)
    except WorkbookError as error:
        result = ImportResult(dry_run=dry_run)
        result.problems.append(Problem.of_sheet(error.sheet, error.reason))
        return result
    return import_sheets(sheets, association=association, dry_run=dry_run, access=access)


def import_sheets(
    sheets: Sequence[RawSheet],
    *,
    association: Association,
    dry_run: bool = False,
    access: WorkbookAccess | None = None,
) -> ImportResult:
    """Import sheets already read (``import_workbook`` after reading the file)."""
    result = ImportResult(dry_run=dry_run)
    context = ImportContext(association, access)
    plan = _validate(sheets, context, result)
    result.problems = context.problems
    if not result.ok:
        return result
    try:
        with transaction.atomic():
            for handler, rows, keys in plan:
                changes = _write(handler, rows, context)
                if len(changes.outcomes) == len(keys):
                    changes.rows = [
                        (key, outcome)
                        for key, outcome in zip(keys, changes.outcomes, strict=True)
                        if outcome in ("created", "updated")
                    ]
                result.changes[handler.sheet_name] = changes
            if dry_run:
                raise _Rollback
    except _Rollback:
        if context.problems:
            result.changes = {}
    return result


def _write(handler: SheetHandler[Any], rows: list[Any], context: ImportContext) -> SheetChanges:
    """The sheet's write; a refusal by the domain services (a rule the validation missed,
    or a concurrent change) becomes a problem of the sheet and rolls everything back."""
    try:
        return handler.write(rows, context)
    except ValidationError as error:
        reason = " ".join(error.messages)
    except PermissionDenied:
        reason = _("Du saknar behörighet att ändra uppgifterna i bladet.")
    context.problems.append(Problem.of_sheet(handler.sheet_name, reason))
    raise _Rollback


def may_import(handler: SheetHandler[Any], access: WorkbookAccess) -> bool:
    return access.all_sheets if not handler.personal_data else access.any_participants


def _refusal(handler: SheetHandler[Any]) -> str:
    if handler.personal_data:
        return _(
            "Bladet innehåller personuppgifter om deltagare, som förbundsadministratören inte "
            "får läsa eller skriva. Deltagare importeras av deltagaransvarig för insatsen. "
            "Ta bort raderna i bladet och försök igen."
        )
    return _(
        "Du får bara importera bladet Deltagare för dina insatser. Ta bort raderna i bladet "
        "och försök igen."
    )


def _validate(
    sheets: Sequence[RawSheet], context: ImportContext, result: ImportResult
) -> list[tuple[SheetHandler[Any], list[Any], list[str]]]:
    """Parse and check every sheet; problems go to ``context.problems``. Returns the rows
    to write per handler, in registry order."""
    by_key: dict[str, RawSheet] = {}
    for sheet in sheets:
        key = fold(sheet.name)
        if key in by_key:
            context.problems.append(
                Problem.of_sheet(sheet.name, _("Bladet finns två gånger i filen."))
            )
            continue
        by_key[key] = sheet
    handled = {fold(handler.sheet_name) for handler in HANDLERS}
    for key, sheet in by_key.items():
        if key not in handled:
            result.notices.append(
                _("Bladet %(sheet)s hör inte till importmallen och lästes inte.")
                % {"sheet": sheet.name}
            )
    plan: list[tuple[SheetHandler[Any], list[Any], list[str]]] = []
    data_rows = 0
    for handler in HANDLERS:
        found = by_key.get(fold(handler.sheet_name))
        allowed = may_import(handler, context.access)
        if not allowed:
            if found is not None and found.rows:
                context.problems.append(Problem.of_sheet(handler.sheet_name, _refusal(handler)))
            continue
        if found is None:
            result.notices.append(
                _("Bladet %(sheet)s finns inte i filen; inga %(label)s importerades.")
                % {"sheet": handler.sheet_name, "label": handler.label}
            )
            continue
        rows = _parse_sheet(handler, found, context)
        handler.check_rows([(number, row) for number, row, _key in rows], context)
        plan.append(
            (handler, [row for _number, row, _key in rows], [key for _n, _row, key in rows])
        )
        data_rows += len(found.rows)
    if not plan and not context.problems:
        context.problems.append(
            Problem.of_sheet(
                "",
                _(
                    "Inget importerades: filen innehåller inget blad som du kan importera "
                    "(%(allowed)s). Bladen i filen heter %(found)s. En CSV-fil ska heta som "
                    "bladet, till exempel Budget.csv."
                )
                % {
                    "allowed": ", ".join(
                        h.sheet_name for h in HANDLERS if may_import(h, context.access)
                    ),
                    "found": ", ".join(sheet.name for sheet in sheets) or "–",
                },
            )
        )
    elif not data_rows and not context.problems:
        context.problems.append(
            Problem.of_sheet(
                "", _("Inget importerades: bladen i filen har rubriker men inga rader.")
            )
        )
    return plan


#: The natural key of each sheet (spec/importmall.md), shown for the rows an import adds or
#: changes. `Deltagare` shows only the row number: its key is personal data.
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "Insatser": ("kod",),
    "Budget": ("insats", "år", "kvartal"),
    "Utfall": ("insats", "år", "kvartal"),
    "Volym": ("insats", "år", "månad"),
    "Aktiviteter": ("datum", "titel"),
    "Kvartalsrapporter": ("insats", "år", "kvartal"),
    "Avvikelser": ("insats", "inkommen_datum", "typ"),
}


def row_key(sheet: str, number: int, cells: dict[str, Any]) -> str:
    """``rad 3: ARB 2024 1``: the row number and the row's natural key as written."""
    parts = [cell_text(cells.get(column)) for column in NATURAL_KEYS.get(sheet, ())]
    key = " ".join(part for part in parts if part)
    label = _("rad %(row)s") % {"row": number}
    return f"{label}: {key}" if key else label


def _parse_sheet(
    handler: SheetHandler[Any], sheet: RawSheet, context: ImportContext
) -> list[tuple[int, Any, str]]:
    columns = {column.key: column for column in handler.columns}
    positions: dict[str, int] = {}

    def header_problem(column: str, value: str, reason: str) -> None:
        context.problems.append(
            Problem(handler.sheet_name, sheet.header_row, column, value, reason)
        )

    for index, cell in enumerate(sheet.header):
        header = cell_text(cell)
        if not header:
            if any(index < len(cells) and not is_empty(cells[index]) for _n, cells in sheet.rows):
                header_problem(
                    _("nr %(number)s") % {"number": index + 1},
                    "",
                    _("Kolumnen har värden men saknar rubrik."),
                )
            continue
        column = columns.get(fold(header))
        if column is None:
            header_problem(
                header,
                header,
                _("Okänd kolumn. Bladet %(sheet)s har kolumnerna %(columns)s.")
                % {
                    "sheet": handler.sheet_name,
                    "columns": ", ".join(column.name for column in handler.columns),
                },
            )
        elif column.name in positions:
            header_problem(column.name, header, _("Kolumnen finns två gånger."))
        else:
            positions[column.name] = index
    absent = frozenset(column.name for column in handler.columns if column.name not in positions)
    for column in handler.columns:
        if column.required and column.name in absent:
            header_problem(column.name, "", _("Kolumnen saknas."))
    masked = {column.name: column.masked for column in handler.columns if column.masked}
    parsed: list[tuple[int, Any, str]] = []
    for number, cells in sheet.rows:
        values = {
            name: cells[index] if index < len(cells) else None for name, index in positions.items()
        }
        reader = RowReader(
            sheet=handler.sheet_name,
            number=number,
            cells=values,
            problems=context.problems,
            absent=absent,
            masked=masked,
        )
        row = handler.parse_row(reader, context)
        if row is not None:
            parsed.append((number, row, row_key(handler.sheet_name, number, values)))
    return parsed
