"""The statements agree with each other on random ledgers (whole kronor, so rounding does
not blur the identities): the balance sheet balances, the cash flow equals the change in
liquid funds, every note equals its line, the operating statement's total outcome equals
the year's result."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django_scopes import scope
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imports.tests.workbooks import run_import, xlsx_file
from ledger.services import import_sie
from ledger.sie.parser import SieFile, SieRow, SieVoucher
from ledger.sie.writer import write_sie
from ledger.tests.mapping_samples import mapping_sheets
from stats.annual.report import annual_report_json
from testing.factories import AssociationFactory

pytestmark = pytest.mark.django_db

BALANCE = ("1220", "1460", "1510", "1930", "2010", "2080", "2350", "2440")
RESULT = ("3000", "3990", "5010", "6110", "7830", "8310", "8410")
MAPPING = [
    ["rapport", "rad", "rubrik", "grupp", "konton", "not", "specifikation", "bunden"],
    ["resultat", "intakter", "Intäkter", "verksamhetens_intakter", "3000-3999", 1, "konto", ""],
    [
        "resultat",
        "kostnader",
        "Kostnader",
        "verksamhetens_kostnader",
        "4000-7699",
        2,
        "objekt:1",
        "",
    ],
    ["resultat", "avskr", "Avskrivningar", "avskrivningar", "7700-7899", "", "", ""],
    ["resultat", "finint", "Fin. intäkter", "finansiella_intakter", "8000-8399", 3, "", ""],
    ["resultat", "finkost", "Fin. kostnader", "finansiella_kostnader", "8400-8799", 3, "", ""],
    [
        "balans",
        "inv",
        "Inventarier",
        "materiella_anlaggningstillgangar",
        "1200-1299",
        4,
        "konto",
        "",
    ],
    ["balans", "forrad", "Förråd", "forrad", "1400-1499", "", "", ""],
    ["balans", "ford", "Fordringar", "fordringar", "1500-1799", "", "", ""],
    ["balans", "bank", "Bank", "kassa_och_bank", "1900-1999", 5, "konto", ""],
    ["balans", "fond", "Reservfond", "eget_kapital", "2080", "", "", "ja"],
    ["balans", "ek", "Eget kapital", "eget_kapital", "2000-2079;2081-2098", "", "", ""],
    ["balans", "arets_resultat", "Årets resultat", "eget_kapital", "2099", "", "", ""],
    ["balans", "lang", "Långfristiga skulder", "langfristiga_skulder", "2300-2399", "", "", ""],
    ["balans", "kort", "Kortfristiga skulder", "kortfristiga_skulder", "2400-2999", 6, "konto", ""],
]
kronor = st.integers(min_value=-50_000, max_value=50_000).map(Decimal)


@st.composite
def ledgers(draw: st.DrawFn) -> SieFile:
    sie = SieFile(encoding="cp437", sie_type="4")
    sie.years = {0: (dt.date(2022, 1, 1), dt.date(2022, 12, 31))}
    opening = {a: draw(kronor) for a in BALANCE[:-1]}
    opening[BALANCE[-1]] = -sum(opening.values(), Decimal(0))
    moved: dict[str, Decimal] = dict.fromkeys(BALANCE + RESULT + ("2099", "8999"), Decimal(0))
    for number in range(draw(st.integers(0, 8))):
        # equity moves only through the result (a direct equity booking is outside the
        # indirect method; the report warns about it)
        bookable = tuple(a for a in BALANCE + RESULT if not a.startswith("20"))
        accounts = draw(st.lists(st.sampled_from(bookable), min_size=2, max_size=4))
        rows = [
            SieRow(a, draw(st.sampled_from(["", "1:10", "1:20"])), draw(kronor))
            for a in accounts[:-1]
        ]
        rows.append(SieRow(accounts[-1], "", -sum((r.amount for r in rows), Decimal(0))))
        sie.vouchers.append(SieVoucher(0, "A", str(number + 1), dt.date(2022, 6, 1), "v", rows))
    if draw(st.booleans()):  # closed: the result booked to 2099 against 8999
        result = sum(
            (r.amount for v in sie.vouchers for r in v.rows if r.account in RESULT), Decimal(0)
        )
        if result:
            sie.vouchers.append(
                SieVoucher(
                    0,
                    "B",
                    "1",
                    dt.date(2022, 12, 31),
                    "bokslut",
                    [SieRow("8999", "", -result), SieRow("2099", "", result)],
                )
            )
    for voucher in sie.vouchers:
        for row in voucher.rows:
            moved[row.account] += row.amount
    for account in (*BALANCE, "2099"):
        sie.balances[("IB", 0, account, "")] = opening.get(account, Decimal(0))
        sie.balances[("UB", 0, account, "")] = opening.get(account, Decimal(0)) + moved[account]
    for account in (*RESULT, "8999"):
        sie.balances[("RES", 0, account, "")] = moved[account]
    return sie


@pytest.fixture
def association(tmp_path):
    association = AssociationFactory.create(slug="slump")
    sheets = mapping_sheets(Rapportrader=MAPPING)
    assert run_import(xlsx_file(tmp_path, sheets), association).problems == []
    return association


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(sie=ledgers())
def test_annual_report_statements_agree_on_random_ledgers(association, sie):
    with scope(association=association.pk):
        import_sie(association=association, data=write_sie(sie))
        report = annual_report_json(association, 2022)

    balance = report["balance_sheet"]
    flow = report["cash_flow"]
    lines = {line["line"]: line for line in report["income_statement"]["lines"] + balance["lines"]}
    assert balance["total_assets"]["amount"] == balance["total_equity_and_liabilities"]["amount"]
    assert (
        flow["total"]["amount"]
        == flow["liquid_funds_end"]["amount"] - flow["liquid_funds_start"]["amount"]
    )
    assert flow["result"]["amount"] == report["income_statement"]["result"]["amount"]
    for note in report["notes"]:
        assert note["total"]["amount"] == lines[note["line"]]["amount"]
        if note["rows"]:
            assert sum(row["amount"] for row in note["rows"]) == note["total"]["amount"]
    assert (
        report["operating_statement"]["total"]["outcome"]
        == report["income_statement"]["result"]["amount"]
    )
    assert (
        next(line for line in balance["lines"] if line["line"] == "arets_resultat")["amount"]
        == (report["income_statement"]["result"]["amount"])
    )
