"""2.6 Operating statement (driftredovisning) and the reconciliation of intervention rows
against approved cost outcome."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Sum
from django.utils.translation import gettext as _

from finance.models import CostOutcome
from interventions.models import Budget
from ledger.mapping import (
    OPERATING_GROUPS,
    UNALLOCATED,
    AccountList,
    is_closing_account,
    parse_account_list,
    parse_object_list,
)
from ledger.models import OperatingRow, OwnBudgetAmount
from ledger.sie.parser import parse_objects_key
from stats.annual.data import ZERO, LedgerYear, ReportError, kronor
from stats.periods import round_half_up

UNALLOCATED_GROUP = "ovrig"


@dataclass(frozen=True)
class Row:
    code: str
    label: str
    group: str
    accounts: AccountList
    objects: frozenset[tuple[int, str]]
    intervention: str | None
    intervention_id: int | None
    pk: int | None

    def matches(self, account: str, key: str) -> bool:
        if not self.accounts.matches(account):
            return False
        return not self.objects or bool(self.objects & set(parse_objects_key(key)))


def operating_rows(association_id: int) -> list[Row]:
    order = {group: index for index, group in enumerate(OPERATING_GROUPS)}
    rows = [
        Row(
            code=row.code,
            label=row.label,
            group=row.group,
            accounts=parse_account_list(row.accounts),
            objects=parse_object_list(row.object_list),
            intervention=row.intervention.code if row.intervention else None,
            intervention_id=row.intervention_id,
            pk=row.pk,
        )
        for row in OperatingRow.objects.filter(association_id=association_id)
        .select_related("intervention")
        .order_by("position", "code")
    ]
    return sorted(rows, key=lambda row: order.get(row.group, 99))


def outcomes(rows: list[Row], year: LedgerYear) -> tuple[dict[str, Decimal], Decimal]:
    """Each row's outcome in öre (minus the matching amounts) and the unallocated rest.
    An amount that two rows match is a mapping error."""
    totals: dict[str, Decimal] = defaultdict(Decimal)
    rest = ZERO
    problems: set[str] = set()
    for account, key, amount in year.result_items():
        if is_closing_account(account):
            continue
        matched = [row.code for row in rows if row.matches(account, key)]
        if len(matched) > 1:
            problems.add(
                _("Konto %(account)s med objekt %(objects)s hör till flera driftrader: %(rows)s.")
                % {"account": account, "objects": key or "–", "rows": ", ".join(matched)}
            )
        elif matched:
            totals[matched[0]] -= amount
        else:
            rest -= amount
    if problems:
        raise ReportError(sorted(problems))
    return totals, rest


def operating_statement(association_id: int, year: LedgerYear) -> dict[str, Any]:
    """The contract's ``operating_statement`` for the ledger year ``year``."""
    rows = operating_rows(association_id)
    totals, rest = outcomes(rows, year)
    own = dict(
        OwnBudgetAmount.objects.filter(
            association_id=association_id, year=year.year, version="budget"
        ).values_list("row__code", "amount")
    )
    granted = dict(
        Budget.objects.filter(association_id=association_id, year=year.year)
        .values_list("intervention_id")
        .annotate(total=Sum("amount"))
        .values_list("intervention_id", "total")
    )
    out = []
    for row in rows:
        budget: int | None = None
        if row.code in own:
            budget = own[row.code] if row.group == "intakter" else -own[row.code]
        elif row.intervention_id is not None and row.intervention_id in granted:
            budget = -int(granted[row.intervention_id])
        out.append(
            _row_json(
                row.code,
                row.label,
                row.group,
                row.intervention,
                kronor(totals.get(row.code, ZERO)),
                budget,
            )
        )
    if kronor(rest):
        out.append(
            _row_json(UNALLOCATED, _("Ej fördelat"), UNALLOCATED_GROUP, None, kronor(rest), None)
        )
    order = {group: index for index, group in enumerate(OPERATING_GROUPS)}
    out.sort(key=lambda row: order[row["group"]])
    groups = {
        group: _sum([row for row in out if row["group"] == group])
        for group in OPERATING_GROUPS
        if any(row["group"] == group for row in out)
    }
    return {"rows": out, "groups": groups, "total": _sum(out)}


def _row_json(
    code: str, label: str, group: str, intervention: str | None, outcome: int, budget: int | None
) -> dict[str, Any]:
    ratio = None
    if group != "intakter" and budget:
        ratio = round_half_up(outcome, budget)
    return {
        "row": code,
        "label": label,
        "group": group,
        "intervention": intervention,
        "budget": budget,
        "outcome": outcome,
        "difference": None if budget is None else outcome - budget,
        "consumption_ratio": ratio,
    }


def _sum(rows: list[dict[str, Any]]) -> dict[str, Any]:
    budgets = [row["budget"] for row in rows if row["budget"] is not None]
    budget = sum(budgets) if budgets else None
    outcome = sum(row["outcome"] for row in rows)
    return {
        "budget": budget,
        "outcome": outcome,
        "difference": None if budget is None else outcome - budget,
    }


def reconciliation(
    association_id: int, statement: dict[str, Any], year: int
) -> list[dict[str, Any]]:
    """Per intervention with a row: the ledger's cost (positive) against the approved cost
    outcome of the year (positive); difference = ledger - requisitions."""
    ledger: dict[str, int] = {}
    for row in statement["rows"]:
        if row["intervention"]:
            ledger[row["intervention"]] = ledger.get(row["intervention"], 0) - row["outcome"]
    approved = dict(
        CostOutcome.objects.filter(
            association_id=association_id,
            year=year,
            status=CostOutcome.Status.APPROVED,
            intervention__code__in=list(ledger),
        )
        .values_list("intervention__code")
        .annotate(total=Sum("amount"))
        .values_list("intervention__code", "total")
    )
    return [
        {
            "intervention": code,
            "ledger": amount,
            "requisitions": int(approved.get(code) or 0),
            "difference": amount - int(approved.get(code) or 0),
        }
        for code, amount in ledger.items()
    ]
