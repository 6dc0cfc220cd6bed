"""The registrations the load test and ``bench.pages`` post."""

from __future__ import annotations

import datetime as dt

from bench.load.numbers import registration_data
from participants import personnummer


def test_registration_data_is_a_valid_new_participant_entering_today() -> None:
    first, second = registration_data(), registration_data()
    today = dt.date.today().isoformat()

    parsed = [personnummer.parse(data["personnummer"]) for data in (first, second)]

    assert (
        parsed[0] != parsed[1],
        {key: first[key] for key in ("entry_date", "consent_date", "name")},
        set(first) == set(second),
    ) == (True, {"entry_date": today, "consent_date": today, "name": "Test Testsson"}, True)
