"""Survey sheets built in the tests (no binary fixtures)."""

from __future__ import annotations

from typing import Any

from imports.tests.workbooks import INSATSER_HEADER, Sheets

ENKATSVAR_HEADER = ["svar_id", "formular", "datum", "insats", "kon"] + [
    f"f{number}" for number in range(1, 12)
]
RIKSNITT_HEADER = ["år", "formular", "fraga", "alla", "kvinnor", "man", "svarsfrekvens"]
RESULTAT_HEADER = ["år", "formular", "fraga", "n", "alla", "kvinnor", "man"]
UNDERLAG_HEADER = ["år", "formular", "insats", "tillfragade"]

INSATS_ROW = [
    "ARB",
    "Arbetsträning",
    "",
    "Exempels kommun",
    "",
    "individ",
    "arbete",
    "personuppgifter",
    "2020-01-01",
    "",
    "",
]


def answer(
    svar_id: str,
    form: str,
    date: str,
    *values: Any,
    insats: str = "",
    kon: str = "",
) -> list[Any]:
    cells = list(values) + [""] * (11 - len(values))
    return [svar_id, form, date, insats, kon, *cells]


def survey_sheets(
    answers: list[list[Any]],
    *,
    national: list[list[Any]] | None = None,
    earlier: list[list[Any]] | None = None,
    asked: list[list[Any]] | None = None,
) -> Sheets:
    return {
        "Insatser": [INSATSER_HEADER, INSATS_ROW],
        "Enkätsvar": [ENKATSVAR_HEADER, *answers],
        "Riksnitt": [RIKSNITT_HEADER, *(national or [])],
        "Enkätresultat": [RESULTAT_HEADER, *(earlier or [])],
        "Enkätunderlag": [UNDERLAG_HEADER, *(asked or [])],
    }
