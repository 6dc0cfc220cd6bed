"""What an import answers (issue 18.6): a file that imports nothing says so and why; a
file with very many problems shows the first few hundred and gives all as an XLSX."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django_scopes import scope

from imports.problems import PAGE_LIMIT
from imports.tests.workbooks import INSATSER_HEADER, csv_bytes, good_sheets
from imports.workbook import import_workbook
from imports.workbook.sheets import HANDLERS
from testing.personas import World

pytestmark = pytest.mark.django_db

BUDGET_HEADER = ["insats", "år", "kvartal", "belopp"]


def answer(world: World, name: str, data: bytes) -> list[str]:
    with scope(association=world.association.pk):
        result = import_workbook(io.BytesIO(data), association=world.association, filename=name)
    return [problem.reason for problem in result.problems]


def test_csv_named_after_no_sheet_imports_nothing_and_says_why(world: World) -> None:
    data = csv_bytes([BUDGET_HEADER, ["A", "2024", "", "1000"]])

    reasons = answer(world, "Budget2.csv", data)

    assert reasons == [
        "Inget importerades: filen innehåller inget blad som du kan importera "
        f"({', '.join(handler.sheet_name for handler in HANDLERS)}). "
        "Bladen i filen heter Budget2. En CSV-fil ska heta som bladet, till exempel Budget.csv."
    ]


def test_sheets_with_headers_only_import_nothing_and_say_why(world: World) -> None:
    reasons = answer(world, "Insatser.csv", csv_bytes([INSATSER_HEADER]))

    assert reasons == ["Inget importerades: bladen i filen har rubriker men inga rader."]


def many_errors_csv(rows: int, good: int) -> bytes:
    lines = [";".join(BUDGET_HEADER)]
    periods = [
        (code, year, quarter) for code in "AB" for year in (2024, 2025) for quarter in "1234"
    ]
    lines += [f"{code};{year};{quarter};1000" for code, year, quarter in periods[:good]]
    lines += [f"OKAND{number};2024;;1000" for number in range(rows - good)]
    return ("\n".join(lines) + "\n").encode()


def test_hundred_thousand_errors_render_quickly_and_small(
    world: World, client_as: Callable[[str | None], Client]
) -> None:
    upload = SimpleUploadedFile("Budget.csv", many_errors_csv(100_000, 12))
    started = time.monotonic()

    response = client_as("admin").post(
        reverse("imports:workbook", args=["exempel"]), {"file": upload}
    )

    elapsed = time.monotonic() - started
    page = response.content.decode()
    errors_table = page.split('class="import-errors"')[1].split("</table>")[0]
    assert (response.status_code, errors_table.count("<tr>") - 1) == (200, PAGE_LIMIT)
    assert "Här visas de första 200 av 99\xa0988 felen." in page
    assert (len(response.content) < 300_000, elapsed < 60) == (True, True)


def test_all_problems_download_as_xlsx_for_the_importer_only(
    world: World, client_as: Callable[[str | None], Client]
) -> None:
    from openpyxl import load_workbook

    client = client_as("admin")
    data = many_errors_csv(PAGE_LIMIT + 50, 0)
    data += b"=HYPERLINK(1);2024;;1000\n"
    response = client.post(
        reverse("imports:workbook", args=["exempel"]),
        {"file": SimpleUploadedFile("Budget.csv", data)},
    )
    link = response.context["problems_url"]

    download = client.get(link)
    other = client_as("economist").get(link)

    sheet: Any = load_workbook(io.BytesIO(download.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert (download.status_code, len(rows), rows[0]) == (
        200,
        PAGE_LIMIT + 52,
        ("Blad", "Rad", "Kolumn", "Värde", "Orsak"),
    )
    assert rows[1][:4] == ("Budget", 2, "insats", "OKAND0")
    assert [cell.data_type for cell in sheet[PAGE_LIMIT + 52]][3] == "s"
    assert other.status_code in (403, 404)


def test_good_file_still_imports(world: World) -> None:
    from imports.tests.workbooks import xlsx_bytes

    assert answer(world, "importmall.xlsx", xlsx_bytes(good_sheets())) == []
