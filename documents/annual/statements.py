"""The annual report's statement tables (income statement, balance sheet, cash flow, notes,
five-year overview, operating statement, balanced-budget history) and its charts, made
from the report JSON of ``stats.annual`` as :mod:`documents.memo.model` tables. Nothing is
computed here but the shown form of each figure (kronor, TSEK, percent)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from documents.memo import formats as f
from documents.memo.cells import TableMaker, label
from documents.memo.model import FORMAT_COUNT, FORMAT_SHARE, Cell, Chart, ChartSeries, Row, Table
from stats.annual.statements import cash_flow_rows

Json = Mapping[str, Any]


def kr(value: Any) -> Cell:
    """Whole kronor, grouped; ``–`` for null."""
    return Cell(f.count(value), value, FORMAT_COUNT, numeric=True)


def pct(value: Any) -> Cell:
    return Cell(f.share(value), value, FORMAT_SHARE, numeric=True)


def tsek(value: Any) -> Cell:
    """TSEK, as the five-year overview shows amounts (not marked numeric)."""
    return Cell(f.tsek(value), value)


def note_cell(value: Any) -> Cell:
    return Cell("" if value is None else str(value), value, numeric=True)


def statement_rows(
    section: Json, totals: tuple[tuple[str, str], ...], columns: tuple[str, ...]
) -> list[Row]:
    """A statement's lines (label, note, ``columns``), then its ``totals`` (key, title)."""
    rows = [
        Row((label(line["label"]), note_cell(line["note"]), *(kr(line[c]) for c in columns)))
        for line in section["lines"]
    ]
    rows += [
        Row((label(title), note_cell(None), *(kr(section[key][c]) for c in columns)), kind="total")
        for key, title in totals
    ]
    return rows


def thousands(value: Any) -> int | None:
    """Whole SEK to whole TSEK, half up (a chart's value)."""
    if value is None:
        return None
    return int((Decimal(value) / 1000).quantize(Decimal(1), rounding=ROUND_HALF_UP))


class StatementTables:
    def __init__(self, report: Json, maker: TableMaker) -> None:
        self.report = report
        self.maker = maker
        self.year = int(report["year"])

    def overview(self) -> Table:
        years = list(self.report["overview"])
        rows = [
            ("Verksamhetens intäkter", [tsek(y["income"]) for y in years]),
            ("Kostnader", [tsek(y["costs"]) for y in years]),
            ("Årets resultat", [tsek(y["result"]) for y in years]),
            ("Soliditet", [pct(y["equity_ratio"]) for y in years]),
            ("Kassalikviditet", [pct(y["quick_ratio"]) for y in years]),
            (
                "Antal årsarbetare",
                [
                    Cell(
                        f.DASH if y["employees"] is None else str(y["employees"]).replace(".", ",")
                    )
                    for y in years
                ],
            ),
            ("Personalomsättning", [pct(y["staff_turnover"]) for y in years]),
        ]
        return self.maker.make(
            "overview",
            "Översikt över verksamhetens utveckling, fem år (TSEK)",
            ("", *(str(y["year"]) for y in years)),
            [
                Row((label(title), *(Cell(c.text, c.value, numeric=True) for c in cells)))
                for title, cells in rows
            ],
            notes=(
                "Soliditet: eget kapital delat med summa tillgångar. Kassalikviditet: "
                "omsättningstillgångar utom förråd delat med kortfristiga skulder.",
            ),
            widths=(3, *([1] * len(years))),
        )

    def statement(
        self, key: str, title: str, totals: tuple[tuple[str, str], ...], columns: tuple[str, ...]
    ) -> Table:
        """A statement of the report JSON's section ``key``: its lines and ``totals`` in the
        ``columns`` (``amount``: this year, ``previous``: last year, ``budget``)."""
        headers = {
            "amount": str(self.year),
            "previous": str(self.year - 1),
            "budget": f"Budget {self.year}",
        }
        return self.maker.make(
            key,
            title,
            ("", "Not", *(headers[column] for column in columns)),
            statement_rows(self.report[key], totals, columns),
            widths=(4, 0.6, *(1.4 for _ in columns)),
        )

    def income_statement(self) -> Table:
        return self.statement(
            "income_statement",
            f"Resultaträkning {self.year} (kr)",
            (
                ("net_operating_costs", "Verksamhetens nettokostnader"),
                ("operating_result", "Verksamhetens resultat"),
                ("result_after_financial_items", "Resultat efter finansiella poster"),
                ("result", "Årets resultat"),
            ),
            ("amount", "previous", "budget"),
        )

    def balance_sheet(self) -> Table:
        return self.statement(
            "balance_sheet",
            f"Balansräkning {self.year}-12-31 (kr)",
            (
                ("total_assets", "Summa tillgångar"),
                ("total_equity_and_liabilities", "Summa eget kapital, avsättningar och skulder"),
            ),
            ("amount", "previous"),
        )

    def cash_flow(self) -> Table:
        totals = {"Årets kassaflöde", "Likvida medel vid årets slut"}
        rows = [
            Row(
                (label(title), kr(value["amount"]), kr(value["previous"])),
                kind="total" if title in totals else "body",
            )
            for title, value in cash_flow_rows(dict(self.report))
        ]
        return self.maker.make(
            "cash_flow",
            f"Kassaflödesanalys {self.year} (kr)",
            ("", str(self.year), str(self.year - 1)),
            rows,
            widths=(4, 1.4, 1.4),
        )

    def notes(self) -> list[Table]:
        tables = []
        for note in self.report["notes"]:
            rows = [
                Row(
                    (
                        label(f"{row['key']} {row['label']}".strip()),
                        kr(row["amount"]),
                        kr(row["previous"]),
                    )
                )
                for row in note["rows"]
            ]
            total = note["total"]
            rows.append(
                Row((label("Summa"), kr(total["amount"]), kr(total["previous"])), kind="total")
            )
            tables.append(
                self.maker.make(
                    f"note_{note['note']}_{note['line']}",
                    f"Not {note['note']} {note['label']}",
                    ("Specifikation", str(self.year), str(self.year - 1)),
                    rows,
                    widths=(4, 1.4, 1.4),
                )
            )
        return tables

    def operating_statement(self) -> Table:
        statement = self.report["operating_statement"]
        rows = [
            Row(
                (
                    label(row["label"]),
                    kr(row["budget"]),
                    kr(row["outcome"]),
                    kr(row["difference"]),
                    pct(row["consumption_ratio"]),
                )
            )
            for row in statement["rows"]
        ]
        total = statement["total"]
        rows.append(
            Row(
                (
                    label("Summa"),
                    kr(total["budget"]),
                    kr(total["outcome"]),
                    kr(total["difference"]),
                    Cell(""),
                ),
                kind="total",
            )
        )
        return self.maker.make(
            "operating_statement",
            f"Driftredovisning {self.year} (kr)",
            ("", "Budget", "Utfall", "Avvikelse", "Förbrukning"),
            rows,
            widths=(4, 1.3, 1.3, 1.3, 1.1),
        )

    def balance_requirement(self) -> Table:
        requirement = self.report["balance_requirement"]
        rows = [
            Row((label(str(each["year"])), kr(each["result"]))) for each in requirement["results"]
        ]
        rows.append(Row((label("Summa"), kr(requirement["accumulated"])), kind="total"))
        return self.maker.make(
            "balance_requirement",
            "Balanskravsavstämning: årets resultat per år sedan starten (kr)",
            ("År", "Resultat"),
            rows,
            widths=(2, 2),
        )


def chart_blocks(report: Json) -> list[Chart]:
    """The seeds' charts: the result of every year, income and costs of the five-year
    overview, and budget against outcome of each intervention (TSEK)."""
    charts: list[Chart] = []
    results = [r for r in report["balance_requirement"]["results"] if r["result"] is not None]
    charts.append(
        Chart(
            key="results",
            number=1,
            title="Årets resultat per år (TSEK)",
            categories=tuple(str(r["year"]) for r in results),
            series=(ChartSeries("Resultat", tuple(thousands(r["result"]) for r in results)),),
            orientation="barh",
            unit="TSEK",
        )
    )
    years = list(reversed(report["overview"]))
    charts.append(
        Chart(
            key="income_costs",
            number=2,
            title="Intäkter och kostnader per år (TSEK)",
            categories=tuple(str(y["year"]) for y in years),
            series=(
                ChartSeries("Intäkter", tuple(thousands(y["income"]) for y in years)),
                ChartSeries(
                    "Kostnader",
                    tuple(None if y["costs"] is None else thousands(-y["costs"]) for y in years),
                ),
            ),
            orientation="barh",
            unit="TSEK",
        )
    )
    rows = [r for r in report["operating_statement"]["rows"] if r["intervention"]]
    if rows:
        charts.append(
            Chart(
                key="interventions",
                number=3,
                title="Kostnad per insats: budget och utfall (TSEK)",
                categories=tuple(r["label"] for r in rows),
                series=(
                    ChartSeries(
                        "Budget",
                        tuple(
                            None if r["budget"] is None else thousands(-r["budget"]) for r in rows
                        ),
                    ),
                    ChartSeries("Utfall", tuple(thousands(-r["outcome"]) for r in rows)),
                ),
                orientation="barh",
                unit="TSEK",
            )
        )
    return charts
