"""Reading the workbook into plain sheets of cells: an ``.xlsx`` file, one CSV file per
sheet (file name = sheet name) in a folder or a ``.zip``, or a single CSV file.

Nothing here knows what the sheets mean; ``RawSheet`` keeps the spreadsheet row numbers
so that every problem can point at the row the user sees.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _

from imports.workbook.cells import CellValue, is_empty

#: How many times the upload limit a zip (also an .xlsx) may grow to when unpacked.
UNPACK_FACTOR = 20


class WorkbookError(Exception):
    """The file as a whole cannot be read; ``sheet`` names the part that failed, if any."""

    def __init__(self, reason: str, *, sheet: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.sheet = sheet


@dataclass
class RawSheet:
    """One sheet: the header cells and the data rows, each with its spreadsheet row number
    (the header is row 1 unless the sheet starts with empty rows)."""

    name: str
    header_row: int = 1
    header: list[CellValue] = field(default_factory=list)
    rows: list[tuple[int, list[CellValue]]] = field(default_factory=list)


def sheet_from_rows(name: str, rows: Iterable[Sequence[CellValue]]) -> RawSheet:
    """The first non-empty row is the header; later empty rows are skipped."""
    sheet = RawSheet(name=name)
    have_header = False
    for number, cells in enumerate(rows, start=1):
        values = list(cells)
        if all(is_empty(value) for value in values):
            continue
        if not have_header:
            sheet.header_row, sheet.header, have_header = number, values, True
        else:
            sheet.rows.append((number, values))
    return sheet


def read_source(source: Path | IO[bytes], *, filename: str | None = None) -> list[RawSheet]:
    """The sheets of a file or folder. ``filename`` names an uploaded file (its suffix
    tells the format); a path names itself."""
    if isinstance(source, Path):
        if source.is_dir():
            return _read_folder(source)
        with source.open("rb") as handle:
            return read_source(handle, filename=source.name)
    name = filename or getattr(source, "name", "") or ""
    suffix = PurePosixPath(name).suffix.casefold()
    if suffix in {".xlsx", ".xlsm"}:
        return _read_xlsx(source)
    if suffix == ".zip":
        return _read_zip(source)
    if suffix == ".csv":
        return [_read_csv(PurePosixPath(name).stem, source.read())]
    if suffix == ".xls":
        raise WorkbookError(_("Det gamla Excel-formatet .xls kan inte läsas; spara som .xlsx."))
    raise WorkbookError(
        _(
            "Okänd filtyp. Använd en Excel-arbetsbok (.xlsx), en CSV-fil eller en zip-fil "
            "med CSV-filer."
        )
    )


def _unpack_limit() -> int:
    return int(settings.FINSAM_MAX_UPLOAD_BYTES) * UNPACK_FACTOR


def _check_unpacked_size(archive: zipfile.ZipFile) -> None:
    if sum(info.file_size for info in archive.infolist()) > _unpack_limit():
        raise WorkbookError(_("Filen blir för stor när den packas upp."))


def _read_xlsx(source: IO[bytes]) -> list[RawSheet]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    unreadable = _("Filen kunde inte läsas som en Excel-arbetsbok (.xlsx).")
    try:
        with zipfile.ZipFile(source) as archive:
            _check_unpacked_size(archive)
        source.seek(0)
        workbook = load_workbook(source, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError):
        raise WorkbookError(unreadable) from None
    try:
        return [
            sheet_from_rows(
                worksheet.title,
                (
                    [_excel_value(value) for value in row]
                    for row in worksheet.iter_rows(values_only=True)
                ),
            )
            for worksheet in workbook.worksheets
        ]
    finally:
        workbook.close()


def _excel_value(value: object) -> CellValue:
    """An Excel cell as a reader value: exact decimals and rich text become text."""
    if value is None or isinstance(value, str | int | float | bool | dt.date):
        return value
    return str(value)


def _read_zip(source: IO[bytes]) -> list[RawSheet]:
    try:
        archive = zipfile.ZipFile(source)
    except zipfile.BadZipFile:
        raise WorkbookError(_("Zip-filen kunde inte läsas.")) from None
    with archive:
        _check_unpacked_size(archive)
        members = [
            info
            for info in archive.infolist()
            if not info.is_dir()
            and info.filename.casefold().endswith(".csv")
            and not PurePosixPath(info.filename).name.startswith(".")
            and "__MACOSX" not in info.filename
        ]
        if not members:
            raise WorkbookError(_("Zip-filen innehåller inga CSV-filer."))
        return [
            _read_csv(PurePosixPath(info.filename).stem, archive.read(info)) for info in members
        ]


def _read_folder(folder: Path) -> list[RawSheet]:
    files = sorted(
        path
        for path in folder.iterdir()
        if path.is_file() and path.suffix.casefold() == ".csv" and not path.name.startswith(".")
    )
    if not files:
        raise WorkbookError(_("Mappen innehåller inga CSV-filer."))
    return [_read_csv(path.stem, path.read_bytes()) for path in files]


def detect_delimiter(header_line: str) -> str:
    """``;`` or ``,``: whichever the header row uses more (``;`` on a tie)."""
    return "," if header_line.count(",") > header_line.count(";") else ";"


def _read_csv(sheet_name: str, data: bytes) -> RawSheet:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise WorkbookError(
            _("Filen är inte sparad som UTF-8. Spara CSV-filen med teckenkodningen UTF-8."),
            sheet=sheet_name,
        ) from None
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=detect_delimiter(first_line))
    try:
        rows: list[list[CellValue]] = [list(row) for row in reader]
    except csv.Error:
        raise WorkbookError(_("CSV-filen kunde inte läsas."), sheet=sheet_name) from None
    return sheet_from_rows(sheet_name, rows)
