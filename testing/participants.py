"""Synthetic personnummer for tests: valid by construction, never a real person's
(serials are drawn from a fixed test series)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from participants.personnummer import luhn_check_digit


def make_personnummer(birth: dt.date, serial: int, *, coordination: bool = False) -> str:
    """A valid 12-digit number for a birth date and a three-digit serial (even last serial
    digit = kvinna, odd = man)."""
    day = birth.day + (60 if coordination else 0)
    nine = f"{birth.year % 100:02d}{birth.month:02d}{day:02d}{serial:03d}"
    return f"{birth.year:04d}{nine[2:]}{luhn_check_digit(nine)}"


WOMAN_1990 = make_personnummer(dt.date(1990, 3, 14), 242)
MAN_1985 = make_personnummer(dt.date(1985, 7, 2), 391)
WOMAN_2001 = make_personnummer(dt.date(2001, 11, 30), 128)


def enter_in_a(world: Any, *, number: str, on: dt.date, name: str = "") -> Any:
    """Intervention A's participant officer registers ``number`` in A (consent and entry
    on ``on``): the participation, through the service (access log and all)."""
    from participants.services import register_entry

    return register_entry(
        user=world.users["participant_officer_a"],
        intervention=world.intervention_a,
        number=number,
        name=name,
        consent_date=on,
        entry_date=on,
    )


def enter_two_women_in_a(world: Any, on: dt.date) -> None:
    """Two women born 1990-03-14 registered in intervention A on ``on`` (a count small
    enough to be suppressed), without a user's access check."""
    from django_scopes import scope

    from participants.services import register_entry

    with scope(association=world.association.pk):
        for serial in (242, 262):
            register_entry(
                user=None,
                intervention=world.intervention_a,
                number=make_personnummer(dt.date(1990, 3, 14), serial),
                consent_date=on,
                entry_date=on,
                check_access=False,
            )
