from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from imports.tests.workbooks import (
    BUDGET_HEADER,
    GOOD_ROWS,
    INSATSER_HEADER,
    MISSING_AFTER_BUDGET,
    Sheets,
    content,
    csv_folder,
    csv_zip,
    dump,
    each_row,
    good_sheets,
    run_import,
    sheet_row,
    triples,
    xlsx_file,
)
from imports.workbook.base import SheetChanges
from interventions.models import Budget, Intervention
from testing.factories import AssociationFactory, BudgetFactory, InterventionFactory

pytestmark = pytest.mark.django_db


def insats(code: str, **overrides: object) -> list[Any]:
    values: dict[str, object] = {
        "kod": code,
        "namn": f"Insats {code}",
        "kortnamn": "",
        "insatsägare": "Exempels kommun",
        "samverkansparter": "",
        "inriktning": "individ",
        "syfte": "arbete",
        "uppföljning": "personuppgifter",
        "startdatum": "2023-01-01",
        "slutdatum": "",
        "förväntat_antal_deltagare": "",
    }
    return sheet_row(INSATSER_HEADER, values | overrides)


def test_import_good_workbook_creates_interventions_and_budgets(tmp_path: Path) -> None:
    association = AssociationFactory.create()

    result = run_import(xlsx_file(tmp_path, good_sheets()), association)

    assert result.problems == []
    assert result.changes == each_row("created", GOOD_ROWS)
    assert content(association) == {
        "interventions": [
            (
                "ARB",
                "Arbetsträning i Exempel",
                "Arbetsträning",
                "Exempels kommun",
                ("Arbetsförmedlingen", "Försäkringskassan"),
                "individ",
                "arbete",
                "personuppgifter",
                dt.date(2023, 1, 1),
                dt.date(2025, 12, 31),
                60,
            ),
            (
                "NAT",
                "Nätverk för handläggare",
                "",
                "Samordningsförbundet Exempel",
                (),
                "struktur",
                "",
                "antal",
                dt.date(2023, 3, 1),
                None,
                None,
            ),
        ],
        "budgets": [
            ("ARB", 2023, None, 1_290_000),
            ("ARB", 2024, 1, 300_000),
            ("ARB", 2024, 2, 300_000),
            ("NAT", 2023, None, 150_000),
        ],
    }


def test_import_bad_workbook_lists_every_problem_and_writes_nothing(tmp_path: Path) -> None:
    association = AssociationFactory.create()
    sheets: Sheets = {
        "Insatser": [
            [*INSATSER_HEADER, "färg"],
            [*insats("A", startdatum="2023-13-01"), "blå"],
            [*insats("A"), ""],
            [*insats("C", startdatum="2023-06-01", slutdatum="2023-05-31"), ""],
            [*insats("D", inriktning="okänd"), ""],
        ]
    }

    result = run_import(xlsx_file(tmp_path, sheets), association)

    assert triples(result) == [
        ("Insatser", 1, "färg"),
        ("Insatser", 2, "startdatum"),
        ("Insatser", 3, "kod"),
        ("Insatser", 4, "slutdatum"),
        ("Insatser", 5, "inriktning"),
    ]
    assert [(p.value, p.reason) for p in result.problems[1:4]] == [
        ("2023-13-01", "Datumet finns inte."),
        ("A", "Koden finns redan på rad 2 i bladet."),
        ("2023-05-31", "Slutdatum får inte vara före startdatum."),
    ]
    assert (Intervention.objects.count(), result.changes) == (0, {})


def test_import_bad_budget_rows_are_all_reported(tmp_path: Path) -> None:
    association = AssociationFactory.create()
    stored = InterventionFactory.create(association=association, code="OLD")
    BudgetFactory.create(intervention=stored, year=2023, quarter=None)
    sheets: Sheets = {
        "Insatser": [INSATSER_HEADER, insats("NEW")],
        "Budget": [
            BUDGET_HEADER,
            ["NEW", 2024, 1, 100],
            ["NEW", 2024, 1, 200],
            ["NEW", 2024, None, 300],
            ["OLD", 2023, 2, 400],
            ["MISSING", 2023, None, 500],
            ["NEW", "tjugo", 5, "-10"],
            ["NEW", 2025, None, "12,50"],
        ],
    }

    result = run_import(xlsx_file(tmp_path, sheets), association)

    assert triples(result) == [
        ("Budget", 6, "insats"),
        ("Budget", 7, "år"),
        ("Budget", 7, "kvartal"),
        ("Budget", 7, "belopp"),
        ("Budget", 8, "belopp"),
        ("Budget", 3, "insats"),
        ("Budget", 2, "kvartal"),
        ("Budget", 3, "kvartal"),
        ("Budget", 4, "kvartal"),
        ("Budget", 5, "kvartal"),
    ]
    assert (Intervention.objects.filter(code="NEW").count(), Budget.objects.count()) == (0, 1)


def test_import_same_file_twice_gives_same_database(tmp_path: Path) -> None:
    association = AssociationFactory.create()
    path = xlsx_file(tmp_path, good_sheets())
    run_import(path, association)
    first = dump(association)

    result = run_import(path, association)

    assert dump(association) == first
    assert result.changes == each_row("unchanged", GOOD_ROWS)


def test_import_row_replaces_stored_row_with_same_key(tmp_path: Path) -> None:
    association = AssociationFactory.create()
    run_import(xlsx_file(tmp_path, good_sheets(), "first.xlsx"), association)
    sheets = good_sheets()
    sheets["Insatser"][1][4] = "Region Exempel"
    sheets["Budget"][1][3] = 999

    result = run_import(xlsx_file(tmp_path, sheets, "second.xlsx"), association)

    arb = Intervention.objects.get(association=association, code="ARB")
    assert sorted(arb.partners.values_list("name", flat=True)) == ["Region Exempel"]
    assert Budget.objects.get(intervention=arb, year=2023).amount == 999
    assert result.changes == {
        "Insatser": SheetChanges(updated=1, unchanged=1),
        "Budget": SheetChanges(updated=1, unchanged=3),
    }


def test_import_dry_run_writes_nothing(tmp_path: Path) -> None:
    association = AssociationFactory.create()

    result = run_import(xlsx_file(tmp_path, good_sheets()), association, dry_run=True)

    assert result.changes == each_row("created", GOOD_ROWS)
    assert content(association) == {"interventions": [], "budgets": []}
    assert (
        result.summary_lines()[0] == "Kontroll utan att spara: filen är giltig. Inget har sparats."
    )


@pytest.mark.parametrize("delimiter", [";", ","])
def test_import_csv_folder_equals_xlsx(tmp_path: Path, delimiter: str) -> None:
    from_xlsx, from_csv = AssociationFactory.create(), AssociationFactory.create()
    run_import(xlsx_file(tmp_path, good_sheets()), from_xlsx)

    result = run_import(csv_folder(tmp_path, good_sheets(), delimiter), from_csv)

    assert result.problems == []
    assert content(from_csv) == content(from_xlsx)


def test_import_csv_zip_equals_xlsx(tmp_path: Path) -> None:
    from_xlsx, from_zip = AssociationFactory.create(), AssociationFactory.create()
    run_import(xlsx_file(tmp_path, good_sheets()), from_xlsx)

    result = run_import(csv_zip(tmp_path, good_sheets()), from_zip)

    assert result.problems == []
    assert content(from_zip) == content(from_xlsx)


def test_import_headers_match_without_case_and_with_a_a_o(tmp_path: Path) -> None:
    association = AssociationFactory.create()
    sheets = good_sheets()
    sheets["Insatser"][0] = [
        " KOD ",
        "Namn",
        "kortnamn",
        "insatsagare",
        "Samverkansparter",
        "inriktning",
        "syfte",
        "UPPFOLJNING",
        "startdatum",
        "slutdatum",
        "forvantat_antal_deltagare",
    ]
    sheets["Budget"][0] = ["insats", "ar", "kvartal", "Belopp"]

    result = run_import(xlsx_file(tmp_path, sheets), association)

    assert (result.problems, Budget.objects.filter(association=association).count()) == ([], 4)


def test_import_missing_required_column_is_reported_once(tmp_path: Path) -> None:
    association = AssociationFactory.create()
    sheets: Sheets = {"Budget": [["insats", "år", "kvartal"], ["A", 2023, None], ["A", 2024, None]]}
    InterventionFactory.create(association=association, code="A")

    result = run_import(xlsx_file(tmp_path, sheets), association)

    assert triples(result) == [("Budget", 1, "belopp")]


def test_import_other_sheets_are_ignored_with_notice(tmp_path: Path) -> None:
    association = AssociationFactory.create()
    sheets: Sheets = {**good_sheets(), "Anteckningar": [["x"], ["y"]]}

    result = run_import(xlsx_file(tmp_path, sheets), association)

    assert result.problems == []
    assert result.notices == [
        "Bladet Anteckningar hör inte till importmallen och lästes inte.",
        *MISSING_AFTER_BUDGET,
    ]


def test_import_missing_sheet_imports_nothing_of_that_kind(tmp_path: Path) -> None:
    association = AssociationFactory.create()
    sheets: Sheets = {"Insatser": good_sheets()["Insatser"]}

    result = run_import(xlsx_file(tmp_path, sheets), association)

    assert result.changes == {"Insatser": SheetChanges(created=2)}
    assert result.notices == [
        "Bladet Budget finns inte i filen; inga budgetrader importerades.",
        *MISSING_AFTER_BUDGET,
    ]


def test_import_budget_for_stored_intervention_without_insatser_sheet(tmp_path: Path) -> None:
    association = AssociationFactory.create()
    intervention = InterventionFactory.create(association=association, code="A")
    sheets: Sheets = {"Budget": [BUDGET_HEADER, ["A", 2023, 1, "250 000"]]}

    result = run_import(xlsx_file(tmp_path, sheets), association)

    assert result.problems == []
    assert list(intervention.budgets.values_list("year", "quarter", "amount")) == [
        (2023, 1, 250_000)
    ]


def test_import_does_not_see_other_associations_codes(tmp_path: Path) -> None:
    association, other = AssociationFactory.create(), AssociationFactory.create()
    InterventionFactory.create(association=other, code="X")
    sheets: Sheets = {"Budget": [BUDGET_HEADER, ["X", 2023, None, 100]]}

    result = run_import(xlsx_file(tmp_path, sheets), association)

    assert triples(result) == [("Budget", 2, "insats")]


def test_import_individual_without_aim_and_structure_with_aim_are_refused(
    tmp_path: Path,
) -> None:
    association = AssociationFactory.create()
    sheets: Sheets = {
        "Insatser": [
            INSATSER_HEADER,
            insats("A", syfte=""),
            insats("B", inriktning="struktur", syfte="arbete"),
            insats("C", uppföljning="", förväntat_antal_deltagare="-3"),
        ]
    }

    result = run_import(xlsx_file(tmp_path, sheets), association)

    assert triples(result) == [
        ("Insatser", 2, "syfte"),
        ("Insatser", 3, "syfte"),
        ("Insatser", 4, "uppföljning"),
        ("Insatser", 4, "förväntat_antal_deltagare"),
    ]


def test_import_unreadable_file_is_one_problem(tmp_path: Path) -> None:
    association = AssociationFactory.create()
    path = tmp_path / "trasig.xlsx"
    path.write_bytes(b"not a workbook")

    result = run_import(path, association)

    assert [p.as_line() for p in result.problems] == [
        "Filen kunde inte läsas som en Excel-arbetsbok (.xlsx)."
    ]


def test_import_problem_line_format(tmp_path: Path) -> None:
    association = AssociationFactory.create()
    sheets: Sheets = {"Insatser": [INSATSER_HEADER, insats("A", startdatum="31/1 2023")]}

    result = run_import(xlsx_file(tmp_path, sheets), association)

    assert [p.as_line() for p in result.problems] == [
        'Blad Insatser, rad 2, kolumn startdatum, värde "31/1 2023": '
        "Ange datum som ÅÅÅÅ-MM-DD, till exempel 2024-01-31."
    ]


def test_import_empty_kortnamn_shows_namn(tmp_path: Path) -> None:
    association = AssociationFactory.create()
    sheets: Sheets = {"Insatser": [INSATSER_HEADER, insats("A", namn="Arbetsträning")]}

    run_import(xlsx_file(tmp_path, sheets), association)

    intervention = Intervention.objects.get(association=association, code="A")
    assert (intervention.short_name, intervention.display_name) == ("", "Arbetsträning")


def test_import_single_csv_file_is_the_sheet_of_its_name(tmp_path: Path) -> None:
    association = AssociationFactory.create()
    InterventionFactory.create(association=association, code="A")
    path = tmp_path / "Budget.csv"
    path.write_bytes("\ufeffinsats;år;kvartal;belopp\nA;2023;;1 290 000,00\n".encode())

    result = run_import(path, association)

    assert (result.problems, result.changes) == ([], {"Budget": SheetChanges(created=1)})
