"""JSON Schema (draft 2020-12) of the annual report's contract (spec/annual-report.md
section 4). Used by the tests; every object lists its required keys and forbids others
except ``statistics`` (the memo's tables, validated by the memo's schema)."""

from __future__ import annotations

from typing import Any

from stats.json_schema import TEXT
from stats.json_schema import closed_object as _object

N = {"type": "integer"}
N_OR_NULL = {"type": ["integer", "null"]}

P = _object(amount=N, previous=N_OR_NULL)
T = _object(amount=N, previous=N_OR_NULL, budget=N_OR_NULL)
PN = _object(amount=N_OR_NULL, previous=N_OR_NULL)
GROUP_SUM = _object(budget=N_OR_NULL, outcome=N, difference=N_OR_NULL)

INCOME_LINE = _object(
    line=TEXT,
    label=TEXT,
    group=TEXT,
    note=N_OR_NULL,
    amount=N,
    previous=N_OR_NULL,
    budget=N_OR_NULL,
)
BALANCE_LINE = _object(
    line=TEXT, label=TEXT, group=TEXT, note=N_OR_NULL, amount=N, previous=N_OR_NULL
)
CASH_FLOW_KEYS = (
    "result",
    "adjustments",
    "before_working_capital",
    "change_inventories",
    "change_receivables",
    "change_short_term_liabilities",
    "operating",
    "investing",
    "financing",
    "total",
    "liquid_funds_start",
    "liquid_funds_end",
)


def _statement(line: dict[str, Any], total: dict[str, Any], *sums: str) -> dict[str, Any]:
    """A statement: its lines, the sum of each group and the named sums, each a ``total``."""
    return _object(
        lines={"type": "array", "items": line},
        groups={"type": "object", "additionalProperties": total},
        **dict.fromkeys(sums, total),
    )


ANNUAL_REPORT_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    **_object(
        association=TEXT,
        year=N,
        organisation_number=TEXT,
        income_statement=_statement(
            INCOME_LINE,
            T,
            "net_operating_costs",
            "operating_result",
            "result_after_financial_items",
            "result",
        ),
        balance_sheet=_statement(
            BALANCE_LINE,
            P,
            "fixed_assets",
            "current_assets",
            "total_assets",
            "equity",
            "unrestricted_equity",
            "provisions",
            "long_term_liabilities",
            "short_term_liabilities",
            "total_equity_and_liabilities",
        ),
        cash_flow=_object(**dict.fromkeys(CASH_FLOW_KEYS, PN)),
        notes={
            "type": "array",
            "items": _object(
                note=N,
                line=TEXT,
                label=TEXT,
                rows={
                    "type": "array",
                    "items": _object(key=TEXT, label=TEXT, amount=N, previous=N_OR_NULL),
                },
                total=P,
            ),
        },
        overview={
            "type": "array",
            "minItems": 5,
            "maxItems": 5,
            "items": _object(
                year=N,
                income=N_OR_NULL,
                costs=N_OR_NULL,
                result=N_OR_NULL,
                equity_ratio=N_OR_NULL,
                quick_ratio=N_OR_NULL,
                employees={"type": ["number", "null"]},
                staff_turnover=N_OR_NULL,
            ),
        },
        operating_statement=_object(
            rows={
                "type": "array",
                "items": _object(
                    row=TEXT,
                    label=TEXT,
                    group=TEXT,
                    intervention={"type": ["string", "null"]},
                    budget=N_OR_NULL,
                    outcome=N,
                    difference=N_OR_NULL,
                    consumption_ratio=N_OR_NULL,
                ),
            },
            groups={"type": "object", "additionalProperties": GROUP_SUM},
            total=GROUP_SUM,
        ),
        balance_requirement=_object(
            results={"type": "array", "items": _object(year=N, result=N)},
            accumulated=N,
        ),
        statistics={"type": "object"},
        checks=_object(
            ledger_vs_requisitions={
                "type": "array",
                "items": _object(intervention=TEXT, ledger=N, requisitions=N, difference=N),
            },
            warnings={"type": "array", "items": TEXT},
        ),
    ),
}
