"""``survey_report --format json`` for an association loaded from the workbook: the whole
contract (schema-validated) and every kind of figure against hand-computed values."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from django.core.management import CommandError, call_command

from imports.tests.workbooks import run_import, xlsx_file
from stats.survey_schema import SURVEY_SCHEMA
from survey.tests.workbooks import answer, survey_sheets
from testing.factories import AssociationFactory

pytestmark = pytest.mark.django_db

ANSWERS = [
    answer("S1", "styrelse", "2021-03-01", 6, 5, kon="kvinna"),
    answer("S2", "styrelse", "2021-03-01", 5, 5, kon="kvinna"),
    answer("S3", "styrelse", "2021-03-01", 5, 4, kon="kvinna"),
    answer("S4", "styrelse", "2021-03-01", 4, kon="kvinna"),
    answer("S5", "styrelse", "2021-03-01", 3, kon="kvinna"),
    answer("S6", "styrelse", "2020-11-01", 2, kon="kvinna"),
    answer("S7", "styrelse", "2021-10-31", 5, kon="man"),
    answer("S8", "styrelse", "2021-03-01", 1, kon="man"),
    answer("S9", "styrelse", "2021-03-01", 6, 6),
    answer("S10", "styrelse", "2021-11-01", 1, 1),
    answer("S11", "styrelse", "2020-10-31", 1, 5),
    answer("S12", "styrelse", "2020-06-01", "", 1),
    answer("P1", "deltagare_pagaende", "2021-01-10", "", "", "", "ja", insats="ARB", kon="kvinna"),
    answer("P2", "deltagare_pagaende", "2021-01-10", "", "", "", "ja", insats="ARB", kon="man"),
    answer("P3", "deltagare_pagaende", "2021-01-10", "", "", "", "nej", insats="ARB", kon="annat"),
    answer("A1", "deltagare_avslut", "2021-01-10", "", "", "", "nej", insats="ARB"),
    answer("A2", "deltagare_avslut", "2021-01-10", "", "", "", "nej", insats="ARB"),
    answer("A3", "deltagare_avslut", "2021-01-10", "", "", "", "ja", insats="ARB"),
]
NATIONAL = [
    [2021, "styrelse", 1, 60, 48, "", 70],
    [2021, "deltagare_pagaende", 4, 60, "", "", ""],
    [2021, "deltagare_avslut", 4, 50, 51, 49, ""],
]
EARLIER = [[2020, "styrelse", 1, 12, 50, "", ""]]
ASKED = [[2021, "styrelse", "", 12], [2021, "deltagare_pagaende", "ARB", 10]]
NULLS = {"total": None, "women": None, "men": None}


def report(tmp_path: Path, year: int = 2021) -> dict[str, Any]:
    association = AssociationFactory.create(slug="exempel")
    sheets = survey_sheets(ANSWERS, national=NATIONAL, earlier=EARLIER, asked=ASKED)
    assert run_import(xlsx_file(tmp_path, sheets), association).problems == []
    output = tmp_path / "report.json"
    call_command(
        "survey_report",
        "--association=exempel",
        f"--year={year}",
        "--format=json",
        f"--output={output}",
    )
    return dict(json.loads(output.read_text(encoding="utf-8")))


def question(data: dict[str, Any], form: str, number: int) -> dict[str, Any]:
    return next(q for q in data["questions"] if (q["form"], q["question"]) == (form, number))


def test_survey_report_json_is_valid_and_complete(tmp_path: Path) -> None:
    data = report(tmp_path)

    jsonschema.validate(data, SURVEY_SCHEMA)
    assert (
        (data["association"], data["year"], data["start"], data["end"]),
        [r["form"] for r in data["responses"]],
        len(data["questions"]),
        [i["indicator"] for i in data["indicators"]],
    ) == (
        ("exempel", 2021, "2020-11-01", "2021-10-31"),
        ["deltagare_pagaende", "deltagare_avslut", "personal", "chefer", "styrelse", "remittenter"],
        41,
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16],
    )


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (
            1,
            {
                "form": "styrelse",
                "question": 1,
                "indicator": 12,
                "key_figure": "topp2",
                "n": 9,
                "share": {"total": 56, "women": 50, "men": "masked"},
                "previous": {"total": 50, "women": None, "men": None},
                "national": {"total": 60, "women": 48, "men": None},
                "national_previous": NULLS,
                "mode": 5,
                "vs_national": {"total": "lower", "women": "same", "men": None},
                "vs_previous": {"total": "up", "women": None, "men": None},
            },
        ),
        (
            2,
            {
                "form": "styrelse",
                "question": 2,
                "indicator": 14,
                "key_figure": "topp2",
                "n": 4,
                "share": {"total": 75, "women": "masked", "men": None},
                "previous": {"total": 50, "women": None, "men": None},
                "national": NULLS,
                "national_previous": NULLS,
                "mode": 5,
                "vs_national": NULLS,
                "vs_previous": {"total": "up", "women": None, "men": None},
            },
        ),
    ],
    ids=["with_earlier_result_and_national", "previous_from_own_answers_without_earlier_result"],
)
def test_survey_report_board_question(tmp_path: Path, number: int, expected: Any) -> None:
    data = report(tmp_path)

    assert question(data, "styrelse", number) == expected


def test_survey_report_yes_no_questions_and_mixed_indicator(tmp_path: Path) -> None:
    data = report(tmp_path)

    assert (
        [question(data, form, 4)["share"] for form in ("deltagare_pagaende", "deltagare_avslut")],
        [question(data, form, 4)["mode"] for form in ("deltagare_pagaende", "deltagare_avslut")],
        [i for i in data["indicators"] if i["indicator"] in (4, 12, 14)],
    ) == (
        [
            {"total": 67, "women": "masked", "men": "masked"},
            {"total": 33, "women": None, "men": None},
        ],
        ["ja", "nej"],
        [
            {
                "indicator": 4,
                "vs_national": {"total": "mixed", "women": None, "men": None},
                "vs_previous": NULLS,
            },
            {
                "indicator": 12,
                "vs_national": {"total": "lower", "women": "same", "men": None},
                "vs_previous": {"total": "up", "women": None, "men": None},
            },
            {
                "indicator": 14,
                "vs_national": NULLS,
                "vs_previous": {"total": "up", "women": None, "men": None},
            },
        ],
    )


def test_survey_report_responses_table(tmp_path: Path) -> None:
    data = report(tmp_path)

    assert (data["responses"][0], data["responses"][4], data["responses"][5]) == (
        {
            "form": "deltagare_pagaende",
            "total": 3,
            "women": 1,
            "men": 1,
            "other": 1,
            "previous_total": None,
            "asked": 10,
            "rate": 30,
            "national_rate": None,
            "by_intervention": [{"intervention": "ARB", "total": 3}],
        },
        {
            "form": "styrelse",
            "total": 9,
            "women": 6,
            "men": 2,
            "other": 1,
            "previous_total": 2,
            "asked": 12,
            "rate": 75,
            "national_rate": 70,
            "by_intervention": [],
        },
        {
            "form": "remittenter",
            "total": 0,
            "women": 0,
            "men": 0,
            "other": 0,
            "previous_total": None,
            "asked": None,
            "rate": None,
            "national_rate": None,
            "by_intervention": [],
        },
    )


def test_survey_report_unknown_association_is_an_error() -> None:
    with pytest.raises(CommandError):
        call_command("survey_report", "--association=finns-inte", "--year=2021")
