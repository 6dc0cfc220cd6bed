"""Smoke test of the national-host benchmark at a tiny size on the test database, so that it
cannot rot: it generates, measures every memo format, document and page, and explains the
heaviest queries. Nothing is timed here (benchmarks are run by hand: docs/performance.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.national import other_rows, parser, run, sizes
from participants.models import Participation
from tenancy.models import Association


def test_sizes_run_from_the_largest_down_to_a_twentieth() -> None:
    assert (sizes(75, 1.0)[:2], sizes(75, 1.0)[-1], sum(sizes(75, 1.0))) == (
        [20_000, 19_743],
        1_000,
        787_500,
    )


def test_largest_scale_sizes_the_largest_apart() -> None:
    assert sizes(3, 0.1, largest_scale=1.0) == [20_000, 1_050, 100]


def test_other_rows_flags_filtered_association_rows_and_sequential_scans() -> None:
    plan = [
        "Bitmap Heap Scan on participants_participation  (cost=1..2 rows=3)",
        "  Recheck Cond: (intervention_id = 5)",
        "  Filter: (association_id = 7)",
        "  Rows Removed by Filter: 120",
        "  ->  Bitmap Index Scan on participation_intervention_idx",
        "Seq Scan on followup_deviation  (cost=0..1 rows=1)",
        "Index Scan using x on interventions_intervention",
        "  Filter: (association_id = 7)",
        "  Rows Removed by Filter: 0",
    ]

    assert other_rows(plan) == [
        "Bitmap Heap Scan on participants_participation  (cost=1..2 rows=3) | "
        "Rows Removed by Filter: 120",
        "Seq Scan on followup_deviation  (cost=0..1 rows=1)",
    ]


@pytest.mark.django_db
def test_national_benchmark_runs_at_a_tiny_size(tmp_path: Path) -> None:
    out = tmp_path / "national.json"
    args = parser().parse_args(
        [
            "--associations=2",
            "--scale=0.003",
            "--runs=0",
            "--sie-rows=60",
            "--plans=3",
            "--memo-formats=json,xlsx",
            "--skip=pdf,docx,memo page",
            f"--out={out}",
        ]
    )

    result = run(args)

    names = [timing["name"] for timing in result["largest"]]
    statuses = {t["name"]: t["status"] for t in result["largest"] if t["status"] is not None}
    assert (
        Association.objects.filter(slug__startswith="nat-").count(),
        Participation.objects.filter(association__slug="nat-00").count(),
        names[:2],
        len(names),
        set(statuses.values()),
        [t["name"] for t in result["small"]] == names,
        out.exists(),
        out.with_name("national-plans.txt").read_text().count("-- params:"),
    ) == (2, 60, ["memo json", "memo xlsx"], 14, {200}, True, True, 3)
