"""The annual report's contract JSON (spec/annual-report.md section 4)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from ledger.models import FiscalYear
from stats.annual.data import Ledgers, LedgerYear, ReportError
from stats.annual.notes import notes
from stats.annual.operating import operating_statement, reconciliation
from stats.annual.overview import balance_requirement, overview
from stats.annual.statements import (
    balance_sheet,
    cash_flow,
    cash_flow_year,
    income_statement,
    mapping_lines,
)
from tenancy.models import Association


def annual_report_json(
    association: Association, year: int, *, suppress: bool = True
) -> dict[str, Any]:
    """The report for ``year``, computed now (inside the association's scope).
    ``ReportError`` when it cannot be produced (no ledger, no mapping, a mapping error, a
    balance sheet that does not balance)."""
    from stats.memo import memo_json

    fiscal_years = list(FiscalYear.objects.filter(association=association))
    ledgers = Ledgers(fiscal_years)
    fiscal_year = ledgers.by_year.get(year)
    if fiscal_year is None:
        raise ReportError([_("Det finns ingen importerad huvudbok för %(year)s.") % {"year": year}])
    lines = mapping_lines(association.pk)
    if not lines:
        raise ReportError([_("Förbundet har inga rapportrader (bladet Rapportrader).")])
    current = ledgers.at(fiscal_year, 0)
    if current is None:
        raise ReportError([_("Huvudboken för %(year)s saknar saldon.") % {"year": year}])
    previous = ledgers.previous_of(current)
    income = income_statement(lines, current, previous)
    balance = balance_sheet(lines, current, previous)
    flow_now = cash_flow_year(income, balance)
    flow_before = None
    if previous is not None and previous.has_ib:
        flow_before = cash_flow_year(
            income_statement(lines, previous, None),
            balance_sheet(lines, previous, None, check=False),
        )
    warnings = list(fiscal_year.warnings)
    for account in income.unallocated:
        warnings.append(
            _("Konto %(account)s %(name)s har saldo men ingen rapportrad tar det.")
            % {"account": account, "name": current.names.get(account, "")}
        )
    for account in balance.unmapped:
        warnings.append(
            _("Konto %(account)s %(name)s har saldo men ingen rapportrad tar det.")
            % {"account": account, "name": current.names.get(account, "")}
        )
    if flow_now is not None:
        change = flow_now["liquid_funds_end"] - flow_now["liquid_funds_start"]
        if flow_now["total"] != change:
            warnings.append(
                _(
                    "Kassaflödet (%(total)s) är inte lika med förändringen av likvida medel "
                    "(%(change)s). Balanskonton som ingen rad tar: %(accounts)s."
                )
                % {
                    "total": flow_now["total"],
                    "change": change,
                    "accounts": ", ".join(balance.unmapped) or "–",
                }
            )
    known: dict[int, LedgerYear] = {year: current}
    if previous is not None:
        known[year - 1] = previous
    operating = operating_statement(association.pk, current)
    return {
        "association": association.slug,
        "year": year,
        "organisation_number": association.organisation_number or fiscal_year.organisation_number,
        "income_statement": income.json(),
        "balance_sheet": balance.json(),
        "cash_flow": cash_flow(flow_now, flow_before),
        "notes": notes(income.figures + balance.figures, current, previous),
        "overview": overview(association.pk, lines, ledgers, known, year),
        "operating_statement": operating,
        "balance_requirement": balance_requirement(association.pk, lines, ledgers, known, year),
        "statistics": memo_json(association, str(year), suppress=suppress)["tables"],
        "checks": {
            "ledger_vs_requisitions": reconciliation(association.pk, operating, year),
            "warnings": warnings,
        },
    }
