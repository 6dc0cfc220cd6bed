"""The memo of a large association just after its first registrations of a year: a few new
participations make small counts (1-4) in a table of large ones, and the year's disclosure
control (``stats.year_suppression``) must then search the combined table of every quarter
end. The dashboard's key figures compute the same memo for the current half-year.

    .venv/bin/python -m bench.early_year --registrations 8          # SQLite (bench/out/)
    scripts/with-postgres .venv/bin/python -m bench.early_year

Moves ``--registrations`` participations of the association's two largest interventions
with personal data to entries in December of ``--year`` (open, no exit), times
``stats.memo.memo_json`` of ``<year>H2`` from empty caches with each disclosure search of
the year (``disclosure_periods.suppress``: cells, sums, cells hidden, CPU), and rolls the
change back: the benchmark data is left as it was. The association is generated first when
missing (``bench.generate``, 20 000 participations). Not part of the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from typing import Any

from bench.env import configure, migrate
from bench.honest import CACHE_NOTE, empty_caches, machine_line


class RolledBack(Exception):
    """Raised to roll the moved participations back."""


def register_early(association: Any, registrations: int, year: int) -> list[int]:
    """Move ``registrations`` participations to December of ``year``; their ids."""
    from django.db.models import Count
    from django_scopes import scope

    from interventions.models import FollowUp, Intervention
    from participants.models import Participation

    with scope(association=association.pk):
        largest = list(
            Intervention.objects.filter(association=association, follow_up=FollowUp.PERSONAL_DATA)
            .annotate(n=Count("participations"))
            .order_by("-n", "pk")
            .values_list("pk", flat=True)[:2]
        )
        chosen = list(
            Participation.objects.filter(
                association=association, intervention_id__in=largest, person__isnull=False
            )
            .exclude(exit_reason="felregistrering")
            .order_by("pk")
            .values_list("pk", flat=True)[:registrations]
        )
        for number, pk in enumerate(chosen):
            Participation.objects.filter(pk=pk).update(
                entry_date=dt.date(year, 12, 1) + dt.timedelta(days=number % 5),
                exit_date=None,
                exit_reason="",
                work_extent=None,
            )
    return chosen


def timed_memo(association: Any, period: str) -> tuple[float, list[str]]:
    """CPU seconds of ``memo_json`` from empty caches, and one line per disclosure search."""
    import stats.disclosure_periods as periods
    from stats.memo import memo_json

    lines: list[str] = []
    original = periods.suppress

    def suppress(table: Any, k: int, **kwargs: Any) -> Any:
        started = time.process_time()
        result = original(table, k, **kwargs)
        kind = "joint" if "hidden_before" in kwargs else "alone"
        lines.append(
            f"  {kind} search: {len(table.values):5d} cells {len(table.sums):5d} sums "
            f"{len(result.hidden):4d} hidden  cpu {(time.process_time() - started) * 1000:8.0f} ms"
        )
        return result

    periods.suppress = suppress  # type: ignore[assignment]  # a timing wrapper
    try:
        empty_caches()
        started = time.process_time()
        memo_json(association, period)
        return time.process_time() - started, lines
    finally:
        periods.suppress = original


def run(slug: str, registrations: int, year: int) -> dict[str, Any]:
    from django.db import transaction

    from bench.memo import ensure_association

    association = ensure_association(slug, interventions=60, scale=1.0)
    period = f"{year}H2"
    print(f"Memo {period} of {slug}; {CACHE_NOTE}; {machine_line()}")
    before, _lines = timed_memo(association, period)
    print(f"  without registrations in {year}: cpu {before * 1000:8.0f} ms")
    result: dict[str, Any] = {"before": before}
    try:
        with transaction.atomic():
            moved = register_early(association, registrations, year)
            after, lines = timed_memo(association, period)
            result |= {"moved": len(moved), "after": after, "searches": lines}
            raise RolledBack
    except RolledBack:
        pass
    print(f"  {result['moved']} participations registered in December {year} (rolled back):")
    print("\n".join(result["searches"]))
    print(f"  memo JSON: cpu {result['after'] * 1000:8.0f} ms; {machine_line()}")
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--association", default="big")
    parser.add_argument("--registrations", type=int, default=8)
    parser.add_argument("--year", type=int, default=2026)
    args = parser.parse_args(argv)
    configure()
    migrate()
    run(args.association, args.registrations, args.year)


if __name__ == "__main__":
    main()
