"""Four eyes on deviation decisions (issue 10.2): whoever registered a deviation report may
not record its decision; the decision page says why and offers no form."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from followup.models import DecidedBy, Decision, Deviation
from followup.tests.factories import decide, register
from testing.personas import World
from testing.views import ClientAs

pytestmark = pytest.mark.django_db


FOUR_EYES = (
    "Du har själv registrerat den här avvikelserapporten och kan därför inte registrera "
    "beslutet om den. En annan person på kansliet måste göra det (fyraögonsprincipen)."
)


def decide_url(deviation: Deviation) -> str:
    return reverse("followup:deviation_decide", args=["exempel", deviation.pk])


def test_decide_deviation_registered_by_oneself_is_refused(world: World) -> None:
    deviation = register(world, "admin")

    with pytest.raises(ValidationError) as refused:
        decide(world, deviation, Decision.GRANTED, on=dt.date(2023, 9, 20), by=DecidedBy.DIRECTOR)

    deviation.refresh_from_db()
    assert (refused.value.messages, deviation.decision) == ([FOUR_EYES], Decision.UNDECIDED)


def test_decide_deviation_registered_by_someone_else_is_allowed(world: World) -> None:
    deviation = register(world, "intervention_lead_a")

    decided = decide(
        world, deviation, Decision.GRANTED, on=dt.date(2023, 9, 20), by=DecidedBy.DIRECTOR
    )

    assert decided.decision == Decision.GRANTED


def test_deviation_decide_page_for_own_report_says_why_and_offers_no_form(
    world: World, client_as: ClientAs
) -> None:
    deviation = register(world, "admin")
    client = client_as("admin")

    page = client.get(decide_url(deviation))
    response = client.post(
        decide_url(deviation),
        {"decision": Decision.GRANTED, "decided_on": "2023-09-20", "decided_by": DecidedBy.BOARD},
    )

    deviation.refresh_from_db()
    assert (page.status_code, page.context["refusal"]) == (200, FOUR_EYES)
    assert ('name="decision"' in page.content.decode()) is False
    assert (response.status_code, deviation.decision) == (200, Decision.UNDECIDED)
