"""Who may import the sheets `Utfall`, `Kvartalsrapporter` and `Avvikelser` (the
förbundsadministratör on the web and the command line, nobody else), and the money
figures an imported workbook implies (``stats.money.money_figures``)."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_scopes import scope

from finance.models import CostOutcome
from followup.models import Deviation, ReportEvent
from imports.tests.office_workbooks import (
    AVVIKELSER_HEADER,
    KVARTALSRAPPORTER_HEADER,
    NOTHING_WRITTEN,
    UTFALL_HEADER,
    avvikelse,
    kvartalsrapport,
    office_sheets,
    utfall,
    written,
)
from imports.tests.workbooks import run_import, xlsx_bytes, xlsx_file
from imports.workbook import import_workbook
from imports.workbook.access import WorkbookAccess
from imports.workbook.base import Problem, SheetChanges
from interventions.models import Budget
from stats.money import MoneyFigures, money_figures
from stats.periods import Period
from tenancy.models import Association
from testing.factories import AssociationFactory
from testing.personas import World

pytestmark = pytest.mark.django_db

# --- who may import -----------------------------------------------------------------------

OFFICE_ONLY = (
    "Du får bara importera bladet Deltagare för dina insatser. Ta bort raderna i bladet och "
    "försök igen."
)


def office_rows_for_a() -> dict[str, list[list[object]]]:
    return {
        "Utfall": [UTFALL_HEADER, utfall(insats="A")],
        "Kvartalsrapporter": [KVARTALSRAPPORTER_HEADER, kvartalsrapport(insats="A")],
        "Avvikelser": [AVVIKELSER_HEADER, avvikelse(insats="A")],
    }


@pytest.mark.parametrize(
    "persona",
    ["economist", "intervention_lead_a", "participant_officer_a", "board", "auditor"],
)
def test_office_sheets_refused_for_everyone_but_the_administrator(
    tmp_path: Path, world: World, persona: str
) -> None:
    path = xlsx_file(tmp_path, office_rows_for_a())
    with scope(association=world.association.pk):
        access = WorkbookAccess.for_user(world.users[persona], world.association)

        result = import_workbook(path, association=world.association, access=access)

    assert result.problems == [
        Problem(sheet, None, "", "", OFFICE_ONLY)
        for sheet in ("Utfall", "Kvartalsrapporter", "Avvikelser")
    ]
    assert written(world.association) == NOTHING_WRITTEN | {"Intervention": 2}


def test_office_sheets_imported_by_the_administrator(tmp_path: Path, world: World) -> None:
    path = xlsx_file(tmp_path, office_rows_for_a())
    with scope(association=world.association.pk):
        access = WorkbookAccess.for_user(world.users["admin"], world.association)

        result = import_workbook(path, association=world.association, access=access)

    assert result.changes == {
        "Utfall": SheetChanges(created=1),
        "Kvartalsrapporter": SheetChanges(created=1),
        "Avvikelser": SheetChanges(created=1),
    }
    assert list(ReportEvent.objects.values_list("user", flat=True)) == [world.users["admin"].pk]


def test_office_workbook_imported_on_the_command_line(tmp_path: Path) -> None:
    association = AssociationFactory.create(slug="nytt")
    out = io.StringIO()

    call_command(
        "import_workbook",
        str(xlsx_file(tmp_path, office_sheets())),
        "--association",
        "nytt",
        stdout=out,
    )

    assert out.getvalue().splitlines()[-4:] == [
        "Budget: nya 4, ändrade 0, oförändrade 0.",
        "Utfall: nya 7, ändrade 0, oförändrade 0.",
        "Kvartalsrapporter: nya 3, ändrade 0, oförändrade 0.",
        "Avvikelser: nya 3, ändrade 0, oförändrade 0.",
    ]
    assert written(association) == {
        "Intervention": 2,
        "Budget": 4,
        "CostOutcome": 7,
        "QuarterlyReport": 3,
        "ReportEvent": 3,
        "Deviation": 3,
        "DeviationEvent": 5,
    }


def upload(data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("importmall.xlsx", data, content_type="application/octet-stream")


@pytest.mark.parametrize(("persona", "imported"), [("admin", 1), ("participant_officer_a", 0)])
def test_office_sheets_web_upload_imports_only_for_the_administrator(
    world: World, client_as: Callable[[str | None], Client], persona: str, imported: int
) -> None:
    """Both open the workbook page (``test_views.py``); only the administrator's import
    of the office's sheets writes."""
    response = client_as(persona).post(
        reverse("imports:workbook", args=["exempel"]),
        {"file": upload(xlsx_bytes(office_rows_for_a()))},
    )

    assert (response.status_code, written(world.association)["CostOutcome"]) == (200, imported)


# --- the money the workbook implies -------------------------------------------------------


def from_start(
    budget: int, outcome: int, *, transferred: int, returned: int | None
) -> MoneyFigures:
    """The figures of a period that starts the year: the period's are the year's so far."""
    return MoneyFigures(
        period_budget=budget,
        period_outcome=outcome,
        ytd_budget=budget,
        ytd_outcome=outcome,
        transferred=transferred,
        returned=returned,
    )


def figures(association: Association, period: str) -> dict[str, MoneyFigures]:
    with scope(association=association.pk):
        result = money_figures(
            Period.parse(period),
            budgets=Budget.objects.filter(association=association),
            deviations=Deviation.objects.filter(association=association),
            costs=CostOutcome.objects.filter(association=association),
        )
        codes = dict(
            Budget.objects.filter(association=association).values_list(
                "intervention_id", "intervention__code"
            )
        )
    return {codes[pk]: value for pk, value in result.items()}


def test_office_workbook_gives_the_money_figures_it_implies(tmp_path: Path) -> None:
    """ARB: 1 290 000 kr budget and 1 140 000 kr outcome in 2023 (88 %), 150 000 kr
    transferred to 2024 (granted), so 2024 has 600 000 + 150 000 kr. NAT: 150 000 kr
    budget, 40 000 kr outcome less a 5 000 kr repayment (23 %), 115 000 kr returned."""
    association = AssociationFactory.create()
    run_import(xlsx_file(tmp_path, office_sheets()), association)

    year_2023 = figures(association, "2023")
    year_2024 = figures(association, "2024")
    first_half_2024 = figures(association, "2024H1")

    assert year_2023 == {
        "ARB": from_start(1_290_000, 1_140_000, transferred=150_000, returned=0),
        "NAT": from_start(150_000, 35_000, transferred=0, returned=115_000),
    }
    assert (year_2023["ARB"].consumption_ratio, year_2023["NAT"].consumption_ratio) == (88, 23)
    assert year_2024["ARB"].ytd_budget - 600_000 == 150_000
    assert first_half_2024["ARB"] == from_start(675_000, 200_000, transferred=0, returned=None)
    assert first_half_2024["ARB"].consumption_ratio == 30
