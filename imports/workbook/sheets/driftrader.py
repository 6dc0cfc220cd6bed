"""Sheet `Driftrader`: the rows of the operating statement (and of the economic
information). Natural key: rad. An amount (an account with its objects) may match one row
only: two rows whose accounts overlap must both name objects of one dimension, disjoint."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.utils.translation import gettext as _

from imports.workbook.access import WorkbookAccess
from imports.workbook.base import (
    Column,
    ImportContext,
    RowReader,
    SheetChanges,
    SheetHandler,
    interventions_by_code,
)
from imports.workbook.cells import (
    CellError,
    CellValue,
    cell_text,
    parse_choice,
    parse_code,
    parse_text,
)
from imports.workbook.sheets.rapportrader import parse_accounts, parse_line_code
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


class DriftraderSheet(SheetHandler[OperatingRowValue]):
    sheet_name = "Driftrader"
    label = "driftrader"
    columns = (
        Column("rad", required=True),
        Column("rubrik", required=True),
        Column("grupp", required=True),
        Column("konton", required=True),
        Column("objekt"),
        Column("insats"),
    )

    def parse_row(self, row: RowReader, context: ImportContext) -> OperatingRowValue | None:
        code = row.value("rad", parse_line_code, required=True)
        label = row.value("rubrik", partial(parse_text, max_length=200), required=True)
        group = row.value("grupp", partial(parse_choice, choices=OPERATING_GROUPS), required=True)
        accounts = row.value("konton", parse_accounts, required=True)
        objects = row.value("objekt", parse_objects) or frozenset()
        intervention = row.value("insats", parse_code)
        if intervention is not None and not context.knows_intervention(intervention):
            row.problem(
                "insats",
                _("Insatsen finns varken i bladet Insatser eller bland förbundets insatser."),
            )
        if not row.ok or code is None or label is None or group is None or accounts is None:
            return None
        return OperatingRowValue(code, label, group, accounts, objects, intervention, row.number)

    def check_rows(
        self, rows: Sequence[tuple[int, OperatingRowValue]], context: ImportContext
    ) -> None:
        setattr(context, FILE_CODES, {row.code for _n, row in rows})
        first: dict[str, int] = {}
        taken: list[tuple[str, tuple[AccountList, frozenset[tuple[int, str]]], int | None]] = [
            (code, (parse_account_list(accounts), parse_object_list(objects)), None)
            for code, accounts, objects in OperatingRow.objects.filter(
                association=context.association
            )
            .exclude(code__in=[row.code for _n, row in rows])
            .values_list("code", "accounts", "object_list")
        ]
        for number, row in rows:
            if row.code in first:
                self.problem(
                    context,
                    number,
                    "rad",
                    row.code,
                    _("Raden finns redan på rad %(row)s.") % {"row": first[row.code]},
                )
                continue
            first[row.code] = number
            mine = (row.accounts, row.objects)
            for code, theirs, where in taken:
                if rows_may_share_amounts(mine, theirs):
                    place = (
                        _("raden %(code)s (rad %(row)s)") % {"code": code, "row": where}
                        if where is not None
                        else _("den sparade raden %(code)s") % {"code": code}
                    )
                    self.problem(
                        context,
                        number,
                        "konton",
                        str(row.accounts),
                        _(
                            "Ett belopp får bara höra till en driftrad, men samma konton och "
                            "objekt "
                            "finns redan på %(place)s."
                        )
                        % {"place": place},
                    )
            taken.append((row.code, mine, number))

    def write(self, rows: Sequence[OperatingRowValue], context: ImportContext) -> SheetChanges:
        interventions = interventions_by_code(
            context, (r.intervention for r in rows if r.intervention)
        )
        changes = SheetChanges()
        for row in rows:
            _row, outcome = save_operating_row(
                association=context.association,
                code=row.code,
                label=row.label,
                group=row.group,
                accounts=str(row.accounts),
                object_list=objects_text(row.objects),
                intervention=interventions[row.intervention] if row.intervention else None,
                position=row.position,
            )
            changes.count(outcome)
        return changes

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
