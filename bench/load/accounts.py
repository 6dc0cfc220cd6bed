"""The accounts the load test logs in with: the demo's office and board users, the demo's
two deltagaransvariga, and extra deltagaransvariga that ``bench.generate --like-demo``
creates (each with its own TOTP secret, so that simulated users never present the same
one-time code twice in a 30-second step, which allauth refuses).

Public secrets of synthetic test accounts, like the demo's. No Django imports: Locust
imports this module too.
"""

from __future__ import annotations

DEMO_PASSWORD = "finsam-demo-2026"  # noqa: S105 - the public demo password
ASSOCIATION = "exempel"
OFFICE = "admin@exempel.se"
BOARD = "styrelse@exempel.se"
#: The demo's deltagaransvariga (demo.data.exempel) and their TOTP secrets.
DEMO_OFFICERS = {
    "deltagare.steg@exempel.se": "DEMOSTEGTILLARBETEFINSAMXYZABCDE",
    "deltagare.unga@exempel.se": "DEMOUNGAINFINSAMXYZABCDEFGHIJKLM",
}
#: The interventions the extra deltagaransvariga work in (the demo officers' ones).
OFFICER_INTERVENTIONS = ("STEG-24", "UNGA-25")
EXTRA_OFFICERS = 60
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def extra_officer(number: int) -> tuple[str, str, str]:
    """(e-mail, base32 TOTP secret, intervention code) of extra officer ``number``."""
    letter = _LETTERS[number % len(_LETTERS)]
    secret = f"BENCHDELTAGARE{letter * 18}"
    code = OFFICER_INTERVENTIONS[number % len(OFFICER_INTERVENTIONS)]
    return f"bench.deltagare.{number:02d}@exempel.se", secret, code


def officers() -> list[tuple[str, str]]:
    """Every deltagaransvarig login: (e-mail, TOTP secret), the extra ones first."""
    extra = [extra_officer(n)[:2] for n in range(EXTRA_OFFICERS)]
    return [*extra, *DEMO_OFFICERS.items()]
