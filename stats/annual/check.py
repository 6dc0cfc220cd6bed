"""The mapping check page's figures: accounts with a balance that no report line takes,
accounts two lines take, and the intervention rows against approved cost outcome."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ledger.mapping import accounts_taken_twice, is_closing_account, parse_account_list
from ledger.models import FiscalYear, ReportLine
from stats.annual.data import Ledgers, ReportError
from stats.annual.operating import operating_statement, reconciliation


@dataclass
class MappingCheck:
    unmapped: list[tuple[str, str, Decimal]] = field(default_factory=list)
    twice: dict[str, list[str]] = field(default_factory=dict)
    reconciliation: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def mapping_check(fiscal_year: FiscalYear) -> MappingCheck:
    association_id = fiscal_year.association_id
    check = MappingCheck()
    ledger = Ledgers([fiscal_year]).at(fiscal_year, 0)
    if ledger is None:
        return check
    lines = list(
        ReportLine.objects.filter(association_id=association_id).values_list("code", "accounts")
    )
    balances = {**{a: v for a, v in ledger.ub.items() if not ledger.is_result(a)}, **ledger.res}
    balances = {a: v for a, v in balances.items() if v and not is_closing_account(a)}
    parsed = [parse_account_list(text) for _code, text in lines]
    check.unmapped = [
        (account, ledger.names.get(account, ""), amount)
        for account, amount in sorted(balances.items())
        if not any(accounts.matches(account) for accounts in parsed)
    ]
    check.twice = accounts_taken_twice(lines, balances)
    try:
        statement = operating_statement(association_id, ledger)
    except ReportError as error:
        check.errors = error.messages
    else:
        check.reconciliation = reconciliation(association_id, statement, fiscal_year.year)
    return check
