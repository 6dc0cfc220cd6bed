"""The `Deltagare` sheet: every rule refused with its sheet/row/column, nothing written;
the natural keys, the history and the access log of what is written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from audit.models import AccessLogEntry
from imports.tests.workbooks import (
    DELTAGARE_HEADER,
    Sheets,
    anonymous_row,
    dashed,
    deltagare,
    good_sheets,
    run_import,
    xlsx_file,
)
from imports.workbook.base import Problem, RowReader, SheetChanges
from imports.workbook.sheets.deltagare import mask_personnummer, parse_personnummer
from interventions.models import Intervention
from participants.models import Consent, Participation, ParticipationEvent, Person
from testing.factories import AssociationFactory, InterventionFactory
from testing.participants import (
    MAN_1985,
    WOMAN_1990,
    WOMAN_2001,
    make_personnummer,
    stored_entry,
    with_wrong_check_digit,
)

pytestmark = pytest.mark.django_db

BAD_CHECK_DIGIT = with_wrong_check_digit(WOMAN_1990)


def with_deltagare(*rows: list[Any]) -> Sheets:
    return {"Insatser": good_sheets()["Insatser"], "Deltagare": [DELTAGARE_HEADER, *rows]}


def nothing_written() -> dict[str, int]:
    return {
        "interventions": Intervention.objects.count(),
        "persons": Person.objects.count(),
        "consents": Consent.objects.count(),
        "participations": Participation.objects.count(),
        "log": AccessLogEntry.objects.count(),
    }


NOTHING = {"interventions": 0, "persons": 0, "consents": 0, "participations": 0, "log": 0}

#: (rows of the sheet, the refused cell as (row, column, shown value))
RULES: dict[str, tuple[list[list[Any]], tuple[int, str, str]]] = {
    "insats missing": ([deltagare(insats="")], (2, "insats", "")),
    "insats unknown": ([deltagare(insats="OKAND")], (2, "insats", "OKAND")),
    "insats followed up by counts": ([deltagare(insats="NAT")], (2, "insats", "NAT")),
    "deltagar_id twice": (
        [deltagare(deltagar_id="D1"), deltagare(deltagar_id="D1", personnummer=MAN_1985)],
        (3, "deltagar_id", "D1"),
    ),
    "deltagar_id too long": (
        [deltagare(deltagar_id="x" * 101)],
        (2, "deltagar_id", "x" * 79 + "…"),
    ),
    "anonym missing": ([deltagare(anonym="")], (2, "anonym", "")),
    "anonym not yes/no": ([deltagare(anonym="kanske")], (2, "anonym", "kanske")),
    "personnummer missing": ([deltagare(personnummer="")], (2, "personnummer", "")),
    "personnummer check digit": (
        [deltagare(personnummer=BAD_CHECK_DIGIT)],
        (2, "personnummer", "(ogiltigt)"),
    ),
    "personnummer no date": (
        [deltagare(personnummer="19901332-1234")],
        (2, "personnummer", "(ogiltigt)"),
    ),
    "personnummer form": (
        [deltagare(personnummer="1990-03-14")],
        (2, "personnummer", "(ogiltigt)"),
    ),
    "samtycke missing": ([deltagare(samtycke_datum="")], (2, "samtycke_datum", "")),
    "samtycke after entry": (
        [deltagare(samtycke_datum="2023-01-16")],
        (2, "samtycke_datum", "2023-01-16"),
    ),
    "samtycke not a date": (
        [deltagare(samtycke_datum="10/1 2023")],
        (2, "samtycke_datum", "10/1 2023"),
    ),
    "kön disagrees with personnummer": ([deltagare(kon="man")], (2, "kön", "man")),
    "kön unknown": ([deltagare(kon="okänt")], (2, "kön", "okänt")),
    "inskrivningsdatum missing": (
        [deltagare(inskrivningsdatum="")],
        (2, "inskrivningsdatum", ""),
    ),
    "inskrivningsdatum not a day": (
        [deltagare(inskrivningsdatum="2023-02-30")],
        (2, "inskrivningsdatum", "2023-02-30"),
    ),
    "utskrivning before inskrivning": (
        [deltagare(utskrivningsdatum="2023-01-14", avslutsanledning="studier")],
        (2, "utskrivningsdatum", "2023-01-14"),
    ),
    "utskriven without avslutsanledning": (
        [deltagare(utskrivningsdatum="2023-05-01")],
        (2, "avslutsanledning", ""),
    ),
    "avslutsanledning without utskrivning": (
        [deltagare(avslutsanledning="studier")],
        (2, "avslutsanledning", "studier"),
    ),
    "avslutsanledning unknown": (
        [deltagare(utskrivningsdatum="2023-05-01", avslutsanledning="arbete")],
        (2, "avslutsanledning", "arbete"),
    ),
    "arbetsgrad missing for work": (
        [deltagare(utskrivningsdatum="2023-05-01", avslutsanledning="eget_foretag")],
        (2, "arbetsgrad", ""),
    ),
    "arbetsgrad for studies": (
        [deltagare(utskrivningsdatum="2023-05-01", avslutsanledning="studier", arbetsgrad=50)],
        (2, "arbetsgrad", "50"),
    ),
    "arbetsgrad without exit": ([deltagare(arbetsgrad=50)], (2, "arbetsgrad", "50")),
    "arbetsgrad over 100": (
        [
            deltagare(
                utskrivningsdatum="2023-05-01",
                avslutsanledning="arbete_subventionerat",
                arbetsgrad=101,
            )
        ],
        (2, "arbetsgrad", "101"),
    ),
    "utbildningsniva unknown": ([deltagare(utbildningsniva="hog")], (2, "utbildningsniva", "hog")),
    "forsorjning_fore unknown": (
        [deltagare(forsorjning_fore="lon; bidrag")],
        (2, "forsorjning_fore", "lon; bidrag"),
    ),
    "forsorjning_efter unknown": (
        [deltagare(forsorjning_efter="pension")],
        (2, "forsorjning_efter", "pension"),
    ),
    "tid_offentlig_forsorjning unknown": (
        [deltagare(tid_offentlig_forsorjning="2_4")],
        (2, "tid_offentlig_forsorjning", "2_4"),
    ),
    "remittent unknown": ([deltagare(remittent="skola")], (2, "remittent", "skola")),
    "handlingsplan_datum not a date": (
        [deltagare(handlingsplan_datum="snart")],
        (2, "handlingsplan_datum", "snart"),
    ),
    "anonymous without kön": ([anonymous_row(kon="")], (2, "kön", "")),
    "anonymous with personnummer": (
        [anonymous_row(personnummer=WOMAN_1990)],
        (2, "personnummer", "19900314-****"),
    ),
    "anonymous with samtycke": (
        [anonymous_row(samtycke_datum="2023-01-10")],
        (2, "samtycke_datum", "2023-01-10"),
    ),
    "anonymous with utskrivning": (
        [anonymous_row(utskrivningsdatum="2023-05-01")],
        (2, "utskrivningsdatum", "2023-05-01"),
    ),
    "anonymous with utbildningsniva": (
        [anonymous_row(utbildningsniva="gymnasium")],
        (2, "utbildningsniva", "gymnasium"),
    ),
    "anonymous with remittent": ([anonymous_row(remittent="af")], (2, "remittent", "af")),
    "two open in one insats": (
        [deltagare(), deltagare(inskrivningsdatum="2023-02-01")],
        (3, "personnummer", "19900314-****"),
    ),
    "same person insats and day twice": (
        [
            deltagare(utskrivningsdatum="2023-02-01", avslutsanledning="studier"),
            deltagare(deltagar_id="D2"),
        ],
        (3, "personnummer", "19900314-****"),
    ),
}


@pytest.mark.parametrize(("rows", "refused"), list(RULES.values()), ids=list(RULES))
def test_deltagare_rule_refuses_file_and_writes_nothing(
    tmp_path: Path, rows: list[list[Any]], refused: tuple[int, str, str]
) -> None:
    association = AssociationFactory.create()

    result = run_import(xlsx_file(tmp_path, with_deltagare(*rows)), association)

    assert [(p.sheet, p.row, p.column, p.value) for p in result.problems] == [
        ("Deltagare", *refused)
    ]
    assert result.problems[0].reason
    assert result.changes == {}
    assert nothing_written() == NOTHING


def test_deltagare_missing_consent_is_never_turned_anonymous(tmp_path: Path) -> None:
    association = AssociationFactory.create()

    result = run_import(
        xlsx_file(tmp_path, with_deltagare(deltagare(samtycke_datum=""))), association
    )

    assert [p.as_line() for p in result.problems] == [
        'Blad Deltagare, rad 2, kolumn samtycke_datum, värde "": Samtycke krävs för att spara '
        "personuppgifter. Raden importeras inte och görs inte om till en anonym rad."
    ]
    assert Participation.objects.count() == 0


def test_deltagare_invalid_personnummer_is_masked_in_every_line(tmp_path: Path) -> None:
    association = AssociationFactory.create()
    sheets = with_deltagare(
        deltagare(personnummer=dashed(BAD_CHECK_DIGIT)), deltagare(personnummer=MAN_1985)
    )

    result = run_import(xlsx_file(tmp_path, sheets), association)

    lines = [problem.as_line() for problem in result.problems]
    assert lines == [
        'Blad Deltagare, rad 2, kolumn personnummer, värde "(ogiltigt)": '
        "Personnumrets kontrollsiffra stämmer inte."
    ]
    assert nothing_written() == NOTHING


def test_deltagare_open_participation_in_database_refuses_row(tmp_path: Path) -> None:
    association = AssociationFactory.create()
    intervention = InterventionFactory.create(association=association, code="ARB")
    stored_entry(intervention, WOMAN_1990, dt.date(2022, 5, 1))
    sheets = {"Deltagare": [DELTAGARE_HEADER, deltagare()]}

    result = run_import(xlsx_file(tmp_path, sheets), association)

    assert [p.as_line() for p in result.problems] == [
        'Blad Deltagare, rad 2, kolumn personnummer, värde "19900314-****": Personen har redan '
        "ett pågående deltagande i insatsen (sparat, inskrivet 2022-05-01). Ange "
        "utskrivningsdatum på det ena."
    ]
    assert Participation.objects.count() == 1


def test_deltagare_row_closing_stored_participation_frees_new_entry(tmp_path: Path) -> None:
    association = AssociationFactory.create()
    intervention = InterventionFactory.create(association=association, code="ARB")
    stored = stored_entry(intervention, WOMAN_1990, dt.date(2022, 5, 1))
    sheets = {
        "Deltagare": [
            DELTAGARE_HEADER,
            deltagare(),
            deltagare(
                samtycke_datum="2022-05-01",
                inskrivningsdatum="2022-05-01",
                utskrivningsdatum="2022-12-31",
                avslutsanledning="studier",
            ),
        ]
    }

    result = run_import(xlsx_file(tmp_path, sheets), association)

    assert result.problems == []
    assert result.changes["Deltagare"] == SheetChanges(created=1, updated=1)
    assert list(Participation.objects.order_by("entry_date").values_list("pk", "exit_date")) == [
        (stored.pk, dt.date(2022, 12, 31)),
        (stored.pk + 1, None),
    ]
    assert list(
        ParticipationEvent.objects.filter(participation=stored).values_list("action", "changes")
    ) == [
        ("created", {}),
        (
            "exited",
            {"exit_date": [None, "2022-12-31"], "exit_reason": ["", "studier"]},
        ),
    ]


@pytest.mark.parametrize(
    "number",
    [
        WOMAN_2001,
        dashed(WOMAN_2001),
        dashed(WOMAN_2001)[2:],
        make_personnummer(dt.date(2001, 11, 30), 128, coordination=True),
    ],
    ids=["12 digits", "with dash", "10 digits", "samordningsnummer"],
)
def test_deltagare_accepts_every_form_of_personnummer(tmp_path: Path, number: str) -> None:
    association = AssociationFactory.create()
    sheets = with_deltagare(deltagare(personnummer=number, kon="kvinna"))

    result = run_import(xlsx_file(tmp_path, sheets), association)

    assert result.problems == []
    assert list(Person.objects.values_list("birth_date", "gender")) == [
        (dt.date(2001, 11, 30), "kvinna")
    ]


def test_deltagare_row_replaces_stored_row_with_same_deltagar_id(tmp_path: Path) -> None:
    association = AssociationFactory.create()
    run_import(xlsx_file(tmp_path, with_deltagare(deltagare(deltagar_id="D1"))), association)
    changed = with_deltagare(
        deltagare(
            deltagar_id="D1",
            utskrivningsdatum="2023-06-30",
            avslutsanledning="arbete_subventionerat",
            arbetsgrad=75,
            forsorjning_efter="lon",
        )
    )

    result = run_import(xlsx_file(tmp_path, changed, "andra.xlsx"), association)

    participation = Participation.objects.get()
    assert result.changes["Deltagare"] == SheetChanges(updated=1)
    assert (
        participation.exit_date,
        participation.exit_reason,
        participation.work_extent,
        participation.income_after,
    ) == (dt.date(2023, 6, 30), "arbete_subventionerat", 75, ["lon"])
    assert list(participation.events.values_list("action", "changes")) == [
        ("created", {}),
        (
            "exited",
            {
                "exit_date": [None, "2023-06-30"],
                "exit_reason": ["", "arbete_subventionerat"],
                "work_extent": [None, 75],
                "income_after": [[], ["lon"]],
            },
        ),
    ]


def test_deltagare_import_logs_every_participation_as_system(tmp_path: Path) -> None:
    association = AssociationFactory.create()
    sheets = with_deltagare(deltagare(deltagar_id="D1"), anonymous_row())

    run_import(xlsx_file(tmp_path, sheets), association)

    ids = sorted(Participation.objects.values_list("pk", flat=True))
    arb = Intervention.objects.get(code="ARB")
    assert list(
        AccessLogEntry.objects.values_list(
            "user", "role", "action", "participation_ids", "intervention_ids", "purpose"
        )
    ) == [(None, "system", "import", ids, [arb.pk], "Import från fil")]


def test_deltagare_dry_run_writes_nothing_and_logs_nothing(tmp_path: Path) -> None:
    association = AssociationFactory.create()

    result = run_import(xlsx_file(tmp_path, with_deltagare(deltagare())), association, dry_run=True)

    assert result.changes["Deltagare"] == SheetChanges(created=1)
    assert nothing_written() == NOTHING


@given(
    digits=st.text(alphabet="0123456789", min_size=10, max_size=12),
    separator=st.sampled_from(["", "-", "+", " "]),
)
def test_personnummer_problem_never_echoes_the_number(digits: str, separator: str) -> None:
    raw = f"{digits[:-4]}{separator}{digits[-4:]}"
    problems: list[Problem] = []
    row = RowReader(
        sheet="Deltagare",
        number=2,
        cells={"personnummer": raw},
        problems=problems,
        masked={"personnummer": mask_personnummer},
    )

    row.value("personnummer", parse_personnummer)
    row.problem("personnummer", "Annan orsak.")

    lines = [problem.as_line() for problem in problems]
    assert [digits in line or raw in line for line in lines] == [False] * len(lines)
    assert [problem.value.endswith(digits[-4:]) for problem in problems] == [False] * len(lines)


def test_deltagare_write_refused_by_service_rolls_back_every_sheet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(**kwargs: object) -> list[str]:
        raise ValidationError("Personen har redan ett pågående deltagande i insatsen.")

    monkeypatch.setattr("imports.workbook.sheets.deltagare.import_participations", refuse)
    association = AssociationFactory.create()

    result = run_import(xlsx_file(tmp_path, with_deltagare(deltagare())), association)

    assert result.problems == [
        Problem("Deltagare", None, "", "", "Personen har redan ett pågående deltagande i insatsen.")
    ]
    assert (result.changes, nothing_written()) == ({}, NOTHING)
