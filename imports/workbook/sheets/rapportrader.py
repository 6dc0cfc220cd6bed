"""Sheet `Rapportrader`: the lines of the income statement and balance sheet and the accounts
each takes (spec/annual-report.md section 2). Natural key: rad. An account may be in one
line only (checked against the file's rows and the stored lines the file does not replace).
Rows are printed in sheet order within their group."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, Protocol, TypeVar

from django.utils.translation import gettext as _

from imports.workbook.access import WorkbookAccess
from imports.workbook.base import Column, ImportContext, RowReader, SheetChanges, SheetHandler
from imports.workbook.cells import (
    CellError,
    CellValue,
    cell_text,
    choice_of,
    parse_number_in_range,
    parse_yes_no,
    text_of,
)
from imports.workbook.sheets.common import ColumnSheet
from ledger.mapping import (
    BALANCE_GROUPS,
    CODE_RE,
    RESULT_GROUPS,
    YEAR_RESULT_LINE,
    AccountList,
    lists_overlap,
    parse_account_list,
)
from ledger.models import ReportLine
from ledger.services import save_report_line
from tenancy.models import Association

SPECIFICATION_RE = re.compile(r"konto|objekt:\d{1,3}")


def parse_line_code(value: CellValue) -> str:
    code = cell_text(value)
    if not CODE_RE.fullmatch(code):
        raise CellError(_("Koden får bara innehålla a–z, siffror och _ (högst 40 tecken)."))
    return code


def parse_accounts(value: CellValue) -> AccountList:
    try:
        return parse_account_list(cell_text(value))
    except ValueError as error:
        raise CellError(str(error)) from None


def parse_specification(value: CellValue) -> str:
    text = cell_text(value).strip().lower()
    if not SPECIFICATION_RE.fullmatch(text):
        raise CellError(_("Ange konto, objekt:N (N = dimensionens nummer) eller lämna tomt."))
    return text


class Line(Protocol):
    """A row of a sheet of lines: its rad and the accounts it takes."""

    @property
    def code(self) -> str: ...

    @property
    def accounts(self) -> AccountList: ...


LineT = TypeVar("LineT", bound=Line)
ClaimT = TypeVar("ClaimT")


def refuse_overlapping_lines(
    handler: SheetHandler[LineT],
    context: ImportContext,
    rows: Sequence[tuple[int, LineT]],
    *,
    stored: list[tuple[str, ClaimT]],
    claim: Callable[[LineT], ClaimT],
    overlap: Callable[[ClaimT, ClaimT], bool],
    reason: str,
) -> None:
    """Each rad once, and what a row claims (its accounts, with their objects) overlapping
    no earlier row's claim nor a ``stored`` line's (the stored lines the file keeps);
    ``reason`` names the other line as ``%(place)s``."""
    first: dict[str, int] = {}
    taken: list[tuple[str, ClaimT, int | None]] = [(code, theirs, None) for code, theirs in stored]
    for number, row in rows:
        if row.code in first:
            handler.problem(
                context,
                number,
                "rad",
                row.code,
                _("Raden finns redan på rad %(row)s.") % {"row": first[row.code]},
            )
            continue
        first[row.code] = number
        mine = claim(row)
        for code, theirs, where in taken:
            if overlap(mine, theirs):
                place = (
                    _("raden %(code)s (rad %(row)s)") % {"code": code, "row": where}
                    if where is not None
                    else _("den sparade raden %(code)s") % {"code": code}
                )
                handler.problem(
                    context, number, "konton", str(row.accounts), reason % {"place": place}
                )
        taken.append((row.code, mine, number))


@dataclass(frozen=True)
class ReportLineRow:
    report: str
    code: str
    label: str
    group: str
    accounts: AccountList
    note: int | None
    specification: str
    restricted: bool
    position: int


class RapportraderSheet(ColumnSheet[ReportLineRow]):
    sheet_name = "Rapportrader"
    label = "rapportrader"
    row_type = ReportLineRow
    columns = (
        Column("rapport", required=True, into="report", parse=choice_of(("resultat", "balans"))),
        Column("rad", required=True, into="code", parse=parse_line_code),
        Column("rubrik", required=True, into="label", parse=text_of(200)),
        Column(
            "grupp", required=True, into="group", parse=choice_of(RESULT_GROUPS + BALANCE_GROUPS)
        ),
        Column(
            "konton",
            required=True,
            empty_allowed=True,
            into="accounts",
            parse=parse_accounts,
            empty=AccountList(()),
        ),
        Column("not", into="note", parse=partial(parse_number_in_range, low=1, high=999)),
        Column("specifikation", into="specification", parse=parse_specification, empty=""),
        Column("bunden", into="restricted", parse=parse_yes_no, empty=False),
    )

    def check_row(self, row: RowReader, context: ImportContext, cells: dict[str, Any]) -> None:
        report, code, group = cells["report"], cells["code"], cells["group"]
        if report is not None and group is not None:
            allowed = RESULT_GROUPS if report == "resultat" else BALANCE_GROUPS
            if group not in allowed:
                row.problem(
                    "grupp", _("Gruppen hör inte till rapporten %(report)s.") % {"report": report}
                )
        if (
            code is not None
            and cells["accounts"] is None
            and row.is_empty("konton")
            and code != YEAR_RESULT_LINE
        ):
            row.problem("konton", _("Ange konton; bara raden arets_resultat får vara utan konton."))
        if cells["restricted"] and group is not None and group != "eget_kapital":
            row.problem("bunden", _("Bara rader i gruppen eget_kapital kan vara bundna."))
        if code == YEAR_RESULT_LINE and group is not None and group != "eget_kapital":
            row.problem("grupp", _("Raden arets_resultat hör till gruppen eget_kapital."))
        cells["position"] = row.number

    def check_rows(self, rows: Sequence[tuple[int, ReportLineRow]], context: ImportContext) -> None:
        stored = (
            ReportLine.objects.filter(association=context.association)
            .exclude(code__in=[row.code for _n, row in rows])
            .values_list("code", "accounts")
        )
        refuse_overlapping_lines(
            self,
            context,
            rows,
            stored=[(code, parse_account_list(text)) for code, text in stored],
            claim=lambda row: row.accounts,
            overlap=lists_overlap,
            reason=_("Ett konto får bara finnas på en rad, men kontona finns redan på %(place)s."),
        )

    def write(self, rows: Sequence[ReportLineRow], context: ImportContext) -> SheetChanges:
        return SheetChanges.of(
            save_report_line(
                association=context.association,
                code=row.code,
                report=row.report,
                label=row.label,
                group=row.group,
                accounts=str(row.accounts),
                note=row.note,
                specification=row.specification,
                restricted=row.restricted,
                position=row.position,
            )
            for row in rows
        )

    def export_rows(
        self, association: Association, access: WorkbookAccess
    ) -> Iterable[Sequence[Any]]:
        for line in ReportLine.objects.filter(association=association).order_by("position", "code"):
            yield (
                line.report,
                line.code,
                line.label,
                line.group,
                line.accounts,
                line.note,
                line.specification,
                "ja" if line.restricted else "nej",
            )
