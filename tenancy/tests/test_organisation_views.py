from __future__ import annotations

import pytest
from django.urls import reverse

from tenancy.models import Organisation
from tenancy.tests.pages import AssociationPageCases, ListQueryCountCases, RowPageCases, admin_get
from testing.factories import InterventionFactory, MemberFactory, OrganisationFactory
from testing.personas import World
from testing.views import ClientAs

pytestmark = pytest.mark.django_db


def test_organisation_list_counts_owned_and_partner_interventions(
    world: World, client_as: ClientAs
) -> None:
    organisation = OrganisationFactory.create(association=world.association, name="Aaa Kommun")
    InterventionFactory.create(association=world.association, owner=organisation)
    InterventionFactory.create(association=world.association, owner=organisation)
    world.intervention_a.partners.add(organisation)

    response = client_as("board").get(reverse("tenancy:organisation_list", args=["exempel"]))

    first = response.context["object_list"][0]
    assert (first, first.owned_count, first.partner_count) == (organisation, 2, 1)


def test_organisation_list_shows_only_current_association(
    world: World, client_as: ClientAs
) -> None:
    foreign = OrganisationFactory.create(association=world.other_association)

    response = client_as("admin").get(reverse("tenancy:organisation_list", args=["exempel"]))

    assert [o.association_id for o in response.context["object_list"]] == [
        world.association.pk,
        world.association.pk,
    ]
    assert foreign.name not in response.content.decode()


def test_organisation_detail_lists_owned_and_partner_interventions(
    world: World, client_as: ClientAs
) -> None:
    owner = world.intervention_a.owner
    world.intervention_b.partners.add(owner)

    response = admin_get(client_as, "tenancy:organisation_detail", owner.pk)

    assert (list(response.context["owned"]), list(response.context["partnered"])) == (
        [world.intervention_a],
        [world.intervention_b],
    )


def test_organisation_detail_of_other_association_is_404(world: World, client_as: ClientAs) -> None:
    foreign = OrganisationFactory.create(association=world.other_association)

    response = admin_get(client_as, "tenancy:organisation_detail", foreign.pk)

    assert response.status_code == 404


def test_organisation_update_of_other_association_is_404(world: World, client_as: ClientAs) -> None:
    foreign = OrganisationFactory.create(association=world.other_association, name="Gammalt")

    response = client_as("admin").post(
        reverse("tenancy:organisation_update", args=["exempel", foreign.pk]),
        {"name": "Nytt namn"},
    )

    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.name == "Gammalt"


def test_organisation_create_saves_with_member(world: World, client_as: ClientAs) -> None:
    member = MemberFactory.create(association=world.association)

    response = client_as("admin").post(
        reverse("tenancy:organisation_create", args=["exempel"]),
        {"name": "Socialtjänsten", "member": member.pk},
    )

    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Socialtjänsten")
    assert (organisation.association, organisation.member) == (world.association, member)


def test_organisation_create_without_member_saves(world: World, client_as: ClientAs) -> None:
    response = client_as("admin").post(
        reverse("tenancy:organisation_create", args=["exempel"]), {"name": "Fristående"}
    )

    assert response.status_code == 302
    assert Organisation.objects.get(name="Fristående").member is None


def test_organisation_create_member_of_other_association_is_refused(
    world: World, client_as: ClientAs
) -> None:
    foreign = MemberFactory.create(association=world.other_association)

    response = client_as("admin").post(
        reverse("tenancy:organisation_create", args=["exempel"]),
        {"name": "Socialtjänsten", "member": foreign.pk},
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["member"]
    assert Organisation.objects.filter(name="Socialtjänsten").count() == 0


def test_organisation_create_duplicate_name_is_a_form_error(
    world: World, client_as: ClientAs
) -> None:
    OrganisationFactory.create(association=world.association, name="Socialtjänsten")

    response = client_as("admin").post(
        reverse("tenancy:organisation_create", args=["exempel"]), {"name": "Socialtjänsten"}
    )

    assert response.status_code == 200
    assert Organisation.objects.filter(name="Socialtjänsten").count() == 1


class TestOrganisationListQueryCount(ListQueryCountCases):
    view = "tenancy:organisation_list"
    queries = 9

    def rows(self, world: World, count: int) -> None:
        member = MemberFactory.create(association=world.association)
        for organisation in OrganisationFactory.create_batch(
            count, association=world.association, member=member
        ):
            InterventionFactory.create(association=world.association, owner=organisation)
            world.intervention_a.partners.add(organisation)


class TestOrganisationList(AssociationPageCases):
    permission = "tenancy.view_masterdata"
    view = "tenancy:organisation_list"


class TestOrganisationCreatePage(AssociationPageCases):
    permission = "tenancy.change_masterdata"
    view = "tenancy:organisation_create"


class TestOrganisationCreate(TestOrganisationCreatePage):
    method = "post"
    data = {"name": "Socialtjänsten"}
    allowed = 302


class TestOrganisationDetail(RowPageCases):
    permission = "tenancy.view_masterdata"
    view = "tenancy:organisation_detail"

    def arrange(self, world: World) -> Organisation:
        return OrganisationFactory.create(association=world.association)


class TestOrganisationUpdatePage(TestOrganisationDetail):
    permission = "tenancy.change_masterdata"
    view = "tenancy:organisation_update"
