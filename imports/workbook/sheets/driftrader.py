"""Sheet `Driftrader`: the rows of the operating statement (and of the economic
information). Natural key: rad. An amount (an account with its objects) may match one row
only: two rows whose accounts overlap must both name objects of one dimension, disjoint."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from imports.workbook.access import WorkbookAccess
from imports.workbook.base import Column, ImportContext, RowReader, SheetChanges
from imports.workbook.cells import CellError, CellValue, cell_text, choice_of, text_of
from imports.workbook.sheets.common import ColumnSheet, known_intervention
from imports.workbook.sheets.rapportrader import (
    parse_accounts,
    parse_line_code,
    refuse_overlapping_lines,
)
from ledger.mapping import (
    OPERATING_GROUPS,
    AccountList,
    lists_overlap,
    parse_account_list,
    parse_object_list,
)
from ledger.models import OperatingRow
from ledger.services import save_operating_row
from tenancy.models import Association

#: Attribute of the import context with the rad codes of the file's `Driftrader` rows.
FILE_CODES = "ledger_operating_codes"


def parse_objects(value: CellValue) -> frozenset[tuple[int, str]]:
    try:
        return parse_object_list(cell_text(value))
    except ValueError as error:
        raise CellError(str(error)) from None


def objects_text(objects: frozenset[tuple[int, str]]) -> str:
    return ";".join(f"{dimension}:{code}" for dimension, code in sorted(objects))


def rows_may_share_amounts(
    first: tuple[AccountList, frozenset[tuple[int, str]]],
    second: tuple[AccountList, frozenset[tuple[int, str]]],
) -> bool:
    """True when some amount could match both rows."""
    if not lists_overlap(first[0], second[0]):
        return False
    a, b = first[1], second[1]
    if not a or not b:
        return True
    dimensions = {dimension for dimension, _code in a | b}
    return len(dimensions) > 1 or bool(a & b)


@dataclass(frozen=True)
class OperatingRowValue:
    code: str
    label: str
    group: str
    accounts: AccountList
    objects: frozenset[tuple[int, str]]
    intervention: str | None
    position: int


class DriftraderSheet(ColumnSheet[OperatingRowValue]):
    sheet_name = "Driftrader"
    label = "driftrader"
    row_type = OperatingRowValue
    columns = (
        Column("rad", required=True, into="code", parse=parse_line_code),
        Column("rubrik", required=True, into="label", parse=text_of(200)),
        Column("grupp", required=True, into="group", parse=choice_of(OPERATING_GROUPS)),
        Column("konton", required=True, into="accounts", parse=parse_accounts),
        Column("objekt", into="objects", parse=parse_objects, empty=frozenset()),
        Column("insats", into="intervention", read=known_intervention),
    )

    def check_row(self, row: RowReader, context: ImportContext, cells: dict[str, Any]) -> None:
        cells["position"] = row.number

    def check_rows(
        self, rows: Sequence[tuple[int, OperatingRowValue]], context: ImportContext
    ) -> None:
        setattr(context, FILE_CODES, {row.code for _n, row in rows})
        stored = (
            OperatingRow.objects.filter(association=context.association)
            .exclude(code__in=[row.code for _n, row in rows])
            .values_list("code", "accounts", "object_list")
        )
        refuse_overlapping_lines(
            self,
            context,
            rows,
            stored=[
                (code, (parse_account_list(accounts), parse_object_list(objects)))
                for code, accounts, objects in stored
            ],
            claim=lambda row: (row.accounts, row.objects),
            overlap=rows_may_share_amounts,
            reason=_(
                "Ett belopp får bara höra till en driftrad, men samma konton och objekt finns "
                "redan på %(place)s."
            ),
        )

    def write(self, rows: Sequence[OperatingRowValue], context: ImportContext) -> SheetChanges:
        interventions = context.interventions_by_code(r.intervention for r in rows)
        return SheetChanges.of(
            save_operating_row(
                association=context.association,
                code=row.code,
                label=row.label,
                group=row.group,
                accounts=str(row.accounts),
                object_list=objects_text(row.objects),
                intervention=interventions[row.intervention] if row.intervention else None,
                position=row.position,
            )
            for row in rows
        )

    def export_rows(
        self, association: Association, access: WorkbookAccess
    ) -> Iterable[Sequence[Any]]:
        for row in OperatingRow.objects.filter(association=association).select_related(
            "intervention"
        ):
            yield (
                row.code,
                row.label,
                row.group,
                row.accounts,
                row.object_list,
                row.intervention.code if row.intervention else "",
            )
