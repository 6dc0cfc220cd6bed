"""Account and object lists of the mapping (importmall `Rapportrader`, `Driftrader`) and the
vocabulary of report groups (spec/annual-report.md section 2)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django_scopes import scope

if TYPE_CHECKING:
    from ledger.sie import SieFile
    from tenancy.models import Association

RESULT_GROUPS = (
    "verksamhetens_intakter",
    "verksamhetens_kostnader",
    "avskrivningar",
    "finansiella_intakter",
    "finansiella_kostnader",
    "extraordinara_poster",
)
BALANCE_GROUPS = (
    "immateriella_anlaggningstillgangar",
    "materiella_anlaggningstillgangar",
    "finansiella_anlaggningstillgangar",
    "forrad",
    "fordringar",
    "kortfristiga_placeringar",
    "kassa_och_bank",
    "eget_kapital",
    "avsattningar",
    "langfristiga_skulder",
    "kortfristiga_skulder",
)
FIXED_ASSET_GROUPS = BALANCE_GROUPS[:3]
CURRENT_ASSET_GROUPS = BALANCE_GROUPS[3:7]
ASSET_GROUPS = BALANCE_GROUPS[:7]
OPERATING_GROUPS = (
    "intakter",
    "administration",
    "individ",
    "struktur",
    "kompetens",
    "ovrig",
    "ovriga_samverkansinsatser",
)
YEAR_RESULT_LINE = "arets_resultat"
UNALLOCATED = "ej_fordelat"
CODE_RE = re.compile(r"[a-z0-9_]{1,40}")
ACCOUNT_RE = re.compile(r"[0-9A-Za-z]{1,20}")


def is_closing_account(account: str) -> bool:
    """The account that books the year's result (BAS 8999, Kommun-Bas 89): never in a line."""
    return account.startswith("89")


@dataclass(frozen=True)
class AccountList:
    """``3000-3099;3990``: account numbers and ranges, both ends included."""

    ranges: tuple[tuple[str, str], ...]

    def matches(self, account: str) -> bool:
        return any(_between(low, account, high) for low, high in self.ranges)

    def __str__(self) -> str:
        return ";".join(low if low == high else f"{low}-{high}" for low, high in self.ranges)


def _key(account: str) -> tuple[int, int | str]:
    return (0, int(account)) if account.isdigit() else (1, account)


def _between(low: str, account: str, high: str) -> bool:
    return _key(low) <= _key(account) <= _key(high)


def parse_account_list(text: str) -> AccountList:
    """The account list of ``text``; ``ValueError`` with a Swedish reason when it is wrong."""
    ranges: list[tuple[str, str]] = []
    for part in (piece.strip() for piece in text.split(";")):
        if not part:
            continue
        low, _sep, high = (side.strip() for side in part.partition("-"))
        high = high or low
        if not ACCOUNT_RE.fullmatch(low) or not ACCOUNT_RE.fullmatch(high):
            raise ValueError(
                _('"%(part)s" är inget konto eller kontointervall (t.ex. 3000-3099).')
                % {"part": part}
            )
        if _key(high) < _key(low):
            raise ValueError(_("Intervallet %(part)s slutar före det börjar.") % {"part": part})
        ranges.append((low, high))
    return AccountList(tuple(ranges))


def parse_object_list(text: str) -> frozenset[tuple[int, str]]:
    """``1:10;1:11`` -> {(1, "10"), (1, "11")}; ``ValueError`` when a pair is wrong."""
    pairs: set[tuple[int, str]] = set()
    for part in (piece.strip() for piece in text.split(";")):
        if not part:
            continue
        dimension, sep, code = part.partition(":")
        if not sep or not dimension.strip().isdigit() or not code.strip():
            raise ValueError(
                _('"%(part)s" är inget par dimension:objekt (t.ex. 1:10).') % {"part": part}
            )
        pairs.add((int(dimension.strip()), code.strip()))
    return frozenset(pairs)


def lists_overlap(first: AccountList, second: AccountList) -> bool:
    return any(
        _key(a_low) <= _key(b_high) and _key(b_low) <= _key(a_high)
        for a_low, a_high in first.ranges
        for b_low, b_high in second.ranges
    )


def accounts_taken_twice(
    lines: Iterable[tuple[str, str]], accounts: Iterable[str]
) -> dict[str, list[str]]:
    """account -> the codes of the lines (code, account list) taking it, for every account
    taken by more than one line."""
    parsed = [(code, parse_account_list(text)) for code, text in lines]
    twice: dict[str, list[str]] = {}
    for account in sorted(set(accounts), key=_key):
        codes = [code for code, account_list in parsed if account_list.matches(account)]
        if len(codes) > 1:
            twice[account] = codes
    return twice


def unmapped_accounts(association: Association, sie: SieFile) -> list[str]:
    """The file's accounts with a balance (``#UB 0`` / ``#RES 0``, or the year's rows) that
    no `Rapportrader` line takes; none while the association has no lines at all."""
    from ledger.models import ReportLine

    with scope(association=association.pk):
        lines = [
            parse_account_list(text)
            for text in ReportLine.objects.filter(association=association).values_list(
                "accounts", flat=True
            )
        ]
    if not lines:
        return []
    with_balance = {
        account
        for (kind, offset, account, objects), amount in sie.balances.items()
        if offset == 0 and kind in ("UB", "RES") and not objects and amount
    }
    for voucher in sie.vouchers:
        with_balance.update(row.account for row in voucher.rows)
    return sorted(
        (
            account
            for account in with_balance
            if not is_closing_account(account)
            and not any(account_list.matches(account) for account_list in lines)
        ),
        key=_key,
    )
