"""Swedish number formats for the memo: ``1 290 000``, ``1 290`` (TSEK), ``42 %``,
``123,4``; a hidden count or share (``".."``, primary or secondary alike) is shown as it
is and a missing share as ``–``.

Grouping uses non-breaking spaces (as the ``|num`` and ``|sek`` filters do) so a number
never breaks over two lines in a table cell.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from tenancy.templatetags.finsam_format import NBSP, group_thousands

DASH = "–"

#: A value of the memo JSON: a number, a hidden count ``".."``, or null.
Value = int | float | str | None

SMALL_NUMBERS = (
    "ingen",
    "en",
    "två",
    "tre",
    "fyra",
    "fem",
    "sex",
    "sju",
    "åtta",
    "nio",
    "tio",
    "elva",
    "tolv",
)


#: What disclosure control shows instead of a count or share (``stats.disclosure.HIDDEN``).
HIDDEN = ".."


def is_hidden(value: object) -> bool:
    """True for a value replaced by disclosure control (``".."``)."""
    return value == HIDDEN


def count(value: Value) -> str:
    """A whole number grouped in thousands; hidden values as they are; ``–`` for null."""
    if value is None:
        return DASH
    if isinstance(value, str):
        return value
    return group_thousands(int(value))


def share(value: Value) -> str:
    """A whole percent: ``42 %``; hidden values as they are; ``–`` for null."""
    if value is None:
        return DASH
    if isinstance(value, str):
        return value
    return f"{group_thousands(int(value))}{NBSP}%"


def tsek(value: Value) -> str:
    """Whole SEK shown in thousands rounded half up: ``1 290`` for 1 290 000."""
    if value is None:
        return DASH
    if isinstance(value, str):
        return value
    thousands = int((Decimal(value) / 1000).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return group_thousands(thousands)


def decimal1(value: Value) -> str:
    """A mean with one decimal and a decimal comma: ``123,4``."""
    if value is None:
        return DASH
    if isinstance(value, str):
        return value
    number = Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    whole, _, fraction = f"{number:f}".partition(".")
    return f"{group_thousands(int(whole))},{fraction or '0'}"


def iso(day: dt.date | None) -> str:
    return day.isoformat() if day else DASH


def yes_no(value: bool | None) -> str:
    if value is None:
        return DASH
    return "Ja" if value else "Nej"


ANSWERS = {"ja": "Ja", "delvis": "Delvis", "nej": "Nej"}


def answer(value: str | None) -> str:
    """A combined quality answer (ja / delvis / nej) with a capital letter."""
    if not value:
        return DASH
    return ANSWERS.get(value, value)


def count_phrase(value: Value) -> str:
    """A count inside a sentence: ``233``; a hidden ``".."`` reads ``ett ej redovisat
    antal`` (it may be small or a larger count hidden to protect a small one, so it never
    claims a range)."""
    if is_hidden(value):
        return "ett ej redovisat antal"
    return count(value)


def share_phrase(value: Value) -> str:
    """A share inside a sentence: ``42 %``; hidden reads ``en ej redovisad andel``, a
    share without a denominator ``–``."""
    if is_hidden(value):
        return "en ej redovisad andel"
    return share(value)


def number_word(value: int) -> str:
    """Small counts of interventions as words (``sju``), as the seed memos write them."""
    if 0 <= value < len(SMALL_NUMBERS):
        return SMALL_NUMBERS[value]
    return group_thousands(value)


def join_names(names: list[str]) -> str:
    """``A``, ``A och B``, ``A, B och C``."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} och {names[-1]}"
