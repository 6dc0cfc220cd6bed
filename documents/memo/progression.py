"""The memo's progression tables (the ``progression`` table of the memo JSON, computed and
suppressed by ``stats.memo_progression``): one table per progression instrument with a
row per intervention and the total, rendered like every other memo table."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from documents.memo.cells import count_cell, label, mean_cell, share_cell
from documents.memo.model import Row, Table
from documents.memo.tables import Tables

#: Who rated, as the table title says it.
RATERS = {"deltagare": "deltagarens skattning", "personal": "personalens skattning"}

COLUMNS = (
    "Insats",
    "Deltaganden med minst två skattningar",
    "Förbättrats",
    "Oförändrat",
    "Försämrats",
    "Andel förbättrade",
    "Medelförändring",
)


def _cells(row: dict[str, Any]) -> tuple[Any, ...]:
    mean = row.get("mean_change")
    return (
        count_cell(row.get("participations")),
        count_cell(row.get("improved")),
        count_cell(row.get("unchanged")),
        count_cell(row.get("fell")),
        share_cell((row.get("shares") or {}).get("improved")),
        mean_cell(None if mean is None else float(Decimal(str(mean)))),
    )


def progression_tables(tables: Tables) -> list[Table]:
    """One table per instrument that has a participation with two assessments."""
    result: list[Table] = []
    for instrument in tables.tables.get("progression", {}).get("instruments", []):
        rows = [
            Row((label(tables.name(each["intervention"])), *_cells(each)))
            for each in instrument.get("rows", [])
        ]
        rows.append(Row((label("Totalt"), *_cells(instrument.get("total", {}))), kind="total"))
        rater = RATERS.get(instrument.get("rater", ""), instrument.get("rater", ""))
        result.append(
            tables.maker.make(
                f"progression_{len(result) + 1}",
                f"Progression: {instrument['instrument']} ({rater}) {tables.words.ytd}",
                COLUMNS,
                rows,
                notes=(
                    "Deltaganden med minst två skattningar under året; förändringen är "
                    "skillnaden mellan första och senaste skattningens medelvärde.",
                ),
                widths=(3.2, 1.4, 1.1, 1.1, 1.1, 1.1, 1.2),
                sensitive=True,
            )
        )
    return result
