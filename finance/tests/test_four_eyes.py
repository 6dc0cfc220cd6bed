"""Four eyes on money (issue 10.2): whoever submitted or corrected a cost row may not
approve or reject it; the decision page says why and offers no form."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from finance import services
from finance.models import CostOutcome
from testing.personas import World
from testing.views import ClientAs

pytestmark = pytest.mark.django_db


FOUR_EYES = (
    "Du har själv rapporterat eller rättat det här utfallet och kan därför inte godkänna "
    "eller avslå det. En annan ekonom måste besluta (fyraögonsprincipen)."
)


def submitted_by(world: World, persona: str) -> CostOutcome:
    return services.submit_cost(
        user=world.users[persona],
        intervention=world.intervention_a,
        year=2022,
        quarter=2,
        amount=120_000,
        today=dt.date(2022, 7, 5),
    )


def decide_url(cost: CostOutcome) -> str:
    return reverse("finance:cost_decide", args=["exempel", cost.pk])


def test_approve_cost_submitted_by_oneself_is_refused(world: World) -> None:
    cost = submitted_by(world, "economist")

    with pytest.raises(ValidationError) as refused:
        services.approve_cost(user=world.users["economist"], cost=cost)

    cost.refresh_from_db()
    assert (refused.value.messages, cost.status) == ([FOUR_EYES], CostOutcome.Status.SUBMITTED)


def test_reject_cost_submitted_by_oneself_is_refused(world: World) -> None:
    cost = submitted_by(world, "economist")

    with pytest.raises(ValidationError) as refused:
        services.reject_cost(user=world.users["economist"], cost=cost, comment="Fel.")

    assert refused.value.messages == [FOUR_EYES]


def test_approve_cost_corrected_by_oneself_is_refused(world: World) -> None:
    cost = submitted_by(world, "intervention_lead_a")
    services.correct_cost(
        user=world.users["economist"], cost=cost, amount=100_000, comment="Rättad summa."
    )

    with pytest.raises(ValidationError) as refused:
        services.approve_cost(user=world.users["economist"], cost=cost)

    assert refused.value.messages == [FOUR_EYES]


def test_approve_cost_submitted_by_someone_else_is_allowed(world: World) -> None:
    cost = submitted_by(world, "intervention_lead_a")

    services.approve_cost(user=world.users["economist"], cost=cost)

    cost.refresh_from_db()
    assert cost.status == CostOutcome.Status.APPROVED


def test_cost_decide_page_for_own_row_says_why_and_offers_no_form(
    world: World, client_as: ClientAs
) -> None:
    cost = submitted_by(world, "economist")
    client = client_as("economist")

    page = client.get(decide_url(cost))
    response = client.post(decide_url(cost), {"decision": "approve", "comment": ""})

    cost.refresh_from_db()
    assert (page.status_code, page.context["four_eyes_refusal"]) == (200, FOUR_EYES)
    assert ('name="decision"' in page.content.decode()) is False
    assert (response.status_code, response.context["form"].non_field_errors()) == (
        200,
        [FOUR_EYES],
    )
    assert cost.status == CostOutcome.Status.SUBMITTED


def test_cost_decide_page_for_someone_elses_row_offers_the_form(
    world: World, client_as: ClientAs
) -> None:
    cost = submitted_by(world, "intervention_lead_a")

    page = client_as("economist").get(decide_url(cost))

    assert (page.context["four_eyes_refusal"], 'name="decision"' in page.content.decode()) == (
        None,
        True,
    )
