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
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _

from finsam.safe_cells import csv_original
from imports.workbook.cells import CellValue, is_empty

#: How many times the upload limit a zip (also an .xlsx) may grow to when unpacked.
UNPACK_FACTOR = 20
#: The largest sheet read: rows (header included) and columns. A sheet with a value
#: beyond them is refused; the importmall's widest sheet has fewer than 20 columns.
MAX_ROWS = 250_000
MAX_COLUMNS = 100
#: A CSV file may end in this many blank lines beyond ``MAX_ROWS`` before it is refused.
BLANK_LINES_ALLOWED = 10_000


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


def _trimmed(cells: Sequence[CellValue]) -> list[CellValue]:
    """The row without its trailing empty cells."""
    end = len(cells)
    while end and is_empty(cells[end - 1]):
        end -= 1
    return list(cells[:end])


def sheet_from_rows(name: str, rows: Iterable[Sequence[CellValue]]) -> RawSheet:
    """The rows numbered from 1, as ``sheet_from_numbered_rows`` reads them."""
    return sheet_from_numbered_rows(name, enumerate(rows, start=1))


def sheet_from_numbered_rows(
    name: str, rows: Iterable[tuple[int, Sequence[CellValue]]]
) -> RawSheet:
    """The first non-empty row is the header; later empty rows are skipped. A sheet with a
    value beyond ``MAX_ROWS`` rows or ``MAX_COLUMNS`` columns is refused."""
    sheet = RawSheet(name=name)
    have_header = False
    for number, cells in rows:
        values = _trimmed(cells)
        if not values:
            if number > MAX_ROWS + BLANK_LINES_ALLOWED:
                raise WorkbookError(_too_many_rows(), sheet=name)
            continue
        if number > MAX_ROWS:
            raise WorkbookError(_too_many_rows(), sheet=name)
        if len(values) > MAX_COLUMNS:
            raise WorkbookError(
                _("Rad %(row)s har värden i fler än %(max)s kolumner.")
                % {"row": number, "max": MAX_COLUMNS},
                sheet=name,
            )
        if not have_header:
            sheet.header_row, sheet.header, have_header = number, values, True
        else:
            sheet.rows.append((number, values))
    return sheet


def _too_many_rows() -> str:
    return _("Bladet har fler än %(max)s rader. Dela upp filen.") % {
        "max": f"{MAX_ROWS:,}".replace(",", " ")
    }


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

    unreadable = _("Filen kunde inte läsas som en Excel-arbetsbok (.xlsx).")
    try:
        with zipfile.ZipFile(source) as archive:
            _check_unpacked_size(archive)
        source.seek(0)
        workbook = load_workbook(source, read_only=True, data_only=True)
    except WorkbookError:
        raise
    except Exception:  # any failure of a hostile or broken file is the same answer
        raise WorkbookError(unreadable) from None
    try:
        return [_read_worksheet(worksheet) for worksheet in workbook.worksheets]
    finally:
        workbook.close()


def _read_worksheet(worksheet: Any) -> RawSheet:
    """One sheet, read row by row with openpyxl's own sheet parser (the one its read-only
    sheets use), without their padding: a sheet's stated dimension, or one cell far out,
    would make every row a million cells wide or add a million empty rows."""
    from openpyxl.worksheet._reader import WorkSheetParser

    title = str(worksheet.title)
    workbook = worksheet.parent
    reached = 0

    def rows() -> Iterable[tuple[int, list[CellValue]]]:
        nonlocal reached
        with worksheet._get_source() as source:  # the sheet's part in the zip
            parser = WorkSheetParser(
                source,
                worksheet._shared_strings,
                data_only=True,
                epoch=workbook.epoch,
                date_formats=workbook._date_formats,
                timedelta_formats=workbook._timedelta_formats,
            )
            for number, cells in parser.parse():
                reached = number
                present = [cell for cell in cells if not is_empty(cell["value"])]
                width = max((cell["column"] for cell in present), default=0)
                if width > MAX_COLUMNS:
                    width = MAX_COLUMNS + 1  # enough for sheet_from_rows to refuse it
                values: list[CellValue] = [None] * width
                for cell in present:
                    values[min(cell["column"], width) - 1] = _excel_value(cell["value"])
                yield number, values

    try:
        return sheet_from_numbered_rows(title, rows())
    except WorkbookError:
        raise
    except Exception:  # a truncated or corrupt sheet, whatever the parser says
        reason = (
            _("Bladet kunde inte läsas efter rad %(row)s; filen är skadad eller avkortad.")
            % {"row": reached}
            if reached
            else _("Bladet kunde inte läsas; filen är skadad eller avkortad.")
        )
        raise WorkbookError(
            reason + " " + _("Spara filen på nytt i Excel och försök igen."), sheet=title
        ) from None


def _excel_value(value: object) -> CellValue:
    """An Excel cell as a reader value: exact decimals and rich text become text."""
    if value is None or isinstance(value, str | int | float | bool | dt.date):
        return value
    return str(value)


def _read_zip(source: IO[bytes]) -> list[RawSheet]:
    try:
        archive = zipfile.ZipFile(source)
    except Exception:  # not a zip, or a broken one: the same answer
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
            _read_csv(PurePosixPath(info.filename).stem, _member(archive, info)) for info in members
        ]


def _member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    try:
        return archive.read(info)
    except Exception:  # bad CRC, truncated, encrypted, unknown compression
        raise WorkbookError(
            _("Filen kunde inte packas upp ur zip-filen; zip-filen är skadad eller krypterad."),
            sheet=PurePosixPath(info.filename).stem,
        ) from None


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


def _capped(row: list[str]) -> list[CellValue]:
    """The first ``MAX_COLUMNS`` cells and the first non-empty one after them (enough for
    ``sheet_from_rows`` to refuse a row that is too wide), as written (``csv_original``)."""
    if len(row) > MAX_COLUMNS + 1:
        beyond = next((cell for cell in row[MAX_COLUMNS:] if cell.strip()), "")
        row = [*row[:MAX_COLUMNS], beyond]
    return [csv_original(cell) for cell in row]


def _read_csv(sheet_name: str, data: bytes) -> RawSheet:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise WorkbookError(
            _(
                "Filen är inte sparad som UTF-8 (första felaktiga tecknet på rad %(row)s). "
                "Spara CSV-filen med teckenkodningen UTF-8."
            )
            % {"row": data[: error.start].count(b"\n") + 1},
            sheet=sheet_name,
        ) from None
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=detect_delimiter(first_line))
    line = 0

    def rows() -> Iterable[list[CellValue]]:
        nonlocal line
        for row in reader:
            line = reader.line_num
            yield _capped(row)

    try:
        return sheet_from_rows(sheet_name, rows())
    except csv.Error:
        raise WorkbookError(
            _("CSV-filen kunde inte läsas efter rad %(row)s.") % {"row": line}, sheet=sheet_name
        ) from None
