from __future__ import annotations

from decimal import Decimal

import pytest
from django_scopes import scopes_disabled

from imports.tests.workbooks import export_file, run_import, xlsx_file
from ledger.models import KeyFigures, OperatingRow, OwnBudgetAmount, ReportLine, StaffYear
from ledger.tests.mapping_samples import DRIFTRADER, RAPPORTRADER, mapping_sheets
from testing.factories import AssociationFactory

pytestmark = pytest.mark.django_db


def _content(association):
    with scopes_disabled():
        return (
            list(
                ReportLine.objects.filter(association=association).values_list(
                    "report",
                    "code",
                    "label",
                    "group",
                    "accounts",
                    "note",
                    "specification",
                    "restricted",
                    "position",
                )
            ),
            list(
                OperatingRow.objects.filter(association=association).values_list(
                    "code",
                    "label",
                    "group",
                    "accounts",
                    "object_list",
                    "intervention__code",
                    "position",
                )
            ),
            sorted(
                OwnBudgetAmount.objects.filter(association=association).values_list(
                    "row__code", "year", "version", "amount"
                )
            ),
            list(
                KeyFigures.objects.filter(association=association).values_list(
                    "year",
                    "income",
                    "result",
                    "costs",
                    "equity_ratio",
                    "quick_ratio",
                    "equity",
                    "unrestricted_equity",
                )
            ),
            list(
                StaffYear.objects.filter(association=association).values_list(
                    "year", "employees", "left", "changed_post"
                )
            ),
        )


def test_import_mapping_sheets_stores_every_row(tmp_path):
    association = AssociationFactory.create()

    result = run_import(xlsx_file(tmp_path, mapping_sheets()), association)

    assert result.problems == []
    lines, rows, budgets, figures, staff = _content(association)
    assert next(line for line in lines if line[1] == "reservfond") == (
        "balans",
        "reservfond",
        "Bunden reservfond",
        "eget_kapital",
        "2080",
        None,
        "",
        True,
        10,
    )
    assert rows[2] == ("jobbcentrum", "Jobbcentrum", "individ", "4000-7999", "1:20", "ARB", 4)
    assert budgets == [
        ("kansli", 2022, "budget", 450),
        ("kansli", 2022, "prognos", 460),
        ("medlemsbidrag", 2022, "budget", 1100),
    ]
    assert figures == [
        (2019, 800, 50, None, 60, 200, 700, 700),
        (2020, 850, -50, -900, None, None, None, None),
    ]
    assert staff == [(2021, Decimal("2.50"), 0, 0), (2022, Decimal("3.50"), 1, 0)]


def test_import_mapping_sheets_twice_is_idempotent(tmp_path):
    association = AssociationFactory.create()
    path = xlsx_file(tmp_path, mapping_sheets())
    run_import(path, association)
    first = _content(association)

    result = run_import(path, association)

    assert (_content(association), result.changes["Rapportrader"].unchanged) == (first, 12)


def test_import_account_in_two_lines_is_refused_with_place(tmp_path):
    association = AssociationFactory.create()
    lines = [
        *RAPPORTRADER,
        ["resultat", "dubbel", "Dubbel", "verksamhetens_kostnader", "5000;9000", "", "", ""],
    ]

    result = run_import(xlsx_file(tmp_path, mapping_sheets(Rapportrader=lines)), association)

    assert [p.as_line() for p in result.problems] == [
        'Blad Rapportrader, rad 14, kolumn konton, värde "5000;9000": '
        "Ett konto får bara finnas på en rad, men kontona finns redan på raden kostnader (rad 3)."
    ]
    assert _content(association) == ([], [], [], [], [])


def test_import_drift_rows_sharing_amounts_are_refused(tmp_path):
    association = AssociationFactory.create()
    rows = [*DRIFTRADER, ["projekt", "Projekt", "ovrig", "5000-5999", "6:P1", ""]]

    result = run_import(xlsx_file(tmp_path, mapping_sheets(Driftrader=rows)), association)

    assert [(p.sheet, p.row, p.column) for p in result.problems] == [
        ("Driftrader", 5, "konton"),
        ("Driftrader", 5, "konton"),
    ]


def test_import_bad_mapping_cells_are_each_reported(tmp_path):
    association = AssociationFactory.create()
    lines = [
        RAPPORTRADER[0],
        ["resultat", "x", "X", "kassa_och_bank", "3000-2000", "", "objekt", "ja"],
    ]

    result = run_import(xlsx_file(tmp_path, mapping_sheets(Rapportrader=lines)), association)

    assert [(p.row, p.column, p.reason) for p in result.problems] == [
        (2, "konton", "Intervallet 3000-2000 slutar före det börjar."),
        (2, "specifikation", "Ange konto, objekt:N (N = dimensionens nummer) eller lämna tomt."),
        (2, "grupp", "Gruppen hör inte till rapporten resultat."),
        (2, "bunden", "Bara rader i gruppen eget_kapital kan vara bundna."),
    ]


def test_export_mapping_sheets_round_trip(tmp_path):
    source, target = AssociationFactory.create(), AssociationFactory.create()
    run_import(xlsx_file(tmp_path, mapping_sheets()), source)
    path = export_file(tmp_path, source)

    result = run_import(path, target)

    assert result.problems == []
    assert _content(target) == _content(source)
