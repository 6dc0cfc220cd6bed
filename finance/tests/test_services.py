from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from finance import services
from finance.models import BudgetStatus, BudgetStatusThresholds, CostOutcome
from finance.queries import suggested_budget_status, thresholds_for
from finance.tests.factories import CostOutcomeFactory
from testing.personas import World

pytestmark = pytest.mark.django_db


# --- thresholds ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ratio", "status"),
    [
        (None, None),
        (0, BudgetStatus.ACTION),
        (69, BudgetStatus.ACTION),
        (70, BudgetStatus.WATCH),
        (84, BudgetStatus.WATCH),
        (85, BudgetStatus.OK),
        (100, BudgetStatus.OK),
        (115, BudgetStatus.OK),
        (116, BudgetStatus.WATCH),
        (130, BudgetStatus.WATCH),
        (131, BudgetStatus.ACTION),
    ],
)
def test_thresholds_default_bands_include_both_ends(
    world: World, ratio: int | None, status: BudgetStatus | None
) -> None:
    thresholds = thresholds_for(world.association)

    assert thresholds.status_for(ratio) == status


def test_thresholds_out_of_order_is_refused_by_database(world: World) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetStatusThresholds.objects.create(
            association=world.association, watch_low=90, ok_low=85, ok_high=115, watch_high=130
        )


def set_bands(world: World, persona: str, **bands: int) -> None:
    """The persona sets the association's status bands (``watch_low`` … ``watch_high``)."""
    services.set_thresholds(user=world.users[persona], association=world.association, **bands)


def test_set_thresholds_by_admin_saves_and_changes_suggestion(world: World) -> None:
    set_bands(world, "admin", watch_low=60, ok_low=90, ok_high=110, watch_high=140)

    thresholds = thresholds_for(world.association)
    assert (thresholds.status_for(88), thresholds.status_for(59)) == (
        BudgetStatus.WATCH,
        BudgetStatus.ACTION,
    )


def test_set_thresholds_out_of_order_is_validation_error(world: World) -> None:
    with pytest.raises(ValidationError):
        set_bands(world, "economist", watch_low=70, ok_low=120, ok_high=110, watch_high=130)


def test_set_thresholds_by_board_is_refused(world: World) -> None:
    with pytest.raises(PermissionDenied):
        set_bands(world, "board", **BudgetStatusThresholds.DEFAULTS)


# --- status override ----------------------------------------------------------------------


def override_q4_2022(world: World, persona: str, *, comment: str) -> Any:
    """The persona overrides intervention A's status of 2022 Q4 to OK with ``comment``."""
    return services.override_status(
        user=world.users[persona],
        intervention=world.intervention_a,
        year=2022,
        quarter=4,
        status=BudgetStatus.OK,
        comment=comment,
    )


def test_override_takes_precedence_over_suggestion(world: World) -> None:
    override = override_q4_2022(
        world, "economist", comment="Fakturor för december kommer i januari."
    )

    result = suggested_budget_status(
        50, thresholds=thresholds_for(world.association), override=override
    )

    assert (result.suggested, result.status, result.comment) == (
        BudgetStatus.ACTION,
        BudgetStatus.OK,
        "Fakturor för december kommer i januari.",
    )


def test_override_without_comment_is_validation_error(world: World) -> None:
    with pytest.raises(ValidationError):
        override_q4_2022(world, "admin", comment="  ")


@pytest.mark.parametrize("persona", ["board", "intervention_lead_a", "auditor"])
def test_override_by_non_office_is_refused(world: World, persona: str) -> None:
    with pytest.raises(PermissionDenied):
        override_q4_2022(world, persona, comment="Ok")


# --- cost outcome -------------------------------------------------------------------------


def submit(world: World, persona: str, intervention: str = "a", amount: int = 120_000) -> Any:
    return services.submit_cost(
        user=world.users[persona],
        intervention=world.intervention_a if intervention == "a" else world.intervention_b,
        year=2022,
        quarter=2,
        amount=amount,
        today=dt.date(2022, 7, 5),
    )


@pytest.mark.parametrize("persona", ["intervention_lead_a", "economist"])
def test_submit_cost_by_lead_or_economist_is_submitted(world: World, persona: str) -> None:
    cost = submit(world, persona)

    assert (cost.status, cost.amount, cost.submitted_on, cost.submitted_by) == (
        CostOutcome.Status.SUBMITTED,
        120_000,
        dt.date(2022, 7, 5),
        world.users[persona],
    )


@pytest.mark.parametrize(
    ("persona", "intervention"),
    [("intervention_lead_a", "b"), ("admin", "a"), ("board", "a"), ("outsider", "a")],
)
def test_submit_cost_by_others_is_refused(world: World, persona: str, intervention: str) -> None:
    with pytest.raises(PermissionDenied):
        submit(world, persona, intervention)


def test_submit_cost_after_approval_is_validation_error(world: World) -> None:
    cost = submit(world, "intervention_lead_a")
    services.approve_cost(user=world.users["economist"], cost=cost, today=dt.date(2022, 7, 10))

    with pytest.raises(ValidationError):
        submit(world, "intervention_lead_a", amount=1)


def test_approve_cost_by_economist(world: World) -> None:
    cost = submit(world, "intervention_lead_a")

    services.approve_cost(user=world.users["economist"], cost=cost, today=dt.date(2022, 7, 10))

    cost.refresh_from_db()
    assert (cost.status, cost.approved_on, cost.approved_by) == (
        CostOutcome.Status.APPROVED,
        dt.date(2022, 7, 10),
        world.users["economist"],
    )


@pytest.mark.parametrize("persona", ["admin", "intervention_lead_a", "board"])
def test_approve_cost_by_non_economist_is_refused(world: World, persona: str) -> None:
    cost = submit(world, "intervention_lead_a")

    with pytest.raises(PermissionDenied):
        services.approve_cost(user=world.users[persona], cost=cost)


def test_reject_cost_without_comment_is_validation_error(world: World) -> None:
    cost = submit(world, "intervention_lead_a")

    with pytest.raises(ValidationError):
        services.reject_cost(user=world.users["economist"], cost=cost, comment="")


def test_decide_cost_twice_is_validation_error(world: World) -> None:
    cost = submit(world, "intervention_lead_a")
    services.approve_cost(user=world.users["economist"], cost=cost)

    with pytest.raises(ValidationError):
        services.reject_cost(user=world.users["economist"], cost=cost, comment="Fel")


def test_record_payment_on_approved_row(world: World) -> None:
    cost = CostOutcomeFactory.create(intervention=world.intervention_a)

    services.record_payment(user=world.users["economist"], cost=cost, paid_on=dt.date(2022, 5, 2))

    cost.refresh_from_db()
    assert cost.paid_on == dt.date(2022, 5, 2)


def test_record_payment_on_submitted_row_is_validation_error(world: World) -> None:
    cost = CostOutcomeFactory.create(
        intervention=world.intervention_a, status=CostOutcome.Status.SUBMITTED
    )

    with pytest.raises(ValidationError):
        services.record_payment(
            user=world.users["economist"], cost=cost, paid_on=dt.date(2022, 5, 2)
        )


@pytest.mark.parametrize(
    "fields",
    [
        {"status": CostOutcome.Status.SUBMITTED, "paid_on": dt.date(2022, 5, 2)},
        {
            "status": CostOutcome.Status.APPROVED,
            "submitted_on": dt.date(2022, 4, 1),
            "approved_on": None,
            "amount": 1,
        },
    ],
    ids=["paid-but-not-approved", "approved-without-date"],
)
def test_inconsistent_cost_row_is_refused_by_database(world: World, fields: dict[str, Any]) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        CostOutcomeFactory.create(intervention=world.intervention_a, **fields)
