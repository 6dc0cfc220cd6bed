from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

from imports.tests.workbooks import INSATSER_HEADER, Sheets, good_sheets, xlsx_bytes
from interventions.models import Budget, Intervention
from testing.personas import World
from testing.reauth import reauthenticate
from testing.views import ClientAs, PersonaViewCases

pytestmark = pytest.mark.django_db


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def post_workbook(client_as: Callable[[str | None], Client], sheets: Sheets, **data: str) -> Any:
    """The admin's upload of ``sheets`` as importmall.xlsx on the workbook page."""
    return client_as("admin").post(
        reverse("imports:workbook", args=["exempel"]),
        {"file": upload("importmall.xlsx", xlsx_bytes(sheets)), **data},
    )


class TestWorkbookPage(PersonaViewCases):
    permission = "imports.open_workbook"
    page = "workbook"

    def url(self, world: World) -> str:
        return reverse(f"imports:{self.page}", args=["exempel"])


class TestWorkbookUpload(TestWorkbookPage):
    """Each may upload (what each may import: ``test_office_access_and_money.py``)."""

    method = "post"
    data = {"file": upload("importmall.xlsx", xlsx_bytes(good_sheets()))}

    def arrange(self, world: World) -> None:
        self.data["file"].seek(0)  # one upload serves every persona


class TestWorkbookExport(TestWorkbookPage):
    page = "export"

    @pytest.fixture
    def client_as(self, world: World, client_as: ClientAs) -> ClientAs:
        """An officer's export holds personnummer: with a fresh second factor."""

        def make(persona: str | None) -> Client:
            client = client_as(persona)
            if persona in ("participant_officer_a", "participant_officer_b"):
                reauthenticate(client, world.users[persona])
            return client

        return make


class TestTemplateDownload(TestWorkbookPage):
    page = "template"


def test_workbook_upload_good_file_imports(
    world: World, client_as: Callable[[str | None], Client]
) -> None:
    response = post_workbook(client_as, good_sheets())

    assert response.status_code == 200
    assert response.context["result"].summary_lines() == [
        "Filen är importerad.",
        "Insatser: nya 2, ändrade 0, oförändrade 0.",
        "Budget: nya 4, ändrade 0, oförändrade 0.",
    ]
    assert sorted(
        Intervention.objects.filter(association=world.association).values_list("code", flat=True)
    ) == ["A", "ARB", "B", "NAT"]


def test_workbook_upload_bad_file_shows_every_problem(
    world: World, client_as: Callable[[str | None], Client]
) -> None:
    bad_row = ["C", "Insats C", "", "Kommunen", "", "annan", "", "antal", "2023-01-01", "", ""]
    sheets = {"Insatser": [[*INSATSER_HEADER, "färg"], [*bad_row, "röd"]]}

    response = post_workbook(client_as, sheets)

    problems = response.context["result"].problems
    assert [(p.sheet, p.row, p.column, p.value) for p in problems] == [
        ("Insatser", 1, "färg", "färg"),
        ("Insatser", 2, "inriktning", "annan"),
    ]
    html = response.content.decode()
    error_table = html[html.index('<table class="import-errors">') :].split("</table>")[0]
    assert error_table.count("<tr>") == 3  # the header row and one row per problem
    assert Intervention.objects.filter(code="C").exists() is False


def test_workbook_upload_dry_run_writes_nothing(
    world: World, client_as: Callable[[str | None], Client]
) -> None:
    response = post_workbook(client_as, good_sheets(), dry_run="on")

    assert response.context["result"].summary_lines()[0] == (
        "Kontroll utan att spara: filen är giltig. Inget har sparats."
    )
    assert Budget.objects.filter(association=world.association).count() == 0


@override_settings(FINSAM_MAX_UPLOAD_BYTES=100)
def test_workbook_upload_too_large_is_refused(
    world: World, client_as: Callable[[str | None], Client]
) -> None:
    response = post_workbook(client_as, good_sheets())

    assert response.context["form"].errors == {
        "file": ["Filen är för stor. Största tillåtna storlek är 100\xa0byte."]
    }
    assert response.context["result"] is None


def test_workbook_export_is_an_attachment_without_other_associations_data(
    world: World, client_as: Callable[[str | None], Client]
) -> None:
    from openpyxl import load_workbook

    response = client_as("admin").get(reverse("imports:export", args=["exempel"]))

    assert response["Content-Disposition"].startswith('attachment; filename="finsam-exempel-')
    workbook = load_workbook(io.BytesIO(response.content))
    codes = [row[0] for row in workbook["Insatser"].iter_rows(min_row=2, values_only=True)]
    assert codes == ["A", "B"]
