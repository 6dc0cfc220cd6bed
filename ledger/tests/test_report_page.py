from __future__ import annotations

import pytest
from django.urls import reverse
from django_scopes import scope

from ledger.services import import_sie
from ledger.tests.report_sample import REPORT_SIE
from testing.views import PersonaViewCases, each_page

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("imported")
class TestAnnualReportPage(PersonaViewCases):
    permission = "ledger.view_annual_report"
    view = "ledger:annual_report"

    def url(self, world):
        return reverse(self.view, args=["exempel", 2022])


class TestAnnualReportAdoption(TestAnnualReportPage):
    permission = "ledger.adopt_annual_report"
    method = "post"
    data = {"adopted_on": "2023-03-20", "decision": "Protokoll 2023-03-20 § 12"}
    allowed = 302


class TestAnnualReportDownloads(TestAnnualReportPage):
    case = each_page({"view": "ledger:annual_report_xlsx"}, {"view": "ledger:annual_report_docx"})


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


def test_adopted_report_is_frozen_when_the_ledger_is_imported_again(imported, world, client_as):
    client_as("admin").post(
        reverse("ledger:annual_report", args=["exempel", 2022]),
        {"adopted_on": "2023-03-20", "decision": "§ 12"},
    )
    changed = REPORT_SIE.replace("#RES 0 8310 -20.40", "#RES 0 8310 -520.40")
    with scope(association=world.association.pk):
        import_sie(association=world.association, data=changed.encode("cp437"))

    response = client_as("auditor").get(reverse("ledger:annual_report", args=["exempel", 2022]))

    assert response.context["report"]["income_statement"]["result"]["amount"] == 94
    assert response.context["adopted"].decision == "§ 12"
    assert response.context["can_adopt"] is False


def test_adopting_twice_is_refused(imported, world):
    import datetime as dt

    from django.core.exceptions import ValidationError

    from stats.annual.adoption import adopt_report

    with scope(association=world.association.pk):
        adopt_report(
            association=world.association,
            year=2022,
            adopted_on=dt.date(2023, 3, 20),
            decision="§ 1",
        )
        with pytest.raises(ValidationError) as error:
            adopt_report(
                association=world.association,
                year=2022,
                adopted_on=dt.date(2023, 3, 21),
                decision="§ 2",
            )

    assert error.value.messages == ["Årsredovisningen för 2022 är redan fastställd."]


def test_annual_report_xlsx_reads_back_the_figures(imported, world, client_as):
    import io

    from openpyxl import load_workbook

    from stats.annual.report import annual_report_json

    response = client_as("board").get(reverse("ledger:annual_report_xlsx", args=["exempel", 2022]))
    workbook = load_workbook(io.BytesIO(response.content))
    with scope(association=world.association.pk):
        report = annual_report_json(world.association, 2022)

    income = [[c.value for c in row] for row in workbook["Resultaträkning"].iter_rows(min_row=2)]
    assert income[-1] == ["Årets resultat", None, 94, 110, 200]
    assert [row[2] for row in income[:5]] == [
        line["amount"] for line in report["income_statement"]["lines"]
    ]
    flow = [[c.value for c in row] for row in workbook["Kassaflödesanalys"].iter_rows(min_row=2)]
    assert flow[-1] == ["Likvida medel vid årets slut", 1220, 950]
    assert workbook.sheetnames == [
        "Resultaträkning",
        "Balansräkning",
        "Kassaflödesanalys",
        "Noter",
        "Femårsöversikt",
        "Driftredovisning",
        "Balanskravsavstämning",
    ]
