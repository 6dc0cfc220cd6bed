"""The data of the memo's four charts (spec/reports.md section 18), taken from the memo
JSON. A hidden value (``".."``) is not left out silently: the chart draws an empty bar
labelled ``..`` in its place, with a legend line, and the statistics layer's note on what
``..`` hides under the chart."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from documents.memo import formats as f
from documents.memo.labels import EDUCATION, EXIT_REASONS
from documents.memo.model import Chart, ChartSeries

if TYPE_CHECKING:
    from documents.memo.content import PeriodWords

Json = Mapping[str, Any]


def number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def chart_blocks(
    memo: Json, *, names: Mapping[str, str], words: PeriodWords, note: str
) -> list[Chart]:
    tables: Json = memo.get("tables", {})
    charts: list[Chart] = []

    def add(
        key: str,
        title: str,
        categories: list[str],
        series: list[tuple[str, list[object]]],
        **options: Any,
    ) -> None:
        raw = [value for _, values in series for value in values]
        notes = (note,) if note and any(f.is_hidden(value) for value in raw) else ()
        charts.append(
            Chart(
                key=key,
                number=len(charts) + 1,
                title=title,
                categories=tuple(categories),
                series=tuple(
                    ChartSeries(
                        label,
                        tuple(number(v) for v in values),
                        tuple(f.is_hidden(v) for v in values),
                    )
                    for label, values in series
                ),
                notes=notes,
                **options,
            )
        )

    reasons = tables.get("exit_reasons", {}).get("rows", [])
    add(
        "exits",
        f"Avslutade {words.ytd} per avslutningsanledning och kön",
        [EXIT_REASONS.get(row["reason"], row["reason"]) for row in reasons],
        [
            ("Kvinnor", [row["counts"].get("women") for row in reasons]),
            ("Män", [row["counts"].get("men") for row in reasons]),
        ],
        orientation="barh",
        unit="antal",
        whole_numbers=True,
    )

    shares = tables.get("target_group", {}).get("shares", {})
    profile: list[tuple[str, object]] = [
        ("Kvinnor", shares.get("women")),
        ("Män", shares.get("men")),
        ("Yngre än 30 år", (shares.get("under_30") or {}).get("total")),
        (
            "Offentlig försörjning 3 år eller mer",
            (shares.get("public_support_3y_plus") or {}).get("total"),
        ),
    ]
    profile += [
        (EDUCATION.get(level, level), (split or {}).get("total"))
        for level, split in (shares.get("education") or {}).items()
    ]
    add(
        "target_group",
        f"Målgruppens sammansättning {words.ytd} (andel av aktiva deltagare)",
        [title for title, _ in profile],
        [("Andel", [value for _, value in profile])],
        orientation="barh",
        unit="%",
    )

    def per_intervention(key: str) -> tuple[list[Json], list[str]]:
        """The rows of the memo JSON's table ``key`` and their interventions' short names."""
        rows: list[Json] = tables.get(key, {}).get("rows", [])
        return rows, [names.get(row["intervention"], row["intervention"]) for row in rows]

    times, time_names = per_intervention("time_in_intervention")
    add(
        "time_in_intervention",
        f"Genomsnittlig tid i insats (dagar) för avslutade {words.ytd}",
        time_names,
        [
            (label, [(row.get("mean_days") or {}).get(key) for row in times])
            for key, label in (("women", "Kvinnor"), ("men", "Män"), ("total", "Samtliga"))
        ],
        orientation="barh",
        unit="dagar",
    )

    budget, budget_names = per_intervention("budget")
    add(
        "budget",
        f"Förbrukningskvot per insats {words.ytd}",
        budget_names,
        [("Förbrukningskvot", [row.get("consumption_ratio") for row in budget])],
        orientation="barh",
        unit="%",
        reference=100.0,
    )
    return charts
