"""Who may import and export the participant sheets on the web: the förbundsadministratör
is refused `Deltagare` rows, a deltagaransvarig imports and exports their own
interventions' rows only, and every participant row written or exported is logged."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from audit.models import AccessLogEntry
from imports.tests.workbooks import (
    DELTAGARE_HEADER,
    Sheets,
    deltagare,
    good_sheets,
    xlsx_bytes,
)
from interventions.models import Intervention
from participants.models import Participation
from testing.participants import MAN_1985, WOMAN_1990, stored_entry
from testing.personas import World
from testing.reauth import reauthenticate

pytestmark = pytest.mark.django_db

ADMIN_REFUSAL = (
    "Bladet innehåller personuppgifter om deltagare, som förbundsadministratören inte får "
    "läsa eller skriva. Deltagare importeras av deltagaransvarig för insatsen. Ta bort raderna "
    "i bladet och försök igen."
)


def post(client: Client, sheets: Sheets) -> Any:
    upload = SimpleUploadedFile("importmall.xlsx", xlsx_bytes(sheets))
    return client.post(reverse("imports:workbook", args=["exempel"]), {"file": upload})


def problems(response: Any) -> list[tuple[str, int | None, str]]:
    return [(p.sheet, p.row, p.column) for p in response.context["result"].problems]


def enter(world: World, intervention: Intervention, number: str, reference: str = "") -> int:
    return stored_entry(intervention, number, dt.date(2022, 1, 1), reference=reference).pk


def test_workbook_upload_admin_is_refused_deltagare_rows(
    world: World, client_as: Callable[[str | None], Client]
) -> None:
    sheets = {**good_sheets(), "Deltagare": [DELTAGARE_HEADER, deltagare(insats="A")]}

    response = post(client_as("admin"), sheets)

    assert [p.as_line() for p in response.context["result"].problems] == [
        f"Blad Deltagare: {ADMIN_REFUSAL}"
    ]
    assert ADMIN_REFUSAL in response.content.decode()
    assert (Intervention.objects.filter(code="ARB").exists(), Participation.objects.count()) == (
        False,
        0,
    )


def test_workbook_upload_admin_may_send_empty_deltagare_sheet(
    world: World, client_as: Callable[[str | None], Client]
) -> None:
    sheets = {**good_sheets(), "Deltagare": [DELTAGARE_HEADER]}

    response = post(client_as("admin"), sheets)

    assert response.context["result"].problems == []
    assert Intervention.objects.filter(code="ARB").exists() is True


def test_workbook_upload_officer_a_is_refused_rows_of_b(
    world: World, client_as: Callable[[str | None], Client]
) -> None:
    sheets = {
        "Deltagare": [
            DELTAGARE_HEADER,
            deltagare(insats="A", personnummer=MAN_1985),
            deltagare(insats="B"),
        ]
    }

    response = post(client_as("participant_officer_a"), sheets)

    assert problems(response) == [("Deltagare", 3, "insats")]
    assert (Participation.objects.count(), AccessLogEntry.objects.count()) == (0, 0)


def test_workbook_upload_officer_a_is_refused_deltagar_id_of_b(
    world: World, client_as: Callable[[str | None], Client]
) -> None:
    enter(world, world.intervention_b, MAN_1985, reference="B-1")
    sheets = {"Deltagare": [DELTAGARE_HEADER, deltagare(insats="A", deltagar_id="B-1")]}

    response = post(client_as("participant_officer_a"), sheets)

    assert problems(response) == [("Deltagare", 2, "deltagar_id")]
    assert list(Participation.objects.values_list("intervention", flat=True)) == [
        world.intervention_b.pk
    ]


def test_workbook_upload_officer_a_is_refused_other_sheets(
    world: World, client_as: Callable[[str | None], Client]
) -> None:
    sheets = {**good_sheets(), "Deltagare": [DELTAGARE_HEADER, deltagare(insats="A")]}

    response = post(client_as("participant_officer_a"), sheets)

    assert problems(response) == [("Insatser", None, ""), ("Budget", None, "")]
    assert Participation.objects.count() == 0


def test_workbook_upload_officer_a_imports_rows_of_a_and_logs_them(
    world: World, client_as: Callable[[str | None], Client]
) -> None:
    sheets = {"Deltagare": [DELTAGARE_HEADER, deltagare(insats="A", deltagar_id="A-1")]}

    response = post(client_as("participant_officer_a"), sheets)

    assert response.context["result"].summary_lines() == [
        "Filen är importerad.",
        "Deltagare: nya 1, ändrade 0, oförändrade 0.",
    ]
    participation = Participation.objects.get()
    assert list(
        AccessLogEntry.objects.values_list(
            "user", "role", "action", "participation_ids", "intervention_ids", "purpose"
        )
    ) == [
        (
            world.users["participant_officer_a"].pk,
            "deltagaransvarig",
            "import",
            [participation.pk],
            [world.intervention_a.pk],
            "Import från fil",
        )
    ]
    assert participation.events.get().user == world.users["participant_officer_a"]


def test_workbook_page_officer_sees_only_the_deltagare_sheet(
    world: World, client_as: Callable[[str | None], Client]
) -> None:
    response = client_as("participant_officer_a").get(reverse("imports:workbook", args=["exempel"]))

    assert [sheet.sheet_name for sheet in response.context["sheets"]] == ["Deltagare"]


def test_workbook_export_officer_a_gets_only_rows_of_a_and_is_logged(
    world: World, client_as: Callable[[str | None], Client]
) -> None:
    from openpyxl import load_workbook

    a_id = enter(world, world.intervention_a, WOMAN_1990, reference="A-1")
    enter(world, world.intervention_b, MAN_1985, reference="B-1")

    client = client_as("participant_officer_a")
    reauthenticate(client, world.users["participant_officer_a"])
    response = client.get(reverse("imports:export", args=["exempel"]))

    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Deltagare"]
    assert [row[:4] for row in workbook["Deltagare"].iter_rows(min_row=2, values_only=True)] == [
        ("A", "A-1", "nej", f"{WOMAN_1990[:8]}-{WOMAN_1990[8:]}")
    ]
    assert list(
        AccessLogEntry.objects.filter(action="export").values_list(
            "user", "role", "participation_ids", "intervention_ids", "purpose"
        )
    ) == [
        (
            world.users["participant_officer_a"].pk,
            "deltagaransvarig",
            [a_id],
            [world.intervention_a.pk],
            "Export till fil",
        )
    ]


def test_workbook_export_admin_has_no_deltagare_rows_and_logs_nothing(
    world: World, client_as: Callable[[str | None], Client]
) -> None:
    from openpyxl import load_workbook

    enter(world, world.intervention_a, WOMAN_1990, reference="A-1")

    response = client_as("admin").get(reverse("imports:export", args=["exempel"]))

    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [
        "Insatser",
        "Budget",
        "Utfall",
        "Deltagare",
        "Volym",
        "Aktiviteter",
        "Kvartalsrapporter",
        "Avvikelser",
        "Enkätsvar",
        "Riksnitt",
        "Enkätresultat",
        "Enkätunderlag",
        "Rapportrader",
        "Driftrader",
        "Förbundsbudget",
        "Nyckeltal",
        "Personal",
        "Ansökningar",
        "Ansökningsbelopp",
    ]
    assert workbook["Deltagare"].max_row == 1
    assert AccessLogEntry.objects.filter(action="export").count() == 0


def test_workbook_export_with_personnummer_needs_a_fresh_second_factor(
    world: World, client_as: Callable[[str | None], Client]
) -> None:
    enter(world, world.intervention_a, WOMAN_1990, reference="A-1")

    response = client_as("participant_officer_a").get(reverse("imports:export", args=["exempel"]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    assert AccessLogEntry.objects.filter(action="export").count() == 0
