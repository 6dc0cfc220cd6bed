from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from interventions.models import Budget, Intervention
from tenancy.tests.pages import ListQueryCountCases
from testing.factories import BudgetFactory, InterventionFactory
from testing.personas import World
from testing.views import ClientAs, PersonaViewCases, each_page

pytestmark = pytest.mark.django_db


def url(name: str, *args: int) -> str:
    return reverse(f"interventions:{name}", args=["exempel", *args])


def budget_rows() -> list[tuple[str, int, int | None, int]]:
    return [
        (b.intervention.code, b.year, b.quarter, b.amount)
        for b in Budget.objects.select_related("intervention").order_by("id")
    ]


# --- overview -----------------------------------------------------------------------------


class TestBudgetList(PersonaViewCases):
    permission = "interventions.view_budget"

    def url(self, world: World) -> str:
        return url("budget_list")


def test_budget_list_defaults_to_current_year(world: World, client_as: ClientAs) -> None:
    response = client_as("economist").get(url("budget_list"))

    assert response.context["overview"].year == timezone.localdate().year


def test_budget_list_shows_interventions_by_year_with_totals(
    world: World, client_as: ClientAs
) -> None:
    BudgetFactory.create(intervention=world.intervention_a, year=2023, amount=1_000_000)
    BudgetFactory.create(intervention=world.intervention_a, year=2024, amount=1_200_000)
    BudgetFactory.create(intervention=world.intervention_b, year=2024, quarter=1, amount=100_000)
    BudgetFactory.create(intervention=world.intervention_b, year=2024, quarter=2, amount=150_000)
    BudgetFactory.create(intervention=world.other_intervention, year=2024, amount=9_999_999)

    response = client_as("economist").get(url("budget_list") + "?ar=2024")

    overview = response.context["overview"]
    rows = [
        (row.intervention.code, row.amounts, row.quarters, row.year_amount) for row in overview.rows
    ]
    assert overview.years == [2023, 2024]
    assert rows == [
        ("A", [1_000_000, 1_200_000], None, 1_200_000),
        ("B", [None, 250_000], [100_000, 150_000, None, None], 250_000),
    ]
    assert (overview.year_totals, overview.total, overview.selected_year_total) == (
        [1_000_000, 1_450_000],
        2_450_000,
        1_450_000,
    )
    assert "1\xa0450\xa0000\xa0kr" in response.content.decode()


def test_budget_list_adds_selected_year_without_budget(world: World, client_as: ClientAs) -> None:
    BudgetFactory.create(intervention=world.intervention_a, year=2023, amount=1_000)

    response = client_as("admin").get(url("budget_list") + "?ar=2026")

    overview = response.context["overview"]
    assert (overview.years, [row.year_amount for row in overview.rows]) == (
        [2023, 2026],
        [None, None],
    )


def test_budget_list_invalid_year_falls_back_to_current_year(
    world: World, client_as: ClientAs
) -> None:
    response = client_as("admin").get(url("budget_list") + "?ar=tjugo")

    assert (response.status_code, response.context["overview"].year) == (
        200,
        timezone.localdate().year,
    )


def test_budget_list_htmx_request_gets_only_the_tables(world: World, client_as: ClientAs) -> None:
    response = client_as("admin").get(url("budget_list") + "?ar=2024", HTTP_HX_REQUEST="true")

    assert [t.name for t in response.templates] == ["interventions/includes/budget_tables.html"]


class TestBudgetListQueryCount(ListQueryCountCases):
    """Session, user, roles, association, interventions, sums per year, the year's rows,
    the user's associations, and the session saved (savepoint, update, release)."""

    view = "interventions:budget_list"
    queries = 11
    persona = "economist"
    query = "?ar=2024"

    def rows(self, world: World, count: int) -> None:
        Intervention.objects.filter(association=world.association).delete()
        for intervention in InterventionFactory.create_batch(count, association=world.association):
            BudgetFactory.create(intervention=intervention, year=2023)
            BudgetFactory.create(intervention=intervention, year=2024, quarter=1)


# --- create, edit, delete -----------------------------------------------------------------


class TestBudgetCreatePage(PersonaViewCases):
    """The intervention in the URL is the permission object."""

    permission = "interventions.change_budget"

    def target(self, world: World) -> Intervention:
        return world.intervention_a

    def url(self, world: World) -> str:
        return url("budget_create", world.intervention_a.pk)


def test_budget_create_saves_yearly_row(world: World, client_as: ClientAs) -> None:
    response = client_as("economist").post(
        url("budget_create", world.intervention_a.pk),
        {"year": "2024", "quarter": "", "amount": "1290000"},
    )

    assert (response.status_code, response["Location"]) == (
        302,
        url("detail", world.intervention_a.pk),
    )
    assert budget_rows() == [("A", 2024, None, 1_290_000)]
    assert Budget.objects.get().association == world.association


def test_budget_create_saves_quarterly_row(world: World, client_as: ClientAs) -> None:
    BudgetFactory.create(intervention=world.intervention_a, year=2024, quarter=1, amount=10)

    response = client_as("admin").post(
        url("budget_create", world.intervention_a.pk),
        {"year": "2024", "quarter": "2", "amount": "20"},
    )

    assert response.status_code == 302
    assert budget_rows() == [("A", 2024, 1, 10), ("A", 2024, 2, 20)]


Case = tuple[list[tuple[int, int | None]], dict[str, str], dict[str, list[str]]]
INVALID_CASES: list[Case] = [
    (
        [(2024, None)],
        {"year": "2024", "quarter": "", "amount": "5"},
        {"__all__": ["Det finns redan en helårsbudget för 2024."]},
    ),
    (
        [(2024, 3)],
        {"year": "2024", "quarter": "3", "amount": "5"},
        {"__all__": ["Det finns redan en budget för 2024 kvartal 3."]},
    ),
    (
        [(2024, None)],
        {"year": "2024", "quarter": "1", "amount": "5"},
        {"__all__": ["2024 har redan en helårsbudget; ändra den i stället."]},
    ),
    (
        [(2024, 1)],
        {"year": "2024", "quarter": "", "amount": "5"},
        {"__all__": ["2024 har redan kvartalsbudgetar; ange kvartal eller ändra dem."]},
    ),
    (
        [],
        {"year": "2024", "quarter": "", "amount": "-1"},
        {"amount": ["Kontrollera att detta värde är större än eller lika med 0."]},
    ),
    (
        [],
        {"year": "2024", "quarter": "5", "amount": "1"},
        {"quarter": ["Kontrollera att detta värde är mindre än eller lika med 4."]},
    ),
    (
        [],
        {"year": "1999", "quarter": "", "amount": "1"},
        {"year": ["Kontrollera att detta värde är större än eller lika med 2000."]},
    ),
    (
        [],
        {"year": "2024", "quarter": "", "amount": "12,50"},
        {"amount": ["Fyll i ett heltal."]},
    ),
]


@pytest.mark.parametrize(("existing", "data", "errors"), INVALID_CASES)
def test_budget_create_invalid_input_is_a_form_error(
    world: World,
    client_as: ClientAs,
    existing: list[tuple[int, int | None]],
    data: dict[str, str],
    errors: dict[str, list[str]],
) -> None:
    for year, quarter in existing:
        BudgetFactory.create(intervention=world.intervention_a, year=year, quarter=quarter)
    before = budget_rows()

    response = client_as("economist").post(url("budget_create", world.intervention_a.pk), data)

    form = response.context["form"]
    assert (response.status_code, form.errors) == (200, errors)
    assert {name: form[name].value() for name in data} == data
    assert budget_rows() == before


def test_budget_create_same_period_on_another_intervention_is_allowed(
    world: World, client_as: ClientAs
) -> None:
    BudgetFactory.create(intervention=world.intervention_b, year=2024, amount=1)

    response = client_as("economist").post(
        url("budget_create", world.intervention_a.pk),
        {"year": "2024", "quarter": "1", "amount": "2"},
    )

    assert response.status_code == 302


def test_budget_create_for_other_association_intervention_is_404(
    world: World, client_as: ClientAs
) -> None:
    response = client_as("admin").post(
        url("budget_create", world.other_intervention.pk),
        {"year": "2024", "quarter": "", "amount": "1"},
    )

    assert response.status_code == 404
    assert budget_rows() == []


class TestBudgetUpdatePage(TestBudgetCreatePage):
    view = "budget_update"

    def arrange(self, world: World) -> Budget:
        return BudgetFactory.create(intervention=world.intervention_a)

    def url(self, world: World) -> str:
        return url(self.view, world.intervention_a.pk, self.arranged.pk)


@pytest.mark.parametrize(("quarter", "period"), [("", None), ("1", 1)])
def test_budget_update_changes_amount_or_yearly_row_to_its_only_quarter(
    world: World, client_as: ClientAs, quarter: str, period: int | None
) -> None:
    budget = BudgetFactory.create(intervention=world.intervention_a, year=2024, amount=1)

    response = client_as("economist").post(
        url("budget_update", world.intervention_a.pk, budget.pk),
        {"year": "2024", "quarter": quarter, "amount": "750000"},
    )

    assert response.status_code == 302
    assert budget_rows() == [("A", 2024, period, 750_000)]


def test_budget_update_under_another_intervention_is_404(world: World, client_as: ClientAs) -> None:
    budget = BudgetFactory.create(intervention=world.intervention_b)

    response = client_as("admin").get(url("budget_update", world.intervention_a.pk, budget.pk))

    assert response.status_code == 404


def test_budget_update_of_other_association_is_404(world: World, client_as: ClientAs) -> None:
    budget = BudgetFactory.create(intervention=world.other_intervention, amount=1)

    response = client_as("admin").post(
        url("budget_update", world.other_intervention.pk, budget.pk),
        {"year": "2022", "quarter": "", "amount": "2"},
    )

    budget.refresh_from_db()
    assert (response.status_code, budget.amount) == (404, 1)


class TestBudgetDelete(TestBudgetUpdatePage):
    view = "budget_delete"
    case = each_page({"method": "get"}, {"method": "post", "allowed": 302})


def test_budget_delete_removes_row(world: World, client_as: ClientAs) -> None:
    budget = BudgetFactory.create(intervention=world.intervention_a, year=2023)
    BudgetFactory.create(intervention=world.intervention_a, year=2024)

    response = client_as("economist").post(url("budget_delete", world.intervention_a.pk, budget.pk))

    assert (response.status_code, response["Location"]) == (
        302,
        url("detail", world.intervention_a.pk),
    )
    assert budget_rows() == [("A", 2024, None, 1_000_000)]


def test_budget_delete_of_other_association_is_404(world: World, client_as: ClientAs) -> None:
    budget = BudgetFactory.create(intervention=world.other_intervention)
    responses: list[Any] = [
        client_as("admin").post(url("budget_delete", world.other_intervention.pk, budget.pk)),
        client_as("admin").post(url("budget_delete", world.intervention_a.pk, budget.pk)),
    ]

    assert [r.status_code for r in responses] == [404, 404]
    assert Budget.objects.count() == 1
