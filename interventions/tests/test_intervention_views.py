from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from interventions.models import Aim, FollowUp, Intervention, Kind
from interventions.queries import PeriodStatus
from tenancy.tests.pages import ListQueryCountCases
from testing.factories import (
    BudgetFactory,
    InterventionFactory,
    OrganisationFactory,
    SteeringGroupFactory,
)
from testing.personas import World
from testing.views import ClientAs, PersonaViewCases

pytestmark = pytest.mark.django_db


def list_url(query: str = "") -> str:
    return reverse("interventions:list", args=["exempel"]) + query


def detail_url(intervention: Intervention) -> str:
    return reverse("interventions:detail", args=["exempel", intervention.pk])


def valid_post(world: World, **changes: Any) -> dict[str, Any]:
    owner = OrganisationFactory.create(association=world.association, name="Arbetsförmedlingen")
    data: dict[str, Any] = {
        "code": "STEG",
        "name": "Steget vidare",
        "short_name": "Steget",
        "owner": owner.pk,
        "partners": [],
        "kind": Kind.INDIVIDUAL,
        "aim": Aim.WORK,
        "follow_up": FollowUp.PERSONAL_DATA,
        "start_date": "2024-01-01",
        "end_date": "2025-12-31",
        "expected_participants": "60",
        "steering_group": "",
    }
    data.update(changes)
    return data


def codes(response: Any) -> list[str]:
    return [row.intervention.code for row in response.context["rows"]]


# --- list ---------------------------------------------------------------------------------


class TestInterventionList(PersonaViewCases):
    permission = "interventions.view_intervention"

    def url(self, world: World) -> str:
        return list_url()


def test_intervention_list_anonymous_redirects_to_login(
    client_as: ClientAs,
) -> None:
    response = client_as(None).get(list_url())

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_intervention_list_shows_only_own_association_in_display_order(
    world: World, client_as: ClientAs
) -> None:
    InterventionFactory.create(
        association=world.association, code="S", name="Aaa struktur", kind=Kind.STRUCTURAL, aim=""
    )
    InterventionFactory.create(
        association=world.association, code="K", name="Aaa kompetens", kind=Kind.COMPETENCE, aim=""
    )

    response = client_as("admin").get(list_url())

    assert codes(response) == ["A", "B", "S", "K"]


def test_intervention_list_filters_by_kind(world: World, client_as: ClientAs) -> None:
    InterventionFactory.create(
        association=world.association, code="S", kind=Kind.STRUCTURAL, aim=""
    )

    response = client_as("admin").get(list_url("?inriktning=struktur"))

    assert codes(response) == ["S"]


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("pagaende", ["NU"]),
        ("avslutad", ["FORR"]),
        ("kommande", ["SEN"]),
        ("", ["FORR", "NU", "SEN"]),
    ],
)
def test_intervention_list_filters_by_period_status(
    world: World, client_as: ClientAs, status: str, expected: list[str]
) -> None:
    Intervention.objects.filter(association=world.association).delete()
    today = timezone.localdate()
    day = dt.timedelta(days=1)
    for code, start, end in [
        ("FORR", today - 400 * day, today - day),
        ("NU", today - 10 * day, None),
        ("SEN", today + day, today + 400 * day),
    ]:
        InterventionFactory.create(
            association=world.association, code=code, name=code, start_date=start, end_date=end
        )

    response = client_as("admin").get(list_url(f"?status={status}"))

    assert codes(response) == expected


def test_intervention_list_shows_period_status_per_row(world: World, client_as: ClientAs) -> None:
    today = timezone.localdate()
    InterventionFactory.create(
        association=world.association, code="C", name="Insats C", start_date=today, end_date=None
    )

    response = client_as("admin").get(list_url())

    assert [row.status for row in response.context["rows"]] == [
        PeriodStatus.ENDED,
        PeriodStatus.ENDED,
        PeriodStatus.ONGOING,
    ]


def test_intervention_list_ignores_an_unknown_filter_value(
    world: World, client_as: ClientAs
) -> None:
    response = client_as("admin").get(list_url("?inriktning=okand"))

    assert (response.status_code, codes(response)) == (200, ["A", "B"])


def test_intervention_list_htmx_request_gets_only_the_table(
    world: World, client_as: ClientAs
) -> None:
    response = client_as("admin").get(list_url("?inriktning=individ"), HTTP_HX_REQUEST="true")

    assert [t.name for t in response.templates] == [
        "interventions/includes/intervention_table.html"
    ]
    assert response["Vary"] == "HX-Request, Cookie"


def test_intervention_list_htmx_history_restore_gets_the_whole_page(
    world: World, client_as: ClientAs
) -> None:
    response = client_as("admin").get(
        list_url(), HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )

    assert response.templates[0].name == "interventions/intervention_list.html"


class TestInterventionListQueryCount(ListQueryCountCases):
    """Session, user, roles, association, interventions with owners, the user's
    associations, and the session saved on every request (savepoint, update, release)."""

    view = "interventions:list"
    queries = 9

    def rows(self, world: World, count: int) -> None:
        Intervention.objects.filter(association=world.association).delete()
        InterventionFactory.create_batch(count, association=world.association)


# --- detail -------------------------------------------------------------------------------


class TestInterventionDetail(PersonaViewCases):
    permission = "interventions.view_intervention"

    def target(self, world: World) -> Intervention:
        return world.intervention_a

    def url(self, world: World) -> str:
        return detail_url(world.intervention_a)


def test_intervention_detail_of_other_association_is_404(world: World, client_as: ClientAs) -> None:
    url = detail_url(world.other_intervention)

    response = client_as("admin").get(url)

    assert response.status_code == 404


def test_intervention_detail_shows_every_importmall_field(
    world: World, client_as: ClientAs
) -> None:
    partner = OrganisationFactory.create(association=world.association, name="Försäkringskassan")
    group = SteeringGroupFactory.create(association=world.association, name="Lokusgrupp Norr")
    intervention = InterventionFactory.create(
        association=world.association,
        code="LOTS",
        name="Lotsen till arbete",
        short_name="Lotsen",
        owner=OrganisationFactory.create(association=world.association, name="Kommun Norr"),
        kind=Kind.INDIVIDUAL,
        aim=Aim.PRE_REHABILITATION,
        follow_up=FollowUp.COUNTS,
        start_date=dt.date(2023, 3, 1),
        end_date=dt.date(2025, 2, 28),
        expected_participants=1200,
        steering_group=group,
    )
    intervention.partners.set([partner])

    response = client_as("board").get(detail_url(intervention))

    html = response.content.decode()
    expected_cells = [
        "<dd>LOTS</dd>",
        "<dd>Lotsen till arbete</dd>",
        "<dd>Lotsen</dd>",
        "<dd>Kommun Norr</dd>",
        "<dd>Försäkringskassan</dd>",
        "<dd>Individinsats</dd>",
        "<dd>Förrehabilitering</dd>",
        "<dd>Endast antal</dd>",
        "<dd>2023-03-01</dd>",
        "<dd>2025-02-28</dd>",
        "<dd>1\xa0200</dd>",
        ">Lokusgrupp Norr</a></dd>",
    ]
    assert [cell for cell in expected_cells if cell not in html] == []


def test_intervention_detail_splits_quarterly_budget(world: World, client_as: ClientAs) -> None:
    BudgetFactory.create(intervention=world.intervention_a, year=2023, amount=800_000)
    BudgetFactory.create(intervention=world.intervention_a, year=2024, quarter=1, amount=200_000)
    BudgetFactory.create(intervention=world.intervention_a, year=2024, quarter=3, amount=300_000)

    response = client_as("economist").get(detail_url(world.intervention_a))

    years = [(y.year, y.total, y.quarters) for y in response.context["budget_years"]]
    assert years == [(2023, 800_000, None), (2024, 500_000, [200_000, None, 300_000, None])]


def test_intervention_detail_hides_budget_from_participant_officer(
    world: World, client_as: ClientAs
) -> None:
    BudgetFactory.create(intervention=world.intervention_a, year=2024, amount=123_456)

    response = client_as("participant_officer_a").get(detail_url(world.intervention_a))

    assert ("budget_years" in response.context, "123\xa0456" in response.content.decode()) == (
        False,
        False,
    )


def test_intervention_detail_shows_budget_to_its_intervention_lead(
    world: World, client_as: ClientAs
) -> None:
    BudgetFactory.create(intervention=world.intervention_a, year=2024, amount=123_456)

    response = client_as("intervention_lead_a").get(detail_url(world.intervention_a))

    assert [y.total for y in response.context["budget_years"]] == [123_456]


# --- create and edit ----------------------------------------------------------------------


class TestInterventionCreatePage(PersonaViewCases):
    permission = "interventions.change_intervention"

    def url(self, world: World) -> str:
        return reverse("interventions:create", args=["exempel"])


class TestInterventionCreate(TestInterventionCreatePage):
    method = "post"
    allowed = 302

    def payload(self, world: World) -> dict[str, Any]:
        return valid_post(world)


def test_intervention_create_saves_in_current_association(
    world: World, client_as: ClientAs
) -> None:
    partner = OrganisationFactory.create(association=world.association, name="Region")
    group = SteeringGroupFactory.create(association=world.association)
    data = valid_post(world, partners=[partner.pk], steering_group=group.pk)

    response = client_as("admin").post(reverse("interventions:create", args=["exempel"]), data)

    intervention = Intervention.objects.get(code="STEG")
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "interventions:detail", args=["exempel", intervention.pk]
    )
    assert (
        intervention.association,
        intervention.owner.name,
        list(intervention.partners.all()),
        intervention.steering_group,
        intervention.end_date,
        intervention.expected_participants,
    ) == (world.association, "Arbetsförmedlingen", [partner], group, dt.date(2025, 12, 31), 60)


def test_intervention_create_htmx_post_answers_with_redirect_header(
    world: World, client_as: ClientAs
) -> None:
    response = client_as("admin").post(
        reverse("interventions:create", args=["exempel"]), valid_post(world), HTTP_HX_REQUEST="true"
    )

    intervention = Intervention.objects.get(code="STEG")
    assert (response.status_code, response["HX-Redirect"]) == (
        204,
        detail_url(intervention),
    )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"aim": ""}, "aim", "Ange syfte för en individinsats."),
        (
            {"kind": Kind.STRUCTURAL, "aim": Aim.WORK},
            "aim",
            "Syfte anges bara för individinsatser; lämna fältet tomt.",
        ),
        ({"end_date": "2023-12-31"}, "end_date", "Slutdatum får inte vara före startdatum."),
        ({"code": "A"}, "code", "Det finns redan en insats med koden A."),
        (
            {"code": "Ä B"},
            "code",
            "Koden får bara innehålla bokstäverna A–Z, siffror, - och _ (högst 40 tecken).",
        ),
    ],
)
def test_intervention_create_invalid_input_is_a_field_error(
    world: World,
    client_as: ClientAs,
    changes: dict[str, Any],
    field: str,
    message: str,
) -> None:
    response = client_as("admin").post(
        reverse("interventions:create", args=["exempel"]), valid_post(world, **changes)
    )

    form = response.context["form"]
    assert (response.status_code, form.errors) == (200, {field: [message]})
    assert Intervention.objects.filter(name="Steget vidare").exists() is False


def test_intervention_create_error_keeps_posted_values(world: World, client_as: ClientAs) -> None:
    response = client_as("admin").post(
        reverse("interventions:create", args=["exempel"]), valid_post(world, aim="")
    )

    html = response.content.decode()
    form = response.context["form"]
    assert (form["name"].value(), form["start_date"].value(), form["short_name"].value()) == (
        "Steget vidare",
        "2024-01-01",
        "Steget",
    )
    assert 'value="Steget vidare"' in html
    assert 'value="2024-01-01"' in html


def test_intervention_create_other_association_owner_is_a_form_error(
    world: World, client_as: ClientAs
) -> None:
    foreign = OrganisationFactory.create(association=world.other_association)

    response = client_as("admin").post(
        reverse("interventions:create", args=["exempel"]), valid_post(world, owner=foreign.pk)
    )

    assert list(response.context["form"].errors) == ["owner"]


def test_intervention_create_offers_only_own_organisations(
    world: World, client_as: ClientAs
) -> None:
    OrganisationFactory.create(association=world.other_association, name="Främmande")

    response = client_as("admin").get(reverse("interventions:create", args=["exempel"]))

    form = response.context["form"]
    owners = {org.name for org in form.fields["owner"].queryset}
    partners = {org.name for org in form.fields["partners"].queryset}
    own = {world.intervention_a.owner.name, world.intervention_b.owner.name}
    assert (owners, partners) == (own, own)


class TestInterventionUpdatePage(TestInterventionDetail):
    permission = "interventions.change_intervention"

    def url(self, world: World) -> str:
        return reverse("interventions:update", args=["exempel", world.intervention_a.pk])


def test_intervention_update_keeps_own_code_and_saves(world: World, client_as: ClientAs) -> None:
    intervention = world.intervention_a
    data = valid_post(world, code="A", name="Nytt namn", kind=Kind.STRUCTURAL, aim="")

    response = client_as("admin").post(
        reverse("interventions:update", args=["exempel", intervention.pk]), data
    )

    intervention.refresh_from_db()
    assert response.status_code == 302
    assert (intervention.code, intervention.name, intervention.kind, intervention.aim) == (
        "A",
        "Nytt namn",
        Kind.STRUCTURAL,
        "",
    )


def test_intervention_update_of_other_association_is_404(world: World, client_as: ClientAs) -> None:
    url = reverse("interventions:update", args=["exempel", world.other_intervention.pk])

    response = client_as("admin").post(url, valid_post(world))

    assert response.status_code == 404
    world.other_intervention.refresh_from_db()
    assert world.other_intervention.name == "Insats X"


def test_intervention_update_code_of_other_intervention_is_a_form_error(
    world: World, client_as: ClientAs
) -> None:
    url = reverse("interventions:update", args=["exempel", world.intervention_a.pk])

    response = client_as("admin").post(url, valid_post(world, code="B"))

    assert response.context["form"].errors == {"code": ["Det finns redan en insats med koden B."]}


def test_intervention_create_may_reuse_code_of_other_association(
    world: World, client_as: ClientAs
) -> None:
    response = client_as("admin").post(
        reverse("interventions:create", args=["exempel"]), valid_post(world, code="X")
    )

    assert response.status_code == 302
    assert Intervention.objects.filter(code="X").count() == 2
