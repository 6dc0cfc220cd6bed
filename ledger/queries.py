"""Reads of the ledger pages (inside the association's scope)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum

from ledger.models import Account, Balance, FiscalYear, Voucher, VoucherRow

ZERO = Decimal(0)


@dataclass(frozen=True)
class TrialBalanceRow:
    account: str
    name: str
    opening: Decimal
    period: Decimal
    closing: Decimal


def trial_balance(fiscal_year: FiscalYear) -> list[TrialBalanceRow]:
    """Account, name, IB, the period's movement and UB: balance accounts from #IB/#UB, result
    accounts with #RES as the period (IB 0); the period of balance accounts is UB - IB."""
    names = dict(Account.objects.filter(fiscal_year=fiscal_year).values_list("number", "name"))
    amounts: dict[tuple[str, str], Decimal] = {}
    for kind, account, amount in Balance.objects.filter(
        fiscal_year=fiscal_year, year_offset=0, kind__in=["IB", "UB", "RES"]
    ).values_list("kind", "account", "amount"):
        amounts[(kind, account)] = amount
    moved: dict[str, Decimal] = defaultdict(Decimal)
    if fiscal_year.has_vouchers:
        for account, total in (
            VoucherRow.objects.filter(fiscal_year=fiscal_year)
            .values_list("account")
            .annotate(total=Sum("amount"))
            .values_list("account", "total")
        ):
            moved[account] = total or ZERO
    accounts = {account for _kind, account in amounts} | set(moved)
    rows = []
    for account in sorted(accounts, key=lambda a: (not a.isdigit(), a.zfill(20))):
        if ("RES", account) in amounts:
            result = amounts[("RES", account)]
            rows.append(TrialBalanceRow(account, names.get(account, ""), ZERO, result, result))
            continue
        opening = amounts.get(("IB", account), ZERO)
        closing = amounts.get(("UB", account), opening + moved.get(account, ZERO))
        rows.append(
            TrialBalanceRow(account, names.get(account, ""), opening, closing - opening, closing)
        )
    return rows


def vouchers_matching(fiscal_year: FiscalYear, query: str) -> QuerySet[Voucher]:
    vouchers = Voucher.objects.filter(fiscal_year=fiscal_year).prefetch_related("rows")
    query = query.strip()
    if query:
        vouchers = vouchers.filter(
            Q(text__icontains=query)
            | Q(number=query)
            | Q(rows__account=query)
            | Q(rows__text__icontains=query)
        ).distinct()
    return vouchers.order_by("date", "series", "line")
