"""Swedish personal identity numbers (personnummer) and coordination numbers
(samordningsnummer): parsing to the 12-digit canonical form, validation of date and the
mod-10 (Luhn) check digit, and the birth date and gender they carry.

Never log, print or put a personnummer in an exception message: the errors here describe
what is wrong without repeating the value.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

_TWELVE = re.compile(r"^(\d{8})-?(\d{4})$")
_TEN = re.compile(r"^(\d{6})([-+]?)(\d{4})$")
#: Day numbers of a samordningsnummer are the birth day plus 60.
COORDINATION_OFFSET = 60


class InvalidPersonnummer(ValueError):
    """The value is not a valid personnummer; ``str(error)`` is a Swedish reason."""


@dataclass(frozen=True)
class Personnummer:
    canonical: str  # 12 digits, YYYYMMDDNNNN

    @property
    def birth_date(self) -> dt.date:
        return _birth_date(self.canonical)

    @property
    def is_coordination_number(self) -> bool:
        return int(self.canonical[6:8]) > COORDINATION_OFFSET

    @property
    def gender(self) -> str:
        """``man`` when the second-to-last digit is odd, ``kvinna`` when it is even."""
        return "man" if int(self.canonical[10]) % 2 else "kvinna"

    @property
    def masked(self) -> str:
        """What the screen shows: ``19900101-****``."""
        return f"{self.canonical[:8]}-****"

    def __repr__(self) -> str:  # keep the number out of tracebacks and debug output
        return f"Personnummer({self.masked})"

    __str__ = __repr__


def luhn_check_digit(nine_digits: str) -> int:
    total = 0
    for index, char in enumerate(nine_digits):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return (10 - total % 10) % 10


def _birth_date(canonical: str) -> dt.date:
    year, month, day = int(canonical[:4]), int(canonical[4:6]), int(canonical[6:8])
    if day > COORDINATION_OFFSET:
        day -= COORDINATION_OFFSET
    return dt.date(year, month, day)


def parse(raw: str, *, today: dt.date | None = None) -> Personnummer:
    """Parse the forms of importmall.md: ``YYYYMMDDNNNN``, ``YYYYMMDD-NNNN``, ``YYMMDD-NNNN``,
    ``YYMMDD+NNNN`` (100 years or older) and ``YYMMDDNNNN``."""
    value = raw.strip().replace(" ", "")
    today = today or dt.date.today()
    twelve = _TWELVE.match(value)
    if twelve:
        canonical = twelve.group(1) + twelve.group(2)
    else:
        ten = _TEN.match(value)
        if not ten:
            raise InvalidPersonnummer(
                _("Personnumret ska ha formen ÅÅÅÅMMDD-NNNN (12 siffror) eller ÅÅMMDD-NNNN.")
            )
        short, separator, last = ten.groups()
        canonical = _with_century(short, separator, last, today)
    try:
        birth = _birth_date(canonical)
    except ValueError:
        raise InvalidPersonnummer(_("Personnumret innehåller inget giltigt datum.")) from None
    if birth > today:
        raise InvalidPersonnummer(_("Personnumrets födelsedatum ligger i framtiden."))
    if luhn_check_digit(canonical[2:11]) != int(canonical[11]):
        raise InvalidPersonnummer(_("Personnumrets kontrollsiffra stämmer inte."))
    return Personnummer(canonical)


def _with_century(short: str, separator: str, last: str, today: dt.date) -> str:
    """The century of a 10-digit number: the latest birth date not after today, one
    century earlier with ``+`` (the person is 100 or older)."""
    yy, month, day = int(short[:2]), int(short[2:4]), int(short[4:6])
    if day > COORDINATION_OFFSET:
        day -= COORDINATION_OFFSET
    year = today.year // 100 * 100 + yy
    if (year, month, day) > (today.year, today.month, today.day):
        year -= 100
    if separator == "+":
        year -= 100
    return f"{year:04d}{short[2:]}{last}"
