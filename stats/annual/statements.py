"""Income statement (2.1), balance sheet (2.2) and cash flow (2.3) of one ledger year.

Signs as the documents show them: income, assets, equity and liabilities positive, costs
negative. A line's figure is computed in öre and rounded half up to kronor; every sum of
lines is the sum of the rounded lines."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from ledger.mapping import (
    ASSET_GROUPS,
    BALANCE_GROUPS,
    CURRENT_ASSET_GROUPS,
    FIXED_ASSET_GROUPS,
    RESULT_GROUPS,
    UNALLOCATED,
    YEAR_RESULT_LINE,
    AccountList,
    is_closing_account,
    parse_account_list,
)
from ledger.models import ReportLine
from stats.annual.data import ZERO, LedgerYear, ReportError, kronor
from stats.annual.schema import CASH_FLOW_KEYS


@dataclass(frozen=True)
class Line:
    """A `Rapportrader` row."""

    report: str
    code: str
    label: str
    group: str
    accounts: AccountList
    note: int | None = None
    specification: str = ""
    restricted: bool = False

    @property
    def sign(self) -> int:
        return 1 if self.group in ASSET_GROUPS else -1


def mapping_lines(association_id: int) -> list[Line]:
    """The association's report lines in group order, then sheet order."""
    order = {group: index for index, group in enumerate(RESULT_GROUPS + BALANCE_GROUPS)}
    lines = [
        Line(
            report=line.report,
            code=line.code,
            label=line.label,
            group=line.group,
            accounts=parse_account_list(line.accounts),
            note=line.note,
            specification=line.specification,
            restricted=line.restricted,
        )
        for line in ReportLine.objects.filter(association_id=association_id).order_by(
            "position", "code"
        )
    ]
    return sorted(lines, key=lambda line: order.get(line.group, 99))


def unallocated_group(account: str) -> str:
    """The result group of an account no line takes, by its class."""
    if account[:1] == "3":
        return "verksamhetens_intakter"
    if account[:2] in ("80", "81", "82", "83"):
        return "finansiella_intakter"
    if account[:2] in ("84", "85", "86", "87"):
        return "finansiella_kostnader"
    if account[:2] == "88":
        return "extraordinara_poster"
    return "verksamhetens_kostnader"


@dataclass
class Figure:
    """One line's figures: ``amount``/``previous``/``budget`` rounded; öre kept for checks."""

    line: Line
    amount: int
    previous: int | None
    budget: int | None = None
    exact: Decimal = ZERO
    accounts: list[str] = field(default_factory=list)

    def json(self, *, with_budget: bool) -> dict[str, Any]:
        data: dict[str, Any] = {
            "line": self.line.code,
            "label": self.line.label,
            "group": self.line.group,
            "note": self.line.note,
            "amount": self.amount,
            "previous": self.previous,
        }
        if with_budget:
            data["budget"] = self.budget
        return data


def total(figures: list[Figure], *, previous: bool, budget: bool = False) -> dict[str, Any]:
    """P (or T) of a sum of lines."""
    data: dict[str, Any] = {
        "amount": sum(f.amount for f in figures),
        "previous": sum(f.previous or 0 for f in figures) if previous else None,
    }
    if budget:
        budgets = [f.budget for f in figures if f.budget is not None]
        data["budget"] = sum(budgets) if budgets else None
    return data


def add(*parts: dict[str, Any]) -> dict[str, Any]:
    """The sum of P/T values key by key (``None`` + x = x, ``None`` when all are)."""
    data: dict[str, Any] = {}
    for key in parts[0]:
        values = [part[key] for part in parts if part[key] is not None]
        data[key] = sum(values) if values else None
    return data


def _check_taken_once(lines: list[Line], accounts: set[str]) -> None:
    problems = []
    for account in sorted(accounts):
        codes = [line.code for line in lines if line.accounts.matches(account)]
        if len(codes) > 1:
            problems.append(
                _("Konto %(account)s finns på flera rader: %(codes)s.")
                % {"account": account, "codes": ", ".join(codes)}
            )
    if problems:
        raise ReportError(problems)


# --- 2.1 -------------------------------------------------------------------------------------


@dataclass
class IncomeStatement:
    figures: list[Figure]
    groups: dict[str, dict[str, Any]]
    net_operating_costs: dict[str, Any]
    operating_result: dict[str, Any]
    result_after_financial_items: dict[str, Any]
    result: dict[str, Any]
    unallocated: list[str]

    def json(self) -> dict[str, Any]:
        return {
            "lines": [figure.json(with_budget=True) for figure in self.figures],
            "groups": self.groups,
            "net_operating_costs": self.net_operating_costs,
            "operating_result": self.operating_result,
            "result_after_financial_items": self.result_after_financial_items,
            "result": self.result,
        }

    def group_amount(self, group: str) -> int:
        return int(self.groups[group]["amount"])


def income_statement(
    lines: list[Line], current: LedgerYear, previous: LedgerYear | None
) -> IncomeStatement:
    """2.1: each line is minus the sum of #RES over its accounts; the budget minus the sum
    of #PBUDGET; accounts no line takes form the line ``ej_fordelat`` of their class."""
    result_lines = [line for line in lines if line.report == "resultat"]
    accounts = {a for year in (current, previous) if year for a in year.res if year.is_result(a)}
    accounts |= {a for a in current.budget if current.is_result(a)}
    accounts = {a for a in accounts if not is_closing_account(a)}
    _check_taken_once(result_lines, accounts)
    figures = []
    for line in result_lines:
        taken = sorted(a for a in accounts if line.accounts.matches(a))
        figures.append(_result_figure(line, taken, current, previous))
    unallocated = sorted(
        a for a in accounts if not any(other.accounts.matches(a) for other in result_lines)
    )
    for group in RESULT_GROUPS:
        mine = [a for a in unallocated if unallocated_group(a) == group]
        if mine:
            line = Line("resultat", UNALLOCATED, _("Ej fördelat"), group, AccountList(()))
            figures.append(_result_figure(line, mine, current, previous))
    order = {group: index for index, group in enumerate(RESULT_GROUPS)}
    figures.sort(key=lambda figure: order[figure.line.group])
    has_previous = previous is not None
    groups = {
        group: total(
            [f for f in figures if f.line.group == group], previous=has_previous, budget=True
        )
        for group in RESULT_GROUPS
    }
    net = add(groups["verksamhetens_kostnader"], groups["avskrivningar"])
    operating = add(groups["verksamhetens_intakter"], net)
    after_financial = add(
        operating, groups["finansiella_intakter"], groups["finansiella_kostnader"]
    )
    result = add(after_financial, groups["extraordinara_poster"])
    return IncomeStatement(
        figures,
        groups,
        net,
        operating,
        after_financial,
        result,
        [a for a in unallocated if current.res.get(a)],
    )


def _result_figure(
    line: Line, accounts: list[str], current: LedgerYear, previous: LedgerYear | None
) -> Figure:
    exact = -sum((current.res.get(a, ZERO) for a in accounts), ZERO)
    budgeted = [a for a in accounts if a in current.budget]
    budget = kronor(-sum((current.budget[a] for a in budgeted), ZERO)) if budgeted else None
    before = None
    if previous is not None:
        before = kronor(-sum((previous.res.get(a, ZERO) for a in accounts), ZERO))
    return Figure(line, kronor(exact), before, budget, exact, accounts)


# --- 2.2 -------------------------------------------------------------------------------------


@dataclass
class BalanceSheet:
    figures: list[Figure]
    groups: dict[str, dict[str, Any]]
    totals: dict[str, dict[str, Any]]
    opening: dict[str, int] | None
    unmapped: list[str]

    def json(self) -> dict[str, Any]:
        return {
            "lines": [figure.json(with_budget=False) for figure in self.figures],
            "groups": self.groups,
            **self.totals,
        }


def _balance_value(line: Line, balances: dict[str, Decimal], year: LedgerYear) -> Decimal:
    own = sum((v for a, v in balances.items() if line.accounts.matches(a)), ZERO)
    if line.code == YEAR_RESULT_LINE:
        every = sum((v for a, v in balances.items() if not year.is_result(a)), ZERO)
        return -own + every
    return line.sign * own


def balance_sheet(
    lines: list[Line], current: LedgerYear, previous: LedgerYear | None, *, check: bool = True
) -> BalanceSheet:
    """2.2: a line is the sum of #UB over its accounts; ``arets_resultat`` also takes the
    result not yet booked. The two totals must be equal (else ``ReportError``)."""
    balance_lines = [line for line in lines if line.report == "balans"]
    accounts = {a for year in (current, previous) if year for a in year.ub if not year.is_result(a)}
    _check_taken_once(balance_lines, accounts)
    figures = []
    for line in balance_lines:
        exact = _balance_value(line, current.ub, current)
        before = None if previous is None else kronor(_balance_value(line, previous.ub, previous))
        taken = sorted(a for a in current.ub if line.accounts.matches(a))
        figures.append(Figure(line, kronor(exact), before, None, exact, taken))
    has_previous = previous is not None
    groups = {
        group: total([f for f in figures if f.line.group == group], previous=has_previous)
        for group in BALANCE_GROUPS
    }
    equity = groups["eget_kapital"]
    restricted = total([f for f in figures if f.line.restricted], previous=has_previous)
    totals = {
        "fixed_assets": add(*(groups[g] for g in FIXED_ASSET_GROUPS)),
        "current_assets": add(*(groups[g] for g in CURRENT_ASSET_GROUPS)),
        "total_assets": add(*(groups[g] for g in ASSET_GROUPS)),
        "equity": equity,
        "unrestricted_equity": {
            key: None if equity[key] is None else equity[key] - (restricted[key] or 0)
            for key in equity
        },
        "provisions": groups["avsattningar"],
        "long_term_liabilities": groups["langfristiga_skulder"],
        "short_term_liabilities": groups["kortfristiga_skulder"],
        "total_equity_and_liabilities": add(
            *(groups[g] for g in BALANCE_GROUPS if g not in ASSET_GROUPS)
        ),
    }
    unmapped = sorted(
        a
        for a, v in current.ub.items()
        if v
        and not current.is_result(a)
        and not any(other.accounts.matches(a) for other in balance_lines)
    )
    assets = sum((f.exact for f in figures if f.line.group in ASSET_GROUPS), ZERO)
    claims = sum((f.exact for f in figures if f.line.group not in ASSET_GROUPS), ZERO)
    if check and assets != claims:
        raise ReportError(
            [
                _(
                    "Balansräkningen balanserar inte: summa tillgångar %(assets)s, summa eget "
                    "kapital, avsättningar och skulder %(claims)s, skillnad %(difference)s."
                )
                % {"assets": assets, "claims": claims, "difference": assets - claims}
                + (
                    _(" Konton som ingen rad tar: %(accounts)s.")
                    % {"accounts": ", ".join(unmapped)}
                    if unmapped
                    else ""
                )
            ]
        )
    opening = None
    if current.has_ib:
        opening = {
            group: sum(
                kronor(_balance_value(line, current.ib, current))
                for line in balance_lines
                if line.group == group
            )
            for group in BALANCE_GROUPS
        }
    return BalanceSheet(figures, groups, totals, opening, unmapped)


# --- 2.3 -------------------------------------------------------------------------------------


def cash_flow_year(income: IncomeStatement, balance: BalanceSheet) -> dict[str, int] | None:
    """2.3 for the statements' year; ``None`` when the file has no opening balances."""
    if balance.opening is None:
        return None
    key = "amount"
    closing = {group: value[key] for group, value in balance.groups.items()}
    opening = balance.opening

    def change(*groups: str) -> int:
        return sum(closing[g] - opening[g] for g in groups)

    result = income.result[key]
    depreciation = income.groups["avskrivningar"][key] or 0
    adjustments = -depreciation + change("avsattningar")
    before = result + adjustments
    inventories = -change("forrad")
    receivables = -change("fordringar")
    short_term = change("kortfristiga_skulder")
    operating = before + inventories + receivables + short_term
    investing = -(change(*FIXED_ASSET_GROUPS) + -depreciation)
    financing = change("langfristiga_skulder")
    return {
        "result": result,
        "adjustments": adjustments,
        "before_working_capital": before,
        "change_inventories": inventories,
        "change_receivables": receivables,
        "change_short_term_liabilities": short_term,
        "operating": operating,
        "investing": investing,
        "financing": financing,
        "total": operating + investing + financing,
        "liquid_funds_start": opening["kortfristiga_placeringar"] + opening["kassa_och_bank"],
        "liquid_funds_end": closing["kortfristiga_placeringar"] + closing["kassa_och_bank"],
    }


#: The rows of the cash-flow statement as the report prints them, in ``CASH_FLOW_KEYS`` order.
CASH_FLOW_LABELS = dict(
    zip(
        CASH_FLOW_KEYS,
        (
            "Årets resultat",
            "Justering för av- och nedskrivningar och avsättningar",
            "Kassaflöde före förändring av rörelsekapital",
            "Förändring av förråd",
            "Förändring av kortfristiga fordringar",
            "Förändring av kortfristiga skulder",
            "Kassaflöde från den löpande verksamheten",
            "Kassaflöde från investeringsverksamheten",
            "Kassaflöde från finansieringsverksamheten",
            "Årets kassaflöde",
            "Likvida medel vid årets början",
            "Likvida medel vid årets slut",
        ),
        strict=True,
    )
)


def cash_flow_rows(report: dict[str, Any]) -> list[tuple[str, Any]]:
    """(label, amount) of the report's cash-flow statement, in order."""
    return [(CASH_FLOW_LABELS[key], report["cash_flow"][key]) for key in CASH_FLOW_KEYS]


def cash_flow(
    current: dict[str, int] | None, previous: dict[str, int] | None
) -> dict[str, dict[str, int | None]]:
    """The JSON form: every key a P."""
    return {
        key: {
            "amount": None if current is None else current[key],
            "previous": None if previous is None else previous[key],
        }
        for key in CASH_FLOW_KEYS
    }
