from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from imports.tests.workbooks import (
    INSATSER_HEADER,
    MISSING_AFTER_BUDGET,
    content,
    good_sheets,
    xlsx_file,
)
from interventions.models import Intervention
from tenancy.models import Association
from testing.factories import AssociationFactory

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_create_association_creates_tenant() -> None:
    out, _err = run("create_association", "nytt", "--name", "Samordningsförbundet Nytt")

    assert Association.objects.filter(slug="nytt").values_list("name", flat=True).get() == (
        "Samordningsförbundet Nytt"
    )
    assert out == "Förbundet Samordningsförbundet Nytt (nytt) är skapat.\n"


def test_create_association_existing_slug_is_an_error() -> None:
    AssociationFactory.create(slug="nytt")

    with pytest.raises(
        CommandError, match=re.escape("Det finns redan ett förbund med kortnamnet nytt.")
    ):
        run("create_association", "nytt", "--name", "Annat namn")


def test_import_workbook_command_prints_summary(tmp_path: Path) -> None:
    AssociationFactory.create(slug="nytt")
    sheets = {**good_sheets(), "Anteckningar": [["x"]]}

    out, _err = run("import_workbook", str(xlsx_file(tmp_path, sheets)), "--association", "nytt")

    assert out.splitlines() == [
        "Bladet Anteckningar hör inte till importmallen och lästes inte.",
        *MISSING_AFTER_BUDGET,
        "Filen är importerad.",
        "Insatser: nya 2, ändrade 0, oförändrade 0.",
        "Budget: nya 4, ändrade 0, oförändrade 0.",
    ]


def test_import_workbook_command_dry_run_writes_nothing(tmp_path: Path) -> None:
    association = AssociationFactory.create(slug="nytt")

    out, _err = run(
        "import_workbook",
        str(xlsx_file(tmp_path, good_sheets())),
        "--association",
        "nytt",
        "--dry-run",
    )

    assert out.splitlines()[len(MISSING_AFTER_BUDGET)] == (
        "Kontroll utan att spara: filen är giltig. Inget har sparats."
    )
    assert content(association) == {"interventions": [], "budgets": []}


def test_import_workbook_command_errors_exit_non_zero_with_every_line(tmp_path: Path) -> None:
    AssociationFactory.create(slug="nytt")
    row = ["A", "Insats A", "", "Kommunen", "", "individ", "", "antal", "2023-02-30", "", ""]
    sheets = {"Insatser": [INSATSER_HEADER, row]}
    err = io.StringIO()

    with pytest.raises(CommandError, match="Filen har 2 fel och importerades inte"):
        call_command(
            "import_workbook",
            str(xlsx_file(tmp_path, sheets)),
            "--association",
            "nytt",
            stderr=err,
            stdout=io.StringIO(),
        )

    assert err.getvalue().splitlines() == [
        'Blad Insatser, rad 2, kolumn syfte, värde "": '
        "Syfte krävs för en individinsats: arbete eller forrehabilitering.",
        'Blad Insatser, rad 2, kolumn startdatum, värde "2023-02-30": Datumet finns inte.',
    ]
    assert Intervention.objects.count() == 0


def test_import_workbook_command_unknown_association_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(
        CommandError, match=re.escape("Det finns inget förbund med kortnamnet saknas.")
    ):
        run("import_workbook", str(xlsx_file(tmp_path, good_sheets())), "--association", "saknas")


def test_export_workbook_command_round_trips_through_import(tmp_path: Path) -> None:
    source = AssociationFactory.create(slug="kalla")
    target = AssociationFactory.create(slug="mal")
    run("import_workbook", str(xlsx_file(tmp_path, good_sheets())), "--association", "kalla")
    output = tmp_path / "export.xlsx"

    run("export_workbook", "--association", "kalla", "--output", str(output))
    run("import_workbook", str(output), "--association", "mal")

    assert content(target) == content(source)


def test_create_association_stores_the_organisation_number() -> None:
    run(
        "create_association", "orgnr", "--name", "Förbundet", "--organisation-number", "222000-2576"
    )
    assert Association.objects.get(slug="orgnr").organisation_number == "222000-2576"


def test_create_association_refuses_a_malformed_organisation_number() -> None:
    with pytest.raises(CommandError, match="tio siffror"):
        run("create_association", "orgnr", "--name", "F", "--organisation-number", "2220002576")
