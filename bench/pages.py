"""The cost of each request of the load test with nothing else running: every page of
``bench/load/locustfile.py`` requested ``--runs`` times one after the other through
Django's test client (no server, no queueing), with the median CPU time of this process
(the server's share; the database's own CPU is in it on SQLite), the median wall time and
the number of SQL queries of one request.

    .venv/bin/python -m bench.pages                               # demo x10 on SQLite
    .venv/bin/python -m bench.pages --association big --period 2025H2   # bench.sqlite3
    .venv/bin/python -m bench.pages --association big --period 2025H2 --profile "memo page"
    .venv/bin/python -m bench.pages --association big --period 2025H2 --downloads 4
    scripts/with-postgres .venv/bin/python -m bench.pages         # the same on PostgreSQL

``--state`` says what the caches hold before each measured request, after one warm-up
request of the same page:

- ``warm`` (default): whatever the warm-up left, as between two changes of the data in
  the load test (the memo cached for the current data version, the key figures for a
  minute);
- ``changed``: the association's data version is bumped first, as after a registration
  (the memo page, the downloads and the API compute the memo again);
- ``answered``: one indicator survey answer is recorded first (an anonymous respondent);
- ``cold``: every cache emptied first (memo, charts, key figures, sessions' rate limits);
- ``registered``: one participant entering today is registered first, through the service
  (the load test's write: it keeps the memos of the years before today's,
  ``stats.versions``).

Prepares the data when the demo association is missing (migrate, ``load_demo``,
``bench.generate --like-demo --factor 10``); for another association (``big`` of
``bench.generate``) the accounts of ``bench.load.prepare`` are created. The registrations
and survey answers are written into the database (as in the load test): use a copy.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bench.env import OUT_DIR, configure, migrate, vendor
from bench.honest import empty_caches, machine_line
from bench.load.accounts import board, office, officers

STATES = ("warm", "changed", "answered", "cold", "registered")
CREATE_LINK = re.compile(r'href="/f/[^/]+/deltagare/insats/(\d+)/ny/"')


@dataclass(frozen=True)
class Page:
    """One request of the load test: who sends it, its name in the locustfile, and how."""

    who: str  # office, board, staff or anonymous
    name: str
    path: str
    post: Callable[[str], dict[str, Any]] | None = None  # the form's body -> POST data
    expect: int = 200


def registration(_body: str) -> dict[str, Any]:
    from bench.load.numbers import registration_data

    return dict(registration_data())


def survey_answer(body: str) -> dict[str, Any]:
    from bench.load.answers import survey_answers

    return survey_answers(body)


def pages(slug: str, period: str, intervention: str, survey: str) -> list[Page]:
    base = f"/f/{slug}"
    query = f"?period={period}" if period else ""
    return [
        Page("office", "dashboard", f"{base}/"),
        Page("office", "memo page", f"{base}/dokument/uppfoljning/{query}"),
        Page("office", "interventions", f"{base}/insatser/"),
        Page("office", "budget", f"{base}/insatser/budget/"),
        Page("office", "quarter overview", f"{base}/oversikt/kvartal/"),
        Page("board", "board quarter overview", f"{base}/oversikt/styrelsen/kvartal/"),
        Page("board", "memo json download", f"{base}/dokument/uppfoljning/ladda-ner/json/{query}"),
        Page("staff", "participants index", f"{base}/deltagare/"),
        Page("staff", "participant list", f"{base}/deltagare/insats/{intervention}/"),
        Page("staff", "registration form", f"{base}/deltagare/insats/{intervention}/ny/"),
        Page(
            "staff",
            "register participant (POST)",
            f"{base}/deltagare/insats/{intervention}/ny/",
            post=registration,
            expect=302,
        ),
        Page("anonymous", "survey form", survey),
        Page("anonymous", "survey answer (POST)", survey, post=survey_answer, expect=302),
    ]


def prepare(slug: str) -> None:
    from django.core.management import call_command

    from bench.like_demo import scale_demo
    from bench.load.prepare import prepare as accounts
    from tenancy.models import Association

    migrate()
    if not Association.objects.filter(slug=slug).exists():
        if slug != "exempel":
            raise SystemExit(f"No association {slug!r} in the database.")
        print("Loading the demo and scaling it tenfold ...", flush=True)
        call_command("load_demo", force=True, stdout=open(os.devnull, "w"))  # noqa: SIM115  closed with the process
        scale_demo(factor=10)
    if slug != "exempel":
        accounts(slug)
    # The production settings serve static files from a manifest (bench/load/settings.py
    # puts them in a temporary directory).
    call_command("collectstatic", interactive=False, verbosity=0)


def survey_answered(association_id: int) -> None:
    """One answer to the indicator survey's form for ongoing participants."""
    from django.utils import timezone
    from django_scopes import scope

    from interventions.models import Intervention
    from survey.instruments import current_instrument
    from survey.services import record_response
    from tenancy.models import Association

    association = Association.objects.get(pk=association_id)
    with scope(association=association_id):
        record_response(
            association=association,
            form=current_instrument().forms["deltagare_pagaende"],
            date=timezone.localdate(),
            values={1: 5},
            intervention=Intervention.objects.filter(association=association).first(),
        )


def registered(association_id: int) -> None:
    """One participant registered, entering today (``registration_data``'s write)."""
    import datetime as dt

    from django.contrib.auth.models import AnonymousUser
    from django_scopes import scope

    from bench.load.numbers import next_personnummer
    from interventions.models import FollowUp, Intervention
    from participants.services import register_entry

    today = dt.date.today()
    with scope(association=association_id):
        intervention = Intervention.objects.filter(follow_up=FollowUp.PERSONAL_DATA)
        register_entry(
            user=AnonymousUser(),
            intervention=intervention.order_by("pk")[0],
            number=next_personnummer(),
            consent_date=today,
            entry_date=today,
            check_access=False,
        )


class Counted:
    """The SQL queries sent while it is installed (an execute wrapper: a request resets
    Django's own query log)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute: Any, sql: str, *rest: Any) -> Any:
        self.count += 1
        return execute(sql, *rest)


def request(client: Any, page: Page) -> tuple[int, str]:
    """One request of ``page`` (a POST first GETs its form, as the locustfile does; only
    the POST is the request measured, so the GET is made by ``before``)."""
    response = client.get(page.path, secure=True)
    return response.status_code, response.content.decode()


def measure(
    client: Any, page: Page, *, runs: int, state: str, association_id: int, profile: bool
) -> dict[str, Any]:
    from django.db import connection

    from stats.cache import bump_data_version

    def before() -> dict[str, Any] | None:
        if state == "cold":
            empty_caches()
        elif state == "changed":
            bump_data_version(association_id)
        elif state == "answered":
            survey_answered(association_id)
        elif state == "registered":
            registered(association_id)
        if page.post is None:
            return None
        _status, body = request(client, Page(page.who, page.name, page.path))
        return page.post(body)

    def send(data: dict[str, Any] | None) -> int:
        if data is None:
            return int(client.get(page.path, secure=True).status_code)
        return int(client.post(page.path, data, secure=True).status_code)

    send(before())  # warm-up
    times, cpu, queries, statuses = [], [], [], []
    profiler = cProfile.Profile() if profile else None
    for _ in range(runs):
        data = before()
        counted = Counted()
        with connection.execute_wrapper(counted):
            if profiler:
                profiler.enable()
            started, started_cpu = time.perf_counter(), time.process_time()
            statuses.append(send(data))
            cpu.append(time.process_time() - started_cpu)
            times.append(time.perf_counter() - started)
            if profiler:
                profiler.disable()
        queries.append(counted.count)
    result: dict[str, Any] = {
        "status": statuses[-1],
        "ok": all(status == page.expect for status in statuses),
        "cpu_ms": statistics.median(cpu) * 1000,
        "wall_ms": statistics.median(times) * 1000,
        "queries": int(statistics.median(queries)),
    }
    if profiler:
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("cumulative").print_stats(45)
        stats.sort_stats("tottime").print_stats(25)
        # The project's own functions (not the virtualenv's), by cumulative time.
        stats.sort_stats("cumulative").print_stats(r"^(?!.*site-packages).*\.py", 40)
        result["profile"] = out.getvalue()
    return result


def concurrent_downloads(slug: str, period: str, count: int, *, rounds: int) -> str:
    """``count`` board users download the memo JSON at the same moment right after a change
    of the data (threads of this process), ``rounds`` times: the memo computations started
    and this process's CPU per round (medians)."""
    import threading

    from django.db import connections
    from django.test import Client

    from stats import memo as memo_module
    from stats.cache import bump_data_version
    from tenancy.models import Association, User

    association = Association.objects.get(slug=slug)
    user = User.objects.get(email=board(slug))
    query = f"?period={period}" if period else ""
    path = f"/f/{slug}/dokument/uppfoljning/ladda-ner/json/{query}"
    computed = 0
    compute = memo_module.compute_memo

    def counted(*args: Any, **kwargs: Any) -> Any:
        nonlocal computed
        computed += 1
        return compute(*args, **kwargs)

    memo_module.compute_memo = counted  # counts, then computes
    clients = []
    for _ in range(count):
        clients.append(Client())
        clients[-1].force_login(user)
    clients[0].get(path, secure=True)  # warm-up
    cpu, calls, statuses = [], [], []

    def download(client: Client) -> None:
        statuses.append(client.get(path, secure=True).status_code)
        connections.close_all()

    for _ in range(rounds):
        bump_data_version(association.pk)
        computed = 0
        started = time.process_time()
        threads = [threading.Thread(target=download, args=(client,)) for client in clients]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        cpu.append(time.process_time() - started)
        calls.append(computed)
    memo_module.compute_memo = compute
    return (
        f"{count} memo JSON downloads at once after a change ({rounds} rounds, statuses "
        f"{sorted(set(statuses))}): {statistics.median(calls):.0f} memo computations, "
        f"{statistics.median(cpu) * 1000:.0f} ms CPU of the process a round (median)"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--association", default=os.environ.get("BENCH_ASSOCIATION", "exempel"))
    parser.add_argument("--period", default=os.environ.get("BENCH_PERIOD", ""))
    parser.add_argument("--state", choices=STATES, default="warm")
    parser.add_argument("--only", action="append", help="a page's name (repeatable)")
    parser.add_argument("--profile", help="cProfile this page's measured runs")
    parser.add_argument(
        "--downloads", type=int, help="only: this many memo JSON downloads at once after a change"
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
    # Personnummer not registered by an earlier run (bench.load.numbers counts from here).
    os.environ.setdefault("BENCH_PNR_OFFSET", str(int(time.time()) % 1_000_000))
    configure(settings_module="bench.load.settings")
    prepare(args.association)
    if args.downloads:
        print(concurrent_downloads(args.association, args.period, args.downloads, rounds=args.runs))
        return
    from django.test import Client

    from bench.load.links import open_links
    from tenancy.models import Association, User

    slug = args.association
    association = Association.objects.get(slug=slug)
    users = {"office": office(slug), "board": board(slug), "staff": officers(slug)[0][0]}
    clients: dict[str, Client] = {}
    for who, email in users.items():
        clients[who] = Client()
        clients[who].force_login(User.objects.get(email=email))
    clients["anonymous"] = Client()
    index = clients["staff"].get(f"/f/{slug}/deltagare/", secure=True).content.decode()
    found = CREATE_LINK.findall(index)
    if not found:
        raise SystemExit("The deltagaransvarig sees no intervention to register in.")
    survey = open_links(slug, 1)[0]
    wanted = [args.profile] if args.profile else args.only
    chosen = [
        page
        for page in pages(slug, args.period, found[0], survey)
        if not wanted or page.name in wanted
    ]
    lines = [
        f"Pages of {slug} on {vendor()} (period {args.period or 'the default'}; caches "
        f"{args.state}; median of {args.runs} runs each after one warm-up, one at a time; "
        f"{machine_line()} at the start):",
        f"  {'page':<30} status   cpu ms  wall ms  queries",
    ]
    profiles = []
    for page in chosen:
        result = measure(
            clients[page.who],
            page,
            runs=args.runs,
            state=args.state,
            association_id=association.pk,
            profile=page.name == args.profile,
        )
        flag = "" if result["ok"] else "  (unexpected status)"
        lines.append(
            f"  {page.name:<30} {result['status']:>6} {result['cpu_ms']:8.1f} "
            f"{result['wall_ms']:8.1f} {result['queries']:8d}{flag}"
        )
        print(lines[-1], flush=True)
        if "profile" in result:
            profiles.append(result["profile"])
    lines.append(f"({machine_line()} at the end)")
    report = "\n".join(lines)
    name = f"pages-{slug}-{args.state}-{vendor()}.txt"
    (OUT_DIR / name).write_text(report + "\n", encoding="utf-8")
    print(report)
    for text in profiles:
        print(text)


if __name__ == "__main__":
    main()
