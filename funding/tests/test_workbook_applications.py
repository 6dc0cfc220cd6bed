"""Sheets `Ansökningar` and `Ansökningsbelopp`: import (all-or-nothing, places,
idempotent), export and round trip."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django_scopes import scope, scopes_disabled

from funding.models import Application, ApplicationYear, FundingDecision
from funding.tests.factories import ApplicationFactory, AssessmentFactory
from funding.tests.scenarios import decide
from imports.tests.workbooks import (
    INSATSER_HEADER,
    Sheets,
    export_file,
    run_import,
    triples,
    xlsx_file,
)
from interventions.models import Budget, Intervention
from testing.factories import AssociationFactory

pytestmark = pytest.mark.django_db

APPLICATION_HEADER = [
    "kod",
    "namn",
    "insatsägare",
    "samverkansparter",
    "inriktning",
    "syfte",
    "uppföljning",
    "startdatum",
    "slutdatum",
    "malgrupp",
    "förväntat_antal_deltagare",
    "forlanger",
    "inkom",
    "beslut",
    "beslutsdatum",
]
AMOUNT_HEADER = ["ansökan", "år", "belopp"]
#: Bryggan's owner, partners, kind, aim, follow-up, start and end: the same in its
#: intervention row and in the application it was granted on.
BRYGGAN_PLAN = ["Östhammar", "", "individ", "arbete", "personuppgifter", "2021-01-01", "2023-12-31"]


def application_sheets() -> Sheets:
    return {
        "Insatser": [
            INSATSER_HEADER,
            ["BRY", "Bryggan", "", *BRYGGAN_PLAN, 40],
        ],
        "Ansökningar": [
            APPLICATION_HEADER,
            [
                "BRY2",
                "Bryggan främjar hälsa",
                "Östhammar",
                "Region Uppsala; Arbetsförmedlingen",
                "individ",
                "forrehabilitering",
                "personuppgifter",
                "2023-07-01",
                "2025-12-31",
                "Unga vuxna",
                30,
                "",
                "2023-03-01",
                "",
                "",
            ],
            [
                "BRY",
                "Bryggan",
                *BRYGGAN_PLAN,
                "Långtidsarbetslösa",
                "",
                "",
                "2020-10-01",
                "beviljad",
                "2020-11-20",
            ],
            [
                "NAV",
                "Navet",
                "Tierp",
                "",
                "struktur",
                "",
                "antal",
                "2022-01-01",
                "2022-12-31",
                "Handläggare",
                "",
                "BRY",
                "2021-09-01",
                "avslag",
                "2021-10-15",
            ],
        ],
        "Ansökningsbelopp": [
            AMOUNT_HEADER,
            ["BRY2", 2023, 620_000],
            ["BRY2", "2024", "1 860 000"],
            ["BRY2", 2025, 1_860_000],
            ["BRY", 2021, 1_000_000],
        ],
    }


def stored(association: Any) -> dict[str, list[tuple[Any, ...]]]:
    with scopes_disabled():
        return {
            "applications": sorted(
                Application.objects.filter(association=association).values_list(
                    "code",
                    "name",
                    "owner__name",
                    "kind",
                    "aim",
                    "follow_up",
                    "start_date",
                    "end_date",
                    "target_group",
                    "expected_participants",
                    "extends__code",
                    "received_on",
                )
            ),
            "partners": sorted(
                (a.code, p.name)
                for a in Application.objects.filter(association=association)
                for p in a.partners.all()
            ),
            "years": sorted(
                ApplicationYear.objects.filter(association=association).values_list(
                    "application__code", "year", "amount"
                )
            ),
            "decisions": sorted(
                FundingDecision.objects.filter(association=association).values_list(
                    "application__code",
                    "outcome",
                    "decided_on",
                    "start_date",
                    "end_date",
                    "intervention__code",
                    "imported",
                )
            ),
        }


def test_import_applications_stores_rows_and_decisions_without_interventions(tmp_path: Path):
    association = AssociationFactory.create()

    result = run_import(xlsx_file(tmp_path, application_sheets()), association)

    assert result.problems == []
    data = stored(association)
    assert data["years"] == [
        ("BRY", 2021, 1_000_000),
        ("BRY2", 2023, 620_000),
        ("BRY2", 2024, 1_860_000),
        ("BRY2", 2025, 1_860_000),
    ]
    assert data["decisions"] == [
        (
            "BRY",
            "beviljad",
            dt.date(2020, 11, 20),
            dt.date(2021, 1, 1),
            dt.date(2023, 12, 31),
            "BRY",
            True,
        ),
        ("NAV", "avslag", dt.date(2021, 10, 15), None, None, None, True),
    ]
    assert data["partners"] == [("BRY2", "Arbetsförmedlingen"), ("BRY2", "Region Uppsala")]
    assert data["applications"][1] == (
        "BRY2",
        "Bryggan främjar hälsa",
        "Östhammar",
        "individ",
        "forrehabilitering",
        "personuppgifter",
        dt.date(2023, 7, 1),
        dt.date(2025, 12, 31),
        "Unga vuxna",
        30,
        None,
        dt.date(2023, 3, 1),
    )
    with scopes_disabled():
        assert list(Intervention.objects.filter(association=association).values_list("code")) == [
            ("BRY",)
        ]
        assert Budget.objects.filter(association=association).count() == 0


def test_import_applications_twice_is_idempotent(tmp_path: Path):
    association = AssociationFactory.create()
    path = xlsx_file(tmp_path, application_sheets())
    run_import(path, association)
    first = stored(association)

    again = run_import(path, association)

    assert again.problems == []
    assert stored(association) == first
    assert (
        again.changes["Ansökningar"].unchanged,
        again.changes["Ansökningsbelopp"].unchanged,
    ) == (
        3,
        4,
    )


def test_import_applications_replaces_by_code_and_can_undo_an_imported_decision(tmp_path: Path):
    association = AssociationFactory.create()
    run_import(xlsx_file(tmp_path, application_sheets(), "a.xlsx"), association)
    sheets = application_sheets()
    sheets["Ansökningar"][3][13:15] = ["", ""]  # NAV no longer decided
    sheets["Ansökningsbelopp"][2][2] = 1_500_000

    result = run_import(xlsx_file(tmp_path, sheets, "b.xlsx"), association)

    assert result.problems == []
    data = stored(association)
    assert [d[0] for d in data["decisions"]] == ["BRY"]
    assert ("BRY2", 2024, 1_500_000) in data["years"]


def test_import_applications_refuses_bad_rows_with_places_and_writes_nothing(tmp_path: Path):
    association = AssociationFactory.create()
    sheets = application_sheets()
    sheets["Ansökningar"][1][13] = "beviljad"  # decided without a date
    sheets["Ansökningar"].append(list(sheets["Ansökningar"][3]))  # the same kod twice
    sheets["Ansökningar"][3][11] = "OKAND"  # extends an unknown intervention
    sheets["Ansökningsbelopp"] += [
        ["BRY", 2026, 100],  # outside the period
        ["XXX", 2023, 100],  # unknown application
        ["BRY", 2022, -5],  # negative
        ["BRY", 2021, 7],  # the same year twice
    ]

    result = run_import(xlsx_file(tmp_path, sheets), association)

    assert triples(result) == [
        ("Ansökningar", 2, "beslutsdatum"),
        ("Ansökningar", 4, "forlanger"),
        ("Ansökningar", 5, "kod"),
        ("Ansökningsbelopp", 6, "år"),
        ("Ansökningsbelopp", 7, "ansökan"),
        ("Ansökningsbelopp", 8, "belopp"),
        ("Ansökningsbelopp", 9, "år"),
    ]
    assert stored(association) == {"applications": [], "partners": [], "years": [], "decisions": []}


def test_import_refuses_to_change_an_application_decided_in_finsam(tmp_path: Path):
    association = AssociationFactory.create()
    application = ApplicationFactory.create(association=association, code="BRY2")
    AssessmentFactory.create(application=application)
    with scope(association=association.pk):
        decision = decide(application, "avslag")
    code = decision.application.code
    sheets = application_sheets()
    sheets["Ansökningar"][1][0] = code
    sheets["Ansökningsbelopp"] = [AMOUNT_HEADER]

    result = run_import(xlsx_file(tmp_path, sheets), association)

    assert len(result.problems) == 1
    assert code in result.problems[0].reason
    with scopes_disabled():
        assert FundingDecision.objects.get(pk=decision.pk).imported is False


def test_export_applications_then_import_round_trips(tmp_path: Path):
    source = AssociationFactory.create()
    run_import(xlsx_file(tmp_path, application_sheets()), source)
    path = export_file(tmp_path, source)
    target = AssociationFactory.create()

    result = run_import(path, target)

    assert result.problems == []
    assert stored(target) == stored(source)


def test_export_of_application_without_kod_imports_back_onto_the_same_row(tmp_path: Path):
    association = AssociationFactory.create()
    with scopes_disabled():
        intervention = Intervention.objects.create(
            association=association,
            code="BAS",
            name="Bas",
            owner=ApplicationFactory.create(association=association).owner,
            kind="struktur",
            follow_up="antal",
            start_date=dt.date(2022, 1, 1),
        )
    extension = ApplicationFactory.create(
        association=association, code="", extends=intervention, kind="struktur", aim=""
    )
    with scopes_disabled():
        ApplicationYear.objects.create(
            association=association, application=extension, year=2024, amount=5
        )
    path = export_file(tmp_path, association)
    before = stored(association)

    result = run_import(path, association)

    assert result.problems == []
    assert stored(association) == before
    assert result.changes["Ansökningar"].created == 0
