"""Sheet `Personal`: full-time equivalents and staff turnover per year. Natural key: år."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from imports.workbook.access import WorkbookAccess
from imports.workbook.base import Column, ImportContext, SheetChanges
from imports.workbook.cells import CellError, CellValue, cell_text, parse_whole_number
from imports.workbook.sheets.common import YEAR, ColumnSheet, save_each
from ledger.models import StaffYear
from ledger.services import save_staff_year
from tenancy.models import Association

FTE_RE = re.compile(r"\d{1,5}([.,]\d{1,2})?")


def parse_fte(value: CellValue) -> Decimal:
    """``5,5`` or ``5.5`` (at most two decimals), never negative."""
    if isinstance(value, float):
        value = f"{value:.2f}"
    text = cell_text(value).replace(" ", "")
    if not FTE_RE.fullmatch(text):
        raise CellError(_("Ange antal årsarbetare, till exempel 5,5."))
    return Decimal(text.replace(",", "."))


@dataclass(frozen=True)
class StaffRow:
    year: int
    employees: Decimal
    left: int | None
    changed_post: int | None


class PersonalSheet(ColumnSheet[StaffRow]):
    sheet_name = "Personal"
    label = "år med personaluppgifter"
    row_type = StaffRow
    columns = (
        YEAR,
        Column("anstallda", required=True, into="employees", parse=parse_fte),
        Column("slutat", into="left", parse=parse_whole_number),
        Column("bytt_tjanst", into="changed_post", parse=parse_whole_number),
    )

    repeated_key = ("år", ("year",), gettext_lazy("Året finns redan på rad %(row)s."))

    def write(self, rows: Sequence[StaffRow], context: ImportContext) -> SheetChanges:
        return save_each(rows, context, save_staff_year, association=context.association)

    def export_rows(
        self, association: Association, access: WorkbookAccess
    ) -> Iterable[Sequence[Any]]:
        for staff in StaffYear.objects.filter(association=association).order_by("year"):
            yield (
                staff.year,
                f"{staff.employees.normalize():f}".replace(".", ","),
                staff.left,
                staff.changed_post,
            )
