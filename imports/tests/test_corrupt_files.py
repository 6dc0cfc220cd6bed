"""Broken and hostile files (issue 18.4): a Swedish message with its place on the page, in
the API's JSON error shape and from the command; never a 500 or a traceback."""

from __future__ import annotations

import io
import json
import re
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django_scopes import scope

from imports.tests.workbooks import csv_bytes, good_sheets, xlsx_bytes
from imports.workbook import import_workbook
from imports.workbook.reader import MAX_COLUMNS, MAX_ROWS
from tenancy.models import Association
from testing.personas import World

pytestmark = pytest.mark.django_db

SHEET = "xl/worksheets/sheet1.xml"


def rezip(data: bytes, change: Callable[[str, bytes], bytes]) -> bytes:
    """The zip ``data`` with every member passed through ``change(name, content)``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, change(info.filename, source.read(info)))
    return out.getvalue()


def sheet_changed(change: Callable[[bytes], bytes]) -> bytes:
    return rezip(
        xlsx_bytes(good_sheets()), lambda name, data: change(data) if name == SHEET else data
    )


def with_cell(reference: str) -> bytes:
    """The good workbook with one more text cell at ``reference`` in its first sheet."""
    row = re.sub(r"[A-Z]", "", reference)
    cell = f'<row r="{row}"><c r="{reference}" t="inlineStr"><is><t>x</t></is></c></row>'
    return sheet_changed(
        lambda data: data.replace(b"</sheetData>", cell.encode() + b"</sheetData>")
    )


def bad_crc_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("Budget.csv", b"insats;ar;kvartal;belopp\nARB;2024;;1000\n")
    data = bytearray(out.getvalue())
    offset = data.index(b"ARB;2024")
    data[offset] = ord("X")
    return bytes(data)


def latin1_csv() -> bytes:
    return "insats;år;kvartal;belopp\nARB;2024;;1000\n".encode("latin-1")


#: name -> (file name, content, words the reason must contain)
CASES: dict[str, tuple[str, bytes, str]] = {
    "truncated_sheet": (
        "importmall.xlsx",
        sheet_changed(lambda data: data[: len(data) // 2]),
        "skadad eller avkortad",
    ),
    "sheet_not_xml": (
        "importmall.xlsx",
        sheet_changed(lambda data: b"\x00\xff" * 50),
        "Excel-arbetsbok",
    ),
    "truncated_file": ("importmall.xlsx", xlsx_bytes(good_sheets())[:3000], "Excel-arbetsbok"),
    "not_a_zip_xlsx": ("importmall.xlsx", b"hej, det ar ingen arbetsbok", "Excel-arbetsbok"),
    "no_workbook_part": (
        "importmall.xlsx",
        rezip(xlsx_bytes(good_sheets()), lambda name, data: b"" if "workbook" in name else data),
        "Excel-arbetsbok",
    ),
    "not_a_zip": ("importmall.zip", b"PK\x03\x04 trasig", "Zip-filen"),
    "bad_crc_zip": ("importmall.zip", bad_crc_zip(), "zip-filen är skadad"),
    "wide_sheet": ("importmall.xlsx", with_cell("XFD20"), f"fler än {MAX_COLUMNS} kolumner"),
    "long_sheet": ("importmall.xlsx", with_cell(f"A{MAX_ROWS + 1}"), "fler än 250 000 rader"),
    "latin1_csv": ("Budget.csv", latin1_csv(), "UTF-8 (första felaktiga tecknet på rad 1)"),
    "huge_csv_field": ("Budget.csv", b'insats;"' + b"a" * 200_000 + b'"\n', "CSV-filen"),
    "wide_csv": ("Budget.csv", b"insats" + b";" * 5000 + b"x\n", "kolumner"),
}


def import_answer(name: str, data: bytes, association: Association) -> list[tuple[str, str]]:
    with scope(association=association.pk):
        result = import_workbook(io.BytesIO(data), association=association, filename=name)
    return [(problem.sheet, problem.reason) for problem in result.problems]


@pytest.mark.parametrize("case", CASES)
def test_broken_file_is_refused_with_a_swedish_reason(world: World, case: str) -> None:
    name, data, words = CASES[case]

    problems = import_answer(name, data, world.association)

    assert len(problems) == 1
    assert words in problems[0][1]


def test_broken_sheet_names_its_sheet(world: World) -> None:
    _name, data, _words = CASES["truncated_sheet"]

    problems = import_answer("importmall.xlsx", data, world.association)

    assert problems[0][0] == "Insatser"
    assert re.fullmatch(
        r"Bladet kunde inte läsas( efter rad \d+)?; filen är skadad eller avkortad\. "
        r"Spara filen på nytt i Excel och försök igen\.",
        problems[0][1],
    )


def test_huge_stated_dimension_is_ignored(world: World) -> None:
    data = sheet_changed(
        lambda sheet: re.sub(
            rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', sheet
        )
    )
    started = time.monotonic()

    problems = import_answer("importmall.xlsx", data, world.association)

    assert (problems, time.monotonic() - started < 10) == ([], True)


#: One case of each kind of reader for the page and the API (the reader is the same).
SOME = ["truncated_sheet", "not_a_zip_xlsx", "bad_crc_zip", "latin1_csv", "long_sheet"]


@pytest.mark.parametrize("case", SOME)
def test_broken_file_on_the_page_is_a_message(
    world: World, client_as: Callable[[str | None], Client], case: str
) -> None:
    name, data, words = CASES[case]

    response = client_as("admin").post(
        reverse("imports:workbook", args=["exempel"]),
        {"file": SimpleUploadedFile(name, data)},
    )

    assert response.status_code == 200
    assert words in response.content.decode()


@pytest.mark.parametrize("case", SOME)
def test_broken_file_in_the_api_is_json(
    world: World, client_as: Callable[[str | None], Client], case: str
) -> None:
    name, data, words = CASES[case]

    response = client_as("admin").post(
        reverse("api:import", args=["exempel"]), {"file": SimpleUploadedFile(name, data)}
    )

    answer = json.loads(response.content)
    assert (response.status_code, response["Content-Type"], answer["ok"]) == (
        400,
        "application/json",
        False,
    )
    assert words in answer["errors"][0]["reason"]


@pytest.mark.parametrize("case", ["truncated_sheet", "bad_crc_zip", "latin1_csv"])
def test_broken_file_from_the_command_is_a_command_error(
    world: World, tmp_path: Path, case: str
) -> None:
    name, data, words = CASES[case]
    path = tmp_path / name
    path.write_bytes(data)
    errors = io.StringIO()

    with pytest.raises(CommandError) as raised:
        call_command("import_workbook", str(path), association="exempel", stderr=errors)

    assert str(raised.value) == "Filen har 1 fel och importerades inte. Inget har sparats."
    assert words in errors.getvalue()


def test_csv_file_of_good_rows_still_imports(world: World) -> None:
    rows = good_sheets()["Insatser"]

    problems = import_answer("Insatser.csv", csv_bytes(rows), world.association)

    assert problems == []
