"""The empty importmall offered on the import page (issue 10.8): the sheets the user may
import, their columns, a description per column (comment) and drop-down lists of codes
that the importer accepts."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django_scopes import scope

from imports.workbook import import_workbook
from imports.workbook.access import WorkbookAccess
from imports.workbook.importer import may_import
from imports.workbook.sheets import HANDLERS
from imports.workbook.template import codes, describe, template_workbook
from testing.personas import World

pytestmark = pytest.mark.django_db


def template(access: WorkbookAccess) -> Any:
    from openpyxl import load_workbook

    buffer = io.BytesIO()
    template_workbook(buffer, access=access)
    return load_workbook(io.BytesIO(buffer.getvalue()))


def validations(sheet: Any) -> dict[str, list[str]]:
    """header -> the codes of the drop-down list on that column."""
    found = {}
    for validation in sheet.data_validations.dataValidation:
        column = str(validation.sqref).split(":")[0].rstrip("0123456789")
        header = sheet[f"{column}1"].value
        found[header] = validation.formula1.strip('"').split(",")
    return found


def test_every_column_of_every_sheet_has_a_description() -> None:
    missing = [
        (handler.sheet_name, column.name)
        for handler in HANDLERS
        for column in handler.columns
        if not describe(handler.sheet_name, column.name)
    ]

    assert missing == []


def test_template_of_the_administrator_has_the_office_sheets_with_comments() -> None:
    access = WorkbookAccess.system(include_personal_data=False)

    workbook = template(access)

    expected = [handler for handler in HANDLERS if may_import(handler, access)]
    assert workbook.sheetnames == [handler.sheet_name for handler in expected]
    for handler in expected:
        sheet = workbook[handler.sheet_name]
        headers = [cell.value for cell in sheet[1]]
        assert headers == [column.name for column in handler.columns]
        assert [bool(cell.comment and cell.comment.text) for cell in sheet[1]] == [True] * len(
            headers
        )


def test_template_drop_downs_are_the_codes_the_importer_accepts() -> None:
    workbook = template(WorkbookAccess.system())

    lists = {name: validations(workbook[name]) for name in workbook.sheetnames}

    assert lists["Insatser"] == {
        "inriktning": ["individ", "struktur", "kompetens", "ovrig"],
        "syfte": ["arbete", "forrehabilitering"],
        "uppföljning": ["personuppgifter", "antal"],
    }
    assert lists["Avvikelser"]["beslutad_av"] == ["forbundschef", "styrelse"]
    assert lists["Deltagare"]["avslutsanledning"] == list(codes()["Deltagare"]["avslutsanledning"])
    assert lists["Kvartalsrapporter"]["jamlikhet"] == ["ja", "nej"]


def test_empty_template_imports_nothing_and_says_so(world: World) -> None:
    buffer = io.BytesIO()
    template_workbook(buffer, access=WorkbookAccess.system())
    buffer.seek(0)

    with scope(association=world.association.pk):
        result = import_workbook(buffer, association=world.association, filename="mall.xlsx")

    assert [problem.reason for problem in result.problems] == [
        "Inget importerades: bladen i filen har rubriker men inga rader."
    ]


def test_participant_officer_template_has_only_deltagare(
    world: World, client_as: Callable[[str | None], Client]
) -> None:
    from openpyxl import load_workbook

    response = client_as("participant_officer_a").get(reverse("imports:template", args=["exempel"]))

    assert load_workbook(io.BytesIO(response.content)).sheetnames == ["Deltagare"]


def test_import_page_offers_the_template(
    world: World, client_as: Callable[[str | None], Client]
) -> None:
    page = client_as("admin").get(reverse("imports:workbook", args=["exempel"])).content.decode()

    assert reverse("imports:template", args=["exempel"]) in page


def test_filled_template_row_imports(world: World) -> None:
    from openpyxl import load_workbook

    buffer = io.BytesIO()
    template_workbook(buffer, access=WorkbookAccess.system(include_personal_data=False))
    workbook = load_workbook(io.BytesIO(buffer.getvalue()))
    workbook["Budget"].append(["A", 2024, 1, 1000])
    filled = io.BytesIO()
    workbook.save(filled)

    with scope(association=world.association.pk):
        result = import_workbook(
            SimpleUploadedFile("mall.xlsx", filled.getvalue()),
            association=world.association,
            filename="mall.xlsx",
        )

    assert (result.problems, result.changes["Budget"].created) == ([], 1)
