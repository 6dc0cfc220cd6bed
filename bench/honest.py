"""What every benchmark shares so that its figures cannot be produced by a cache or hide
the machine's state: emptying every cache before each measured run, and one line that
says how loaded the machine was."""

from __future__ import annotations

import os
import time
from collections.abc import Callable

#: Printed by each benchmark so a reader knows what was measured.
CACHE_NOTE = "every run starts with every cache emptied (memo, charts, key figures)"


def empty_caches() -> None:
    """Empty every configured cache (memo, drawn charts, dashboard key figures, rate
    limits), so the next run computes everything it shows."""
    from django.core.cache import caches

    for cache in caches.all(initialized_only=False):
        cache.clear()


def timed_runs(action: Callable[[], object], runs: int) -> tuple[list[float], list[float]]:
    """``runs`` runs of ``action``, each from empty caches: their wall-clock and CPU times
    (of this process) in seconds."""
    times, cpu = [], []
    for _ in range(runs):
        empty_caches()
        started, started_cpu = time.perf_counter(), time.process_time()
        action()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return times, cpu


def machine_line() -> str:
    one, five, _fifteen = os.getloadavg()
    return f"load average {one:.1f} (5 min {five:.1f}) on {os.cpu_count()} cores"


class QueryCountsDiffer(AssertionError):
    """The query count of a download depends on the number of interventions."""


def compare_query_counts(small: dict[str, int], big: dict[str, int]) -> list[str]:
    """Lines comparing two cold query counts per format; raises when any differ (after
    the lines are built, so the caller can print them first through ``lines``)."""
    lines = []
    differ = []
    for name in big:
        same = small.get(name) == big[name]
        if not same:
            differ.append(name)
        lines.append(
            f"  {name:<22} {small.get(name, 0):4d}  {big[name]:4d}  "
            + ("same" if same else "DIFFERENT")
        )
    if differ:
        raise QueryCountsDiffer("\n".join([*lines, f"Query counts differ: {', '.join(differ)}"]))
    return lines
