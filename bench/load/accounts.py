"""The accounts the load test logs in with: the demo's office and board users, the demo's
two deltagaransvariga, and extra deltagaransvariga that ``bench.generate --like-demo``
creates (each with its own TOTP secret, so that simulated users never present the same
one-time code twice in a 30-second step, which allauth refuses).

With ``BENCH_ASSOCIATION`` set to a generated association of the national host (e.g.
``nat-00``, the largest), the same kinds of accounts of that association, which
``python -m bench.load.prepare`` creates: ``load.office@<slug>.bench.invalid``,
``load.board@<slug>.bench.invalid`` and ``bench.deltagare.NN@<slug>.bench.invalid``.

Public secrets of synthetic test accounts, like the demo's. No Django imports: Locust
imports this module too.
"""

from __future__ import annotations

import os

DEMO_PASSWORD = "finsam-demo-2026"  # noqa: S105 - the public demo password
ASSOCIATION = os.environ.get("BENCH_ASSOCIATION", "exempel")


def domain(slug: str) -> str:
    return "exempel.se" if slug == "exempel" else f"{slug}.bench.invalid"


def office(slug: str) -> str:
    return "admin@exempel.se" if slug == "exempel" else f"load.office@{domain(slug)}"


def board(slug: str) -> str:
    return "styrelse@exempel.se" if slug == "exempel" else f"load.board@{domain(slug)}"


OFFICE = office(ASSOCIATION)
BOARD = board(ASSOCIATION)
#: The demo's deltagaransvariga (demo.data.exempel) and their TOTP secrets.
DEMO_OFFICERS = {
    "deltagare.steg@exempel.se": "DEMOSTEGTILLARBETEFINSAMXYZABCDE",
    "deltagare.unga@exempel.se": "DEMOUNGAINFINSAMXYZABCDEFGHIJKLM",
}
#: The interventions the extra deltagaransvariga work in (the demo officers' ones).
OFFICER_INTERVENTIONS = ("STEG-24", "UNGA-25")
EXTRA_OFFICERS = 60
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def extra_officer(number: int, slug: str = ASSOCIATION) -> tuple[str, str, str]:
    """(e-mail, base32 TOTP secret, intervention code) of extra officer ``number`` (the code
    is the demo's; a generated association's officers are placed by ``bench.load.prepare``)."""
    letter = _LETTERS[number % len(_LETTERS)]
    secret = f"BENCHDELTAGARE{letter * 18}"
    code = OFFICER_INTERVENTIONS[number % len(OFFICER_INTERVENTIONS)]
    return f"bench.deltagare.{number:02d}@{domain(slug)}", secret, code


def officers(slug: str = ASSOCIATION) -> list[tuple[str, str]]:
    """Every deltagaransvarig login: (e-mail, TOTP secret), the extra ones first."""
    extra = [extra_officer(n, slug)[:2] for n in range(EXTRA_OFFICERS)]
    return [*extra, *DEMO_OFFICERS.items()] if slug == "exempel" else extra
