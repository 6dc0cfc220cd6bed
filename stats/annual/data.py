"""The ledger of one calendar year as the statements read it: a fiscal year's balances at
one year offset (0 for the file's own year, -1 for the year before it, ...)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ledger.models import Account, Balance, FiscalYear, LedgerObject, PeriodBalance, VoucherRow
from ledger.sie.parser import is_result_account

ZERO = Decimal(0)

#: (account, objects key, amount in öre precision)
Item = tuple[str, str, Decimal]


class ReportError(ValueError):
    """The report cannot be produced; ``messages`` says why (Swedish)."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


def kronor(amount: Decimal) -> int:
    """Öre to whole kronor, half up (halves away from zero)."""
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass
class LedgerYear:
    """Balances of one year: ``res``/``ib``/``ub`` per account, ``budget`` (the year's
    #PBUDGET without objects, summed over periods), object items for notes and the
    operating statement (``None`` when the file cannot give them)."""

    year: int
    fiscal_year: FiscalYear
    offset: int
    res: dict[str, Decimal] = field(default_factory=dict)
    ib: dict[str, Decimal] = field(default_factory=dict)
    ub: dict[str, Decimal] = field(default_factory=dict)
    budget: dict[str, Decimal] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    object_names: dict[tuple[int, str], str] = field(default_factory=dict)
    has_ib: bool = False
    _result_items: list[Item] | None = None
    _balance_items: list[Item] | None = None

    def is_result(self, account: str) -> bool:
        return is_result_account(account, self.kinds.get(account, ""))

    def result_items(self) -> list[Item]:
        """The year's amounts on result accounts with their objects: the vouchers' rows;
        without vouchers the #PSALDO object rows (each a part of the account's total) and
        the rest of #RES without object."""
        if self._result_items is None:
            self._result_items = _result_items(self)
        return self._result_items

    def balance_items(self) -> list[Item]:
        """The year's closing balances of balance accounts per object (#OUB), with the rest
        of #UB without object."""
        if self._balance_items is None:
            by_object = list(
                Balance.objects.filter(
                    fiscal_year=self.fiscal_year, kind="OUB", year_offset=self.offset
                ).values_list("account", "objects_key", "amount")
            )
            parts: dict[str, Decimal] = defaultdict(Decimal)
            for account, _key, amount in by_object:
                parts[account] += amount
            rest = [(a, "", total - parts.get(a, ZERO)) for a, total in self.ub.items()]
            self._balance_items = by_object + [item for item in rest if item[2]]
        return self._balance_items


def _result_items(year: LedgerYear) -> list[Item]:
    fiscal_year = year.fiscal_year
    if year.offset == 0 and fiscal_year.has_vouchers:
        rows = VoucherRow.objects.filter(fiscal_year=fiscal_year).values_list(
            "account", "objects_key", "amount"
        )
        return [row for row in rows if year.is_result(row[0])]
    parts = PeriodBalance.objects.filter(
        fiscal_year=fiscal_year, kind="PSALDO", year_offset=year.offset
    ).exclude(objects_key="")
    items: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    covered: dict[str, Decimal] = defaultdict(Decimal)
    for account, key, amount in parts.values_list("account", "objects_key", "amount"):
        if year.is_result(account):
            items[(account, key)] += amount
            covered[account] += amount
    result = [(account, key, amount) for (account, key), amount in items.items()]
    for account, total in year.res.items():
        if total - covered.get(account, ZERO):
            result.append((account, "", total - covered.get(account, ZERO)))
    return result


def _load(fiscal_year: FiscalYear, offset: int) -> LedgerYear | None:
    balances = Balance.objects.filter(
        fiscal_year=fiscal_year, year_offset=offset, kind__in=["IB", "UB", "RES"]
    ).values_list("kind", "account", "amount")
    data = LedgerYear(year=fiscal_year.year + offset, fiscal_year=fiscal_year, offset=offset)
    found = False
    for kind, account, amount in balances:
        found = True
        getattr(data, kind.lower())[account] = amount
    if offset == 0 and fiscal_year.has_vouchers and (not data.res or not data.ub):
        _from_vouchers(data)
        found = True
    if not found:
        return None
    data.has_ib = bool(data.ib)
    budgets = PeriodBalance.objects.filter(
        fiscal_year=fiscal_year, kind="PBUDGET", year_offset=offset, objects_key=""
    ).values_list("account", "amount")
    for account, amount in budgets:
        data.budget[account] = data.budget.get(account, ZERO) + amount
    for number, name, kind in Account.objects.filter(fiscal_year=fiscal_year).values_list(
        "number", "name", "kind"
    ):
        data.names[number] = name
        if kind:
            data.kinds[number] = kind
    data.object_names = {
        (dimension, code): name
        for dimension, code, name in LedgerObject.objects.filter(
            fiscal_year=fiscal_year
        ).values_list("dimension", "code", "name")
    }
    return data


def _from_vouchers(data: LedgerYear) -> None:
    """A file without #RES (or #UB) for its own year: the year's rows give them."""
    for number, kind in Account.objects.filter(fiscal_year=data.fiscal_year).values_list(
        "number", "kind"
    ):
        if kind:
            data.kinds[number] = kind
    moved: dict[str, Decimal] = defaultdict(Decimal)
    for account, amount in VoucherRow.objects.filter(fiscal_year=data.fiscal_year).values_list(
        "account", "amount"
    ):
        moved[account] += amount
    if not data.res:
        data.res = {a: v for a, v in moved.items() if data.is_result(a)}
    if not data.ub:
        accounts = set(data.ib) | {a for a in moved if not data.is_result(a)}
        data.ub = {a: data.ib.get(a, ZERO) + moved.get(a, ZERO) for a in accounts}


class Ledgers:
    """The association's ledger years: a year's own file first, else the newest later file
    that carries it as an earlier year. Loaded lazily and kept."""

    def __init__(self, fiscal_years: list[FiscalYear]) -> None:
        self.by_year = {fy.year: fy for fy in fiscal_years}
        self._cache: dict[tuple[int, int], LedgerYear | None] = {}

    def at(self, fiscal_year: FiscalYear, offset: int) -> LedgerYear | None:
        key = (fiscal_year.pk, offset)
        if key not in self._cache:
            self._cache[key] = _load(fiscal_year, offset)
        return self._cache[key]

    def year(self, year: int) -> LedgerYear | None:
        """The ledger of calendar year ``year`` (its own file, else a later file's -k)."""
        if year in self.by_year:
            return self.at(self.by_year[year], 0)
        for later in sorted(y for y in self.by_year if y > year):
            data = self.at(self.by_year[later], year - later)
            if data is not None:
                return data
        return None

    def previous_of(self, current: LedgerYear) -> LedgerYear | None:
        """The year before ``current``: from the same file (#RES -1, #UB -1) when it has
        it, else that year's own ledger."""
        same_file = self.at(current.fiscal_year, current.offset - 1)
        return same_file if same_file is not None else self.year(current.year - 1)

    def years(self) -> set[int]:
        """Every calendar year some file carries."""
        years: set[int] = set()
        for fiscal_year in self.by_year.values():
            offsets = Balance.objects.filter(fiscal_year=fiscal_year).values_list(
                "year_offset", flat=True
            )
            years.update(fiscal_year.year + offset for offset in set(offsets))
        return years
