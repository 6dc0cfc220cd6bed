from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from finance.models import BudgetStatus, BudgetStatusOverride, CostOutcome
from finance.tests.cases import CostRowPageCases, submitted_cost
from finance.tests.factories import CostOutcomeFactory, TransferFactory
from interventions.models import Intervention
from ledger.services import save_operating_row, save_own_budget
from testing.factories import BudgetFactory, InterventionFactory
from testing.personas import World
from testing.queries import AssertPageQueries
from testing.views import ClientAs, PersonaViewCases

pytestmark = pytest.mark.django_db


def url(name: str, *args: int) -> str:
    return reverse(f"finance:{name}", args=["exempel", *args])


def override_q4(world: World, status: str, comment: str) -> None:
    """The office's status of intervention A in 2022 Q4."""
    BudgetStatusOverride.objects.create(
        association=world.association,
        intervention=world.intervention_a,
        year=2022,
        quarter=4,
        status=status,
        comment=comment,
    )


# --- overview -----------------------------------------------------------------------------


class TestOverview(PersonaViewCases):
    permission = "finance.view_money"

    def url(self, world: World) -> str:
        return url("overview")


def test_overview_figures_for_period(world: World, client_as: ClientAs) -> None:
    BudgetFactory.create(intervention=world.intervention_a, year=2022, amount=1_000_000)
    CostOutcomeFactory.create(intervention=world.intervention_a, quarter=1, amount=200_000)
    CostOutcomeFactory.create(intervention=world.intervention_a, quarter=3, amount=260_000)
    TransferFactory.create(intervention=world.intervention_a, amount=150_000)

    response = client_as("economist").get(url("overview") + "?period=2022H2")

    row = response.context["overview"].rows[0]
    f = row.figures
    assert (row.intervention, f.period_budget, f.period_outcome, f.ytd_budget) == (
        world.intervention_a,
        500_000,
        260_000,
        1_000_000,
    )
    assert (f.ytd_outcome, f.consumption_ratio, f.transferred, f.returned) == (
        460_000,
        46,
        150_000,
        390_000,
    )
    assert row.status.status == BudgetStatus.ACTION


def test_overview_shows_override_with_comment(world: World, client_as: ClientAs) -> None:
    override_q4(world, BudgetStatus.WATCH, "Rekrytering pågår.")

    response = client_as("board").get(url("overview") + "?period=2022H2")

    row = response.context["overview"].rows[0]
    assert (row.status.status, row.status.is_overridden) == (BudgetStatus.WATCH, True)
    assert "Rekrytering pågår." in response.content.decode()


def test_overview_lead_sees_only_own_interventions(world: World, client_as: ClientAs) -> None:
    BudgetFactory.create(intervention=world.intervention_b, year=2022, amount=9_999_000)

    response = client_as("intervention_lead_a").get(url("overview") + "?period=2022")

    overview = response.context["overview"]
    assert [row.intervention for row in overview.rows] == [world.intervention_a]
    assert overview.total.period_budget == 0


def test_overview_invalid_period_is_form_error(world: World, client_as: ClientAs) -> None:
    response = client_as("admin").get(url("overview") + "?period=2022H3")

    assert response.status_code == 200
    assert response.context["period_form"].errors["period"] == ["Ett halvår är H1 eller H2."]


def test_overview_defaults_to_current_half_year(world: World, client_as: ClientAs) -> None:
    response = client_as("admin").get(url("overview"))

    today = dt.date.today()
    assert response.context["period"].code == f"{today.year}H{1 if today.month <= 6 else 2}"


@pytest.mark.parametrize(("count", "queries"), [(1, 15), (3, 15)])
def test_overview_query_count(
    world: World, assert_page_queries: AssertPageQueries, count: int, queries: int
) -> None:
    for intervention in InterventionFactory.create_batch(count, association=world.association):
        BudgetFactory.create(intervention=intervention, year=2022, amount=1_000_000)
        CostOutcomeFactory.create(intervention=intervention, quarter=3, amount=100_000)
        TransferFactory.create(intervention=intervention, amount=10_000)

    assert_page_queries("economist", url("overview") + "?period=2022H2", queries)


# --- cost rows ----------------------------------------------------------------------------


class TestCostList(TestOverview):
    def url(self, world: World) -> str:
        return url("cost_list")


def test_cost_list_lead_sees_only_own_rows(world: World, client_as: ClientAs) -> None:
    own = CostOutcomeFactory.create(intervention=world.intervention_a)
    CostOutcomeFactory.create(intervention=world.intervention_b, amount=777_000)
    CostOutcomeFactory.create(intervention=world.other_intervention, amount=888_000)

    response = client_as("intervention_lead_a").get(url("cost_list") + "?ar=2022")

    assert list(response.context["costs"]) == [own]


def test_cost_list_economist_sees_all_rows_of_association(
    world: World, client_as: ClientAs
) -> None:
    a = CostOutcomeFactory.create(intervention=world.intervention_a)
    b = CostOutcomeFactory.create(intervention=world.intervention_b)
    CostOutcomeFactory.create(intervention=world.other_intervention)

    response = client_as("economist").get(url("cost_list") + "?ar=2022")

    assert list(response.context["costs"]) == [a, b]


@pytest.mark.parametrize(("count", "queries"), [(1, 9), (3, 9)])
def test_cost_list_query_count(
    world: World, assert_page_queries: AssertPageQueries, count: int, queries: int
) -> None:
    for intervention in InterventionFactory.create_batch(count, association=world.association):
        CostOutcomeFactory.create(intervention=intervention, approved_by=world.users["economist"])

    assert_page_queries("economist", url("cost_list") + "?ar=2022", queries)


class TestCostSubmit(PersonaViewCases):
    permission = "finance.submit_cost"

    def url(self, world: World) -> str:
        return url("cost_submit")


def test_cost_submit_lead_is_offered_only_own_interventions(
    world: World, client_as: ClientAs
) -> None:
    response = client_as("intervention_lead_a").get(url("cost_submit"))

    queryset = response.context["form"].fields["intervention"].queryset
    assert list(queryset) == [world.intervention_a]


def test_cost_submit_by_lead_saves_submitted_row(world: World, client_as: ClientAs) -> None:
    response = client_as("intervention_lead_a").post(
        url("cost_submit"),
        {"intervention": world.intervention_a.pk, "year": 2022, "quarter": 2, "amount": "-5000"},
    )

    assert response.status_code == 302
    assert response["Location"] == url("cost_list") + "?ar=2022"
    assert list(CostOutcome.objects.values_list("intervention", "amount", "status")) == [
        (world.intervention_a.pk, -5000, CostOutcome.Status.SUBMITTED)
    ]


def test_cost_submit_by_lead_for_other_intervention_is_form_error(
    world: World, client_as: ClientAs
) -> None:
    response = client_as("intervention_lead_a").post(
        url("cost_submit"),
        {"intervention": world.intervention_b.pk, "year": 2022, "quarter": 2, "amount": "5000"},
    )

    assert response.status_code == 200
    assert CostOutcome.objects.count() == 0


def test_cost_submit_over_approved_row_is_form_error(world: World, client_as: ClientAs) -> None:
    CostOutcomeFactory.create(intervention=world.intervention_a, quarter=2)

    response = client_as("intervention_lead_a").post(
        url("cost_submit"),
        {"intervention": world.intervention_a.pk, "year": 2022, "quarter": 2, "amount": "5000"},
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Det finns redan ett godkänt utfall för 2022 kvartal 2 (100\xa0000\xa0kr). "
        "Ett godkänt utfall är låst och kan inte ändras."
    ]


class TestCostDecide(CostRowPageCases):
    permission = "finance.approve_cost"
    page = "cost_decide"


class TestCostPayment(TestCostDecide):
    page = "cost_payment"


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("economist", (302, CostOutcome.Status.APPROVED, "economist@example.se")),
        ("admin", (403, CostOutcome.Status.SUBMITTED, None)),
    ],
)
def test_cost_decide_approve_only_by_the_economist(
    world: World, client_as: ClientAs, persona: str, expected: tuple[int, str, str | None]
) -> None:
    cost = submitted_cost(world)

    response = client_as(persona).post(
        url("cost_decide", cost.pk), {"decision": "approve", "comment": ""}
    )

    cost.refresh_from_db()
    approver = cost.approved_by.email if cost.approved_by else None
    assert (response.status_code, cost.status, approver) == expected


def test_cost_decide_reject_needs_comment(world: World, client_as: ClientAs) -> None:
    cost = submitted_cost(world)

    response = client_as("economist").post(
        url("cost_decide", cost.pk), {"decision": "reject", "comment": ""}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["comment"] == ["Skriv varför utfallet avslås."]


def test_cost_decide_other_association_is_404(world: World, client_as: ClientAs) -> None:
    foreign = CostOutcomeFactory.create(
        intervention=world.other_intervention, status=CostOutcome.Status.SUBMITTED
    )

    response = client_as("economist").get(url("cost_decide", foreign.pk))

    assert response.status_code == 404


def test_cost_payment_saves_date(world: World, client_as: ClientAs) -> None:
    cost = CostOutcomeFactory.create(intervention=world.intervention_a)

    response = client_as("economist").post(url("cost_payment", cost.pk), {"paid_on": "2022-05-02"})

    cost.refresh_from_db()
    assert (response.status_code, cost.paid_on) == (302, dt.date(2022, 5, 2))


# --- own budget ---------------------------------------------------------------------------


class TestOwnBudget(PersonaViewCases):
    permission = "finance.view_own_budget"

    def url(self, world: World) -> str:
        return url("own_budget")


def _own_budget(association, code: str, group: str, year: int, **amounts: int) -> None:
    with scopes_disabled():
        row, _outcome = save_operating_row(
            association=association,
            code=code,
            label=code.title(),
            group=group,
            accounts="4000-4999",
        )
        for version, amount in amounts.items():
            save_own_budget(
                association=association, row=row, year=year, version=version, amount=amount
            )


def test_own_budget_shows_the_forbundsbudget_of_the_year(world: World, client_as: ClientAs) -> None:
    _own_budget(world.association, "bidrag", "intakter", 2022, budget=900_000)
    _own_budget(world.association, "kansli", "administration", 2022, budget=400_000)
    _own_budget(
        world.association, "styrelse", "administration", 2022, budget=100_000, prognos=80_000
    )
    _own_budget(world.association, "kansli", "administration", 2023, budget=7)
    _own_budget(world.other_association, "kansli", "administration", 2022, budget=1)

    response = client_as("auditor").get(url("own_budget") + "?ar=2022")

    assert [
        (group.group, [(r.code, r.budget, r.prognosis) for r in group.rows], group.budget)
        for _label, group in response.context["groups"]
    ] == [
        ("intakter", [("bidrag", 900_000, None)], 900_000),
        ("administration", [("kansli", 400_000, None), ("styrelse", 100_000, 80_000)], 500_000),
    ]
    assert response.context["can_change"] is False


@pytest.mark.parametrize(("persona", "expected"), [("economist", True), ("board", False)])
def test_own_budget_links_to_the_grid_for_changers(
    world: World, client_as: ClientAs, persona: str, expected: bool
) -> None:
    response = client_as(persona).get(url("own_budget"))

    grid = reverse("economy:own_budget", args=[world.association.slug])
    assert (grid in response.content.decode()) == expected


# --- thresholds and overrides -------------------------------------------------------------


class TestThresholds(PersonaViewCases):
    permission = "finance.set_thresholds"

    def url(self, world: World) -> str:
        return url("thresholds")


def test_thresholds_out_of_order_is_form_error(world: World, client_as: ClientAs) -> None:
    response = client_as("admin").post(
        url("thresholds"), {"watch_low": 70, "ok_low": 120, "ok_high": 110, "watch_high": 130}
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Gränserna måste ligga i ordning: bevakning från ≤ ok från ≤ ok till ≤ bevakning till."
    ]


class TestStatusOverride(PersonaViewCases):
    permission = "finance.override_status"

    def target(self, world: World) -> Intervention:
        return world.intervention_a

    def url(self, world: World) -> str:
        return url("status_override", world.intervention_a.pk, 2022, 4)


def test_status_override_saves_and_returns_to_period(world: World, client_as: ClientAs) -> None:
    response = client_as("economist").post(
        url("status_override", world.intervention_a.pk, 2022, 4) + "?period=2022H2",
        {"status": BudgetStatus.ACTION, "comment": "Stor avvikelse mot plan."},
    )

    assert response["Location"] == url("overview") + "?period=2022H2"
    assert list(BudgetStatusOverride.objects.values_list("status", "comment", "set_by")) == [
        (BudgetStatus.ACTION, "Stor avvikelse mot plan.", world.users["economist"].pk)
    ]


def test_status_override_cleared_with_suggested(world: World, client_as: ClientAs) -> None:
    override_q4(world, BudgetStatus.OK, "Ok")

    client_as("admin").post(
        url("status_override", world.intervention_a.pk, 2022, 4), {"status": "", "comment": ""}
    )

    assert BudgetStatusOverride.objects.count() == 0


def test_status_override_other_association_is_404(world: World, client_as: ClientAs) -> None:
    response = client_as("admin").get(url("status_override", world.other_intervention.pk, 2022, 4))

    assert response.status_code == 404


def test_status_override_invalid_quarter_is_404(world: World, client_as: ClientAs) -> None:
    response = client_as("admin").get(url("status_override", world.intervention_a.pk, 2022, 5))

    assert response.status_code == 404
