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


def with_wrong_check_digit(number: str) -> str:
    """``number`` (12 digits) with its check digit off by one: a well-formed number that
    the mod-10 check refuses."""
    return number[:11] + str((int(number[11]) + 1) % 10)


WOMAN_1990 = make_personnummer(dt.date(1990, 3, 14), 242)
MAN_1985 = make_personnummer(dt.date(1985, 7, 2), 391)
WOMAN_2001 = make_personnummer(dt.date(2001, 11, 30), 128)


def enter_in(
    world: Any,
    which: str,
    *,
    number: str,
    on: dt.date,
    name: str = "",
    consent_on: dt.date | None = None,
    **extra: Any,
) -> Any:
    """Intervention ``which``'s ("a" or "b") participant officer registers ``number`` in
    it: consent on ``consent_on`` (``on`` unless given), entry on ``on`` and what ``extra``
    adds (``exit_date=``, ``reference=`` …): the participation, through the service
    (access log and all)."""
    from django_scopes import scope

    from participants.services import register_entry

    with scope(association=world.association.pk):
        return register_entry(
            user=world.users[f"participant_officer_{which}"],
            intervention=getattr(world, f"intervention_{which}"),
            number=number,
            name=name,
            consent_date=consent_on or on,
            entry_date=on,
            **extra,
        )


def enter_in_a(world: Any, *, number: str, on: dt.date, name: str = "") -> Any:
    """Intervention A's participant officer registers ``number`` in A (consent and entry
    on ``on``)."""
    return enter_in(world, "a", number=number, on=on, name=name)


def stored_entry(intervention: Any, number: str, on: dt.date, **extra: Any) -> Any:
    """``number`` registered in ``intervention`` through the service by no user, without an
    access check: consent and entry on ``on`` and what ``extra`` adds (``name=``,
    ``reference=``, ``exit_date=`` …); the participation."""
    from django_scopes import scope

    from participants.services import register_entry

    with scope(association=intervention.association_id):
        return register_entry(
            user=None,
            intervention=intervention,
            number=number,
            consent_date=on,
            entry_date=on,
            check_access=False,
            **extra,
        )


def enter_two_women_in_a(world: Any, on: dt.date) -> None:
    """Two women born 1990-03-14 registered in intervention A on ``on`` (a count small
    enough to be suppressed), without a user's access check."""
    for serial in (242, 262):
        stored_entry(world.intervention_a, make_personnummer(dt.date(1990, 3, 14), serial), on)


def anonymous_in_a(world: Any, *, gender: str, on: dt.date) -> Any:
    """Intervention A's participant officer registers an anonymous participation (gender
    and entry on ``on`` only), through the service."""
    from django_scopes import scope

    from participants.services import register_anonymous

    with scope(association=world.association.pk):
        return register_anonymous(
            user=world.users["participant_officer_a"],
            intervention=world.intervention_a,
            gender=gender,
            entry_date=on,
        )


def exit_in_a(world: Any, participation: Any, *, on: dt.date, reason: str, **extra: Any) -> Any:
    """Intervention A's participant officer registers the exit of ``participation`` on
    ``on`` for ``reason`` (``work_extent=`` and the like in ``extra``), through the service."""
    from django_scopes import scope

    from participants.services import register_exit

    with scope(association=world.association.pk):
        return register_exit(
            user=world.users["participant_officer_a"],
            participation=participation,
            exit_date=on,
            exit_reason=reason,
            **extra,
        )
