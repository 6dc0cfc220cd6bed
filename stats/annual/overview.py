"""2.5 Five-year overview with key ratios and 2.7 the balanced-budget history."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ledger.models import KeyFigures, StaffYear
from stats.annual.data import Ledgers, LedgerYear
from stats.annual.statements import Line, balance_sheet, income_statement
from stats.periods import round_half_up


def ledger_figures(lines: list[Line], year: LedgerYear) -> dict[str, Any]:
    """income, costs, result and the two ratios of a ledger year."""
    income = income_statement(lines, year, None)
    balance = balance_sheet(lines, year, None, check=False)
    revenue = income.group_amount("verksamhetens_intakter")
    result = int(income.result["amount"])
    totals = balance.totals
    current_assets = totals["current_assets"]["amount"] - balance.groups["forrad"]["amount"]
    return {
        "income": revenue,
        "costs": result - revenue,
        "result": result,
        "equity_ratio": round_half_up(totals["equity"]["amount"], totals["total_assets"]["amount"]),
        "quick_ratio": round_half_up(current_assets, totals["short_term_liabilities"]["amount"]),
    }


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def overview(
    association_id: int,
    lines: list[Line],
    ledgers: Ledgers,
    known: dict[int, LedgerYear],
    year: int,
) -> list[dict[str, Any]]:
    """Five years, newest first; ``known`` gives the ledger years already chosen (the report's
    year and its previous column)."""
    figures = {f.year: f for f in KeyFigures.objects.filter(association_id=association_id)}
    staff = {s.year: s for s in StaffYear.objects.filter(association_id=association_id)}
    out = []
    for z in range(year, year - 5, -1):
        data = known.get(z) or ledgers.year(z)
        entry: dict[str, Any] = {"year": z}
        if data is not None:
            entry.update(ledger_figures(lines, data))
        elif z in figures:
            kept = figures[z]
            entry.update(
                income=kept.income,
                costs=kept.costs if kept.costs is not None else kept.result - kept.income,
                result=kept.result,
                equity_ratio=kept.equity_ratio,
                quick_ratio=kept.quick_ratio,
            )
        else:
            entry.update(income=None, costs=None, result=None, equity_ratio=None, quick_ratio=None)
        entry["employees"] = _number(staff[z].employees) if z in staff else None
        entry["staff_turnover"] = _turnover(staff, z)
        out.append(entry)
    return out


def _turnover(staff: dict[int, StaffYear], year: int) -> int | None:
    now, before = staff.get(year), staff.get(year - 1)
    if now is None or before is None or (now.left is None and now.changed_post is None):
        return None
    average = (now.employees + before.employees) / 2
    return round_half_up((now.left or 0) + (now.changed_post or 0), average)


def balance_requirement(
    association_id: int,
    lines: list[Line],
    ledgers: Ledgers,
    known: dict[int, LedgerYear],
    year: int,
) -> dict[str, Any]:
    """Every year's result since the start (ledger years computed, earlier from
    `Nyckeltal`), oldest first, and their sum."""
    figures = dict(
        KeyFigures.objects.filter(association_id=association_id, year__lte=year).values_list(
            "year", "result"
        )
    )
    years = {y for y in ledgers.years() if y <= year} | set(known) | set(figures)
    results = []
    for z in sorted(years):
        data = known.get(z) or ledgers.year(z)
        if data is not None:
            result = int(income_statement(lines, data, None).result["amount"])
        else:
            result = figures[z]
        results.append({"year": z, "result": result})
    return {"results": results, "accumulated": sum(r["result"] for r in results)}
