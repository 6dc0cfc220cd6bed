"""The economic information (decision room), spec/annual-report.md section 3, computed once.

For the as-of date's year Y the columns are ``Y_budget``, ``Y_prognos`` and ``Z_budget`` for
every year Z from Y+1 to ``until``. Whole SEK; in ``rows`` and ``interventions`` income is
positive and costs negative; in ``totals`` every figure is as named (costs positive).

Run inside the association's scope. Pages, the command and the documents read
``economic_information``; the what-if passes its own list of applications.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _

from followup.models import Decision, Deviation, DeviationKind
from funding.models import Application, ApplicationYear, EquityBracket
from interventions.models import Budget, Intervention
from ledger.models import FiscalYear, KeyFigures, OperatingRow, OwnBudgetAmount
from stats.annual.data import Ledgers, ReportError
from stats.annual.statements import balance_sheet, mapping_lines
from tenancy.models import Association

INCOME = "intakter"
ADMINISTRATION = "administration"
OTHER_JOINT = "ovriga_samverkansinsatser"
#: The groups of the own rows, in the order they are shown.
OWN_GROUPS = (INCOME, ADMINISTRATION, OTHER_JOINT)
BUDGET = "budget"
PROGNOSIS = "prognos"
TOTAL_KEYS = (
    "income",
    "interventions",
    "other_joint",
    "costs",
    "result",
    "carried",
    "room",
    "applications",
    "room_after_applications",
)

_SWEDISH_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}", "é": "e"})


def swedish_key(text: str) -> str:
    """Sort key in Swedish alphabetical order (å, ä, ö after z)."""
    return text.casefold().translate(_SWEDISH_ORDER)


class EconomicError(ValueError):
    """The information cannot be produced (Swedish message)."""


@dataclass(frozen=True)
class Column:
    key: str
    year: int
    version: str

    @property
    def is_prognosis(self) -> bool:
        return self.version == PROGNOSIS


def columns_for(as_of: dt.date, until: int) -> list[Column]:
    """``Y_budget``, ``Y_prognos``, then ``Z_budget`` for Y+1 … ``until``."""
    year = as_of.year
    if until < year:
        raise EconomicError(
            _("Sista året (%(until)s) får inte vara före årets %(year)s.")
            % {"until": until, "year": year}
        )
    result = [Column(f"{year}_budget", year, BUDGET), Column(f"{year}_prognos", year, PROGNOSIS)]
    result += [Column(f"{z}_budget", z, BUDGET) for z in range(year + 1, until + 1)]
    return result


@dataclass(frozen=True)
class PendingApplication:
    """An application without a decision, with its applied amounts per year."""

    code: str
    name: str
    amounts: dict[int, int]


def pending_applications() -> list[PendingApplication]:
    """Every application not yet decided, oldest received first."""
    applications = list(
        Application.objects.filter(decision__isnull=True).order_by("received_on", "code", "id")
    )
    amounts: dict[int, dict[int, int]] = defaultdict(dict)
    for application_id, year, amount in ApplicationYear.objects.filter(
        application__in=applications
    ).values_list("application_id", "year", "amount"):
        amounts[application_id][year] = amount
    return [
        PendingApplication(a.code or f"ansokan-{a.pk}", a.name, dict(amounts[a.pk]))
        for a in applications
    ]


def unrestricted_equity_at_end(
    association_id: int, year: int, warnings: list[str] | None = None
) -> int | None:
    """Unrestricted equity at the end of ``year``: from that year's ledger (its own file, or
    a later file's year -1) through the balance sheet's mapping; else from `Nyckeltal`
    (obundet_eget_kapital, or eget_kapital when that is all there is); ``None`` when
    neither gives it. A mapping the balance sheet refuses is named in ``warnings``."""
    ledgers = Ledgers(list(FiscalYear.objects.filter(association_id=association_id)))
    ledger = ledgers.year(year)
    if ledger is not None:
        lines = mapping_lines(association_id)
        if any(line.report == "balans" for line in lines):
            try:
                sheet = balance_sheet(lines, ledger, None, check=False)
            except ReportError as error:
                if warnings is not None:
                    warnings += error.messages
            else:
                return int(sheet.totals["unrestricted_equity"]["amount"])
    figures = KeyFigures.objects.filter(association_id=association_id, year=year).first()
    if figures is not None:
        if figures.unrestricted_equity is not None:
            return figures.unrestricted_equity
        return figures.equity
    return None


@dataclass
class EconomicInformation:
    association: str
    as_of: dt.date
    columns: list[Column]
    rows: list[dict[str, Any]]
    interventions: list[dict[str, Any]]
    applications: list[dict[str, Any]]
    totals: dict[str, dict[str, int]]
    equity_limit: dict[str, int] | None
    #: Things the reader should know that the contract JSON has no place for (Swedish).
    warnings: list[str] = field(default_factory=list)
    #: intervention kod -> the name shown in tables (not part of the contract JSON)
    names: dict[str, str] = field(default_factory=dict)

    @property
    def keys(self) -> list[str]:
        return [column.key for column in self.columns]

    def json(self) -> dict[str, Any]:
        return {
            "association": self.association,
            "as_of": self.as_of.isoformat(),
            "columns": self.keys,
            "rows": self.rows,
            "interventions": self.interventions,
            "applications": self.applications,
            "totals": self.totals,
            "equity_limit": self.equity_limit,
        }


def _zero(columns: list[Column]) -> dict[str, int]:
    return {column.key: 0 for column in columns}


def _own_rows(columns: list[Column]) -> list[dict[str, Any]]:
    years = {column.year for column in columns}
    amounts: dict[tuple[int, int, str], int] = {
        (row_id, year, version): amount
        for row_id, year, version, amount in OwnBudgetAmount.objects.filter(
            year__in=years, row__group__in=OWN_GROUPS
        ).values_list("row_id", "year", "version", "amount")
    }
    with_amounts = {row_id for row_id, _year, _version in amounts}
    order = {group: index for index, group in enumerate(OWN_GROUPS)}
    drift_rows = sorted(
        OperatingRow.objects.filter(pk__in=with_amounts).order_by("position", "code"),
        key=lambda row: order[row.group],
    )
    result = []
    for row in drift_rows:
        sign = 1 if row.group == INCOME else -1
        values = {}
        for column in columns:
            budget = amounts.get((row.pk, column.year, BUDGET), 0)
            if column.is_prognosis:
                value = amounts.get((row.pk, column.year, PROGNOSIS), budget)
            else:
                value = budget
            values[column.key] = sign * value
        result.append({"row": row.code, "label": row.label, "group": row.group, "values": values})
    return result


def _transfers_into(year: int) -> dict[int, int]:
    """intervention id -> sum of granted transfers (`overforing`) received in year - 1."""
    transfers: dict[int, int] = defaultdict(int)
    for intervention_id, amount in Deviation.objects.filter(
        kind=DeviationKind.TRANSFER,
        received_on__year=year - 1,
        decision__in=[Decision.GRANTED, Decision.PARTLY],
        amount__isnull=False,
    ).values_list("intervention_id", "amount"):
        transfers[intervention_id] += amount or 0
    return transfers


def _interventions(columns: list[Column], names: dict[str, str]) -> list[dict[str, Any]]:
    years = {column.year for column in columns}
    granted: dict[tuple[int, int], int] = defaultdict(int)
    for intervention_id, year, amount in Budget.objects.filter(year__in=years).values_list(
        "intervention_id", "year", "amount"
    ):
        granted[(intervention_id, year)] += amount
    prognosis = next(column for column in columns if column.is_prognosis)
    transfers = _transfers_into(prognosis.year)
    ids = {intervention_id for intervention_id, _year in granted} | set(transfers)
    interventions = sorted(
        Intervention.objects.filter(pk__in=ids).select_related("owner"),
        key=lambda i: (swedish_key(i.owner.name), swedish_key(i.name), i.code),
    )
    result = []
    for intervention in interventions:
        names[intervention.code] = intervention.display_name
        values = {}
        transferred = _zero(columns)
        for column in columns:
            amount = granted.get((intervention.pk, column.year), 0)
            if column.is_prognosis:
                moved = transfers.get(intervention.pk, 0)
                transferred[column.key] = -moved
                amount += moved
            values[column.key] = -amount
        result.append(
            {
                "intervention": intervention.code,
                "owner": intervention.owner.name,
                "values": values,
                "transferred": transferred,
            }
        )
    return result


def _equity_limit(columns: list[Column], contributions: dict[str, int]) -> dict[str, int] | None:
    """Per column: the max share of the bracket the column's member contributions fall in,
    times the contributions (half up); 0 when no bracket covers them; ``None`` when the
    association has set no brackets."""
    brackets = list(EquityBracket.objects.order_by("lower"))
    if not brackets:
        return None
    limits = {}
    for column in columns:
        base = contributions[column.key]
        bracket = next(
            (b for b in brackets if b.lower <= base and (b.upper is None or base < b.upper)), None
        )
        share = Decimal(bracket.max_share) if bracket else Decimal(0)
        limits[column.key] = int(
            (Decimal(base) * share / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        )
    return limits


def economic_information(
    association: Association,
    *,
    as_of: dt.date,
    until: int,
    applications: list[PendingApplication] | None = None,
) -> EconomicInformation:
    """The decision room. ``applications`` replaces the pending applications (the what-if);
    by default every application not yet decided."""
    columns = columns_for(as_of, until)
    keys = [column.key for column in columns]
    rows = _own_rows(columns)
    names: dict[str, str] = {}
    interventions = _interventions(columns, names)
    if applications is None:
        applications = pending_applications()
    application_rows: list[dict[str, Any]] = [
        {
            "application": application.code,
            "name": application.name,
            "values": {
                column.key: 0 if index == 0 else application.amounts.get(column.year, 0)
                for index, column in enumerate(columns)
            },
        }
        for application in applications
    ]

    def group_sum(group: str) -> dict[str, int]:
        return {k: sum(r["values"][k] for r in rows if r["group"] == group) for k in keys}

    income = group_sum(INCOME)
    administration = {k: -v for k, v in group_sum(ADMINISTRATION).items()}
    other_joint = {k: -v for k, v in group_sum(OTHER_JOINT).items()}
    granted = {k: -sum(i["values"][k] for i in interventions) for k in keys}
    costs = {k: administration[k] + granted[k] + other_joint[k] for k in keys}
    result = {k: income[k] - costs[k] for k in keys}
    applied = {k: sum(a["values"][k] for a in application_rows) for k in keys}

    warnings: list[str] = []
    year = as_of.year
    equity = unrestricted_equity_at_end(association.pk, year - 1, warnings)
    if equity is None:
        warnings.append(
            _(
                "Det finns varken huvudbok eller nyckeltal med eget kapital för %(year)s; "
                "överskottet från tidigare år är räknat som 0."
            )
            % {"year": year - 1}
        )
        equity = 0
    carried: dict[str, int] = {}
    room: dict[str, int] = {}
    after: dict[str, int] = {}
    previous_room = 0
    chain_applications = 0
    for index, column in enumerate(columns):
        key = column.key
        carried[key] = equity if index <= 1 else previous_room
        room[key] = carried[key] + result[key]
        if index == 0:
            after[key] = room[key] - applied[key]
        else:
            chain_applications += applied[key]
            after[key] = room[key] - chain_applications
            previous_room = room[key]
    totals = {
        "income": income,
        "interventions": granted,
        "other_joint": other_joint,
        "costs": costs,
        "result": result,
        "carried": carried,
        "room": room,
        "applications": applied,
        "room_after_applications": after,
    }
    return EconomicInformation(
        association=association.slug,
        as_of=as_of,
        columns=columns,
        rows=rows,
        interventions=interventions,
        applications=application_rows,
        totals=totals,
        equity_limit=_equity_limit(columns, income),
        warnings=warnings,
        names=names,
    )
