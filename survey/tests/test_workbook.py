"""The survey sheets of the workbook: refused whole with every problem's place,
idempotent, and the export round-trips."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from imports.tests.workbooks import export_file, run_import, triples, xlsx_file
from imports.workbook.base import SheetChanges
from survey.models import AskedCount, EarlierResult, NationalFigure, Response
from survey.tests.workbooks import answer, survey_sheets
from tenancy.models import Association
from testing.factories import AssociationFactory

pytestmark = pytest.mark.django_db

GOOD_ANSWERS = [
    answer(
        "P1", "deltagare_pagaende", "2021-03-01", 6, 5, 4, "ja", 3, 2, 1, insats="ARB", kon="kvinna"
    ),
    answer("S1", "styrelse", "2021-05-10", 5, 5, "", 2, 1),
    answer("A1", "deltagare_avslut", "2021-02-01", 5, "", "", "nej", insats="ARB", kon="man"),
]
NATIONAL = [[2021, "styrelse", 1, 64, 60, "", 71], [2021, "deltagare_pagaende", 4, 93, 94, 91, ""]]
EARLIER = [[2020, "styrelse", 1, 12, 58, "", ""]]
ASKED = [[2021, "deltagare_pagaende", "ARB", 40], [2021, "styrelse", "", 9]]


def good() -> dict[str, list[list[Any]]]:
    return survey_sheets(GOOD_ANSWERS, national=NATIONAL, earlier=EARLIER, asked=ASKED)


def stored(association: Association) -> dict[str, list[tuple[Any, ...]]]:
    responses = Response.objects.filter(association=association).order_by("reference")
    return {
        "responses": [
            (
                r.reference,
                r.form.code,
                r.date.isoformat(),
                r.intervention.code if r.intervention else None,
                r.gender,
                tuple(sorted(r.answers.values_list("question__number", "value"))),
            )
            for r in responses
        ],
        "national": list(
            NationalFigure.objects.filter(association=association).values_list(
                "year", "form_code", "question", "total", "women", "men", "response_rate"
            )
        ),
        "earlier": list(
            EarlierResult.objects.filter(association=association).values_list(
                "year", "form_code", "question", "n", "total", "women", "men"
            )
        ),
        "asked": list(
            AskedCount.objects.filter(association=association).values_list(
                "year", "form_code", "intervention__code", "asked"
            )
        ),
    }


def test_survey_import_stores_every_sheet(tmp_path: Path) -> None:
    association = AssociationFactory.create()

    result = run_import(xlsx_file(tmp_path, good()), association)

    assert (result.problems, stored(association)) == (
        [],
        {
            "responses": [
                ("A1", "deltagare_avslut", "2021-02-01", "ARB", "man", ((1, 5), (4, 0))),
                (
                    "P1",
                    "deltagare_pagaende",
                    "2021-03-01",
                    "ARB",
                    "kvinna",
                    ((1, 6), (2, 5), (3, 4), (4, 1), (5, 3), (6, 2), (7, 1)),
                ),
                (
                    "S1",
                    "styrelse",
                    "2021-05-10",
                    None,
                    "ej_angivet",
                    ((1, 5), (2, 5), (4, 2), (5, 1)),
                ),
            ],
            "national": [
                (2021, "deltagare_pagaende", 4, 93, 94, 91, None),
                (2021, "styrelse", 1, 64, 60, None, 71),
            ],
            "earlier": [(2020, "styrelse", 1, 12, 58, None, None)],
            "asked": [(2021, "deltagare_pagaende", "ARB", 40), (2021, "styrelse", None, 9)],
        },
    )


def test_survey_import_twice_changes_nothing(tmp_path: Path) -> None:
    association = AssociationFactory.create()
    path = xlsx_file(tmp_path, good())
    run_import(path, association)
    first = stored(association)
    ids = sorted(Response.objects.values_list("pk", flat=True))

    second = run_import(path, association)

    assert (
        stored(association),
        sorted(Response.objects.values_list("pk", flat=True)),
        second.changes["Enkätsvar"],
        second.changes["Riksnitt"],
    ) == (first, ids, SheetChanges(unchanged=3), SheetChanges(unchanged=2))


def test_survey_import_known_svar_id_replaces_answer(tmp_path: Path) -> None:
    association = AssociationFactory.create()
    run_import(xlsx_file(tmp_path, good()), association)
    changed = survey_sheets([answer("S1", "styrelse", "2021-05-11", 1)])

    result = run_import(xlsx_file(tmp_path, changed, name="b.xlsx"), association)

    assert (result.changes["Enkätsvar"], stored(association)["responses"][2]) == (
        SheetChanges(updated=1),
        ("S1", "styrelse", "2021-05-11", None, "ej_angivet", ((1, 1),)),
    )


BAD: dict[str, tuple[list[list[Any]], list[tuple[str, int | None, str]]]] = {
    "value outside scale": (
        [answer("X", "styrelse", "2021-01-01", 7)],
        [("Enkätsvar", 2, "f1")],
    ),
    "yes/no value on scale question": (
        [answer("X", "styrelse", "2021-01-01", "ja")],
        [("Enkätsvar", 2, "f1")],
    ),
    "number on yes/no question": (
        [answer("X", "deltagare_pagaende", "2021-01-01", "", "", "", 1, insats="ARB")],
        [("Enkätsvar", 2, "f4")],
    ),
    "question the form lacks": (
        [answer("X", "styrelse", "2021-01-01", 1, 1, 1, 1, 1, 1)],
        [("Enkätsvar", 2, "f6")],
    ),
    "unknown form": ([answer("X", "okand", "2021-01-01", 1)], [("Enkätsvar", 2, "formular")]),
    "duplicate svar_id": (
        [answer("X", "styrelse", "2021-01-01", 1), answer("X", "chefer", "2021-01-01", 1)],
        [("Enkätsvar", 3, "svar_id")],
    ),
    "participant form without insats": (
        [answer("X", "personal", "2021-01-01", 1)],
        [("Enkätsvar", 2, "insats")],
    ),
    "unknown insats": (
        [answer("X", "personal", "2021-01-01", 1, insats="NOPE")],
        [("Enkätsvar", 2, "insats")],
    ),
    "bad gender and date": (
        [answer("X", "chefer", "2021-13-01", 1, kon="kvinnor")],
        [("Enkätsvar", 2, "datum"), ("Enkätsvar", 2, "kon")],
    ),
}


@pytest.mark.parametrize("case", BAD)
def test_survey_import_bad_answer_refuses_whole_file(tmp_path: Path, case: str) -> None:
    rows, expected = BAD[case]
    association = AssociationFactory.create()
    sheets = survey_sheets([GOOD_ANSWERS[1], *rows], national=NATIONAL)
    shifted = [(sheet, row + 1 if row else row, column) for sheet, row, column in expected]

    result = run_import(xlsx_file(tmp_path, sheets), association)

    assert (triples(result), Response.objects.count(), NationalFigure.objects.count()) == (
        shifted,
        0,
        0,
    )


@pytest.mark.parametrize(
    ("sheet", "row", "column"),
    [
        ("Riksnitt", [2021, "styrelse", 6, 50, "", "", ""], "fraga"),
        ("Riksnitt", [2021, "styrelse", 1, 101, "", "", ""], "alla"),
        ("Riksnitt", [2021, "styrelse", 1, "", "", "", ""], "alla"),
        ("Enkätresultat", [2020, "chefer", 1, 5, 40, "x", ""], "kvinnor"),
        ("Enkätunderlag", [2021, "personal", "", 5], "insats"),
        ("Enkätunderlag", [2021, "styrelse", "ARB", 5], "insats"),
        ("Enkätunderlag", [2021, "styrelse", "", -1], "tillfragade"),
    ],
)
def test_survey_import_bad_figure_row_is_refused(
    tmp_path: Path, sheet: str, row: list[Any], column: str
) -> None:
    association = AssociationFactory.create()
    sheets = survey_sheets(GOOD_ANSWERS)
    sheets[sheet].append(row)

    result = run_import(xlsx_file(tmp_path, sheets), association)

    assert (triples(result), Response.objects.count()) == ([(sheet, 2, column)], 0)


def test_survey_import_duplicate_national_key_is_refused(tmp_path: Path) -> None:
    association = AssociationFactory.create()
    sheets = survey_sheets([], national=[NATIONAL[0], NATIONAL[0]])

    result = run_import(xlsx_file(tmp_path, sheets), association)

    assert triples(result) == [("Riksnitt", 3, "fraga")]


def test_survey_export_round_trips_into_empty_association(tmp_path: Path) -> None:
    source = AssociationFactory.create()
    run_import(xlsx_file(tmp_path, good()), source)
    path = export_file(tmp_path, source)
    target = AssociationFactory.create()

    result = run_import(path, target)

    assert (result.problems, stored(target)) == ([], stored(source))
