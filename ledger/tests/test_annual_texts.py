from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scope

from ledger.models import AnnualReportText
from ledger.report_texts import SPEC_BY_KEY
from ledger.services import save_report_text
from stats.annual.adoption import adopt_report, report_for
from stats.annual.texts import report_texts
from testing.views import PersonaViewCases

pytestmark = pytest.mark.django_db

NBSP = "\xa0"


def _url(section="economic_comment", year=2022):
    return reverse("ledger:report_text", args=["exempel", year, section])


def _text(document, key):
    return next(
        block.paragraphs for block in document.blocks() if getattr(block, "text_key", "") == key
    )


@pytest.mark.usefixtures("imported")
class TestReportTextEditPage(PersonaViewCases):
    permission = "ledger.change_annual_report_texts"

    def url(self, world):
        return _url()


class TestReportTextSave(TestReportTextEditPage):
    method = "post"
    data = {"text": "Ny text."}
    allowed = 302


def test_report_text_unknown_section_is_404(imported, client_as):
    response = client_as("admin").get(_url("nonsense"))

    assert response.status_code == 404


def test_report_text_edit_lists_placeholders_with_the_figures(imported, client_as):
    response = client_as("economist").get(_url())

    placeholders = dict(response.context["placeholders"])
    assert placeholders["årets_resultat"] == f"94{NBSP}kr"
    assert placeholders["budgeterat_resultat"] == f"200{NBSP}kr"


def test_report_text_edit_under_htmx_answers_the_form_only(imported, client_as):
    response = client_as("economist").get(_url(), headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert response.templates[0].name == "ledger/includes/report_text_form.html"


def test_saved_report_text_is_shown_on_the_page_with_its_figures(imported, client_as):
    client_as("economist").post(
        _url(), {"text": "Resultatet blev {årets_resultat}.\n\n- Budget {budgeterat_resultat}"}
    )

    response = client_as("board").get(reverse("ledger:annual_report", args=["exempel", 2022]))

    assert _text(response.context["document"], "economic_comment") == (
        f"Resultatet blev 94{NBSP}kr.",
        f"- Budget 200{NBSP}kr",
    )
    assert response.context["can_edit_texts"] is False


def test_save_report_text_with_the_default_removes_the_row(imported, world):
    with scope(association=world.association.pk):
        save_report_text(association=world.association, year=2022, section="staff", text="X")
        row = save_report_text(
            association=world.association,
            year=2022,
            section="staff",
            text=SPEC_BY_KEY["staff"].default + "\n",
        )

        assert (row, AnnualReportText.objects.count()) == (None, 0)


def test_save_report_text_keeps_years_apart(imported, world):
    with scope(association=world.association.pk):
        save_report_text(association=world.association, year=2022, section="staff", text="A")
        save_report_text(association=world.association, year=2021, section="staff", text="B")

        rows = sorted(AnnualReportText.objects.values_list("year", "text"))

    assert rows == [(2021, "B"), (2022, "A")]


def test_report_texts_are_frozen_at_adoption(imported, world):
    with scope(association=world.association.pk):
        save_report_text(
            association=world.association, year=2022, section="events", text="Före: {året}"
        )
        adopt_report(
            association=world.association,
            year=2022,
            adopted_on=dt.date(2023, 3, 20),
            decision="§ 12",
        )
        # a row changed behind the service's back does not reach the adopted report
        AnnualReportText.objects.filter(section="events").update(text="Efter")
        with pytest.raises(ValidationError) as error:
            save_report_text(association=world.association, year=2022, section="events", text="Y")
        report, adopted = report_for(world.association, 2022)
        texts = {t.key: t.paragraphs for t in report_texts(world.association, report, adopted)}

    assert error.value.messages == [
        "Årsredovisningen för 2022 är fastställd; dess texter är låsta."
    ]
    assert texts["events"] == ("Före: 2022",)


def test_report_text_post_after_adoption_shows_the_refusal(imported, client_as):
    client_as("admin").post(
        reverse("ledger:annual_report", args=["exempel", 2022]),
        {"adopted_on": "2023-03-20", "decision": "§ 12"},
    )

    response = client_as("economist").post(_url(), {"text": "Sent"})

    assert response.status_code == 200
    assert response.context["adopted"] is True
    assert AnnualReportText.objects.count() == 0
