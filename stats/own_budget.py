"""The association's own budget of one year (the `Förbundsbudget` of the own drift rows)
beside the year's outcome from the ledger, for the finance page "Förbundets egen budget".

Rows: the drift rows of the own groups (income, administration, other joint efforts) that
have a `Förbundsbudget` amount (either version) in the year, in group order, then sheet
order. Amounts are whole SEK and positive (the group says income or cost), as entered.
``outcome`` is the row's amount in the year's ledger (income positive, costs positive),
``None`` without a ledger for the year or when the mapping is refused (``problems``).

Run inside the association's scope.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ledger.models import FiscalYear, OperatingRow, OwnBudgetAmount
from stats.annual.data import ZERO, Ledgers, ReportError, kronor
from stats.annual.operating import operating_rows, outcomes
from stats.economic import BUDGET, INCOME, OWN_GROUPS, PROGNOSIS
from stats.periods import round_half_up


def consumption_ratio(group: str, budget: int | None, outcome: int | None) -> int | None:
    """Outcome in whole percent of the budget, for costs (a row or a group) with a budget."""
    if group == INCOME or not budget or outcome is None:
        return None
    return round_half_up(outcome, budget)


class _Consumed:
    """A row or group of the own budget: its consumption ratio from its budget and outcome."""

    group: str
    budget: int | None
    outcome: int | None

    @property
    def consumption_ratio(self) -> int | None:
        return consumption_ratio(self.group, self.budget, self.outcome)


@dataclass(frozen=True)
class OwnBudgetRow(_Consumed):
    code: str
    label: str
    group: str
    budget: int | None
    prognosis: int | None
    outcome: int | None


@dataclass(frozen=True)
class OwnBudgetGroup(_Consumed):
    group: str
    rows: list[OwnBudgetRow]
    budget: int
    prognosis: int
    outcome: int | None


@dataclass(frozen=True)
class OwnBudget:
    year: int
    groups: list[OwnBudgetGroup]
    has_ledger: bool
    problems: list[str] = field(default_factory=list)


def own_budget(association_id: int, year: int) -> OwnBudget:
    """The own budget of ``year``; a group's prognosis is its rows' prognoses, a row
    without one counting with its budget."""
    amounts: dict[tuple[int, str], int] = {
        (row_id, version): amount
        for row_id, version, amount in OwnBudgetAmount.objects.filter(
            association_id=association_id, year=year, row__group__in=OWN_GROUPS
        ).values_list("row_id", "version", "amount")
    }
    row_ids = {row_id for row_id, _version in amounts}
    drift_rows = list(OperatingRow.objects.filter(pk__in=row_ids).order_by("position", "code"))
    ledger = Ledgers(list(FiscalYear.objects.filter(association_id=association_id))).year(year)
    problems: list[str] = []
    ledger_outcomes = None
    if ledger is not None:
        try:
            ledger_outcomes, _rest = outcomes(operating_rows(association_id), ledger)
        except ReportError as error:
            problems = list(error.messages)
    groups = []
    for group in OWN_GROUPS:
        rows = []
        for row in (row for row in drift_rows if row.group == group):
            outcome = None
            if ledger_outcomes is not None:
                sign = 1 if group == INCOME else -1
                outcome = sign * kronor(ledger_outcomes.get(row.code, ZERO))
            budget = amounts.get((row.pk, BUDGET))
            rows.append(
                OwnBudgetRow(
                    code=row.code,
                    label=row.label,
                    group=group,
                    budget=budget,
                    prognosis=amounts.get((row.pk, PROGNOSIS)),
                    outcome=outcome,
                )
            )
        if rows:
            groups.append(
                OwnBudgetGroup(
                    group=group,
                    rows=rows,
                    budget=sum(row.budget or 0 for row in rows),
                    prognosis=sum(
                        row.prognosis if row.prognosis is not None else row.budget or 0
                        for row in rows
                    ),
                    outcome=None
                    if ledger_outcomes is None
                    else sum(row.outcome or 0 for row in rows),
                )
            )
    return OwnBudget(
        year=year, groups=groups, has_ledger=ledger_outcomes is not None, problems=problems
    )
