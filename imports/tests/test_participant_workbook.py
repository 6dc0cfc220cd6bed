"""A workbook with every sheet: idempotent imports, all-or-nothing across sheets, the
export of the participant sheets and the round trip, through the commands and the access
log they write."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from audit.models import AccessLogEntry
from imports.tests.workbooks import (
    DELTAGARE_HEADER,
    FULL_ROWS,
    dashed,
    deltagare,
    each_row,
    export_sheets,
    full_sheets,
    participant_content,
    participant_dump,
    run_import,
    xlsx_file,
)
from imports.workbook.access import WorkbookAccess
from participants.models import Participation, ParticipationEvent
from testing.factories import AssociationFactory
from testing.participants import MAN_1985, WOMAN_1990, with_wrong_check_digit

pytestmark = pytest.mark.django_db


def test_full_workbook_imports_twice_to_the_same_database(tmp_path: Path) -> None:
    association = AssociationFactory.create()
    path = xlsx_file(tmp_path, full_sheets())
    first = run_import(path, association)
    after_first = participant_dump(association)

    second = run_import(path, association)

    assert first.problems == []
    assert first.changes == each_row("created", FULL_ROWS)
    assert second.changes == each_row("unchanged", FULL_ROWS)
    assert participant_dump(association) == after_first
    assert ParticipationEvent.objects.count() == 6  # one "created" each, nothing on re-import


def entered(reference: str, number: str | None, gender: str, on: dt.date) -> tuple[Any, ...]:
    """A participation in ARB entered ``on``, with no exit and no entry details."""
    return ("ARB", reference, number, gender, on, None, "", None, "", (), "", "", None, ())


def test_full_workbook_stores_what_the_rows_say(tmp_path: Path) -> None:
    association = AssociationFactory.create()

    run_import(xlsx_file(tmp_path, full_sheets()), association)

    data = participant_content(association)
    assert data["persons"] == [
        ("ARB", MAN_1985, dt.date(1985, 7, 2), "man", dt.date(2023, 2, 1)),
        ("ARB", WOMAN_1990, dt.date(1990, 3, 14), "kvinna", dt.date(2023, 10, 15)),
    ]
    assert data["participations"] == sorted(
        [
            entered("D5", None, "annat", dt.date(2023, 4, 1)),
            entered("", None, "kvinna", dt.date(2023, 3, 1)),
            entered("", None, "kvinna", dt.date(2023, 3, 1)),
            entered("", MAN_1985, "man", dt.date(2023, 2, 1)),
            (
                "ARB",
                "D1",
                WOMAN_1990,
                "kvinna",
                dt.date(2023, 1, 15),
                dt.date(2023, 9, 30),
                "arbete_osubventionerat",
                50,
                "gymnasium",
                ("forsorjningsstod", "a_kassa"),
                "1_3",
                "socialtjanst",
                dt.date(2023, 3, 1),
                ("lon",),
            ),
            entered("", WOMAN_1990, "kvinna", dt.date(2023, 10, 15)),
        ],
        key=repr,
    )
    assert data["volume_counts"] == [("NAT", 2023, 1, 4, 2, 0), ("NAT", 2023, 2, 5, 3, 1)]
    assert data["activities"] == [
        (
            dt.date(2023, 5, 10),
            "Nätverksträff våren",
            "natverkstraff",
            "NAT",
            12,
            4,
            0,
            ("FK", "AF"),
        ),
        (dt.date(2023, 9, 1), "Webbinarium om samverkan", "webbinarium", None, 30, 8, 1, ()),
    ]


def test_full_workbook_one_bad_cell_in_last_sheet_writes_nothing(tmp_path: Path) -> None:
    association = AssociationFactory.create()
    sheets = full_sheets()
    sheets["Aktiviteter"][2][2] = "fest"

    result = run_import(xlsx_file(tmp_path, sheets), association)

    assert [(p.sheet, p.row, p.column) for p in result.problems] == [("Aktiviteter", 3, "typ")]
    assert participant_dump(association) == {
        key: [] for key in participant_dump(AssociationFactory.create())
    }


def test_import_command_with_invalid_personnummer_refuses_whole_file_without_echo(
    tmp_path: Path,
) -> None:
    AssociationFactory.create(slug="nytt")
    bad = with_wrong_check_digit(MAN_1985)
    sheets = full_sheets()
    sheets["Deltagare"][2] = deltagare(personnummer=dashed(bad), inskrivningsdatum="2023-02-01")
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError) as error:
        call_command(
            "import_workbook",
            str(xlsx_file(tmp_path, sheets)),
            "--association",
            "nytt",
            stdout=out,
            stderr=err,
        )

    output = out.getvalue() + err.getvalue() + str(error.value)
    assert err.getvalue().splitlines() == [
        'Blad Deltagare, rad 3, kolumn personnummer, värde "(ogiltigt)": '
        "Personnumrets kontrollsiffra stämmer inte."
    ]
    assert (bad in output, dashed(bad) in output, bad[2:] in output) == (
        False,
        False,
        False,
    )
    assert Participation.objects.count() == 0


def test_import_command_logs_participant_writes_as_system(tmp_path: Path) -> None:
    association = AssociationFactory.create(slug="nytt")

    call_command(
        "import_workbook",
        str(xlsx_file(tmp_path, full_sheets())),
        "--association",
        "nytt",
        stdout=io.StringIO(),
    )

    ids = sorted(Participation.objects.values_list("pk", flat=True))
    arb = Participation.objects.values_list("intervention_id", flat=True).first()
    assert list(
        AccessLogEntry.objects.filter(association=association).values_list(
            "user", "role", "action", "participation_ids", "intervention_ids", "purpose", "outcome"
        )
    ) == [(None, "system", "import", ids, [arb], "Import från fil", "ok")]


def test_export_command_without_flag_has_no_participant_rows_and_logs_nothing(
    tmp_path: Path,
) -> None:
    from openpyxl import load_workbook

    association = AssociationFactory.create(slug="kalla")
    run_import(xlsx_file(tmp_path, full_sheets()), association)
    logged = AccessLogEntry.objects.count()
    output = tmp_path / "export.xlsx"

    call_command(
        "export_workbook", "--association", "kalla", "--output", str(output), stdout=io.StringIO()
    )

    sheet = load_workbook(output)["Deltagare"]
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [DELTAGARE_HEADER]
    assert AccessLogEntry.objects.count() == logged


def test_export_command_with_personal_data_round_trips_and_is_logged(tmp_path: Path) -> None:
    source = AssociationFactory.create(slug="kalla")
    target = AssociationFactory.create(slug="mal")
    run_import(xlsx_file(tmp_path, full_sheets()), source)
    output = tmp_path / "export.xlsx"

    call_command(
        "export_workbook",
        "--association",
        "kalla",
        "--output",
        str(output),
        "--include-personal-data",
        stdout=io.StringIO(),
    )
    call_command("import_workbook", str(output), "--association", "mal", stdout=io.StringIO())

    assert participant_content(target) == participant_content(source)
    source_ids = sorted(
        Participation.objects.filter(association=source).values_list("pk", flat=True)
    )
    assert list(
        AccessLogEntry.objects.filter(association=source, action="export").values_list(
            "user", "role", "participation_ids", "purpose"
        )
    ) == [(None, "system", source_ids, "Export till fil")]


def test_export_rows_of_participant_sheets(tmp_path: Path) -> None:
    association = AssociationFactory.create()
    run_import(xlsx_file(tmp_path, full_sheets()), association)

    rows = export_sheets(association, WorkbookAccess.system(), header=False)

    d = dt.datetime
    assert rows["Deltagare"] == [
        (
            "ARB",
            "D1",
            "nej",
            dashed(WOMAN_1990),
            d(2023, 1, 10),
            "kvinna",
            d(2023, 1, 15),
            d(2023, 9, 30),
            "arbete_osubventionerat",
            50,
            "gymnasium",
            "forsorjningsstod; a_kassa",
            "1_3",
            "socialtjanst",
            d(2023, 3, 1),
            "lon",
        ),
        ("ARB", None, "nej", dashed(MAN_1985), d(2023, 2, 1), "man", d(2023, 2, 1), *([None] * 9)),
        ("ARB", None, "ja", None, None, "kvinna", d(2023, 3, 1), *([None] * 9)),
        ("ARB", None, "ja", None, None, "kvinna", d(2023, 3, 1), *([None] * 9)),
        ("ARB", "D5", "ja", None, None, "annat", d(2023, 4, 1), *([None] * 9)),
        (
            "ARB",
            None,
            "nej",
            dashed(WOMAN_1990),
            d(2023, 10, 15),
            "kvinna",
            d(2023, 10, 15),
            *([None] * 9),
        ),
    ]
    assert rows["Volym"] == [("NAT", 2023, 1, 4, 2, 0), ("NAT", 2023, 2, 5, 3, 1)]
    assert rows["Aktiviteter"] == [
        (d(2023, 5, 10), "Nätverksträff våren", "natverkstraff", "NAT", 12, 4, 0, "FK; AF"),
        (d(2023, 9, 1), "Webbinarium om samverkan", "webbinarium", None, 30, 8, 1, None),
    ]
