from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from followup.models import (
    DecidedBy,
    Decision,
    Deviation,
    DeviationAction,
    DeviationEvent,
    DeviationKind,
)
from followup.tests.cases import InterventionPageCases, url
from followup.tests.factories import RECEIVED, DeviationFactory, decide, register
from interventions.models import Budget
from testing.factories import BudgetFactory
from testing.personas import World
from testing.queries import AssertPageQueries
from testing.views import ClientAs, PersonaViewCases, each_page

pytestmark = pytest.mark.django_db


def errors_of(world: World, **fields: Any) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as raised:
        register(world, **fields)
    return raised.value.message_dict


# --- validation ---------------------------------------------------------------------------


def test_transfer_without_amount_is_an_error(world: World) -> None:
    assert errors_of(world, kind=DeviationKind.TRANSFER) == {
        "amount": ["Ange beloppet som ska föras över till nästa år."]
    }


def test_transfer_with_zero_amount_is_an_error(world: World) -> None:
    assert errors_of(world, kind=DeviationKind.TRANSFER, amount=0) == {
        "amount": ["Beloppet måste vara större än 0 kr."]
    }


def test_amount_for_another_kind_is_an_error(world: World) -> None:
    assert errors_of(world, kind=DeviationKind.BUDGET, amount=50_000) == {
        "amount": ["Belopp anges bara vid överföring till nästa år; lämna fältet tomt."]
    }


def test_end_date_deviation_requires_the_requested_date(world: World) -> None:
    assert errors_of(world, kind=DeviationKind.END_DATE) == {
        "requested_end_date": ["Ange det datum som begärs."]
    }


def test_requested_start_date_for_another_kind_is_an_error(world: World) -> None:
    assert errors_of(world, kind=DeviationKind.GOAL, requested_start_date=dt.date(2024, 1, 1)) == {
        "requested_start_date": [
            "Anges bara för avvikelser av typen startdatum; lämna fältet tomt."
        ]
    }


def test_same_kind_on_the_same_day_is_an_error(world: World) -> None:
    register(world)

    assert errors_of(world) == {
        "kind": ["Det finns redan en avvikelserapport av den här typen inkommen 2023-09-01."]
    }


def test_register_transfer_is_undecided_and_logged(world: World) -> None:
    deviation = register(world, kind=DeviationKind.TRANSFER, amount=250_000)

    assert (deviation.amount, deviation.decision, deviation.moves_money) == (
        250_000,
        Decision.UNDECIDED,
        False,
    )
    assert list(DeviationEvent.objects.values_list("action", "decision")) == [
        (DeviationAction.REGISTERED.value, Decision.UNDECIDED.value)
    ]


def test_register_by_lead_of_another_intervention_is_refused(world: World) -> None:
    with pytest.raises(PermissionDenied):
        register(world, intervention=world.intervention_b)


def test_register_by_board_is_refused(world: World) -> None:
    with pytest.raises(PermissionDenied):
        register(world, persona="board")


# --- decisions ----------------------------------------------------------------------------


def test_decide_granted_transfer_moves_money_without_touching_budgets(world: World) -> None:
    BudgetFactory.create(intervention=world.intervention_a, year=2024, amount=1_000_000)
    deviation = register(world, kind=DeviationKind.TRANSFER, amount=250_000)

    decide(world, deviation, Decision.GRANTED, on=dt.date(2023, 9, 20), by=DecidedBy.DIRECTOR)

    deviation.refresh_from_db()
    assert (deviation.decision, deviation.decided_on, deviation.decided_by) == (
        Decision.GRANTED,
        dt.date(2023, 9, 20),
        DecidedBy.DIRECTOR,
    )
    assert deviation.moves_money is True
    assert list(Budget.objects.values_list("year", "amount")) == [(2024, 1_000_000)]


def test_redecision_is_logged_as_a_new_decision(world: World) -> None:
    deviation = register(world)
    decide(world, deviation, Decision.REJECTED, on=dt.date(2023, 9, 10), by=DecidedBy.DIRECTOR)

    decide(
        world,
        deviation,
        Decision.PARTLY,
        on=dt.date(2023, 10, 5),
        by=DecidedBy.BOARD,
        comment="Styrelsen beviljade hälften.",
    )

    assert list(DeviationEvent.objects.values_list("action", "decision", "comment")) == [
        (DeviationAction.REGISTERED.value, Decision.UNDECIDED.value, ""),
        (DeviationAction.DECIDED.value, Decision.REJECTED.value, ""),
        (DeviationAction.REDECIDED.value, Decision.PARTLY.value, "Styrelsen beviljade hälften."),
    ]


def test_decide_by_lead_is_refused(world: World) -> None:
    deviation = register(world)

    with pytest.raises(PermissionDenied):
        decide(
            world,
            deviation,
            Decision.GRANTED,
            on=RECEIVED,
            by=DecidedBy.DIRECTOR,
            persona="intervention_lead_a",
        )


def test_decide_before_received_or_undecided_is_an_error(world: World) -> None:
    deviation = register(world)

    with pytest.raises(ValidationError) as raised:
        decide(world, deviation, Decision.UNDECIDED, on=dt.date(2023, 8, 1), by="")

    assert raised.value.message_dict == {
        "decision": ["Välj beviljad, delvis beviljad eller avslag."],
        "decided_by": ["Ange om förbundschefen eller styrelsen beslutade."],
        "decided_on": ["Beslutsdatum får inte vara före datumet rapporten kom in."],
    }


# --- pages --------------------------------------------------------------------------------


class TestDeviationPages(InterventionPageCases):
    case = each_page(
        {"permission": "followup.view_deviation", "page": "deviation_list"},
        {"permission": "followup.register_deviation", "page": "deviation_create"},
    )


class TestDeviationDetail(InterventionPageCases):
    """Checked on the deviation."""

    permission = "followup.view_deviation"
    page = "deviation_detail"

    def arrange(self, world: World) -> Deviation:
        return DeviationFactory.create(intervention=self.intervention(world))

    def target(self, world: World) -> Deviation:
        return self.arranged

    def url(self, world: World) -> str:
        return url(self.page, self.arranged.pk)


class TestDeviationDecide(TestDeviationDetail):
    permission = "followup.decide_deviation"
    page = "deviation_decide"


class TestUndecidedList(PersonaViewCases):
    permission = "followup.view_deviation"

    def url(self, world: World) -> str:
        return url("deviation_undecided")


def test_deviation_detail_of_other_association_is_404(world: World, client_as: ClientAs) -> None:
    deviation = DeviationFactory.create(intervention=world.other_intervention)

    response = client_as("admin").get(url("deviation_detail", deviation.pk))

    assert response.status_code == 404


def test_undecided_list_leaves_out_decided_and_other_associations(
    world: World, client_as: ClientAs
) -> None:
    waiting = DeviationFactory.create(intervention=world.intervention_b)
    DeviationFactory.create(
        intervention=world.intervention_a,
        decision=Decision.GRANTED,
        decided_on=dt.date(2023, 3, 1),
        decided_by=DecidedBy.DIRECTOR,
    )
    DeviationFactory.create(intervention=world.other_intervention)

    response = client_as("admin").get(url("deviation_undecided"))

    assert list(response.context["deviations"]) == [waiting]


def test_lead_registers_a_transfer_dated_today(world: World, client_as: ClientAs) -> None:
    response = client_as("intervention_lead_a").post(
        url("deviation_create", world.intervention_a.pk),
        {"kind": DeviationKind.TRANSFER, "description": "Vakans under hösten.", "amount": "120000"},
    )

    deviation = Deviation.objects.get()
    assert response.status_code == 302
    assert (deviation.received_on, deviation.kind, deviation.amount) == (
        timezone.localdate(),
        DeviationKind.TRANSFER,
        120_000,
    )


def test_deviation_form_amount_rules_are_field_errors(world: World, client_as: ClientAs) -> None:
    response = client_as("admin").post(
        url("deviation_create", world.intervention_a.pk),
        {
            "received_on": "2023-09-01",
            "kind": DeviationKind.METHOD,
            "description": "Ny metod.",
            "amount": "5000",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "amount": ["Belopp anges bara vid överföring till nästa år; lämna fältet tomt."]
    }
    assert Deviation.objects.count() == 0


def test_admin_decides_through_the_page(world: World, client_as: ClientAs) -> None:
    deviation = DeviationFactory.create(intervention=world.intervention_a, received_on=RECEIVED)

    response = client_as("admin").post(
        url("deviation_decide", deviation.pk),
        {"decision": Decision.PARTLY, "decided_on": "2023-09-15", "decided_by": DecidedBy.BOARD},
    )

    deviation.refresh_from_db()
    assert response.status_code == 302
    assert (deviation.decision, deviation.decided_on, deviation.decided_by) == (
        Decision.PARTLY,
        dt.date(2023, 9, 15),
        DecidedBy.BOARD,
    )


@pytest.mark.parametrize(("count", "queries"), [(1, 10), (3, 10)])
def test_deviation_list_query_count(
    world: World, assert_page_queries: AssertPageQueries, count: int, queries: int
) -> None:
    DeviationFactory.create_batch(count, intervention=world.intervention_a)

    assert_page_queries(
        "intervention_lead_a", url("deviation_list", world.intervention_a.pk), queries
    )


@pytest.mark.parametrize(("count", "queries"), [(1, 9), (3, 9)])
def test_undecided_list_query_count(
    world: World, assert_page_queries: AssertPageQueries, count: int, queries: int
) -> None:
    DeviationFactory.create_batch(count, intervention=world.intervention_a)

    assert_page_queries("admin", url("deviation_undecided"), queries)
