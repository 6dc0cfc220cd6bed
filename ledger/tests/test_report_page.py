from __future__ import annotations

import pytest
from django.urls import reverse
from django_scopes import scope

from imports.tests.workbooks import run_import, xlsx_file
from ledger.services import import_sie
from ledger.tests.mapping_samples import mapping_sheets
from ledger.tests.report_sample import REPORT_SIE

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(world, tmp_path):
    assert run_import(xlsx_file(tmp_path, mapping_sheets()), world.association).problems == []
    with scope(association=world.association.pk):
        import_sie(association=world.association, data=REPORT_SIE.encode("cp437"))


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("admin", 200),
        ("economist", 200),
        ("board", 200),
        ("auditor", 200),
        ("participant_officer_a", 403),
        ("outsider", 404),
    ],
)
def test_annual_report_page_by_persona(imported, client_as, persona, expected):
    response = client_as(persona).get(reverse("ledger:annual_report", args=["exempel", 2022]))

    assert response.status_code == expected


def test_annual_report_page_shows_the_figures(imported, client_as):
    response = client_as("board").get(reverse("ledger:annual_report", args=["exempel", 2022]))

    assert response.context["report"]["income_statement"]["result"]["amount"] == 94
    assert "Kassaflödesanalys" in response.content.decode()
    assert "Avstämning mot godkänt utfall" not in response.content.decode()


def test_annual_report_page_without_mapping_shows_why(world, client_as):
    with scope(association=world.association.pk):
        import_sie(association=world.association, data=REPORT_SIE.encode("cp437"))

    response = client_as("economist").get(reverse("ledger:annual_report", args=["exempel", 2022]))

    assert response.context["errors"] == ["Förbundet har inga rapportrader (bladet Rapportrader)."]
