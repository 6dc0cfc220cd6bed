"""The intervention services the import writes through (added for the import)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from interventions.services import save_budget
from testing.factories import BudgetFactory, InterventionFactory

pytestmark = pytest.mark.django_db


def test_save_budget_refuses_quarter_next_to_yearly_budget() -> None:
    intervention = InterventionFactory.create()
    BudgetFactory.create(intervention=intervention, year=2023, quarter=None)

    with pytest.raises(ValidationError) as error:
        save_budget(intervention=intervention, year=2023, quarter=1, amount=100)

    assert error.value.messages == ["2023 har redan en helårsbudget; ändra den i stället."]


def test_save_budget_replaces_amount_of_same_period() -> None:
    intervention = InterventionFactory.create()
    budget = BudgetFactory.create(intervention=intervention, year=2023, quarter=2, amount=1)

    saved, outcome = save_budget(intervention=intervention, year=2023, quarter=2, amount=5)

    assert (saved.pk, saved.amount, outcome) == (budget.pk, 5, "updated")
