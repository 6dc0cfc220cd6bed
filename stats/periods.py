"""Report periods (spec/reports.md, "Periods") and the one rounding rule for shares.

A period is written ``YYYY`` (year), ``YYYYH1``/``YYYYH2`` (halves) or ``YYYYQ1``..``Q4``
(quarters). For a period P ending on E: the *period* runs from P's first day to E, and
*year to date* (ytd) from 1 January of E's year to E.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from finsam.years import YEAR_MAX, YEAR_MIN, half_of, quarter_end, quarter_start

#: (year, quarter)
Quarter = tuple[int, int]

#: The year, then optionally a half or a quarter, upper-cased: ``2022Q3`` and the Swedish
#: ``2022K3``, ``2022 KV 3``, ``2022 kvartal 3``; ``2022H2``, ``2022 halvår 2``.
_PATTERN = re.compile(
    r"^(?P<year>\d{4})"
    r"(?:\s*(?P<kind>Q|KVARTAL|KV|K|HALVÅR|H)\s*(?P<number>\d))?$"
)
#: The written kinds, by what they mean: a quarter (Q) or a half-year (H).
_KINDS = {"Q": "Q", "K": "Q", "KV": "Q", "KVARTAL": "Q", "H": "H", "HALVÅR": "H"}


@dataclass(frozen=True)
class Period:
    """A year, half-year or quarter: the quarters ``first_quarter``..``last_quarter`` of
    ``year``."""

    year: int
    first_quarter: int
    last_quarter: int

    @classmethod
    def parse(cls, text: str) -> Period:
        """``2022``, ``2022H2``, ``2022Q3``, and the Swedish ``2022 kv 3``, ``2022K3``,
        ``2022 K3``, ``2022 kvartal 3``, ``2022 halvår 2`` (case and spaces ignored).
        Raises ValueError with a Swedish message for anything else."""
        match = _PATTERN.match(text.strip().upper())
        if match is None:
            raise ValueError(
                _(
                    "Ogiltig period %(text)s: ange år (2022), halvår (2022H1, 2022H2) eller "
                    "kvartal (2022 kv 3, 2022K3 eller 2022Q3)."
                )
                % {"text": text.strip()[:20]}
            )
        year = int(match["year"])
        if not YEAR_MIN <= year <= YEAR_MAX:
            raise ValueError(
                _("Året måste ligga mellan %(min)s och %(max)s.")
                % {"min": YEAR_MIN, "max": YEAR_MAX}
            )
        kind, number = _KINDS.get(match["kind"] or ""), match["number"]
        if kind is None:
            return cls(year, 1, 4)
        half_or_quarter = int(number)
        if kind == "H":
            if half_or_quarter not in (1, 2):
                raise ValueError(_("Ett halvår är H1 eller H2."))
            return cls(year, half_or_quarter * 2 - 1, half_or_quarter * 2)
        if half_or_quarter not in (1, 2, 3, 4):
            raise ValueError(_("Ett kvartal är 1, 2, 3 eller 4 (till exempel 2022 kv 3)."))
        return cls(year, half_or_quarter, half_or_quarter)

    @classmethod
    def current_half(cls, today: dt.date) -> Period:
        """The half-year ``today`` lies in (the overview pages' default)."""
        half = half_of(today)
        return cls(today.year, half * 2 - 1, half * 2)

    @property
    def code(self) -> str:
        if (self.first_quarter, self.last_quarter) == (1, 4):
            return str(self.year)
        if self.first_quarter == self.last_quarter:
            return f"{self.year}Q{self.first_quarter}"
        return f"{self.year}H{self.last_quarter // 2}"

    def __str__(self) -> str:
        return self.code

    @property
    def start(self) -> dt.date:
        return quarter_start(self.year, self.first_quarter)

    @property
    def end(self) -> dt.date:
        return quarter_end(self.year, self.last_quarter)

    @property
    def ytd_start(self) -> dt.date:
        return dt.date(self.year, 1, 1)

    @property
    def quarters(self) -> tuple[Quarter, ...]:
        """The quarters in the period, in order."""
        return tuple((self.year, q) for q in range(self.first_quarter, self.last_quarter + 1))

    @property
    def ytd_quarters(self) -> tuple[Quarter, ...]:
        """The quarters from 1 January to the period's end, in order."""
        return tuple((self.year, q) for q in range(1, self.last_quarter + 1))

    @property
    def ends_year(self) -> bool:
        """True when the period ends on 31 December (year-end figures are final)."""
        return self.last_quarter == 4


def round_half_up(numerator: int | Decimal, denominator: int | Decimal) -> int | None:
    """A share in whole percent: numerator / denominator x 100 rounded half up (41.5 -> 42,
    and -41.5 -> -42: halves round away from zero); None when the denominator is 0."""
    if denominator == 0:
        return None
    share = Decimal(numerator) * 100 / Decimal(denominator)
    return int(share.quantize(Decimal(1), rounding=ROUND_HALF_UP))
