"""The annual report as one ordered document model (:class:`documents.memo.model.
MemoDocument`), in the order of seed 001: the chair's foreword, the management report
(five-year overview, the office's texts of spec/annual-report.md 2.8 with the tables the
product fills, charts, the participant statistics of the year), then the income statement,
balance sheet, cash-flow statement, accounting principles, notes and the operating
statement. The PDF and the DOCX both walk this model, so they hold the same content in the
same order; the page shows its management report from it too.

Everything comes from ``stats.annual``: the report JSON, the texts with their figures
filled in, and the management report's tables (both frozen when the report is adopted).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from documents.annual.statements import StatementTables, chart_blocks
from documents.memo.cells import TableMaker, label
from documents.memo.content import MemoExtras, PeriodWords, ended_sections
from documents.memo.labels import KIND_NAMES
from documents.memo.model import Block, MemoDocument, Row, Section, Table, Text
from documents.memo.tables import Tables
from stats.annual.texts import ReportText
from stats.memo_document import EndedGoal, EndedIntervention, FundsByKind

Json = Mapping[str, Any]


def _date(text: str | None) -> dt.date | None:
    return None if not text else dt.date.fromisoformat(text)


def memo_extras(management: Json, association_name: str) -> MemoExtras:
    """The management tables in the form the memo's table builders take."""
    return MemoExtras(
        association_name=association_name,
        ended=tuple(
            EndedIntervention(
                code=e["code"],
                name=e["name"],
                kind=e["kind"],
                start=_date(e["start"]) or dt.date.min,
                end=_date(e["end"]),
                owner=e["owner"],
                partners=tuple(e["partners"]),
                final_report_status=e["final_report_status"],
                purpose=e["purpose"],
                results=e["results"],
                lessons=e["lessons"],
                goals=tuple(
                    EndedGoal(g["goal"], g["target"], g["outcome"], g["met"]) for g in e["goals"]
                ),
            )
            for e in management.get("ended", [])
        ),
        funds=tuple(
            FundsByKind(
                r["kind"],
                r["budget"],
                r["outcome"],
                r["budget_share"],
                r["outcome_share"],
                r["target"],
            )
            for r in management.get("funds", [])
        ),
        kinds={i["code"]: i["kind"] for i in management.get("interventions", [])},
    )


class AnnualWriter:
    def __init__(self, texts: Sequence[ReportText]) -> None:
        self.texts = {text.key: text for text in texts}
        self.sections: list[Section] = []

    def text(self, key: str) -> Text:
        text = self.texts[key]
        return Text(text.paragraphs, text_key=key, edited=text.edited)

    def heading(self, key: str) -> str:
        return self.texts[key].label

    def section(self, key: str, heading: str, level: int, *blocks: Block | None) -> None:
        self.sections.append(Section(key, heading, level, tuple(b for b in blocks if b)))

    def text_section(self, key: str, level: int, *blocks: Block | None) -> None:
        self.section(key, self.heading(key), level, self.text(key), *blocks)


def text_rows(lines: Iterable[Sequence[str]], *, empty: str, width: int) -> list[Row]:
    """A row of text cells per line; when there is none, one row that says ``empty``."""
    rows = [Row(tuple(label(text) for text in line)) for line in lines]
    return rows or [Row((label(empty), *(label("") for _ in range(width - 1))))]


def members_table(management: Json, maker: TableMaker) -> Table:
    rows = text_rows(
        [
            (m["name"], m["kind"], f"{m['fee_share']} %".replace(".", ","))
            for m in management.get("members", [])
        ],
        empty="Inga medlemmar är registrerade.",
        width=3,
    )
    return maker.make(
        "members",
        "Förbundets medlemmar och andel av medlemsavgiften",
        ("Medlem", "Typ", "Andel av avgiften"),
        rows,
        widths=(3, 2, 1.4),
    )


def board_table(management: Json, maker: TableMaker, year: int) -> Table:
    rows = text_rows(
        [(b["name"], b["seat"], b["role"], b["appointed_by"]) for b in management.get("board", [])],
        empty="Ingen styrelse är registrerad för året.",
        width=4,
    )
    return maker.make(
        "board",
        f"Styrelsen {year}: ledamöter och ersättare",
        ("Namn", "Ledamot/ersättare", "Uppdrag", "Utsedd av"),
        rows,
        widths=(2.5, 1.6, 1.6, 2.5),
    )


def interventions_table(management: Json, maker: TableMaker, year: int) -> Table:
    rows = text_rows(
        [
            (i["name"], KIND_NAMES.get(i["kind"], i["kind"]), i["start"] or "–", i["end"] or "–")
            for i in management.get("interventions", [])
        ],
        empty="Inga insatser.",
        width=4,
    )
    return maker.make(
        "interventions",
        f"Insatser som förbundet finansierat under {year}",
        ("Insats", "Insatstyp", "Start", "Slut"),
        rows,
        widths=(4, 2, 1.2, 1.2),
    )


def build_annual(
    report: Json,
    *,
    association_name: str,
    texts: Sequence[ReportText],
    management: Json,
    produced_at: dt.datetime,
    suppressed: bool,
    threshold: int,
    disclosure_note: str,
    adopted: str = "",
) -> MemoDocument:
    """The whole annual report as a document model. ``adopted`` is the line that says when
    and by which decision the report was adopted (empty when it is not)."""
    year = int(report["year"])
    maker = TableMaker(suppressed=suppressed, threshold=threshold, note=disclosure_note)
    statements = StatementTables(report, maker)
    memo = {
        "period": str(year),
        "start": f"{year}-01-01",
        "end": f"{year}-12-31",
        "tables": report.get("statistics", {}),
    }
    words = PeriodWords.of(memo)
    extras = memo_extras(management, association_name)
    names = dict(management.get("names", {}))
    tables = Tables(memo, names=names, extras=extras, words=words, maker=maker)
    charts = {chart.key: chart for chart in chart_blocks(report)}
    w = AnnualWriter(texts)

    w.text_section("foreword", 1)
    w.section("management", "Förvaltningsberättelse", 1)
    w.section(
        "overview",
        "Översikt över verksamhetens utveckling",
        2,
        statements.overview(),
        charts.get("income_costs"),
    )
    w.text_section("summary", 2)
    w.text_section("about", 2)
    w.text_section("members", 2, members_table(management, maker))
    w.text_section("board", 2, board_table(management, maker, year))
    w.text_section("conditions", 2)
    w.text_section("events", 2)
    w.text_section("goals", 2, tables.association_goals())
    w.text_section(
        "interventions",
        2,
        interventions_table(management, maker, year),
        tables.funds() if extras.funds else None,
        charts.get("interventions"),
    )
    if extras.ended:
        w.section("ended", f"Insatser som avslutats under {year}", 3)
        w.sections.extend(ended_sections(extras))
    w.text_section("participants", 2, tables.participants(), tables.outcomes())
    w.text_section("internal_control", 2)
    w.text_section(
        "economic_management",
        2,
        statements.balance_requirement(),
        charts.get("results"),
    )
    w.text_section("staff", 2)
    w.text_section("expected", 2)
    w.text_section("economic_comment", 2)
    w.section("income_statement", "Resultaträkning", 1, statements.income_statement())
    w.section("balance_sheet", "Balansräkning", 1, statements.balance_sheet())
    w.section("cash_flow", "Kassaflödesanalys", 1, statements.cash_flow())
    w.text_section("principles", 1)
    w.section("notes", "Noter", 1, *statements.notes())
    w.section("operating", "Driftredovisning", 1, statements.operating_statement())
    numbered = renumber_charts(w.sections)
    return MemoDocument(
        title=f"Årsredovisning {year}",
        subtitle=f"{year}-01-01 – {year}-12-31" + (f" · {adopted}" if adopted else ""),
        association=str(report.get("association", "")),
        association_name=association_name,
        period_code=str(year),
        start=dt.date(year, 1, 1),
        end=dt.date(year, 12, 31),
        produced_at=produced_at,
        suppressed=suppressed,
        threshold=threshold,
        disclosure_note=disclosure_note,
        sections=numbered,
    )


def renumber_charts(sections: list[Section]) -> tuple[Section, ...]:
    """Charts numbered in the order they appear."""
    from dataclasses import replace

    from documents.memo.model import Chart

    number = 0
    result = []
    for section in sections:
        blocks: list[Block] = []
        for block in section.blocks:
            if isinstance(block, Chart):
                number += 1
                block = replace(block, number=number)
            blocks.append(block)
        result.append(replace(section, blocks=tuple(blocks)))
    return tuple(result)
