"""The annual report as an Excel workbook: one sheet per statement, amounts in kronor as
numbers (formatted with thousands separators), every figure from the report's JSON."""

from __future__ import annotations

import io
from typing import Any

from finsam.safe_cells import save_workbook

SEK_FORMAT = "# ##0;-# ##0"

CASH_FLOW_LABELS = {
    "result": "Årets resultat",
    "adjustments": "Justering för av- och nedskrivningar och avsättningar",
    "before_working_capital": "Kassaflöde före förändring av rörelsekapital",
    "change_inventories": "Förändring av förråd",
    "change_receivables": "Förändring av kortfristiga fordringar",
    "change_short_term_liabilities": "Förändring av kortfristiga skulder",
    "operating": "Kassaflöde från den löpande verksamheten",
    "investing": "Kassaflöde från investeringsverksamheten",
    "financing": "Kassaflöde från finansieringsverksamheten",
    "total": "Årets kassaflöde",
    "liquid_funds_start": "Likvida medel vid årets början",
    "liquid_funds_end": "Likvida medel vid årets slut",
}
TOTALS = {
    "net_operating_costs": "Verksamhetens nettokostnader",
    "operating_result": "Verksamhetens resultat",
    "result_after_financial_items": "Resultat efter finansiella poster",
    "result": "Årets resultat",
}


def _sheets(report: dict[str, Any]) -> dict[str, list[list[Any]]]:
    year = report["year"]
    income = report["income_statement"]
    balance = report["balance_sheet"]
    sheets: dict[str, list[list[Any]]] = {}
    sheets["Resultaträkning"] = [
        ["Rad", "Not", str(year), "Föregående år", "Budget"],
        *[
            [x["label"], x["note"], x["amount"], x["previous"], x["budget"]]
            for x in income["lines"]
        ],
        *[
            [label, None, income[key]["amount"], income[key]["previous"], income[key]["budget"]]
            for key, label in TOTALS.items()
        ],
    ]
    sheets["Balansräkning"] = [
        ["Rad", "Not", str(year), "Föregående år"],
        *[[x["label"], x["note"], x["amount"], x["previous"]] for x in balance["lines"]],
        [
            "Summa tillgångar",
            None,
            balance["total_assets"]["amount"],
            balance["total_assets"]["previous"],
        ],
        [
            "Summa eget kapital, avsättningar och skulder",
            None,
            balance["total_equity_and_liabilities"]["amount"],
            balance["total_equity_and_liabilities"]["previous"],
        ],
    ]
    sheets["Kassaflödesanalys"] = [
        ["Post", str(year), "Föregående år"],
        *[
            [label, report["cash_flow"][key]["amount"], report["cash_flow"][key]["previous"]]
            for key, label in CASH_FLOW_LABELS.items()
        ],
    ]
    notes: list[list[Any]] = [["Not", "Rad", "Specifikation", str(year), "Föregående år"]]
    for note in report["notes"]:
        for row in note["rows"]:
            notes.append(
                [
                    note["note"],
                    note["label"],
                    f"{row['key']} {row['label']}".strip(),
                    row["amount"],
                    row["previous"],
                ]
            )
        notes.append(
            [
                note["note"],
                note["label"],
                "Summa",
                note["total"]["amount"],
                note["total"]["previous"],
            ]
        )
    sheets["Noter"] = notes
    sheets["Femårsöversikt"] = [
        [
            "År",
            "Intäkter",
            "Kostnader",
            "Resultat",
            "Soliditet %",
            "Kassalikviditet %",
            "Årsarbetare",
            "Personalomsättning %",
        ],
        *[
            [
                y["year"],
                y["income"],
                y["costs"],
                y["result"],
                y["equity_ratio"],
                y["quick_ratio"],
                y["employees"],
                y["staff_turnover"],
            ]
            for y in report["overview"]
        ],
    ]
    operating = report["operating_statement"]
    sheets["Driftredovisning"] = [
        ["Rad", "Grupp", "Insats", "Budget", "Utfall", "Avvikelse", "Förbrukning %"],
        *[
            [
                r["label"],
                r["group"],
                r["intervention"],
                r["budget"],
                r["outcome"],
                r["difference"],
                r["consumption_ratio"],
            ]
            for r in operating["rows"]
        ],
        [
            "Summa",
            None,
            None,
            operating["total"]["budget"],
            operating["total"]["outcome"],
            operating["total"]["difference"],
            None,
        ],
    ]
    requirement = report["balance_requirement"]
    sheets["Balanskravsavstämning"] = [
        ["År", "Resultat"],
        *[[r["year"], r["result"]] for r in requirement["results"]],
        ["Summa", requirement["accumulated"]],
    ]
    return sheets


def render_annual_xlsx(report: dict[str, Any]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]  # only the named sheets
    for name, rows in _sheets(report).items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, int) and not isinstance(cell.value, bool):
                    cell.number_format = SEK_FORMAT
        sheet.column_dimensions["A"].width = 48
    buffer = io.BytesIO()
    save_workbook(workbook, buffer)
    return buffer.getvalue()
