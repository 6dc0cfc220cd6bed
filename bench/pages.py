"""The cost of each page of the load test with nothing else running: every page requested
``--runs`` times one after the other through Django's test client (no server, no
queueing), with the median time and the number of SQL queries.

    .venv/bin/python -m bench.pages                         # demo x10 on SQLite (bench/out/)
    scripts/with-postgres .venv/bin/python -m bench.pages   # the same on PostgreSQL

Prepares the data when the demo association is missing (migrate, ``load_demo``,
``bench.generate --like-demo --factor 10``). Pages are those of ``bench/load/locustfile.py``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from typing import Any

from bench.env import OUT_DIR, configure, migrate, vendor
from bench.honest import CACHE_NOTE, empty_caches, machine_line
from bench.load.accounts import ASSOCIATION, BOARD, OFFICE, officers

BASE = f"/f/{ASSOCIATION}"
PAGES = (
    (OFFICE, "dashboard", f"{BASE}/"),
    (OFFICE, "interventions", f"{BASE}/insatser/"),
    (OFFICE, "budget", f"{BASE}/insatser/budget/"),
    (OFFICE, "quarter overview", f"{BASE}/oversikt/kvartal/"),
    (OFFICE, "memo page", f"{BASE}/dokument/uppfoljning/"),
    (BOARD, "board quarter overview", f"{BASE}/oversikt/styrelsen/kvartal/"),
    (BOARD, "memo json download", f"{BASE}/dokument/uppfoljning/ladda-ner/json/"),
    (None, "participants index", f"{BASE}/deltagare/"),
)


def prepare() -> None:
    from django.core.management import call_command

    from bench.like_demo import scale_demo
    from tenancy.models import Association

    migrate()
    if not Association.objects.filter(slug=ASSOCIATION).exists():
        print("Loading the demo and scaling it tenfold ...", flush=True)
        call_command("load_demo", force=True, stdout=open(os.devnull, "w"))  # noqa: SIM115  closed with the process
        scale_demo(factor=10)
    # The production settings serve static files from a manifest (bench/load/settings.py
    # puts them in a temporary directory).
    call_command("collectstatic", interactive=False, verbosity=0)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
    configure(settings_module="bench.load.settings")
    prepare()
    from django.db import connection
    from django.test import Client

    from tenancy.models import User

    staff = officers()[0][0]
    lines = [
        f"Pages on {vendor()} ({args.runs} runs each after one warm-up, one at a time;",
        f"{CACHE_NOTE}; {machine_line()} at the start):",
    ]
    for email, name, path in PAGES:
        client = Client()
        client.force_login(User.objects.get(email=email or staff))
        queries: list[str] = []

        def count(execute: Any, sql: str, *rest: Any) -> Any:
            queries.append(sql)  # noqa: B023 - used within this iteration only
            return execute(sql, *rest)

        # An execute wrapper, not CaptureQueriesContext: a request resets the query log.
        empty_caches()
        with connection.execute_wrapper(count):
            status = client.get(path, secure=True).status_code
        times, cpu = [], []
        for _ in range(args.runs):
            empty_caches()
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get(path, secure=True)
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        lines.append(
            f"  {name:<24} {status}  median {statistics.median(times) * 1000:7.0f} ms  "
            f"min {min(times) * 1000:7.0f} ms  cpu {statistics.median(cpu) * 1000:7.0f} ms  "
            f"{len(queries):4d} queries"
        )
    lines.append(f"({machine_line()} at the end)")
    report = "\n".join(lines)
    (OUT_DIR / f"pages-{vendor()}.txt").write_text(report + "\n", encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
