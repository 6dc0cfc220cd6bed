from __future__ import annotations

import pytest
from django.urls import reverse

from tenancy.models import Role, RoleAssignment
from tenancy.services import assign_role
from tenancy.tests.pages import AssociationPageCases, ListQueryCountCases, RowPageCases, admin_get
from testing.factories import UserFactory
from testing.personas import World
from testing.views import ClientAs, each_page

pytestmark = pytest.mark.django_db


def assignment_of(world: World, persona: str) -> RoleAssignment:
    return RoleAssignment.objects.get(user=world.users[persona])


class TestRoleList(AssociationPageCases):
    permission = "tenancy.manage_roles"
    view = "tenancy:role_list"


class TestRoleAssignPage(TestRoleList):
    view = "tenancy:role_assign"


class TestRevokeRole(RowPageCases):
    permission = "tenancy.manage_roles"
    view = "tenancy:revoke_role"
    case = each_page({"method": "get"}, {"method": "post", "allowed": 302})

    def arrange(self, world: World) -> RoleAssignment:
        return assignment_of(world, "board")


def test_role_list_shows_only_users_with_roles_here(world: World, client_as: ClientAs) -> None:
    UserFactory.create(email="utan-roll@example.se")
    stranger = UserFactory.create(email="annat-forbund@example.se")
    assign_role(user=stranger, role=Role.EKONOM, association=world.other_association)
    host = UserFactory.create(email="drift@example.se")
    assign_role(user=host, role=Role.SYSTEMADMINISTRATOR)

    response = client_as("admin").get(reverse("tenancy:role_list", args=["exempel"]))

    listed = sorted(holder.user.email for holder in response.context["holders"])
    expected = sorted(user.email for name, user in world.users.items() if name != "outsider")
    assert listed == expected
    content = response.content.decode()
    assert (
        "utan-roll@" in content,
        "annat-forbund@" in content,
        "drift@" in content,
        "outsider@" in content,
    ) == (False, False, False, False)


def test_role_list_shows_intervention_of_intervention_roles(
    world: World, client_as: ClientAs
) -> None:
    assign_role(
        user=world.users["intervention_lead_a"],
        role=Role.INSATSANSVARIG,
        association=world.association,
        intervention=world.intervention_b,
    )

    response = client_as("admin").get(reverse("tenancy:role_list", args=["exempel"]))

    holder = next(
        h for h in response.context["holders"] if h.user == world.users["intervention_lead_a"]
    )
    assert [(a.role, a.intervention.code) for a in holder.assignments] == [
        (Role.INSATSANSVARIG, "A"),
        (Role.INSATSANSVARIG, "B"),
    ]


def test_role_assign_intervention_role_without_intervention_is_a_form_error(
    world: World, client_as: ClientAs
) -> None:
    response = client_as("admin").post(
        reverse("tenancy:role_assign", args=["exempel"]),
        {"email": world.users["economist"].email, "role": Role.DELTAGARANSVARIG},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "intervention": ["Välj insats: rollen Deltagaransvarig gäller en insats."]
    }


def test_role_assign_intervention_of_other_association_is_refused(
    world: World, client_as: ClientAs
) -> None:
    response = client_as("admin").post(
        reverse("tenancy:role_assign", args=["exempel"]),
        {
            "email": world.users["economist"].email,
            "role": Role.INSATSANSVARIG,
            "intervention": world.other_intervention.pk,
        },
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["intervention"]
    assert world.users["economist"].role_assignments.count() == 1


def test_role_assign_system_administrator_is_refused(world: World, client_as: ClientAs) -> None:
    response = client_as("admin").post(
        reverse("tenancy:role_assign", args=["exempel"]),
        {"email": world.users["economist"].email, "role": Role.SYSTEMADMINISTRATOR},
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["role"]
    assert RoleAssignment.objects.filter(role=Role.SYSTEMADMINISTRATOR).count() == 0


def test_revoke_role_get_only_confirms(world: World, client_as: ClientAs) -> None:
    assignment = assignment_of(world, "board")

    response = admin_get(client_as, "tenancy:revoke_role", assignment.pk)

    assert response.status_code == 200
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists() is True


def test_revoke_role_removes_access_on_next_request(world: World, client_as: ClientAs) -> None:
    board_client = client_as("board")
    dashboard = reverse("dashboard", args=["exempel"])
    assert board_client.get(dashboard).status_code == 200
    assignment = assignment_of(world, "board")

    response = client_as("admin").post(
        reverse("tenancy:revoke_role", args=["exempel", assignment.pk])
    )

    assert response.status_code == 302
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists() is False
    assert board_client.get(dashboard).status_code == 404


def test_revoke_role_of_other_association_is_404(world: World, client_as: ClientAs) -> None:
    foreign = assignment_of(world, "outsider")
    client = client_as("admin")
    url = reverse("tenancy:revoke_role", args=["exempel", foreign.pk])

    statuses = (client.get(url).status_code, client.post(url).status_code)

    assert statuses == (404, 404)
    assert RoleAssignment.objects.filter(pk=foreign.pk).exists() is True


class TestRoleListQueryCount(ListQueryCountCases):
    view = "tenancy:role_list"
    queries = 10

    def rows(self, world: World, count: int) -> None:
        for user in UserFactory.create_batch(count):
            assign_role(user=user, role=Role.EKONOM, association=world.association)
            assign_role(
                user=user,
                role=Role.INSATSANSVARIG,
                association=world.association,
                intervention=world.intervention_a,
            )
