"""The upper bound on amounts (issue 18.4): 10^11 kr, in forms, the import, the API and
the database; 10^23 kr or the largest 64-bit integer is a message, never an overflow."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django_scopes import scope

from finance.forms import CostSubmitForm
from finsam.amounts import MAX_AMOUNT, MAX_AMOUNT_TEXT, TOO_LARGE, TOO_SMALL
from funding.forms import YearForm
from imports.tests.workbooks import BUDGET_HEADER, INSATSER_HEADER, good_sheets, xlsx_bytes
from interventions.forms import BudgetForm
from interventions.models import Budget, Intervention
from testing.personas import World
from testing.views import ClientAs

pytestmark = pytest.mark.django_db

HUGE = (str(10**23), str(2**63 - 1), str(MAX_AMOUNT + 1))


def test_messages_name_the_bound() -> None:
    assert (MAX_AMOUNT_TEXT in str(TOO_LARGE), MAX_AMOUNT_TEXT in str(TOO_SMALL)) == (True, True)


@pytest.mark.parametrize("amount", HUGE)
def test_budget_form_refuses_beyond_the_bound(world: World, amount: str) -> None:
    form = BudgetForm(
        {"year": "2024", "quarter": "", "amount": amount},
        intervention=world.intervention_a,
        association=world.association,
    )

    assert (form.is_valid(), form.errors.get("amount")) == (False, [str(TOO_LARGE)])


def test_budget_form_accepts_the_bound(world: World) -> None:
    form = BudgetForm(
        {"year": "2024", "quarter": "", "amount": str(MAX_AMOUNT)},
        intervention=world.intervention_a,
        association=world.association,
    )

    assert form.is_valid()


@pytest.mark.parametrize("amount", [str(10**23), str(-(10**23))])
def test_cost_form_refuses_beyond_the_bound_either_way(world: World, amount: str) -> None:
    form = CostSubmitForm(
        {
            "intervention": world.intervention_a.pk,
            "year": "2024",
            "quarter": "1",
            "amount": amount,
        },
        interventions=Intervention.objects.all(),
    )

    assert form.is_valid() is False
    assert form.errors["amount"] in ([str(TOO_LARGE)], [str(TOO_SMALL)])


def test_funding_year_form_refuses_beyond_the_bound() -> None:
    form = YearForm({"year": "2024", "amount": str(10**23)})

    assert (form.is_valid(), form.errors["amount"]) == (False, [str(TOO_LARGE)])


def test_database_refuses_beyond_the_bound(world: World) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Budget.objects.create(
            association=world.association,
            intervention=world.intervention_a,
            year=2024,
            amount=MAX_AMOUNT + 1,
        )


@pytest.mark.parametrize("amount", HUGE)
def test_import_and_api_refuse_beyond_the_bound(
    world: World, client_as: ClientAs, amount: str
) -> None:
    sheets = good_sheets()
    sheets["Budget"] = [BUDGET_HEADER, ["ARB", 2024, None, amount]]
    sheets["Insatser"] = [INSATSER_HEADER, sheets["Insatser"][1]]
    upload = SimpleUploadedFile("importmall.xlsx", xlsx_bytes(sheets))

    response = client_as("admin").post(reverse("api:import", args=["exempel"]), {"file": upload})

    answer = json.loads(response.content)
    assert (response.status_code, [(e["sheet"], e["column"]) for e in answer["errors"]]) == (
        400,
        [("Budget", "belopp")],
    )
    assert answer["errors"][0]["reason"] == (
        "Beloppet är för stort: högst 100 000 000 000 kr (plus eller minus)."
    )
    with scope(association=world.association.pk):
        assert Budget.objects.count() == 0
