"""The export: what the association holds, as an importmall workbook. Importing the file
into an empty association gives the same data back. Run inside the association's scope."""

from __future__ import annotations

import datetime as dt
from typing import IO

from finsam.safe_cells import save_workbook
from imports.workbook.access import WorkbookAccess
from imports.workbook.sheets import HANDLERS
from tenancy.models import Association

ISO_DATE_FORMAT = "yyyy-mm-dd"


def export_workbook(
    target: IO[bytes], *, association: Association, access: WorkbookAccess | None = None
) -> None:
    """Write the ``.xlsx`` workbook of ``association`` to ``target``: one sheet per handler
    that ``access`` may read, the importmall's column names as headers, dates as ISO date
    cells. `Deltagare` is written for everyone who may read a sheet, its rows only for those
    who may read participants (their interventions'; the export is logged). ``access``
    defaults to the command line without personal data."""
    access = access or WorkbookAccess.system(include_personal_data=False)
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]  # the default sheet is unused
    for handler in HANDLERS:
        if not (access.all_sheets or handler.personal_data):
            continue
        sheet = workbook.create_sheet(handler.sheet_name)
        sheet.append([column.name for column in handler.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for row in handler.export_rows(association, access):
            sheet.append(list(row))
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, dt.date | dt.datetime):
                    cell.number_format = ISO_DATE_FORMAT
        for index, column in enumerate(handler.columns, start=1):
            sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = max(
                12, len(column.name) + 2
            )
    save_workbook(workbook, target)
