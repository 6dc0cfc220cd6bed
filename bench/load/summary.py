"""The load test's results as Markdown (``python -m bench.load.summary bench/out/load``):
the machine, p95 per kind of request against the targets, every endpoint, and errors."""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

#: p95 targets in milliseconds per kind of request (login has none: it hashes a password).
TARGETS = {"page": 150.0, "write": 300.0, "download": 3000.0}


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def server_errors(access_log: Path) -> int:
    """Responses with a 5xx status in gunicorn's access log (common log format)."""
    if not access_log.exists():
        return 0
    count = 0
    for line in access_log.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split('"')
        if len(parts) > 2 and parts[2].split()[:1] and parts[2].split()[0].startswith("5"):
            count += 1
    return count


def server_times(access_log: Path) -> dict[str, list[float]]:
    """Milliseconds per request path (numbers as N) from gunicorn's access log, when its
    format ends with the request time (``%(M)s``, as run.sh sets): the time in the worker,
    without the wait for a free worker."""
    times: dict[str, list[float]] = {}
    if not access_log.exists():
        return times
    for line in access_log.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split('"')
        last = line.rsplit(" ", 1)[-1]
        if len(parts) < 2 or not last.isdigit():
            continue
        request = parts[1].split()
        if len(request) < 2:
            continue
        path = re.sub(r"\d+", "N", request[1].split("?")[0])
        times.setdefault(f"{request[0]} {path}", []).append(float(last))
    return times


def _p(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def summary(out: Path) -> str:
    lines = ["## Load test", ""]
    machine = out / "machine.txt"
    if machine.exists():
        lines += [f"- {line}" for line in machine.read_text(encoding="utf-8").splitlines()]
        lines.append("")
    categories = json.loads((out / "categories.json").read_text(encoding="utf-8"))
    lines += [
        "| kind | requests | failures | median ms | p95 ms | p99 ms | max ms | p95 target |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, c in categories.items():
        target = TARGETS.get(name)
        verdict = "–"
        if target is not None:
            verdict = f"< {target:.0f} ms: " + ("ok" if c["p95_ms"] < target else "**missed**")
        lines.append(
            f"| {name} | {c['requests']} | {c['failures']} | {c['median_ms']} | {c['p95_ms']} "
            f"| {c['p99_ms']} | {c['max_ms']} | {verdict} |"
        )
    lines += [
        "",
        "| endpoint | requests | failures | median ms | p95 ms | p99 ms | max ms | req/s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    stats = _rows(out / "locust_stats.csv")
    for row in stats:
        lines.append(
            f"| {row['Name']} | {row['Request Count']} | {row['Failure Count']} "
            f"| {row['50%']} | {row['95%']} | {row['99%']} | {float(row['Max Response Time']):.0f} "
            f"| {float(row['Requests/s']):.2f} |"
        )
    served = server_times(out / "access.log")
    if served:
        lines += [
            "",
            "Time in the gunicorn worker (no queueing for a free worker):",
            "",
            "| request | count | median ms | p95 ms | max ms |",
            "|---|---:|---:|---:|---:|",
        ]
        for name, values in sorted(served.items()):
            lines.append(
                f"| {name} | {len(values)} | {_p(values, 0.5):.0f} | {_p(values, 0.95):.0f} "
                f"| {max(values):.0f} |"
            )
    failures = sum(c["failures"] for c in categories.values())
    errors = server_errors(out / "access.log")
    lines += [
        "",
        f"Failures seen by Locust: {failures}. 5xx responses in the access log: {errors}.",
    ]
    for row in _rows(out / "locust_failures.csv"):
        lines.append(f"- {row.get('Occurrences')} x {row.get('Name')}: {row.get('Error')}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(summary(Path(sys.argv[1] if len(sys.argv) > 1 else "bench/out/load")))
