"""The management report's texts (spec/annual-report.md 2.8) with their placeholders
filled from the report's figures. The office's texts are kept per association and year
(``ledger.models.AnnualReportText``); an adopted report keeps the texts as they were when it
was adopted (``AdoptedReport.texts``), filled from its frozen figures."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ledger.models import AnnualReportText
from ledger.report_texts import SPECS
from tenancy.models import Association

if TYPE_CHECKING:
    from stats.annual.adoption import Adoption
from tenancy.templatetags.finsam_format import group_thousands, percent, sek

PLACEHOLDER = re.compile(r"\{([a-zåäö_0-9]+)\}")
MISSING = "–"


@dataclass(frozen=True)
class ReportText:
    key: str
    label: str
    #: the text as the office wrote it (or the default), placeholders unfilled
    source: str
    #: the text with the figures filled in, split into paragraphs
    paragraphs: tuple[str, ...]
    #: the office has replaced the default
    edited: bool


def _amount(value: Any) -> str:
    return MISSING if value is None else sek(value)


def placeholder_values(report: Mapping[str, Any], association_name: str) -> dict[str, str]:
    """Each placeholder's text for the report (whole kronor, whole percent)."""
    income = report["income_statement"]
    balance = report["balance_sheet"]
    year = int(report["year"])
    overview = {row["year"]: row for row in report.get("overview", [])}
    this_year = overview.get(year, {})
    employees = this_year.get("employees")
    liquid = report.get("cash_flow", {}).get("liquid_funds_end", {}).get("amount")
    if liquid is None:
        groups = balance["groups"]
        liquid = sum(
            (groups.get(g) or {}).get("amount") or 0
            for g in ("kortfristiga_placeringar", "kassa_och_bank")
        )
    return {
        "året": str(year),
        "förbundet": association_name,
        "årets_resultat": _amount(income["result"]["amount"]),
        "föregående_resultat": _amount(income["result"]["previous"]),
        "budgeterat_resultat": _amount(income["result"]["budget"]),
        "intäkter": _amount(income["groups"]["verksamhetens_intakter"]["amount"]),
        "kostnader": _amount(this_year.get("costs")),
        "eget_kapital": _amount(balance["equity"]["amount"]),
        "summa_tillgångar": _amount(balance["total_assets"]["amount"]),
        "likvida_medel": _amount(liquid),
        "soliditet": percent(this_year.get("equity_ratio")),
        "kassalikviditet": percent(this_year.get("quick_ratio")),
        "balanskrav": _amount(report.get("balance_requirement", {}).get("accumulated")),
        "årsarbetare": MISSING if employees is None else str(employees).replace(".", ","),
        "antal_insatser": group_thousands(
            len(
                [
                    row
                    for row in report.get("operating_statement", {}).get("rows", [])
                    if row.get("intervention")
                ]
            )
        ),
    }


def fill(text: str, values: Mapping[str, str]) -> str:
    """Replace the known ``{placeholders}``; unknown brace text stays as written."""
    return PLACEHOLDER.sub(lambda match: values.get(match[1], match[0]), text)


def paragraphs(text: str) -> tuple[str, ...]:
    parts = re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
    return tuple(part.strip() for part in parts if part.strip())


def current_texts(association: Association, year: int) -> dict[str, str]:
    """The office's texts of the year (section -> text), only the edited ones."""
    rows = AnnualReportText.objects.filter(association=association, year=year)
    return dict(rows.values_list("section", "text"))


def source_texts(association: Association, year: int) -> dict[str, str]:
    """Every section's text as it stands now (the office's or the default): what adoption
    freezes."""
    edited = current_texts(association, year)
    return {spec.key: edited.get(spec.key, spec.default) for spec in SPECS}


def report_texts(
    association: Association,
    report: Mapping[str, Any],
    adopted: Adoption | None = None,
) -> list[ReportText]:
    """The texts of the report's year in the order of the report, filled with its figures:
    as adopted when the report is adopted, else as the office has written them now."""
    year = int(report["year"])
    defaults = {spec.key: spec.default for spec in SPECS}
    if adopted is not None and adopted.texts:
        sources = {**defaults, **adopted.texts}
    else:
        sources = {**defaults, **current_texts(association, year)}
    values = placeholder_values(report, association.name)
    return [
        ReportText(
            key=spec.key,
            label=spec.label,
            source=sources[spec.key],
            paragraphs=paragraphs(fill(sources[spec.key], values)),
            edited=sources[spec.key].strip() != spec.default.strip(),
        )
        for spec in SPECS
    ]
