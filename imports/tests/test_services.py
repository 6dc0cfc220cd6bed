"""The domain services the import writes through (added for the import): they keep the
rules themselves, whoever calls them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from finance.services import save_imported_cost_outcome
from followup.workbook import import_deviation, import_quarterly_report, quarter_within
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


def test_save_imported_cost_outcome_refuses_quarter_5() -> None:
    intervention = InterventionFactory.create()

    with pytest.raises(ValidationError) as error:
        save_imported_cost_outcome(
            association=intervention.association,
            intervention=intervention,
            year=2023,
            quarter=5,
            amount=1,
        )

    assert error.value.messages == ["Ange ett år mellan 2000 och 2100 och ett kvartal 1–4."]


@pytest.mark.parametrize(
    ("start", "end", "year", "quarter", "expected"),
    [
        (dt.date(2023, 3, 31), None, 2023, 1, True),
        (dt.date(2023, 4, 1), None, 2023, 1, False),
        (dt.date(2023, 1, 1), dt.date(2023, 10, 1), 2023, 4, True),
        (dt.date(2023, 1, 1), dt.date(2023, 9, 30), 2023, 4, False),
        (dt.date(2023, 1, 1), None, 2030, 4, True),
        (dt.date(2023, 1, 1), None, 2023, 0, False),
    ],
)
def test_quarter_within_overlaps_the_period(
    start: dt.date, end: dt.date | None, year: int, quarter: int, expected: bool
) -> None:
    assert quarter_within(start, end, year, quarter) is expected


def refused_report(**report: Any) -> ValidationError:
    """Why ``import_quarterly_report`` refuses ``report`` of an intervention from 2023."""
    intervention = InterventionFactory.create(start_date=dt.date(2023, 1, 1))
    with pytest.raises(ValidationError) as error:
        import_quarterly_report(user=None, intervention=intervention, **report)
    return error.value


def test_import_quarterly_report_refuses_quarter_outside_the_period() -> None:
    refusal = refused_report(year=2022, quarter=4, submitted_on=dt.date(2023, 1, 20), answers={})

    assert refusal.messages == ["2022 kvartal 4 ligger utanför insatsens period."]


def test_import_quarterly_report_refuses_missing_answers() -> None:
    refusal = refused_report(
        year=2023, quarter=1, submitted_on=dt.date(2023, 4, 20), answers={"on_track": "ja"}
    )

    assert sorted(refusal.message_dict) == [
        "equality_discussed",
        "follow_up_per_agreement",
        "forecast",
        "gender_equality_discussed",
        "implementation_discussed",
        "meetings_per_agreement",
        "method_checked",
        "ordinary_representation",
        "target_group_checked",
        "vacancy_funded",
        "vacancy_self_funded",
    ]


def test_import_deviation_refuses_decision_without_date_and_amount_for_other_kind() -> None:
    intervention = InterventionFactory.create()

    with pytest.raises(ValidationError) as error:
        import_deviation(
            user=None,
            intervention=intervention,
            received_on=dt.date(2023, 5, 1),
            kind="budget",
            description="Lägre kostnader.",
            amount=10_000,
            decision="beviljad",
            decided_on=None,
            decided_by="styrelse",
        )

    assert error.value.message_dict == {
        "amount": ["Belopp anges bara vid överföring till nästa år; lämna fältet tomt."],
        "decided_on": ["Ange beslutsdatum när avvikelsen är beslutad."],
    }
