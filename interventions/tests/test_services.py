"""The one write path of interventions and budgets (``interventions.services``): what the
pages add to the import's save-by-code, i.e. editing a stored row whose key changes."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from interventions.models import Budget, Intervention
from interventions.services import save_budget, save_intervention
from testing.factories import BudgetFactory, InterventionFactory, SteeringGroupFactory

pytestmark = pytest.mark.django_db


def _save(intervention: Intervention, **changes: object) -> tuple[Intervention, str]:
    values: dict[str, object] = {
        "association": intervention.association,
        "code": intervention.code,
        "name": intervention.name,
        "short_name": intervention.short_name,
        "owner": intervention.owner,
        "partners": list(intervention.partners.all()),
        "kind": intervention.kind,
        "aim": intervention.aim,
        "follow_up": intervention.follow_up,
        "start_date": intervention.start_date,
        "end_date": intervention.end_date,
        "expected_participants": intervention.expected_participants,
    }
    values.update(changes)
    return save_intervention(**values)  # type: ignore[arg-type]  # values of several types


def test_save_intervention_with_stored_changes_the_code_in_place() -> None:
    stored = InterventionFactory.create(code="GAMMAL")

    saved, outcome = _save(stored, code="NY", stored=stored)

    assert (saved.pk, saved.code, outcome) == (stored.pk, "NY", "updated")
    assert list(Intervention.objects.values_list("code", flat=True)) == ["NY"]


def test_save_intervention_keeps_the_steering_group_unless_given() -> None:
    group = SteeringGroupFactory.create()
    stored = InterventionFactory.create(association=group.association, steering_group=group)

    kept, kept_outcome = _save(stored)
    cleared, cleared_outcome = _save(stored, steering_group=None)

    assert (kept.steering_group_id, kept_outcome) == (group.pk, "unchanged")
    assert (cleared.steering_group_id, cleared_outcome) == (None, "updated")


def test_save_budget_with_stored_moves_the_row_to_another_period() -> None:
    stored = BudgetFactory.create(year=2022, quarter=1, amount=100)

    saved, outcome = save_budget(
        intervention=stored.intervention, year=2022, quarter=2, amount=100, stored=stored
    )

    assert (saved.pk, saved.quarter, outcome) == (stored.pk, 2, "updated")
    assert Budget.objects.count() == 1


def test_save_budget_with_stored_refuses_a_yearly_row_beside_quarters() -> None:
    stored = BudgetFactory.create(year=2022, quarter=1, amount=100)
    BudgetFactory.create(intervention=stored.intervention, year=2022, quarter=2, amount=100)

    with pytest.raises(ValidationError) as refused:
        save_budget(
            intervention=stored.intervention, year=2022, quarter=None, amount=100, stored=stored
        )

    assert refused.value.messages == [
        "2022 har redan kvartalsbudgetar; ange kvartal eller ändra dem."
    ]


def test_save_budget_unchanged_writes_nothing() -> None:
    stored = BudgetFactory.create(year=2023, quarter=None, amount=500)

    saved, outcome = save_budget(
        intervention=stored.intervention, year=2023, quarter=None, amount=500
    )

    assert (saved.pk, outcome) == (stored.pk, "unchanged")
