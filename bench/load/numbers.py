"""Valid synthetic personnummer for the load test's registrations, different on every call
(serials 900-979: the demo uses 980-999 and benchmark data 100-899). No Locust or Django
imports: the smoke tests import it."""

from __future__ import annotations

import datetime as dt
import itertools
import os

SERIALS = range(900, 980)
FIRST_BIRTH = dt.date(1960, 1, 1)
BIRTH_DAYS = 16_000

_numbers = itertools.count(int(os.environ.get("BENCH_PNR_OFFSET", "0")))


def luhn(nine: str) -> int:
    total = 0
    for index, char in enumerate(nine):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return (10 - total % 10) % 10


def next_personnummer() -> str:
    """YYYYMMDD-NNNN; 1 280 000 distinct numbers before they repeat."""
    n = next(_numbers)
    birth = FIRST_BIRTH + dt.timedelta(days=n % BIRTH_DAYS)
    serial = SERIALS.start + (n // BIRTH_DAYS) % len(SERIALS)
    nine = f"{birth:%y%m%d}{serial:03d}"
    return f"{birth:%Y%m%d}-{serial:03d}{luhn(nine)}"


def registration_data() -> dict[str, str]:
    """The registration form's fields for a new participant entering today (the load test
    and ``bench.pages`` post the same)."""
    today = dt.date.today().isoformat()
    return {
        "personnummer": next_personnummer(),
        "name": "Test Testsson",
        "consent_date": today,
        "consent_form_version": "1",
        "entry_date": today,
        "reference": "",
        "education": "gymnasium",
        "income_before": "a_kassa",
        "public_support_time": "1_3",
        "referrer": "af",
        "action_plan_date": "",
    }
