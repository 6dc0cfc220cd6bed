"""Parsing of single cells of the import workbook (spec/importmall.md, "The file").

A cell arrives as whatever the reader produced: text from a CSV file, or text, a number, a
date or ``None`` from an Excel cell. Every parser returns a clean Python value or raises
``CellError`` whose message is the plain-Swedish reason shown to the user.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable
from functools import partial

from django.utils.translation import gettext as _

from finsam.amounts import MAX_AMOUNT, MAX_AMOUNT_TEXT
from finsam.years import YEAR_MAX, YEAR_MIN

#: What a reader may hand over for one cell.
CellValue = str | int | float | bool | dt.date | dt.datetime | None

_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o"})
#: Spaces people and spreadsheet programs put between digit groups.
_DIGIT_GROUP_SPACES = re.compile(r"[\s\u00a0\u202f\u2007\u2009]")
_AMOUNT = re.compile(r"^(?P<sign>[-−]?)(?P<whole>\d+)(?:[,.](?P<fraction>\d{1,2}))?$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CODE = re.compile(r"^[A-Za-z0-9_-]{1,40}$")

#: The largest count (people, activities) a cell may hold: a typing error beyond it.
MAX_COUNT = 1_000_000


class CellError(ValueError):
    """The cell's value cannot be used; ``str(error)`` is the Swedish reason."""


def fold(text: str) -> str:
    """Case-insensitive form in which `å ä ö` equal `a a o` (headers, sheet names, codes)."""
    return text.strip().casefold().translate(_FOLD)


def is_empty(value: CellValue) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: CellValue) -> str:
    """The cell as the user would read it: for text columns and for error messages."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_text(value: CellValue, *, max_length: int) -> str:
    text = cell_text(value)
    if len(text) > max_length:
        raise CellError(_("Texten är för lång (högst %(max)s tecken).") % {"max": max_length})
    return text


def text_of(max_length: int) -> Callable[[CellValue], str]:
    """The parser of a text cell of at most ``max_length`` characters."""
    return partial(parse_text, max_length=max_length)


def parse_amount(value: CellValue) -> int:
    """Whole kronor. ``1 290 000``, ``1290000`` and ``1290000,00`` are the same amount;
    spaces (also non-breaking) may group the digits. Öre other than zero are refused, and
    so is an amount beyond ``MAX_AMOUNT`` either way."""
    amount = _whole_kronor(value)
    if abs(amount) > MAX_AMOUNT:
        raise CellError(
            _("Beloppet är för stort: högst %(max)s kr (plus eller minus).")
            % {"max": MAX_AMOUNT_TEXT}
        )
    return amount


def _whole_kronor(value: CellValue) -> int:
    if isinstance(value, bool):
        raise CellError(_("Ange ett belopp i hela kronor."))
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise CellError(_("Ange ett belopp i hela kronor."))
        if not value.is_integer():
            raise CellError(_("Beloppet ska anges i hela kronor, utan ören."))
        return int(value)
    if not isinstance(value, str):
        raise CellError(_("Ange ett belopp i hela kronor."))
    match = _AMOUNT.match(_DIGIT_GROUP_SPACES.sub("", value))
    if match is None:
        raise CellError(_("Ange ett belopp i hela kronor, till exempel 1 290 000."))
    if (match["fraction"] or "0").strip("0"):
        raise CellError(_("Beloppet ska anges i hela kronor, utan ören."))
    if len(match["whole"]) > 30:
        raise CellError(
            _("Beloppet är för stort: högst %(max)s kr (plus eller minus).")
            % {"max": MAX_AMOUNT_TEXT}
        )
    whole = int(match["whole"])
    return -whole if match["sign"] else whole


def parse_whole_number(value: CellValue) -> int:
    """A count (people, percent): written like an amount, never negative."""
    try:
        number = _whole_kronor(value)
    except CellError:
        raise CellError(_("Ange ett heltal.")) from None
    if number < 0:
        raise CellError(_("Talet får inte vara negativt."))
    if number > MAX_COUNT:
        raise CellError(
            _("Talet är för stort (högst %(max)s).") % {"max": f"{MAX_COUNT:,}".replace(",", " ")}
        )
    return number


def parse_number_in_range(value: CellValue, *, low: int, high: int) -> int:
    try:
        number = _whole_kronor(value)
    except CellError:
        number = None
    if number is None or not low <= number <= high:
        raise CellError(
            _("Ange ett heltal från %(low)s till %(high)s.") % {"low": low, "high": high}
        )
    return number


def parse_quarter(value: CellValue) -> int:
    return parse_number_in_range(value, low=1, high=4)


def parse_month(value: CellValue) -> int:
    return parse_number_in_range(value, low=1, high=12)


def parse_percent(value: CellValue) -> int:
    """A whole percent, 0–100."""
    return parse_number_in_range(value, low=0, high=100)


def parse_year(value: CellValue) -> int:
    try:
        return parse_number_in_range(value, low=YEAR_MIN, high=YEAR_MAX)
    except CellError:
        raise CellError(
            _("Ange ett årtal med fyra siffror (%(low)s–%(high)s).")
            % {"low": YEAR_MIN, "high": YEAR_MAX}
        ) from None


def parse_date(value: CellValue) -> dt.date:
    """ISO ``YYYY-MM-DD`` text, or an Excel date cell."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = cell_text(value)
    if _ISO_DATE.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise CellError(_("Datumet finns inte.")) from None
    raise CellError(_("Ange datum som ÅÅÅÅ-MM-DD, till exempel 2024-01-31."))


def parse_choice(value: CellValue, choices: Iterable[str]) -> str:
    """One of the lower-case codes of the importmall (case and å/ä/ö are forgiven)."""
    allowed = list(choices)
    code = fold(cell_text(value))
    if code not in allowed:
        raise CellError(_("Ange en av: %(codes)s.") % {"codes": ", ".join(allowed)})
    return code


def choice_of(choices: Iterable[str]) -> Callable[[CellValue], str]:
    """The parser of a cell holding one of ``choices`` (codes)."""
    return partial(parse_choice, choices=choices)


def parse_code(value: CellValue) -> str:
    """An identifier such as an intervention's kod (case kept)."""
    code = cell_text(value)
    if not _CODE.match(code):
        raise CellError(
            _("Koden får bara innehålla bokstäverna A–Z, siffror, - och _ (högst 40 tecken).")
        )
    return code


def parse_list(value: CellValue, *, max_length: int) -> list[str]:
    """A ``;``-separated list; blanks and repeats are dropped, the order is kept."""
    items: list[str] = []
    for part in cell_text(value).split(";"):
        item = part.strip()
        if len(item) > max_length:
            raise CellError(
                _("”%(item)s” är för lång (högst %(max)s tecken).")
                % {"item": item[:40], "max": max_length}
            )
        if item and item not in items:
            items.append(item)
    return items


def parse_yes_no(value: CellValue) -> bool:
    """``ja``/``nej``; also ``1``/``0`` and ``x``/empty."""
    if is_empty(value):
        return False
    text = fold(cell_text(value))
    if text in {"ja", "1", "x"}:
        return True
    if text in {"nej", "0"}:
        return False
    raise CellError(_("Ange ja eller nej."))
