"""Feedback on every form: a "saved" message after a change, a confirmation before a step
that locks or cannot be undone, a delete question naming exactly what goes, and an error
summary that links to each field (issue 10, item 7)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from finance.models import CostOutcome
from finance.tests.factories import CostOutcomeFactory
from testing.factories import BudgetFactory, OrganisationFactory
from testing.html import elements, texts
from testing.personas import World
from testing.views import ClientAs

pytestmark = pytest.mark.django_db


def test_create_organisation_shows_saved_message(world: World, client_as: ClientAs) -> None:
    client = client_as("admin")

    response = client.post(
        reverse("tenancy:organisation_create", args=["exempel"]),
        {"name": "Försäkringskassan"},
        follow=True,
    )

    assert texts(response.content.decode(), "div", "role") == ["Sparat: Försäkringskassan."]


def test_edit_budget_shows_saved_message(world: World, client_as: ClientAs) -> None:
    budget = BudgetFactory.create(intervention=world.intervention_a, year=2026, amount=100)

    response = client_as("admin").post(
        reverse(
            "interventions:budget_update", args=["exempel", world.intervention_a.pk, budget.pk]
        ),
        {"year": 2026, "quarter": "", "amount": 200},
        follow=True,
    )

    assert texts(response.content.decode(), "div", "role") == ["Sparat: Insats A 2026."]


def test_budget_delete_question_names_the_budget_row(world: World, client_as: ClientAs) -> None:
    budget = BudgetFactory.create(intervention=world.intervention_a, year=2026)

    response = client_as("admin").get(
        reverse("interventions:budget_delete", args=["exempel", world.intervention_a.pk, budget.pk])
    )

    assert texts(response.content.decode(), "p")[0] == (
        "Vill du ta bort budgetraden 2026 för Insats A? Det går inte att ångra."
    )


def test_budget_delete_says_what_was_deleted(world: World, client_as: ClientAs) -> None:
    budget = BudgetFactory.create(intervention=world.intervention_a, year=2026)

    response = client_as("admin").post(
        reverse(
            "interventions:budget_delete", args=["exempel", world.intervention_a.pk, budget.pk]
        ),
        follow=True,
    )

    assert texts(response.content.decode(), "div", "role") == [
        "Borttaget: budgetraden 2026 för Insats A."
    ]


def test_form_error_summary_links_to_each_field(world: World, client_as: ClientAs) -> None:
    OrganisationFactory.create(association=world.association, name="Kommunen")

    response = client_as("admin").post(
        reverse("interventions:create", args=["exempel"]), {"code": "", "name": ""}
    )
    html = response.content.decode()

    summary_links = [a["href"] for a in elements(html, "a") if a["href"].startswith("#id_")]
    assert (response.status_code, elements(html, "div", "data-error-summary")[0]["tabindex"]) == (
        200,
        "-1",
    )
    assert summary_links[:2] == ["#id_code", "#id_name"]
    assert all(elements(html, tag="input", attribute="id") for _ in summary_links)


def test_form_error_summary_lists_formset_rows(world: World, client_as: ClientAs) -> None:
    response = client_as("admin").post(
        reverse("funding:create", args=["exempel"]),
        {
            "ar-TOTAL_FORMS": "1",
            "ar-INITIAL_FORMS": "0",
            "ar-0-year": "tjugo",
            "ar-0-amount": "10",
            "mal-TOTAL_FORMS": "0",
            "mal-INITIAL_FORMS": "0",
        },
    )
    html = response.content.decode()

    hrefs = [a["href"] for a in elements(html, "a")]
    assert (response.status_code, "#id_ar-0-year" in hrefs) == (200, True)


def test_quarterly_report_submit_asks_for_confirmation(world: World, client_as: ClientAs) -> None:
    response = client_as("intervention_lead_a").get(
        reverse("followup:report_fill", args=["exempel", world.intervention_a.pk, 2023, 1])
    )

    confirms = [
        b["data-confirm"] for b in elements(response.content.decode(), "button", "data-confirm")
    ]
    assert confirms == [
        "Lämna in kvartalsrapporten för kvartal 1 2023? Därefter är den låst och kan bara "
        "ändras om kansliet öppnar den igen."
    ]


def test_cost_decision_asks_for_confirmation_naming_the_row(
    world: World, client_as: ClientAs
) -> None:
    cost = CostOutcomeFactory.create(
        intervention=world.intervention_a,
        year=2023,
        quarter=2,
        amount=498_500,
        status=CostOutcome.Status.SUBMITTED,
    )

    response = client_as("economist").get(reverse("finance:cost_decide", args=["exempel", cost.pk]))

    confirms = [
        b["data-confirm"] for b in elements(response.content.decode(), "button", "data-confirm")
    ]
    assert confirms == [
        "Registrera beslutet om utfallet 498\xa0500\xa0kr för Insats A, kvartal 2 2023? "
        "Ett beslut går inte att ångra."
    ]


def test_base_layout_has_confirmation_dialog_and_script(world: World, client_as: ClientAs) -> None:
    html = client_as("admin").get(reverse("dashboard", args=["exempel"])).content.decode()

    scripts = [s["src"] for s in elements(html, "script", "src")]
    assert (elements(html, "dialog")[0]["id"], "/static/js/finsam.js" in scripts) == (
        "confirm-dialog",
        True,
    )
