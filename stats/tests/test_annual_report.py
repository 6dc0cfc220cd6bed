"""The annual report's figures against values computed by hand from the ledger of
``ledger.tests.report_sample`` (comments show the arithmetic)."""

from __future__ import annotations

from typing import Any

import pytest
from django_scopes import scope

from imports.tests.workbooks import run_import, xlsx_file
from ledger.services import import_sie
from ledger.tests.mapping_samples import mapping_sheets
from ledger.tests.report_sample import REPORT_SIE
from stats.annual.report import annual_report_json
from stats.memo import memo_json
from tenancy.models import Association
from testing.factories import AssociationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def association(tmp_path) -> Association:
    association = AssociationFactory.create(slug="test", organisation_number="222000-2576")
    sheets = mapping_sheets(
        Budget=[["insats", "år", "kvartal", "belopp"], ["ARB", 2022, "", 400]],
        Utfall=[["insats", "år", "kvartal", "belopp"], ["ARB", 2022, 1, 300]],
    )
    assert run_import(xlsx_file(tmp_path, sheets), association).problems == []
    with scope(association=association.pk):
        import_sie(association=association, data=REPORT_SIE.encode("cp437"))
    return association


@pytest.fixture
def report(association) -> dict[str, Any]:
    with scope(association=association.pk):
        return annual_report_json(association, 2022)


def T(amount, previous, budget=None):
    return {"amount": amount, "previous": previous, "budget": budget}


def P(amount, previous):
    return {"amount": amount, "previous": previous}


def test_income_statement_by_hand(report):
    statement = report["income_statement"]

    assert [
        (line["line"], line["amount"], line["previous"], line["budget"], line["note"])
        for line in statement["lines"]
    ] == [
        ("intakter", 1200, 1000, 1100, 1),
        # 5010: 600 + 300 + 50 + 75.50 = 1025.50 -> -1026 (half away from zero)
        ("kostnader", -1026, -800, -900, 2),
        ("avskrivningar", -100, -100, None, None),
        ("fin_intakter", 20, 10, None, 3),  # 20.40 -> 20
        ("fin_kostnader", 0, 0, None, 3),
    ]
    assert statement["groups"]["verksamhetens_kostnader"] == T(-1026, -800, -900)
    assert statement["groups"]["extraordinara_poster"] == T(0, 0, None)
    assert statement["net_operating_costs"] == T(-1126, -900, -900)
    assert statement["operating_result"] == T(74, 100, 200)
    assert statement["result_after_financial_items"] == T(94, 110, 200)
    # the sum of the rounded lines (the exact result is 94.90)
    assert statement["result"] == T(94, 110, 200)


def test_balance_sheet_by_hand(report):
    sheet = report["balance_sheet"]

    assert [(line["line"], line["amount"], line["previous"]) for line in sheet["lines"]] == [
        ("inventarier", 100, 200),
        ("fordringar", 50, 50),
        ("bank", 1220, 950),  # 1220.40
        ("reservfond", 100, 100),
        ("eget_kapital", 910, 800),
        # not closed: 0 on 2099 + 94.90 that the balance accounts sum to; 2021 closed: 110
        ("arets_resultat", 95, 110),
        ("skulder", 266, 190),  # 265.50
    ]
    assert sheet["total_assets"] == P(1370, 1200)
    # each line rounded on its own: 1 kr from the exact 1 370.40 on both sides
    assert sheet["total_equity_and_liabilities"] == P(1371, 1200)
    assert sheet["equity"] == P(1105, 1010)
    assert sheet["unrestricted_equity"] == P(1005, 910)
    assert (sheet["fixed_assets"], sheet["current_assets"]) == (P(100, 200), P(1270, 1000))
    assert sheet["short_term_liabilities"] == P(266, 190)


def test_cash_flow_by_hand(report):
    flow = report["cash_flow"]

    assert {key: (value["amount"], value["previous"]) for key, value in flow.items()} == {
        "result": (94, 110),
        "adjustments": (100, 100),
        "before_working_capital": (194, 210),
        "change_inventories": (0, 0),
        "change_receivables": (0, -50),
        "change_short_term_liabilities": (76, 90),
        "operating": (270, 250),
        "investing": (0, 0),
        "financing": (0, 0),
        "total": (270, 250),
        "liquid_funds_start": (950, 700),
        "liquid_funds_end": (1220, 950),
    }


def test_notes_by_hand(report):
    assert report["notes"] == [
        {
            "note": 1,
            "line": "intakter",
            "label": "Verksamhetens intäkter",
            "rows": [{"key": "3000", "label": "Bidrag", "amount": 1200, "previous": 1000}],
            "total": P(1200, 1000),
        },
        {
            "note": 2,
            "line": "kostnader",
            "label": "Verksamhetens kostnader",
            "rows": [
                {"key": "10", "label": "Kansli", "amount": -600, "previous": None},
                {"key": "20", "label": "Jobbcentrum", "amount": -376, "previous": None},
                {"key": "", "label": "Utan objekt", "amount": -50, "previous": None},
            ],
            "total": P(-1026, -800),
        },
        {
            "note": 3,
            "line": "fin_intakter",
            "label": "Finansiella intäkter",
            "rows": [],
            "total": P(20, 10),
        },
        {
            "note": 3,
            "line": "fin_kostnader",
            "label": "Finansiella kostnader",
            "rows": [],
            "total": P(0, 0),
        },
        {
            "note": 4,
            "line": "bank",
            "label": "Kassa och bank",
            "rows": [{"key": "1930", "label": "Bank", "amount": 1220, "previous": 950}],
            "total": P(1220, 950),
        },
        {
            "note": 5,
            "line": "skulder",
            "label": "Kortfristiga skulder",
            "rows": [
                {"key": "2440", "label": "Leverantörsskulder", "amount": 266, "previous": 190}
            ],
            "total": P(266, 190),
        },
    ]


def test_overview_by_hand(report):
    assert report["overview"] == [
        # equity 1105 / assets 1370 = 80.7 %; (1270 - 0) / 266 = 477.4 %; 1 / ((3.5+2.5)/2)
        {
            "year": 2022,
            "income": 1200,
            "costs": -1106,
            "result": 94,
            "equity_ratio": 81,
            "quick_ratio": 477,
            "employees": 3.5,
            "staff_turnover": 33,
        },
        {
            "year": 2021,
            "income": 1000,
            "costs": -890,
            "result": 110,
            "equity_ratio": 84,
            "quick_ratio": 526,
            "employees": 2.5,
            "staff_turnover": None,
        },
        {
            "year": 2020,
            "income": 850,
            "costs": -900,
            "result": -50,
            "equity_ratio": None,
            "quick_ratio": None,
            "employees": None,
            "staff_turnover": None,
        },
        {
            "year": 2019,
            "income": 800,
            "costs": -750,
            "result": 50,
            "equity_ratio": 60,
            "quick_ratio": 200,
            "employees": None,
            "staff_turnover": None,
        },
        {
            "year": 2018,
            "income": None,
            "costs": None,
            "result": None,
            "equity_ratio": None,
            "quick_ratio": None,
            "employees": None,
            "staff_turnover": None,
        },
    ]


def test_operating_statement_by_hand(report):
    statement = report["operating_statement"]

    assert statement["rows"] == [
        {
            "row": "medlemsbidrag",
            "label": "Medlemsbidrag",
            "group": "intakter",
            "intervention": None,
            "budget": 1100,
            "outcome": 1200,
            "difference": 100,
            "consumption_ratio": None,
        },
        {
            "row": "kansli",
            "label": "Kansli",
            "group": "administration",
            "intervention": None,
            "budget": -450,
            "outcome": -600,
            "difference": -150,
            "consumption_ratio": 133,
        },
        # no own budget: the intervention's granted budget; 300 + 75.50 -> -376
        {
            "row": "jobbcentrum",
            "label": "Jobbcentrum",
            "group": "individ",
            "intervention": "ARB",
            "budget": -400,
            "outcome": -376,
            "difference": 24,
            "consumption_ratio": 94,
        },
        # 5010 without object 50 + 7830 100 - 8310 20.40 = 129.60
        {
            "row": "ej_fordelat",
            "label": "Ej fördelat",
            "group": "ovrig",
            "intervention": None,
            "budget": None,
            "outcome": -130,
            "difference": None,
            "consumption_ratio": None,
        },
    ]
    assert statement["groups"] == {
        "intakter": {"budget": 1100, "outcome": 1200, "difference": 100},
        "administration": {"budget": -450, "outcome": -600, "difference": -150},
        "individ": {"budget": -400, "outcome": -376, "difference": 24},
        "ovrig": {"budget": None, "outcome": -130, "difference": None},
    }
    assert statement["total"] == {"budget": 250, "outcome": 94, "difference": -156}


def test_balance_requirement_and_checks_by_hand(report):
    assert report["balance_requirement"] == {
        "results": [
            {"year": 2019, "result": 50},
            {"year": 2020, "result": -50},
            {"year": 2021, "result": 110},
            {"year": 2022, "result": 94},
        ],
        "accumulated": 204,
    }
    assert report["checks"] == {
        "ledger_vs_requisitions": [
            {"intervention": "ARB", "ledger": 376, "requisitions": 300, "difference": 76}
        ],
        "warnings": [],
    }


def test_annual_report_head_and_statistics(association, report):
    with scope(association=association.pk):
        tables = memo_json(association, "2022")["tables"]

    assert (report["association"], report["year"], report["organisation_number"]) == (
        "test",
        2022,
        "222000-2576",
    )
    assert report["statistics"] == tables


def test_income_statement_from_vouchers_when_the_file_has_no_res(tmp_path):
    association = AssociationFactory.create(slug="utanres")
    assert run_import(xlsx_file(tmp_path, mapping_sheets()), association).problems == []
    without = "\n".join(
        line for line in REPORT_SIE.splitlines() if not line.startswith(("#RES 0", "#UB 0"))
    )
    with scope(association=association.pk):
        import_sie(association=association, data=without.encode("cp437"))
        report = annual_report_json(association, 2022)

    assert report["income_statement"]["result"]["amount"] == 94
    assert report["balance_sheet"]["total_assets"]["amount"] == 1370
