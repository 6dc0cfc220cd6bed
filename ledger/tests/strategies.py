"""Hypothesis strategies for random ledgers (SieFile values that a writer can write)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import strategies as st

from ledger.sie.parser import SieFile, SieRow, SieVoucher

ACCOUNTS = ("1510", "1930", "2010", "2099", "2440", "3000", "3990", "5010", "6110", "7010", "8310")
texts = st.text(alphabet='abcåäöÅÄÖ "{}-1', max_size=12)
amounts = st.integers(min_value=-(10**9), max_value=10**9).map(lambda n: Decimal(n) / 100)


@st.composite
def vouchers(draw: st.DrawFn, start: dt.date) -> SieVoucher:
    amounts_drawn = draw(st.lists(amounts, min_size=1, max_size=5))
    accounts = draw(
        st.lists(
            st.sampled_from(ACCOUNTS),
            min_size=len(amounts_drawn) + 1,
            max_size=len(amounts_drawn) + 1,
        )
    )
    objects = draw(
        st.lists(
            st.sampled_from(["", "1:10", "1:20", "1:10;6:P1"]),
            min_size=len(accounts),
            max_size=len(accounts),
        )
    )
    rows = [SieRow(a, o, m) for a, o, m in zip(accounts, objects, amounts_drawn, strict=False)]
    rows.append(SieRow(accounts[-1], objects[-1], -sum((r.amount for r in rows), Decimal(0))))
    day = start + dt.timedelta(days=draw(st.integers(0, 364)))
    return SieVoucher(
        line=0,
        series="A",
        number=str(draw(st.integers(1, 9999))),
        date=day,
        text=draw(texts),
        rows=rows,
    )


@st.composite
def ledgers(draw: st.DrawFn) -> SieFile:
    year = draw(st.integers(2015, 2030))
    start = dt.date(year, 1, 1)
    sie = SieFile(encoding="cp437", organisation_number="222000-2576", company_name=draw(texts))
    sie.years = {
        0: (start, dt.date(year, 12, 31)),
        -1: (dt.date(year - 1, 1, 1), dt.date(year - 1, 12, 31)),
    }
    for account in draw(st.sets(st.sampled_from(ACCOUNTS))):
        sie.accounts[account] = draw(texts)
    sie.objects = {(1, "10"): "Kansli", (1, "20"): "Insats", (6, "P1"): draw(texts)}
    for kind, offset in (("IB", 0), ("UB", 0), ("RES", 0), ("UB", -1), ("RES", -1)):
        for account in draw(st.sets(st.sampled_from(ACCOUNTS), max_size=4)):
            sie.balances[(kind, offset, account, "")] = draw(amounts)
    for account in draw(st.sets(st.sampled_from(ACCOUNTS), max_size=3)):
        sie.balances[("OUB", 0, account, "1:10")] = draw(amounts)
    for account in draw(st.sets(st.sampled_from(ACCOUNTS), max_size=3)):
        period = year * 100 + draw(st.integers(1, 12))
        sie.period_balances[("PBUDGET", 0, period, account, "")] = draw(amounts)
        sie.period_balances[("PSALDO", 0, period, account, "1:20")] = draw(amounts)
    sie.vouchers = draw(st.lists(vouchers(start), max_size=6))
    return sie
