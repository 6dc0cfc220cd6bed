"""A test run lists which rows would be added or changed (issue 10.8), per sheet with the
row number and the natural key; `Deltagare` rows only by number."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from imports.tests.workbooks import good_sheets, run_import, xlsx_bytes, xlsx_file
from imports.workbook.importer import row_key
from testing.personas import World

pytestmark = pytest.mark.django_db


def changed_sheets() -> dict[str, list[list[object]]]:
    sheets = good_sheets()
    budget = sheets["Budget"]
    budget[2] = [*budget[2][:3], 123_456]  # row 3 changes its amount
    budget.append(["ARB", 2026, 1, 1000])  # a new row
    return sheets


def test_dry_run_lists_added_and_changed_rows(world: World, tmp_path: Path) -> None:
    run_import(xlsx_file(tmp_path, good_sheets()), world.association)
    path = xlsx_file(tmp_path, changed_sheets(), name="andrad.xlsx")
    last = len(changed_sheets()["Budget"])

    result = run_import(path, world.association, dry_run=True)

    assert result.changes["Budget"].rows == [
        ("rad 3: ARB 2024 1", "updated"),
        (f"rad {last}: ARB 2026 1", "created"),
    ]
    assert result.changes["Insatser"].rows == []


def test_row_key_of_deltagare_is_only_the_row_number() -> None:
    assert row_key("Deltagare", 7, {"personnummer": "199003142426", "insats": "A"}) == "rad 7"


def test_dry_run_rows_on_the_page_and_in_the_api(
    world: World, client_as: Callable[[str | None], Client], tmp_path: Path
) -> None:
    client = client_as("admin")
    client.post(
        reverse("imports:workbook", args=["exempel"]),
        {"file": SimpleUploadedFile("a.xlsx", xlsx_bytes(good_sheets()))},
    )
    data = xlsx_bytes(changed_sheets())

    page = client.post(
        reverse("imports:workbook", args=["exempel"]),
        {"file": SimpleUploadedFile("b.xlsx", data), "dry_run": "on"},
    ).content.decode()
    api = client.post(
        reverse("api:import", args=["exempel"]),
        {"file": SimpleUploadedFile("b.xlsx", data), "dry_run": "1"},
    )

    assert "Bladet Budget: rader som skulle läggas till eller ändras" in page
    assert "<td>rad 3: ARB 2024 1</td><td>ändrad</td>" in page
    budget = json.loads(api.content)["summary"]["sheets"]["Budget"]
    assert (budget["changed"], len(budget["added"])) == (["rad 3: ARB 2024 1"], 1)
