"""Every rule of the sheets `Utfall`, `Kvartalsrapporter` and `Avvikelser`: a row that
breaks it refuses the whole file (with the valid `Insatser` and `Budget` sheets of
``good_sheets``) with its Swedish reason, and nothing is written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from imports.tests.office_workbooks import (
    AVVIKELSER_HEADER,
    KVARTALSRAPPORTER_HEADER,
    NOTHING_WRITTEN,
    UTFALL_HEADER,
    avvikelse,
    kvartalsrapport,
    utfall,
    written,
)
from imports.tests.workbooks import good_sheets, run_import, xlsx_file
from imports.workbook import ImportResult
from imports.workbook.base import Problem, SheetChanges
from tenancy.models import Association
from testing.factories import AssociationFactory, InterventionFactory

pytestmark = pytest.mark.django_db

MISSING = "Värde saknas."
UNKNOWN_INTERVENTION = "Insatsen finns varken i bladet Insatser eller bland förbundets insatser."
BAD_YEAR = "Ange ett årtal med fyra siffror (2000–2100)."
BAD_QUARTER = "Ange ett heltal från 1 till 4."
YES_NO = "Ange ja eller nej."

Expected = list[tuple[str, str, str]]


def import_sheet(
    tmp_path: Path, association: Association, name: str, rows: list[list[Any]]
) -> ImportResult:
    return run_import(xlsx_file(tmp_path, {**good_sheets(), name: rows}), association)


def problems_of(sheet: str, row: int, expected: Expected) -> list[Problem]:
    return [Problem(sheet, row, column, value, reason) for column, value, reason in expected]


# --- Utfall -------------------------------------------------------------------------------

UTFALL_CASES = [
    pytest.param({"insats": ""}, [("insats", "", MISSING)], id="insats-missing"),
    pytest.param(
        {"insats": "OKAND"}, [("insats", "OKAND", UNKNOWN_INTERVENTION)], id="insats-unknown"
    ),
    pytest.param({"år": ""}, [("år", "", MISSING)], id="year-missing"),
    pytest.param({"år": "tjugo"}, [("år", "tjugo", BAD_YEAR)], id="year-text"),
    pytest.param({"kvartal": ""}, [("kvartal", "", MISSING)], id="quarter-missing"),
    pytest.param({"kvartal": 5}, [("kvartal", "5", BAD_QUARTER)], id="quarter-5"),
    pytest.param({"kvartal": 0}, [("kvartal", "0", BAD_QUARTER)], id="quarter-0"),
    pytest.param({"belopp": ""}, [("belopp", "", MISSING)], id="amount-missing"),
    pytest.param(
        {"belopp": "12,50"},
        [("belopp", "12,50", "Beloppet ska anges i hela kronor, utan ören.")],
        id="amount-ore",
    ),
    pytest.param(
        {"belopp": "mycket"},
        [("belopp", "mycket", "Ange ett belopp i hela kronor, till exempel 1 290 000.")],
        id="amount-text",
    ),
]


def test_utfall_missing_column_is_refused(tmp_path: Path) -> None:
    association = AssociationFactory.create()

    result = import_sheet(tmp_path, association, "Utfall", [UTFALL_HEADER[:3], ["ARB", 2023, 1]])

    assert result.problems == [Problem("Utfall", 1, "belopp", "", "Kolumnen saknas.")]
    assert written(association) == NOTHING_WRITTEN


def test_utfall_negative_amount_is_a_repayment(tmp_path: Path) -> None:
    association = AssociationFactory.create()

    result = import_sheet(
        tmp_path, association, "Utfall", [UTFALL_HEADER, utfall(belopp="-12 500")]
    )

    assert (result.problems, result.changes["Utfall"]) == ([], SheetChanges(created=1))
    assert written(association)["CostOutcome"] == 1


# --- Kvartalsrapporter --------------------------------------------------------------------

#: Every column but the three optional ones.
REQUIRED_REPORT_COLUMNS = [
    column
    for column in KVARTALSRAPPORTER_HEADER
    if column not in {"start_i_tid", "andel_handlingsplan", "kommentar"}
]
ARB_PERIOD = "(2023-01-01 – 2025-12-31)."

REPORT_CASES = [
    *(
        pytest.param({column: ""}, [(column, "", MISSING)], id=f"{column}-missing")
        for column in REQUIRED_REPORT_COLUMNS
    ),
    pytest.param(
        {"insats": "OKAND"}, [("insats", "OKAND", UNKNOWN_INTERVENTION)], id="insats-unknown"
    ),
    pytest.param({"år": 1999}, [("år", "1999", BAD_YEAR)], id="year-1999"),
    pytest.param({"kvartal": 5}, [("kvartal", "5", BAD_QUARTER)], id="quarter-5"),
    pytest.param(
        {"inlamnad_datum": "2023-02-30"},
        [("inlamnad_datum", "2023-02-30", "Datumet finns inte.")],
        id="submitted-on-no-such-day",
    ),
    pytest.param(
        {"inlamnad_datum": "20/4 2023"},
        [("inlamnad_datum", "20/4 2023", "Ange datum som ÅÅÅÅ-MM-DD, till exempel 2024-01-31.")],
        id="submitted-on-format",
    ),
    pytest.param(
        {"i_fas": "kanske"},
        [("i_fas", "kanske", "Ange en av: ja, delvis, nej, for_tidigt, ej_angivet.")],
        id="on-track-code",
    ),
    pytest.param(
        {"prognos": "for_tidigt"},
        [("prognos", "for_tidigt", "Ange en av: ja, delvis, nej, ej_aktuellt.")],
        id="forecast-code",
    ),
    pytest.param(
        {"uppfoljning_enligt_avtal": "ej_angivet"},
        [("uppfoljning_enligt_avtal", "ej_angivet", "Ange en av: ja, delvis, nej.")],
        id="follow-up-code",
    ),
    pytest.param(
        {"start_i_tid": "kanske"}, [("start_i_tid", "kanske", YES_NO)], id="started-yes-no"
    ),
    *(
        pytest.param({column: "delvis"}, [(column, "delvis", YES_NO)], id=f"{column}-yes-no")
        for column in REQUIRED_REPORT_COLUMNS[6:]
        if column != "uppfoljning_enligt_avtal"
    ),
    pytest.param(
        {"andel_handlingsplan": 101},
        [("andel_handlingsplan", "101", "Ange ett heltal från 0 till 100.")],
        id="share-above-100",
    ),
    pytest.param(
        {"andel_handlingsplan": "-1"},
        [("andel_handlingsplan", "-1", "Ange ett heltal från 0 till 100.")],
        id="share-negative",
    ),
    pytest.param(
        {"kommentar": "x" * 20_001},
        [("kommentar", "x" * 79 + "…", "Texten är för lång (högst 20000 tecken).")],
        id="comment-too-long",
    ),
    pytest.param(
        {"år": 2022, "kvartal": 4},
        [("kvartal", "4", f"2022 kvartal 4 ligger utanför insatsens period {ARB_PERIOD}")],
        id="quarter-before-start",
    ),
    pytest.param(
        {"år": 2026, "kvartal": 1},
        [("kvartal", "1", f"2026 kvartal 1 ligger utanför insatsens period {ARB_PERIOD}")],
        id="quarter-after-end",
    ),
    pytest.param(
        {"insats": "NAT", "år": 2022, "kvartal": 4},
        [
            (
                "kvartal",
                "4",
                "2022 kvartal 4 ligger utanför insatsens period (2023-03-01 – tills vidare).",
            )
        ],
        id="quarter-before-start-of-open-ended",
    ),
]


def test_kvartalsrapporter_missing_required_column_is_refused(tmp_path: Path) -> None:
    association = AssociationFactory.create()
    header = [column for column in KVARTALSRAPPORTER_HEADER if column != "jamlikhet"]
    row = [
        value
        for column, value in zip(KVARTALSRAPPORTER_HEADER, kvartalsrapport(), strict=True)
        if column != "jamlikhet"
    ]

    result = import_sheet(tmp_path, association, "Kvartalsrapporter", [header, row])

    assert result.problems == [Problem("Kvartalsrapporter", 1, "jamlikhet", "", "Kolumnen saknas.")]
    assert written(association) == NOTHING_WRITTEN


def test_kvartalsrapporter_period_of_stored_intervention_is_checked(tmp_path: Path) -> None:
    import datetime as dt

    association = AssociationFactory.create()
    InterventionFactory.create(
        association=association,
        code="OLD",
        start_date=dt.date(2022, 1, 1),
        end_date=dt.date(2024, 12, 31),
    )
    rows = [KVARTALSRAPPORTER_HEADER, kvartalsrapport(insats="OLD", år=2025, kvartal=1)]

    result = run_import(xlsx_file(tmp_path, {"Kvartalsrapporter": rows}), association)

    assert result.problems == [
        Problem(
            "Kvartalsrapporter",
            2,
            "kvartal",
            "1",
            "2025 kvartal 1 ligger utanför insatsens period (2022-01-01 – 2024-12-31).",
        )
    ]


def test_kvartalsrapporter_period_in_the_file_wins_over_the_stored(tmp_path: Path) -> None:
    import datetime as dt

    association = AssociationFactory.create()
    InterventionFactory.create(
        association=association,
        code="ARB",
        start_date=dt.date(2024, 1, 1),
        end_date=dt.date(2024, 12, 31),
    )
    rows = [KVARTALSRAPPORTER_HEADER, kvartalsrapport(år=2023, kvartal=1)]

    result = import_sheet(tmp_path, association, "Kvartalsrapporter", rows)

    assert (result.problems, result.changes["Kvartalsrapporter"]) == (
        [],
        SheetChanges(created=1),
    )


# --- Avvikelser ---------------------------------------------------------------------------

KINDS = "budget, overforing, mal, malgrupp, metod, startdatum, slutdatum, vakans, ovrigt"
NO_AMOUNT = "Belopp anges bara vid överföring till nästa år; lämna fältet tomt."
POSITIVE = "Beloppet måste vara större än 0 kr."
UNDECIDED = {"beslut": "ej_beslutad", "beslutsdatum": "", "beslutad_av": ""}

DEVIATION_CASES = [
    pytest.param({"insats": ""}, [("insats", "", MISSING)], id="insats-missing"),
    pytest.param(
        {"insats": "OKAND"}, [("insats", "OKAND", UNKNOWN_INTERVENTION)], id="insats-unknown"
    ),
    pytest.param({"inkommen_datum": ""}, [("inkommen_datum", "", MISSING)], id="received-missing"),
    pytest.param(
        {"inkommen_datum": "2023-10-32"},
        [("inkommen_datum", "2023-10-32", "Datumet finns inte.")],
        id="received-no-such-day",
    ),
    pytest.param({"typ": ""}, [("typ", "", MISSING)], id="kind-missing"),
    pytest.param({"typ": "annat"}, [("typ", "annat", f"Ange en av: {KINDS}.")], id="kind-code"),
    pytest.param({"beskrivning": ""}, [("beskrivning", "", MISSING)], id="description-missing"),
    pytest.param({"beskrivning": "   "}, [("beskrivning", "", MISSING)], id="description-blank"),
    pytest.param(
        {"belopp": ""},
        [("belopp", "", "Ange beloppet som ska föras över till nästa år.")],
        id="transfer-without-amount",
    ),
    pytest.param({"belopp": 0}, [("belopp", "0", POSITIVE)], id="transfer-amount-0"),
    pytest.param(
        {"belopp": "-5 000"}, [("belopp", "-5 000", POSITIVE)], id="transfer-amount-negative"
    ),
    pytest.param(
        {"belopp": "femtio"},
        [("belopp", "femtio", "Ange ett belopp i hela kronor, till exempel 1 290 000.")],
        id="amount-text-reported-once",
    ),
    pytest.param({"typ": "budget"}, [("belopp", "150 000", NO_AMOUNT)], id="amount-for-other-kind"),
    pytest.param(
        {"typ": "vakans", "belopp": 0}, [("belopp", "0", NO_AMOUNT)], id="zero-for-other-kind"
    ),
    pytest.param({"beslut": ""}, [("beslut", "", MISSING)], id="decision-missing"),
    pytest.param(
        {"beslut": "ja"},
        [("beslut", "ja", "Ange en av: beviljad, delvis, avslag, ej_beslutad.")],
        id="decision-code",
    ),
    pytest.param(
        {"beslutsdatum": ""},
        [("beslutsdatum", "", "Ange beslutsdatum när avvikelsen är beslutad.")],
        id="decided-without-date",
    ),
    pytest.param(
        {"beslut": "delvis", "beslutad_av": ""},
        [("beslutad_av", "", "Ange om förbundschefen eller styrelsen beslutade.")],
        id="decided-without-decider",
    ),
    pytest.param(
        {"beslut": "avslag", "beslutsdatum": "", "beslutad_av": ""},
        [
            ("beslutsdatum", "", "Ange beslutsdatum när avvikelsen är beslutad."),
            ("beslutad_av", "", "Ange om förbundschefen eller styrelsen beslutade."),
        ],
        id="rejected-without-date-and-decider",
    ),
    pytest.param(
        {"beslutad_av": "vd"},
        [("beslutad_av", "vd", "Ange en av: forbundschef, styrelse.")],
        id="decider-code",
    ),
    pytest.param(
        {"beslutsdatum": "1/11 2023"},
        [("beslutsdatum", "1/11 2023", "Ange datum som ÅÅÅÅ-MM-DD, till exempel 2024-01-31.")],
        id="decision-date-format",
    ),
    pytest.param(
        {"beslutsdatum": "2023-10-14"},
        [
            (
                "beslutsdatum",
                "2023-10-14",
                "Beslutsdatum får inte vara före datumet rapporten kom in.",
            )
        ],
        id="decided-before-received",
    ),
    pytest.param(
        {**UNDECIDED, "beslutsdatum": "2023-11-01"},
        [
            (
                "beslutsdatum",
                "2023-11-01",
                "Beslutsdatum anges bara när avvikelsen är beslutad.",
            )
        ],
        id="undecided-with-date",
    ),
    pytest.param(
        {**UNDECIDED, "beslutad_av": "styrelse"},
        [("beslutad_av", "styrelse", "Beslutad av anges bara när avvikelsen är beslutad.")],
        id="undecided-with-decider",
    ),
]


def test_avvikelser_same_day_other_kind_is_another_deviation(tmp_path: Path) -> None:
    association = AssociationFactory.create()
    rows = [AVVIKELSER_HEADER, avvikelse(), avvikelse(typ="vakans", belopp="")]

    result = import_sheet(tmp_path, association, "Avvikelser", rows)

    assert (result.problems, result.changes["Avvikelser"]) == ([], SheetChanges(created=2))


def test_all_sheets_are_refused_together_with_every_problem(tmp_path: Path) -> None:
    association = AssociationFactory.create()
    sheets = {
        **good_sheets(),
        "Utfall": [UTFALL_HEADER, utfall(), utfall(kvartal=9)],
        "Kvartalsrapporter": [KVARTALSRAPPORTER_HEADER, kvartalsrapport(i_fas="")],
        "Avvikelser": [AVVIKELSER_HEADER, avvikelse(), avvikelse(typ="mal")],
    }

    result = run_import(xlsx_file(tmp_path, sheets), association)

    assert [p.as_line() for p in result.problems] == [
        'Blad Utfall, rad 3, kolumn kvartal, värde "9": Ange ett heltal från 1 till 4.',
        'Blad Kvartalsrapporter, rad 2, kolumn i_fas, värde "": Värde saknas.',
        f'Blad Avvikelser, rad 3, kolumn belopp, värde "150 000": {NO_AMOUNT}',
    ]
    assert (written(association), result.changes) == (NOTHING_WRITTEN, {})


# --- Every sheet ------------------------------------------------------------------------

#: sheet -> (header, builder of a valid row)
SHEETS: dict[str, tuple[list[str], Callable[..., list[Any]]]] = {
    "Utfall": (UTFALL_HEADER, utfall),
    "Kvartalsrapporter": (KVARTALSRAPPORTER_HEADER, kvartalsrapport),
    "Avvikelser": (AVVIKELSER_HEADER, avvikelse),
}


def rule_cases(sheet: str, cases: list[Any]) -> list[Any]:
    return [pytest.param(sheet, *case.values, id=f"{sheet}-{case.id}") for case in cases]


@pytest.mark.parametrize(
    ("sheet", "changes", "expected"),
    [
        *rule_cases("Utfall", UTFALL_CASES),
        *rule_cases("Kvartalsrapporter", REPORT_CASES),
        *rule_cases("Avvikelser", DEVIATION_CASES),
    ],
)
def test_sheet_rule_refuses_file_and_writes_nothing(
    tmp_path: Path, sheet: str, changes: dict[str, Any], expected: Expected
) -> None:
    association = AssociationFactory.create()
    header, row = SHEETS[sheet]

    result = import_sheet(tmp_path, association, sheet, [header, row(**changes)])

    assert result.problems == problems_of(sheet, 2, expected)
    assert written(association) == NOTHING_WRITTEN


@pytest.mark.parametrize(
    ("sheet", "first", "second", "refused"),
    [
        pytest.param(
            "Utfall",
            {"belopp": 1},
            {"belopp": 2},
            ("kvartal", "1", "Insatsen har redan utfall för 2023 kvartal 1 på rad 2."),
            id="utfall",
        ),
        pytest.param(
            "Kvartalsrapporter",
            {},
            {"i_fas": "nej"},
            (
                "kvartal",
                "1",
                "Insatsen har redan en kvartalsrapport för 2023 kvartal 1 på rad 2.",
            ),
            id="kvartalsrapporter",
        ),
        pytest.param(
            "Avvikelser",
            {},
            {"belopp": 1},
            (
                "typ",
                "overforing",
                "Insatsen har redan en avvikelse av typen overforing inkommen 2023-10-15 på rad 2.",
            ),
            id="avvikelser",
        ),
    ],
)
def test_sheet_same_key_twice_is_refused(
    tmp_path: Path,
    sheet: str,
    first: dict[str, Any],
    second: dict[str, Any],
    refused: tuple[str, str, str],
) -> None:
    association = AssociationFactory.create()
    header, row = SHEETS[sheet]

    result = import_sheet(tmp_path, association, sheet, [header, row(**first), row(**second)])

    assert result.problems == problems_of(sheet, 3, [refused])
    assert written(association) == NOTHING_WRITTEN
