"""Costs for impossible periods (issue 10.3): a cost outcome for a quarter before the
intervention's start or after its end is refused in the form, the `Utfall` import and the
API alike, with the intervention's period in the message."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from finance import services
from finance.models import CostOutcome
from imports.tests.office_workbooks import UTFALL_HEADER, utfall
from imports.tests.workbooks import good_sheets, run_import, xlsx_bytes, xlsx_file
from imports.workbook.base import Problem
from testing.factories import InterventionFactory
from testing.personas import World
from testing.views import ClientAs

pytestmark = pytest.mark.django_db


#: world.intervention_a runs 2022-01-01 – 2024-12-31 (the factory's period)
AFTER_END = (
    "2025 kvartal 1 ligger utanför insatsens period (2022-01-01–2024-12-31); utfall kan bara "
    "rapporteras för kvartal inom perioden."
)
BEFORE_START = (
    "2021 kvartal 4 ligger utanför insatsens period (2022-01-01–2024-12-31); utfall kan bara "
    "rapporteras för kvartal inom perioden."
)


@pytest.mark.parametrize(
    ("start", "end", "year", "quarter", "inside"),
    [
        (dt.date(2022, 3, 31), None, 2022, 1, True),  # starts on the quarter's last day
        (dt.date(2022, 4, 1), None, 2022, 1, False),
        (dt.date(2022, 1, 1), dt.date(2024, 10, 1), 2024, 4, True),  # ends in the quarter
        (dt.date(2022, 1, 1), dt.date(2024, 9, 30), 2024, 4, False),
        (dt.date(2022, 1, 1), None, 2099, 4, True),  # no end: open
    ],
)
def test_cost_period_error_is_none_exactly_for_quarters_overlapping_the_period(
    start: dt.date, end: dt.date | None, year: int, quarter: int, inside: bool
) -> None:
    error = services.cost_period_error(start_date=start, end_date=end, year=year, quarter=quarter)

    assert (error is None) == inside


def test_cost_period_error_without_end_names_the_start(world: World) -> None:
    error = (
        services.cost_period_error(
            start_date=dt.date(2023, 3, 1), end_date=None, year=2023, quarter=1
        ),
        services.cost_period_error(
            start_date=dt.date(2023, 4, 1), end_date=None, year=2023, quarter=1
        ),
    )

    assert error == (
        None,
        "2023 kvartal 1 ligger utanför insatsens period (från 2023-04-01); utfall kan bara "
        "rapporteras för kvartal inom perioden.",
    )


@pytest.mark.parametrize(
    ("year", "quarter", "message"), [(2025, 1, AFTER_END), (2021, 4, BEFORE_START)]
)
def test_submit_cost_outside_period_is_refused(
    world: World, year: int, quarter: int, message: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        services.submit_cost(
            user=world.users["intervention_lead_a"],
            intervention=world.intervention_a,
            year=year,
            quarter=quarter,
            amount=10_000,
        )

    assert (refused.value.message_dict, CostOutcome.objects.count()) == ({"quarter": [message]}, 0)


def test_cost_submit_form_after_end_is_quarter_error(world: World, client_as: ClientAs) -> None:
    response = client_as("intervention_lead_a").post(
        reverse("finance:cost_submit", args=["exempel"]),
        {"intervention": world.intervention_a.pk, "year": 2025, "quarter": 1, "amount": "5000"},
    )

    assert (response.status_code, response.context["form"].errors) == (
        200,
        {"quarter": [AFTER_END]},
    )
    assert CostOutcome.objects.count() == 0


def test_utfall_after_end_is_problem_with_place(tmp_path: Path, world: World) -> None:
    rows = [UTFALL_HEADER, utfall(insats="A", år=2025, kvartal=1, belopp=10_000)]

    result = run_import(xlsx_file(tmp_path, {"Utfall": rows}), world.association)

    assert result.problems == [Problem("Utfall", 2, "kvartal", "1", AFTER_END)]
    assert CostOutcome.objects.count() == 0


def test_utfall_uses_the_period_of_the_files_insatser_sheet(tmp_path: Path) -> None:
    """ARB runs 2023-01-01 – 2025-12-31 in the file; the stored one ended in 2022."""
    association = InterventionFactory.create(
        code="ARB", start_date=dt.date(2022, 1, 1), end_date=dt.date(2022, 12, 31)
    ).association
    sheets = {**good_sheets(), "Utfall": [UTFALL_HEADER, utfall(år=2022, kvartal=4)]}

    result = run_import(xlsx_file(tmp_path, sheets), association)

    assert [(p.row, p.column, p.reason) for p in result.problems] == [
        (
            2,
            "kvartal",
            "2022 kvartal 4 ligger utanför insatsens period (2023-01-01–2025-12-31); utfall kan "
            "bara rapporteras för kvartal inom perioden.",
        )
    ]


def test_api_import_before_start_is_400_with_the_period(world: World, client_as: ClientAs) -> None:
    data = xlsx_bytes({"Utfall": [UTFALL_HEADER, utfall(insats="A", år=2021, kvartal=4)]})

    response = client_as("admin").post(
        reverse("api:import", args=["exempel"]),
        {"file": SimpleUploadedFile("importmall.xlsx", data)},
    )

    body = json.loads(response.content)
    assert (response.status_code, [(e["row"], e["column"]) for e in body["errors"]]) == (
        400,
        [(2, "kvartal")],
    )
    assert [e["reason"] for e in body["errors"]] == [BEFORE_START]
    assert CostOutcome.objects.count() == 0
