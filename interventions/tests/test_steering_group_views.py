from __future__ import annotations

import pytest
from django.urls import reverse

from interventions.models import SteeringGroup, SteeringGroupMember, SteeringGroupRole
from tenancy.tests.pages import ListQueryCountCases
from testing.factories import InterventionFactory, OrganisationFactory, SteeringGroupFactory
from testing.personas import World
from testing.views import ClientAs, PersonaViewCases, each_page

pytestmark = pytest.mark.django_db


def url(name: str, *args: int) -> str:
    return reverse(f"interventions:{name}", args=["exempel", *args])


def add_member(group: SteeringGroup, name: str = "Anna Ek") -> SteeringGroupMember:
    return SteeringGroupMember.objects.create(
        association=group.association, steering_group=group, name=name
    )


# --- list and detail ----------------------------------------------------------------------


class TestSteeringGroupPages(PersonaViewCases):
    """The list and the create page, both the association's."""

    page: str
    case = each_page(
        {"permission": "tenancy.view_masterdata", "page": "steeringgroup_list"},
        {"permission": "tenancy.change_masterdata", "page": "steeringgroup_create"},
    )

    def url(self, world: World) -> str:
        return url(self.page)


def test_steeringgroup_list_shows_own_groups_with_counts_and_interventions(
    world: World, client_as: ClientAs
) -> None:
    group = SteeringGroupFactory.create(association=world.association, name="Lokus Norr")
    add_member(group, "Anna")
    add_member(group, "Bertil")
    world.intervention_a.steering_group = group
    world.intervention_a.save()
    SteeringGroupFactory.create(association=world.other_association, name="Annans grupp")

    response = client_as("board").get(url("steeringgroup_list"))

    rows = [
        (g.name, g.member_count, [i.code for i in g.interventions.all()])
        for g in response.context["object_list"]
    ]
    assert rows == [("Lokus Norr", 2, ["A"])]


class TestSteeringGroupListQueryCount(ListQueryCountCases):
    """Session, user, roles, association, groups with member counts, their interventions,
    the user's associations, and the session saved (savepoint, update, release)."""

    view = "interventions:steeringgroup_list"
    queries = 10

    def rows(self, world: World, count: int) -> None:
        for group in SteeringGroupFactory.create_batch(count, association=world.association):
            add_member(group)
            InterventionFactory.create(association=world.association, steering_group=group)


class TestSteeringGroupDetail(PersonaViewCases):
    """A page about one group (the group, or its member, is the permission object)."""

    permission = "tenancy.view_masterdata"
    view = "steeringgroup_detail"

    def arrange(self, world: World) -> SteeringGroup | SteeringGroupMember:
        return SteeringGroupFactory.create(association=world.association)

    def target(self, world: World) -> SteeringGroup | SteeringGroupMember:
        return self.arranged

    def url(self, world: World) -> str:
        return url(self.view, self.arranged.pk)


def test_steeringgroup_detail_shows_members_and_interventions(
    world: World, client_as: ClientAs
) -> None:
    group = SteeringGroupFactory.create(association=world.association)
    organisation = OrganisationFactory.create(association=world.association, name="Region")
    SteeringGroupMember.objects.create(
        association=world.association,
        steering_group=group,
        name="Cecilia",
        organisation=organisation,
        role=SteeringGroupRole.CHAIR,
    )
    world.intervention_b.steering_group = group
    world.intervention_b.save()

    response = client_as("admin").get(url("steeringgroup_detail", group.pk))

    obj = response.context["object"]
    members = [(m.name, m.organisation.name, m.role) for m in obj.members.all()]
    assert members == [("Cecilia", "Region", SteeringGroupRole.CHAIR)]
    assert [i.code for i in obj.interventions.all()] == ["B"]


def test_steeringgroup_detail_of_other_association_is_404(
    world: World, client_as: ClientAs
) -> None:
    foreign = SteeringGroupFactory.create(association=world.other_association)

    response = client_as("admin").get(url("steeringgroup_detail", foreign.pk))

    assert response.status_code == 404


# --- create and edit ----------------------------------------------------------------------


def test_steeringgroup_create_saves_in_current_association(
    world: World, client_as: ClientAs
) -> None:
    response = client_as("admin").post(url("steeringgroup_create"), {"name": "Lokus Syd"})

    group = SteeringGroup.objects.get(name="Lokus Syd")
    assert (response.status_code, response["Location"], group.association) == (
        302,
        url("steeringgroup_detail", group.pk),
        world.association,
    )


def test_steeringgroup_create_duplicate_name_is_a_form_error(
    world: World, client_as: ClientAs
) -> None:
    SteeringGroupFactory.create(association=world.association, name="Lokus Syd")

    response = client_as("admin").post(url("steeringgroup_create"), {"name": "Lokus Syd"})

    assert response.context["form"].errors == {
        "name": ["Det finns redan en styrgrupp som heter Lokus Syd."]
    }
    assert response.context["form"]["name"].value() == "Lokus Syd"


def test_steeringgroup_create_may_reuse_name_of_other_association(
    world: World, client_as: ClientAs
) -> None:
    SteeringGroupFactory.create(association=world.other_association, name="Lokus Syd")

    response = client_as("admin").post(url("steeringgroup_create"), {"name": "Lokus Syd"})

    assert response.status_code == 302


class TestSteeringGroupUpdatePage(TestSteeringGroupDetail):
    permission = "tenancy.change_masterdata"
    view = "steeringgroup_update"


def test_steeringgroup_update_renames(world: World, client_as: ClientAs) -> None:
    group = SteeringGroupFactory.create(association=world.association, name="Gammalt")

    response = client_as("admin").post(url("steeringgroup_update", group.pk), {"name": "Nytt"})

    group.refresh_from_db()
    assert (response.status_code, group.name) == (302, "Nytt")


def test_steeringgroup_update_of_other_association_is_404(
    world: World, client_as: ClientAs
) -> None:
    foreign = SteeringGroupFactory.create(association=world.other_association, name="Annat")

    response = client_as("admin").post(url("steeringgroup_update", foreign.pk), {"name": "X"})

    foreign.refresh_from_db()
    assert (response.status_code, foreign.name) == (404, "Annat")


# --- members ------------------------------------------------------------------------------


class TestSteeringGroupMemberCreatePage(TestSteeringGroupUpdatePage):
    view = "steeringgroupmember_create"


def test_steeringgroupmember_create_saves_in_group(world: World, client_as: ClientAs) -> None:
    group = SteeringGroupFactory.create(association=world.association)
    organisation = OrganisationFactory.create(association=world.association)

    response = client_as("admin").post(
        url("steeringgroupmember_create", group.pk),
        {"name": "Doris", "organisation": organisation.pk, "role": SteeringGroupRole.CO_OPTED},
    )

    member = SteeringGroupMember.objects.get(name="Doris")
    assert (response.status_code, response["Location"]) == (
        302,
        url("steeringgroup_detail", group.pk),
    )
    assert (member.association, member.steering_group, member.organisation, member.role) == (
        world.association,
        group,
        organisation,
        SteeringGroupRole.CO_OPTED,
    )


def test_steeringgroupmember_create_with_other_association_organisation_is_a_form_error(
    world: World, client_as: ClientAs
) -> None:
    group = SteeringGroupFactory.create(association=world.association)
    foreign = OrganisationFactory.create(association=world.other_association)

    response = client_as("admin").post(
        url("steeringgroupmember_create", group.pk),
        {"name": "Doris", "organisation": foreign.pk, "role": SteeringGroupRole.MEMBER},
    )

    form = response.context["form"]
    assert (list(form.errors), form["name"].value()) == (["organisation"], "Doris")
    assert SteeringGroupMember.objects.count() == 0


def test_steeringgroupmember_create_in_other_association_group_is_404(
    world: World, client_as: ClientAs
) -> None:
    foreign = SteeringGroupFactory.create(association=world.other_association)

    response = client_as("admin").post(
        url("steeringgroupmember_create", foreign.pk),
        {"name": "Doris", "role": SteeringGroupRole.MEMBER},
    )

    assert response.status_code == 404
    assert SteeringGroupMember.objects.count() == 0


class TestSteeringGroupMemberUpdatePage(TestSteeringGroupUpdatePage):
    view = "steeringgroupmember_update"

    def arrange(self, world: World) -> SteeringGroupMember:
        return add_member(SteeringGroupFactory.create(association=world.association))

    def url(self, world: World) -> str:
        return url(self.view, self.arranged.steering_group.pk, self.arranged.pk)


def test_steeringgroupmember_update_changes_role(world: World, client_as: ClientAs) -> None:
    group = SteeringGroupFactory.create(association=world.association)
    member = add_member(group, "Erik")

    response = client_as("admin").post(
        url("steeringgroupmember_update", group.pk, member.pk),
        {"name": "Erik", "organisation": "", "role": SteeringGroupRole.CHAIR},
    )

    member.refresh_from_db()
    assert (response.status_code, member.role) == (302, SteeringGroupRole.CHAIR)


def test_steeringgroupmember_update_under_another_group_is_404(
    world: World, client_as: ClientAs
) -> None:
    group = SteeringGroupFactory.create(association=world.association)
    other_group = SteeringGroupFactory.create(association=world.association)
    member = add_member(other_group)

    response = client_as("admin").get(url("steeringgroupmember_update", group.pk, member.pk))

    assert response.status_code == 404


class TestSteeringGroupMemberDelete(TestSteeringGroupMemberUpdatePage):
    view = "steeringgroupmember_delete"
    case = each_page({"method": "get"}, {"method": "post", "allowed": 302})


def test_steeringgroupmember_delete_removes_member(world: World, client_as: ClientAs) -> None:
    group = SteeringGroupFactory.create(association=world.association)
    member = add_member(group)
    kept = add_member(group, "Kvar")

    response = client_as("admin").post(url("steeringgroupmember_delete", group.pk, member.pk))

    assert (response.status_code, response["Location"]) == (
        302,
        url("steeringgroup_detail", group.pk),
    )
    assert list(SteeringGroupMember.objects.all()) == [kept]


def test_steeringgroupmember_delete_of_other_association_is_404(
    world: World, client_as: ClientAs
) -> None:
    foreign_group = SteeringGroupFactory.create(association=world.other_association)
    member = add_member(foreign_group)

    response = client_as("admin").post(
        url("steeringgroupmember_delete", foreign_group.pk, member.pk)
    )

    assert response.status_code == 404
    assert list(SteeringGroupMember.objects.all()) == [member]
