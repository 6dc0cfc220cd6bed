"""The load test's results as Markdown (``python -m bench.load.summary bench/out/load``):
the machine, the warm-up's logins (apart: not measured with the pages), the measured
window's wall time beside the load average and the CPU the server processes used in it,
p95 per kind of request against the targets, every endpoint, and errors."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import sys
from pathlib import Path
from typing import Any

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


def _logged_at(line: str) -> float | None:
    """The epoch seconds of an access-log line's ``[07/Dec/2026:13:00:37 +0100]``."""
    match = LOGGED_AT.search(line)
    if match is None:
        return None
    return dt.datetime.strptime(match.group(1), "%d/%b/%Y:%H:%M:%S %z").timestamp()


def server_times(
    access_log: Path, since: float | None = None, until: float | None = None
) -> dict[str, list[float]]:
    """Milliseconds per request path (numbers as N) from gunicorn's access log, when its
    format ends with the request time (``%(M)s``, as run.sh sets): the time in the worker,
    without the wait for a free worker. With ``since`` and ``until`` (epoch seconds) only
    the requests logged in between (the measured window, to the second)."""
    times: dict[str, list[float]] = {}
    if not access_log.exists():
        return times
    for line in access_log.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split('"')
        last = line.rsplit(" ", 1)[-1]
        if len(parts) < 2 or not last.isdigit():
            continue
        if since is not None and until is not None:
            at = _logged_at(line)
            if at is None or not since <= at <= until:
                continue
        request = parts[1].split()
        if len(request) < 2:
            continue
        path = SURVEY_LINK.sub(r"\1LINK/", request[1].split("?")[0])
        path = re.sub(r"\d+", "N", path)
        times.setdefault(f"{request[0]} {path}", []).append(float(last))
    return times


def _p(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


LOGGED_AT = re.compile(r"\[(\d{2}/\w{3}/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4})\]")

#: an anonymous survey link's token: one row for all links
SURVEY_LINK = re.compile(r"^(/enkat/[^/]+/)[^/]+/")

#: window.json's process groups, as the summary names them
PROCESSES = {
    "gunicorn": "gunicorn (master and workers)",
    "postgresql": "PostgreSQL (server and backends)",
    "locust": "Locust (the client, same machine)",
}


def _load(values: list[float]) -> str:
    return " / ".join(f"{value:.2f}" for value in values) or "n/a"


def window_lines(report: dict[str, Any], requests: int) -> list[str]:
    """The warm-up's logins and the measured window's machine figures (``window.json``)."""
    lines: list[str] = []
    warmup = report["warmup"]
    lines += [
        f"Warm-up (not measured): {warmup['users_ready']} of {report['users']} users logged "
        f"in once in {warmup['seconds']} s (bound {warmup['bound_seconds']:.0f} s).",
        "",
        "| login request (warm-up) | count | failures | median ms | p95 ms | max ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, c in warmup["logins"].items():
        lines.append(
            f"| {name} | {c['requests']} | {c['failures']} | {c['median_ms']} | {c['p95_ms']} "
            f"| {c['max_ms']} |"
        )
    window = report.get("window")
    if window is None:
        return [*lines, "", "The measured window did not start (the warm-up did not end)."]
    seconds = window["seconds"]
    lines += [
        "",
        f"Measured window: {seconds} s of wall time (planned {report['window_planned_seconds']:.0f}"
        f" s); load average (1 / 5 / 15 min) {_load(window['load_start'])} at its start, "
        f"{_load(window['load_end'])} at its end.",
        "",
        "| processes | CPU s in the window | cores busy (CPU s / wall s) |",
        "|---|---:|---:|",
    ]
    for key, label in PROCESSES.items():
        cpu = window["cpu_seconds"].get(key)
        busy = f"{cpu / seconds:.2f}" if cpu is not None and seconds else "n/a"
        lines.append(f"| {label} | {'n/a' if cpu is None else f'{cpu:.1f}'} | {busy} |")
    server = [window["cpu_seconds"].get(key) for key in ("gunicorn", "postgresql")]
    if requests and all(cpu is not None for cpu in server):
        per_request = 1000 * sum(cpu for cpu in server if cpu is not None) / requests
        lines += [
            "",
            f"Server CPU (gunicorn + PostgreSQL) per request in the window: "
            f"{per_request:.0f} ms over {requests} requests.",
        ]
    return lines


def summary(out: Path) -> str:
    lines = ["## Load test", ""]
    machine = out / "machine.txt"
    if machine.exists():
        lines += [f"- {line}" for line in machine.read_text(encoding="utf-8").splitlines()]
        lines.append("")
    categories = json.loads((out / "categories.json").read_text(encoding="utf-8"))
    report = out / "window.json"
    since = until = None
    if report.exists():
        requests = sum(c["requests"] for c in categories.values())
        measured = json.loads(report.read_text(encoding="utf-8"))
        lines += window_lines(measured, requests)
        lines += ["", "In the measured window:", ""]
        if measured.get("window"):
            since = measured["window"]["start"]["wall"]
            until = since + measured["window"]["seconds"]
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
        if row["Request Count"] == "0":
            continue  # a login of the warm-up: reset with the window's start
        lines.append(
            f"| {row['Name']} | {row['Request Count']} | {row['Failure Count']} "
            f"| {row['50%']} | {row['95%']} | {row['99%']} | {float(row['Max Response Time']):.0f} "
            f"| {float(row['Requests/s']):.2f} |"
        )
    served = server_times(out / "access.log", since, until)
    if served:
        lines += [
            "",
            "Time in the gunicorn worker (no queueing for a free worker)"
            + (", requests logged in the measured window:" if since is not None else ":"),
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
