"""Sheet `Ansökningsbelopp`: the amount applied for per application and year. Natural key:
ansökan + år (a year not in the file keeps its stored amount)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from funding.models import Application, ApplicationYear
from funding.services import application_with_code, import_application_year
from imports.workbook.access import WorkbookAccess
from imports.workbook.base import Column, ImportContext, RowReader, SheetChanges
from imports.workbook.cells import parse_code
from imports.workbook.sheets.ansokningar import export_code, file_applications
from imports.workbook.sheets.common import AMOUNT, YEAR, ColumnSheet
from tenancy.models import Association


@dataclass(frozen=True)
class ApplicationYearRow:
    application: str
    year: int
    amount: int


class AnsokningsbeloppSheet(ColumnSheet[ApplicationYearRow]):
    sheet_name = "Ansökningsbelopp"
    label = "ansökningsbelopp"
    row_type = ApplicationYearRow
    columns = (
        Column("ansökan", required=True, into="application", parse=parse_code),
        YEAR,
        AMOUNT,
    )

    def check_row(self, row: RowReader, context: ImportContext, cells: dict[str, Any]) -> None:
        code, year, amount = cells["application"], cells["year"], cells["amount"]
        if amount is not None and amount < 0:
            row.problem("belopp", _("Beloppet får inte vara negativt."))
        if code is None:
            return
        in_file = file_applications(context)
        if code in in_file:
            period = in_file[code]
        else:
            try:
                stored = application_with_code(code)
            except ValidationError:
                stored = None  # reported on the application's own row
            period = None if stored is None else (stored.start_date, stored.end_date)
            if stored is None:
                row.problem(
                    "ansökan",
                    _(
                        "Ansökan finns varken i bladet Ansökningar eller bland förbundets "
                        "ansökningar."
                    ),
                )
        if period is not None and year is not None:
            start, end = period
            if not start.year <= year <= end.year:
                row.problem(
                    "år",
                    _("Året ligger utanför ansökans period %(start)s–%(end)s.")
                    % {"start": start.isoformat(), "end": end.isoformat()},
                )

    repeated_key = (
        "år",
        ("application", "year"),
        gettext_lazy("Ansökan har redan ett belopp för året på rad %(row)s."),
    )

    def write(self, rows: Sequence[ApplicationYearRow], context: ImportContext) -> SheetChanges:
        changes = SheetChanges()
        applications: dict[str, Application] = {}
        for row in rows:
            if row.application not in applications:
                found = application_with_code(row.application)
                if found is None:  # checked in parse_row; only a concurrent change
                    raise ValidationError(
                        _("Ansökan %(code)s finns inte.") % {"code": row.application}
                    )
                applications[row.application] = found
            _year, outcome = import_application_year(
                application=applications[row.application], year=row.year, amount=row.amount
            )
            changes.count(outcome)
        return changes

    def export_rows(
        self, association: Association, access: WorkbookAccess
    ) -> Iterable[Sequence[Any]]:
        years = (
            ApplicationYear.objects.filter(association=association)
            .select_related("application")
            .order_by("application__received_on", "application__code", "application_id", "year")
        )
        for row in years:
            yield (export_code(row.application), row.year, row.amount)
