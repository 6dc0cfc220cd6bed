"""Which accounts make up a line of the annual report: the accounts behind a line of the
income statement or balance sheet, or a row of the operating statement, with each
account's amount (signs as the report shows them, rounded to kronor one by one). The
report page links each figure here. Always read from the ledger as imported now."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from ledger.mapping import UNALLOCATED, YEAR_RESULT_LINE, is_closing_account
from ledger.models import FiscalYear
from stats.annual.data import ZERO, Ledgers, LedgerYear, ReportError, kronor
from stats.annual.operating import operating_rows
from stats.annual.statements import (
    Figure,
    balance_sheet,
    income_statement,
    mapping_lines,
)
from tenancy.models import Association

REPORTS = ("resultat", "balans", "drift")


@dataclass(frozen=True)
class AccountAmount:
    #: the account number; "" for the part of a line that no account carries
    account: str
    name: str
    amount: int
    previous: int | None


@dataclass(frozen=True)
class LineAccounts:
    report: str
    line: str
    label: str
    amount: int
    previous: int | None
    rows: tuple[AccountAmount, ...]


def _years(association: Association, year: int) -> tuple[LedgerYear, LedgerYear | None]:
    ledgers = Ledgers(list(FiscalYear.objects.filter(association=association)))
    fiscal_year = ledgers.by_year.get(year)
    current = ledgers.at(fiscal_year, 0) if fiscal_year is not None else None
    if current is None:
        raise ReportError([_("Det finns ingen importerad huvudbok för %(year)s.") % {"year": year}])
    return current, ledgers.previous_of(current)


def _statement_line(
    figures: list[Figure],
    line: str,
    values: dict[str, Decimal],
    before: dict[str, Decimal] | None,
    sign: int,
    current: LedgerYear,
    report: str,
) -> LineAccounts | None:
    """The accounts of ``line`` (all of its figures: ``ej_fordelat`` may stand in several
    groups); ``sign`` turns SIE amounts into the report's."""
    mine = [figure for figure in figures if figure.line.code == line]
    if not mine:
        return None
    taken = {a for figure in mine for a in figure.accounts}
    taken |= {
        a
        for a in (before or {})
        if any(figure.line.accounts.matches(a) for figure in mine)
        and not is_closing_account(a)
        and (report == "balans") != current.is_result(a)
    }
    accounts = sorted(taken)
    rows = [
        AccountAmount(
            account,
            current.names.get(account, ""),
            kronor(sign * values.get(account, ZERO)),
            None if before is None else kronor(sign * before.get(account, ZERO)),
        )
        for account in accounts
    ]
    amount = sum(figure.amount for figure in mine)
    previous = None if before is None else sum(figure.previous or 0 for figure in mine)
    if line == YEAR_RESULT_LINE:
        # the result not yet booked to equity (spec 2.2): the rest of the line
        rest = amount - sum(row.amount for row in rows)
        rest_before = None if previous is None else previous - sum(r.previous or 0 for r in rows)
        if rest or rest_before:
            rows.append(AccountAmount("", _("Årets resultat, ej bokfört"), rest, rest_before))
    return LineAccounts(report, line, mine[0].line.label, amount, previous, tuple(rows))


def _operating_row(association: Association, current: LedgerYear, line: str) -> LineAccounts | None:
    rows = operating_rows(association.pk)
    row = next((r for r in rows if r.code == line), None)
    if row is None and line != UNALLOCATED:
        return None
    amounts: dict[str, Decimal] = defaultdict(Decimal)
    for account, key, amount in current.result_items():
        if is_closing_account(account):
            continue
        matched = [r for r in rows if r.matches(account, key)]
        if (row is not None and matched == [row]) or (row is None and not matched):
            amounts[account] -= amount
    accounts = tuple(
        AccountAmount(a, current.names.get(a, ""), kronor(v), None)
        for a, v in sorted(amounts.items())
        if v
    )
    total = kronor(sum(amounts.values(), ZERO))
    label = row.label if row is not None else _("Ej fördelat")
    return LineAccounts("drift", line, label, total, None, accounts)


def line_accounts(
    association: Association, year: int, report: str, line: str
) -> LineAccounts | None:
    """The accounts behind ``line`` of ``report`` (``resultat``, ``balans`` or ``drift``)
    of ``year``; None when there is no such line. ``ReportError`` without a ledger."""
    if report not in REPORTS:
        return None
    current, previous = _years(association, year)
    if report == "drift":
        return _operating_row(association, current, line)
    lines = mapping_lines(association.pk)
    if report == "resultat":
        income = income_statement(lines, current, previous)
        return _statement_line(
            income.figures,
            line,
            current.res,
            None if previous is None else previous.res,
            -1,
            current,
            report,
        )
    balance = balance_sheet(lines, current, previous, check=False)
    figure = next((f for f in balance.figures if f.line.code == line), None)
    if figure is None:
        return None
    return _statement_line(
        balance.figures,
        line,
        current.ub,
        None if previous is None else previous.ub,
        figure.line.sign,
        current,
        report,
    )
