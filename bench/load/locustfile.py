"""Locust scenario of the load test (run it with ``bench/load/run.sh``): the demo association
scaled tenfold (or, with ``BENCH_ASSOCIATION``, a generated association of the national
host), three kinds of users and anonymous survey respondents.

- office (förbundsadministratör): dashboard, interventions, budget, quarter overview, memo
  page;
- staff (deltagaransvarig): logs in with password and TOTP (allauth's second step, codes
  from the account's fixed secret), lists the participants of an intervention and registers
  new participants with valid synthetic personnummer;
- board (styrelse): dashboard, the board's quarter overview, memo page, memo JSON download;
- respondents (no login): answer the indicator survey through an anonymous link (the form,
  the answer with a random choice per question, the thank-you page); the links are opened
  by ``bench.load.links`` and read from ``$BENCH_LOAD_OUT/links.json``.

Warm-up (not measured): every simulated user logs in once (as real users log in once a
day, not all in the same minutes), then waits until all have; only then does the measured
window of ``BENCH_DURATION`` start: Locust's statistics are reset and the page, write and
download times are recorded from there. The logins' times are kept apart
(``$BENCH_LOAD_OUT/window.json``) with the warm-up's length, the window's wall time, the
load average at its start and end and the CPU seconds of gunicorn, PostgreSQL and the
Locust client in it (``bench.load.window``). The warm-up is bounded by
``BENCH_WARMUP_MAX`` seconds (300): users not logged in by then are measured anyway.

The server is reached as if through the production proxy that terminates TLS: every
request carries ``X-Forwarded-Proto: https`` and an ``X-Forwarded-For`` address of its own
per simulated user (``bench.load.settings`` trusts one proxy). Per-request timings are
grouped (page, download, login, write) and written to ``$BENCH_LOAD_OUT/categories.json``
when the run stops. Only loopback hosts are accepted.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import time
from collections import defaultdict
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import gevent  # type: ignore[import-untyped]  # gevent ships no type hints
from gevent.event import Event  # type: ignore[import-untyped]  # gevent ships no type hints
from locust import FastHttpUser, between, events, task
from locust.util.timespan import parse_timespan

from bench.load import window as measured
from bench.load.accounts import ASSOCIATION, BOARD, DEMO_PASSWORD, OFFICE, officers
from bench.load.answers import survey_answers
from bench.load.numbers import registration_data
from bench.load.totp import seconds_left, totp

BASE = f"/f/{ASSOCIATION}"
#: The memo's period (``BENCH_PERIOD``, e.g. 2025H2 for a generated association whose data
#: ends in 2025); by default the page's own (the current half-year).
MEMO_QUERY = f"?period={os.environ['BENCH_PERIOD']}" if os.environ.get("BENCH_PERIOD") else ""
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CREATE_LINK = re.compile(rf'href="{BASE}/deltagare/insats/(\d+)/ny/"')
WAIT = (float(os.environ.get("BENCH_WAIT_MIN", "3")), float(os.environ.get("BENCH_WAIT_MAX", "10")))

LINKS_FILE = Path(os.environ.get("BENCH_LOAD_OUT", "bench/out/load")) / "links.json"
LINKS: list[str] = json.loads(LINKS_FILE.read_text()) if LINKS_FILE.exists() else []

_addresses = itertools.count(1)
_officers = itertools.cycle(officers())
#: In the measured window: category -> response times (ms); category -> failures
TIMES: dict[str, list[float]] = defaultdict(list)
FAILURES: dict[str, int] = defaultdict(int)
#: In the warm-up: login request name -> response times (ms); name -> failures
WARMUP_TIMES: dict[str, list[float]] = defaultdict(list)
WARMUP_FAILURES: dict[str, int] = defaultdict(int)

#: The measured window's length (after the warm-up) and the warm-up's bound, in seconds.
DURATION = parse_timespan(os.environ.get("BENCH_DURATION", "5m"))
WARMUP_MAX = float(os.environ.get("BENCH_WARMUP_MAX", "300"))


class Phase:
    """Warm-up, then the measured window (``measuring`` set), then done."""

    measuring = Event()
    done = False
    ready = 0
    warmup_start: measured.Sample | None = None
    start: measured.Sample | None = None
    end: measured.Sample | None = None
    servers: dict[str, int | None] = {}


def users_wanted(environment: Any) -> int:
    options = getattr(environment, "parsed_options", None)
    return int(getattr(options, "num_users", 0) or environment.runner.target_user_count or 0)


@events.test_start.add_listener
def start_warmup(environment: Any, **_kwargs: Any) -> None:
    Phase.servers = measured.servers_from_environment()
    Phase.warmup_start = measured.sample(Phase.servers)
    gevent.spawn_later(WARMUP_MAX, begin_measuring, environment)


def warmed_up(environment: Any) -> None:
    """One more user has logged in (or tried to); the last one starts the window."""
    Phase.ready += 1
    if Phase.ready >= users_wanted(environment):
        begin_measuring(environment)


def begin_measuring(environment: Any) -> None:
    if Phase.measuring.is_set():
        return
    Phase.start = measured.sample(Phase.servers)
    environment.stats.reset_all()
    TIMES.clear()
    FAILURES.clear()
    Phase.measuring.set()
    gevent.spawn_later(DURATION, end_measuring, environment)


def end_measuring(environment: Any) -> None:
    if Phase.end is None:
        Phase.end = measured.sample(Phase.servers)
    Phase.done = True
    environment.runner.quit()


def category(name: str) -> str:
    return name.split(":", 1)[0]


@events.init.add_listener
def refuse_remote_hosts(environment: Any, **_kwargs: Any) -> None:
    host = urlparse(environment.host or "").hostname
    if host not in LOOPBACK:
        raise SystemExit(f"The load test runs against loopback only, not {host!r}.")


@events.request.add_listener
def record(name: str, response_time: float, exception: Any, **_kwargs: Any) -> None:
    if Phase.done:
        return  # finished after the window (while the users stop)
    if not Phase.measuring.is_set():
        if category(name) == "login":
            WARMUP_TIMES[name].append(response_time)
            WARMUP_FAILURES[name] += exception is not None
        return  # the warm-up's other requests (a staff user's first list) are not measured
    TIMES[category(name)].append(response_time)
    if exception is not None:
        FAILURES[category(name)] += 1


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))
    return ordered[index]


def times_summary(times: dict[str, list[float]], failures: dict[str, int]) -> dict[str, Any]:
    return {
        name: {
            "requests": len(values),
            "failures": failures.get(name, 0),
            "median_ms": round(percentile(values, 0.5), 1),
            "p95_ms": round(percentile(values, 0.95), 1),
            "p99_ms": round(percentile(values, 0.99), 1),
            "max_ms": round(max(values), 1) if values else 0.0,
        }
        for name, values in sorted(times.items())
    }


@events.quitting.add_listener
def write_categories(environment: Any, **_kwargs: Any) -> None:
    out = Path(os.environ.get("BENCH_LOAD_OUT", "bench/out/load"))
    out.mkdir(parents=True, exist_ok=True)
    summary = times_summary(TIMES, FAILURES)
    (out / "categories.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    if Phase.end is None:
        Phase.end = measured.sample(Phase.servers)
    warmup = Phase.warmup_start
    report = {
        "users": users_wanted(environment),
        "warmup": {
            "seconds": round((Phase.start or Phase.end).wall - warmup.wall, 1) if warmup else None,
            "users_ready": Phase.ready,
            "bound_seconds": WARMUP_MAX,
            "logins": times_summary(WARMUP_TIMES, WARMUP_FAILURES),
        },
        "window": measured.window(Phase.start, Phase.end) if Phase.start else None,
        "window_planned_seconds": DURATION,
    }
    (out / "window.json").write_text(json.dumps(report, indent=2), encoding="utf-8")


def wait_for_the_window(user: Any) -> None:
    """The end of a user's warm-up: wait until every user has logged in, then a think time
    of its own, so that the users do not all send their first request at the same moment."""
    warmed_up(user.environment)
    Phase.measuring.wait()
    gevent.sleep(user.wait_time())


def behind_the_proxy(user: FastHttpUser, *, subnet: int) -> tuple[dict[str, str], dict[str, str]]:
    """Let ``user``'s client send its Secure cookies over http and return the headers of its
    GET and POST requests as if they came through the production proxy: a client address of
    its own in ``10.<subnet>.x.y`` and, for POST, the ``Origin`` of the https site."""
    # The session and CSRF cookies are Secure (``__Host-``); the client talks plain http
    # to the loopback server behind the "proxy", so it must send them over http.
    user.client.cookiejar.set_policy(DefaultCookiePolicy(secure_protocols=("https", "http")))
    host = urlparse(str(user.host)).netloc
    address = next(_addresses)
    headers = {
        "X-Forwarded-Proto": "https",
        "X-Forwarded-For": f"10.{subnet}.{address // 250}.{address % 250 + 1}",
    }
    return headers, {**headers, "Origin": f"https://{host}"}


class FinsamUser(FastHttpUser):
    abstract = True
    wait_time = between(*WAIT)
    email = ""
    secret: str | None = None

    def on_start(self) -> None:
        self.headers, self.post_headers = behind_the_proxy(self, subnet=0)
        self.login()
        self.prepare()
        wait_for_the_window(self)

    def prepare(self) -> None:
        """What the user does once after logging in, in the warm-up."""

    # -- requests ------------------------------------------------------------------------

    def page(self, path: str, name: str, *, expect: int = 200) -> str:
        """GET ``path``; anything but ``expect`` is a failure. Returns the body."""
        with self.client.get(
            path, headers=self.headers, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != expect:
                response.failure(f"{response.status_code} from {name}")
                return ""
            return response.text or ""

    def form(
        self, path: str, form_name: str, name: str, data: dict[str, Any], *, expect: int = 302
    ) -> Any:
        """GET the form at ``path`` (as ``form_name``) for its CSRF token, then POST
        ``data`` to it (as ``name``)."""
        body = self.page(path, form_name)
        token = CSRF.search(body)
        if token is None:
            return None
        with self.client.post(
            path,
            data={"csrfmiddlewaretoken": token.group(1), **data},
            headers=self.post_headers,
            name=name,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != expect:
                response.failure(f"{response.status_code} from {name}")
                return None
            return response

    def login(self) -> None:
        response = self.form(
            "/accounts/login/",
            "login: form",
            "login: password",
            {"login": self.email, "password": DEMO_PASSWORD},
        )
        if response is None or self.secret is None:
            return
        if "/accounts/2fa/authenticate/" not in (response.headers.get("Location") or ""):
            return
        for _attempt in range(3):  # bounded: a code already used waits for the next step
            if seconds_left() < 2:
                time.sleep(seconds_left() + 0.5)
            done = self.form(
                "/accounts/2fa/authenticate/",
                "login: totp form",
                "login: totp",
                {"code": totp(self.secret)},
            )
            if done is not None:
                return
            time.sleep(seconds_left() + 0.5)


def page_task(weight: int, path: str, name: str) -> Any:
    """A task of weight ``weight`` that reads the page at ``path`` (below the association)
    and records it as ``name``."""

    @task(weight)
    def read(user: FinsamUser) -> None:
        user.page(f"{BASE}{path}", name)

    return read


class Reader(FinsamUser):
    """The office's and the board's common reading: the dashboard and the memo page."""

    abstract = True

    dashboard = page_task(3, "/", "page: dashboard")
    memo = page_task(1, f"/dokument/uppfoljning/{MEMO_QUERY}", "page: memo")


class OfficeUser(Reader):
    weight = 4
    email = OFFICE

    interventions = page_task(2, "/insatser/", "page: interventions")
    budget = page_task(2, "/insatser/budget/", "page: budget")
    quarter = page_task(2, "/oversikt/kvartal/", "page: quarter overview")


class StaffUser(FinsamUser):
    weight = 3

    def on_start(self) -> None:
        self.email, self.secret = next(_officers)
        super().on_start()

    def prepare(self) -> None:
        body = self.page(f"{BASE}/deltagare/", "page: participants index")
        self.interventions = sorted(set(CREATE_LINK.findall(body)))

    @task(3)
    def participants(self) -> None:
        if self.interventions:
            pk = random.choice(self.interventions)
            self.page(f"{BASE}/deltagare/insats/{pk}/", "page: participant list")

    @task(2)
    def register(self) -> None:
        if not self.interventions:
            return
        pk = random.choice(self.interventions)
        self.form(
            f"{BASE}/deltagare/insats/{pk}/ny/",
            "page: registration form",
            "write: register participant",
            registration_data(),
        )

    index = page_task(1, "/deltagare/", "page: participants index")


class BoardUser(Reader):
    weight = 3
    email = BOARD

    quarter = page_task(2, "/oversikt/styrelsen/kvartal/", "page: board quarter overview")
    memo_json = page_task(
        1, f"/dokument/uppfoljning/ladda-ner/json/{MEMO_QUERY}", "download: memo json"
    )


class Respondent(FastHttpUser):
    """A participant answering the survey through an anonymous link: no login."""

    weight = 3
    wait_time = between(*WAIT)

    def on_start(self) -> None:
        self.headers, self.post_headers = behind_the_proxy(self, subnet=1)
        wait_for_the_window(self)

    @task
    def answer(self) -> None:
        if not LINKS:
            return
        path = random.choice(LINKS)
        with self.client.get(
            path, headers=self.headers, name="page: survey form", catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} from survey form")
                return
            body = response.text or ""
        token = CSRF.search(body)
        if token is None:
            return
        with self.client.post(
            path,
            data={"csrfmiddlewaretoken": token.group(1), **survey_answers(body)},
            headers=self.post_headers,
            name="write: survey answer",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"{response.status_code} from survey answer")
                return
        with self.client.get(
            f"{path}tack/", headers=self.headers, name="page: survey thanks", catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} from survey thanks")
