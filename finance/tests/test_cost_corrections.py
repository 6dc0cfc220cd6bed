"""A cost outcome is never silently overwritten (issue 10.1): a second report of the same
quarter is refused and names the existing row, a submitted or rejected row is corrected
explicitly with its history kept, an approved row is locked against the form, the import
and the API alike."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from finance import services
from finance.models import CostOutcome, CostOutcomeAction, CostOutcomeEvent
from finance.tests.cases import CostRowPageCases
from finance.tests.factories import CostOutcomeFactory
from imports.tests.office_workbooks import UTFALL_HEADER, utfall
from imports.tests.workbooks import run_import, xlsx_bytes, xlsx_file
from imports.workbook.base import Problem, SheetChanges
from testing.personas import World
from testing.views import ClientAs

pytestmark = pytest.mark.django_db


def url(name: str, *args: int) -> str:
    return reverse(f"finance:{name}", args=["exempel", *args])


def submit(world: World, persona: str, amount: int) -> CostOutcome:
    return services.submit_cost(
        user=world.users[persona],
        intervention=world.intervention_a,
        year=2022,
        quarter=2,
        amount=amount,
        today=dt.date(2022, 7, 5),
    )


def history(cost: CostOutcome) -> list[tuple[str, str | None, int | None, int, str]]:
    return [
        (e.action, e.user.email if e.user else None, e.old_amount, e.amount, e.comment)
        for e in CostOutcomeEvent.objects.filter(cost=cost).select_related("user")
    ]


# --- service ------------------------------------------------------------------------------


def test_submit_cost_twice_for_a_quarter_is_refused_and_keeps_the_first(world: World) -> None:
    first = submit(world, "intervention_lead_a", 498_500)

    with pytest.raises(services.CostExists) as refused:
        submit(world, "intervention_lead_a", 1_000)

    assert refused.value.messages == [
        "Det finns redan ett utfall för 2022 kvartal 2 (498\xa0500\xa0kr, inlämnad). Öppna det "
        "och rätta beloppet i stället för att rapportera igen."
    ]
    assert (refused.value.cost.pk, list(CostOutcome.objects.values_list("amount", flat=True))) == (
        first.pk,
        [498_500],
    )


def test_correct_cost_keeps_old_amount_who_and_when_in_history(world: World) -> None:
    cost = submit(world, "intervention_lead_a", 498_500)

    services.correct_cost(
        user=world.users["economist"],
        cost=cost,
        amount=1_000,
        comment="Fel belopp i rekvisitionen.",
        today=dt.date(2022, 7, 8),
    )

    cost.refresh_from_db()
    assert (cost.amount, cost.status, cost.submitted_by, cost.submitted_on) == (
        1_000,
        CostOutcome.Status.SUBMITTED,
        world.users["economist"],
        dt.date(2022, 7, 8),
    )
    assert history(cost) == [
        (CostOutcomeAction.SUBMITTED, world.users["intervention_lead_a"].email, None, 498_500, ""),
        (
            CostOutcomeAction.CORRECTED,
            world.users["economist"].email,
            498_500,
            1_000,
            "Fel belopp i rekvisitionen.",
        ),
    ]


def test_correct_rejected_cost_submits_it_again(world: World) -> None:
    cost = submit(world, "intervention_lead_a", 120_000)
    services.reject_cost(user=world.users["economist"], cost=cost, comment="Underlag saknas.")

    services.correct_cost(
        user=world.users["intervention_lead_a"],
        cost=cost,
        amount=110_000,
        comment="Underlag bifogat.",
    )

    cost.refresh_from_db()
    assert (cost.status, cost.amount, cost.approved_on, cost.decision_comment) == (
        CostOutcome.Status.SUBMITTED,
        110_000,
        None,
        "",
    )
    assert [action for action, *_rest in history(cost)] == [
        CostOutcomeAction.SUBMITTED,
        CostOutcomeAction.REJECTED,
        CostOutcomeAction.CORRECTED,
    ]


def test_correct_approved_cost_is_refused_and_changes_nothing(world: World) -> None:
    cost = submit(world, "intervention_lead_a", 120_000)
    services.approve_cost(user=world.users["economist"], cost=cost)

    with pytest.raises(ValidationError) as refused:
        services.correct_cost(
            user=world.users["intervention_lead_a"], cost=cost, amount=1, comment="Rättelse."
        )

    cost.refresh_from_db()
    assert refused.value.messages == ["Utfallet är godkänt och därmed låst; det kan inte rättas."]
    assert (cost.amount, cost.status) == (120_000, CostOutcome.Status.APPROVED)


def test_correct_cost_without_reason_is_refused(world: World) -> None:
    cost = submit(world, "intervention_lead_a", 120_000)

    with pytest.raises(ValidationError) as refused:
        services.correct_cost(
            user=world.users["intervention_lead_a"], cost=cost, amount=100_000, comment=" "
        )

    assert refused.value.message_dict == {"comment": ["Skriv varför utfallet rättas."]}


# --- pages --------------------------------------------------------------------------------


def test_cost_submit_existing_quarter_is_form_error_with_link(
    world: World, client_as: ClientAs
) -> None:
    cost = submit(world, "intervention_lead_a", 498_500)

    response = client_as("intervention_lead_a").post(
        url("cost_submit"),
        {"intervention": world.intervention_a.pk, "year": 2022, "quarter": 2, "amount": "1000"},
    )

    assert response.status_code == 200
    assert response.context["existing_cost"] == cost
    assert url("cost_correct", cost.pk) in response.content.decode()
    assert list(CostOutcome.objects.values_list("amount", flat=True)) == [498_500]


class TestCostCorrect(CostRowPageCases):
    permission = "finance.submit_cost"
    page = "cost_correct"


def test_cost_correct_page_saves_and_shows_history(world: World, client_as: ClientAs) -> None:
    cost = submit(world, "intervention_lead_a", 498_500)
    client = client_as("intervention_lead_a")

    response = client.post(url("cost_correct", cost.pk), {"amount": "1000", "comment": "Skrivfel."})
    page = client.get(url("cost_correct", cost.pk))

    cost.refresh_from_db()
    assert (response.status_code, cost.amount) == (302, 1_000)
    assert [(e.action, e.old_amount, e.amount) for e in page.context["events"]] == [
        (CostOutcomeAction.SUBMITTED, None, 498_500),
        (CostOutcomeAction.CORRECTED, 498_500, 1_000),
    ]


def test_cost_correct_page_for_approved_row_offers_no_form(
    world: World, client_as: ClientAs
) -> None:
    cost = CostOutcomeFactory.create(intervention=world.intervention_a)
    client = client_as("intervention_lead_a")

    page = client.get(url("cost_correct", cost.pk))
    response = client.post(url("cost_correct", cost.pk), {"amount": "1", "comment": "x"})

    cost.refresh_from_db()
    assert (page.context["locked"], 'name="amount"' in page.content.decode()) == (True, False)
    assert (response.status_code, cost.amount) == (200, 100_000)


# --- import and API -----------------------------------------------------------------------


def test_utfall_reimport_of_same_file_changes_nothing(tmp_path: Path, world: World) -> None:
    source = xlsx_file(tmp_path, {"Utfall": [UTFALL_HEADER, utfall(insats="A", belopp=250_000)]})
    run_import(source, world.association)
    before = list(CostOutcome.objects.values_list("pk", "amount", "status", "approved_on"))

    result = run_import(source, world.association)

    assert (result.problems, result.changes["Utfall"]) == ([], SheetChanges(unchanged=1))
    assert list(CostOutcome.objects.values_list("pk", "amount", "status", "approved_on")) == (
        before
    )


def test_utfall_other_amount_for_approved_row_is_problem_with_place(
    tmp_path: Path, world: World
) -> None:
    CostOutcomeFactory.create(
        intervention=world.intervention_a, year=2023, quarter=1, amount=250_000
    )
    source = xlsx_file(tmp_path, {"Utfall": [UTFALL_HEADER, utfall(insats="A", belopp=1_000)]})

    result = run_import(source, world.association)

    assert result.problems == [
        Problem(
            "Utfall",
            2,
            "belopp",
            "1000",
            "Utfallet för 2023 kvartal 1 är redan godkänt med 250\xa0000\xa0kr och är låst; "
            "importen kan inte ändra det.",
        )
    ]
    assert list(CostOutcome.objects.values_list("amount", flat=True)) == [250_000]


def test_utfall_over_submitted_row_is_problem_and_keeps_the_row(
    tmp_path: Path, world: World
) -> None:
    cost = submit(world, "intervention_lead_a", 120_000)
    rows = [UTFALL_HEADER, utfall(insats="A", år=2022, kvartal=2, belopp=120_000)]

    result = run_import(xlsx_file(tmp_path, {"Utfall": rows}), world.association)

    cost.refresh_from_db()
    assert [(p.row, p.column) for p in result.problems] == [(2, "belopp")]
    assert (cost.status, cost.amount) == (CostOutcome.Status.SUBMITTED, 120_000)


def test_api_import_other_amount_for_approved_row_is_400(world: World, client_as: ClientAs) -> None:
    CostOutcomeFactory.create(
        intervention=world.intervention_a, year=2023, quarter=1, amount=250_000
    )
    data = xlsx_bytes({"Utfall": [UTFALL_HEADER, utfall(insats="A", belopp=1_000)]})

    response = client_as("admin").post(
        reverse("api:import", args=["exempel"]),
        {"file": SimpleUploadedFile("importmall.xlsx", data)},
    )

    body = json.loads(response.content)
    assert (
        response.status_code,
        [(e["sheet"], e["row"], e["column"]) for e in body["errors"]],
    ) == (
        400,
        [("Utfall", 2, "belopp")],
    )
    assert list(CostOutcome.objects.values_list("amount", flat=True)) == [250_000]
