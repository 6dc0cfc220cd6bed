from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from tenancy.models import Member, MemberKind
from tenancy.tests.pages import AssociationPageCases, ListQueryCountCases, RowPageCases, admin_get
from testing.factories import MemberFactory
from testing.personas import World
from testing.views import ClientAs, each_page

pytestmark = pytest.mark.django_db


def test_member_list_anonymous_redirects_to_login(
    client_as: ClientAs,
) -> None:
    response = client_as(None).get(reverse("tenancy:member_list", args=["exempel"]))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_member_create_saves_in_current_association(world: World, client_as: ClientAs) -> None:
    response = client_as("admin").post(
        reverse("tenancy:member_create", args=["exempel"]),
        {"name": "Region Exempel", "kind": MemberKind.REGION, "fee_share": "25"},
    )

    assert response.status_code == 302
    member = Member.objects.get(name="Region Exempel")
    assert (member.association, member.fee_share) == (world.association, Decimal("25.00"))


def test_member_create_duplicate_name_is_a_form_error(world: World, client_as: ClientAs) -> None:
    MemberFactory.create(association=world.association, name="Region Exempel")

    response = client_as("admin").post(
        reverse("tenancy:member_create", args=["exempel"]),
        {"name": "Region Exempel", "kind": MemberKind.REGION, "fee_share": "25"},
    )

    assert response.status_code == 200
    assert Member.objects.filter(name="Region Exempel").count() == 1


def test_member_detail_of_other_association_is_404(world: World, client_as: ClientAs) -> None:
    foreign = MemberFactory.create(association=world.other_association)

    response = admin_get(client_as, "tenancy:member_detail", foreign.pk)

    assert response.status_code == 404


def test_member_list_warns_when_shares_do_not_add_up(world: World, client_as: ClientAs) -> None:
    MemberFactory.create(association=world.association, fee_share=Decimal("50"))
    MemberFactory.create(association=world.association, fee_share=Decimal("25"))

    response = client_as("admin").get(reverse("tenancy:member_list", args=["exempel"]))

    assert response.context["fee_share_total"] == Decimal("75")
    assert response.context["fee_shares_ok"] is False


class TestMemberListQueryCount(ListQueryCountCases):
    view = "tenancy:member_list"
    queries = 10

    def rows(self, world: World, count: int) -> None:
        MemberFactory.create_batch(count, association=world.association)


class TestMemberPages(AssociationPageCases):
    case = each_page(
        {"permission": "tenancy.view_masterdata", "view": "tenancy:member_list"},
        {"permission": "tenancy.change_masterdata", "view": "tenancy:member_create"},
    )


class TestMemberUpdate(RowPageCases):
    permission = "tenancy.change_masterdata"
    view = "tenancy:member_update"
    method = "post"
    data = {"name": "Nytt namn", "kind": MemberKind.KOMMUN, "fee_share": "10"}
    allowed = 302

    def arrange(self, world: World) -> Member:
        return MemberFactory.create(association=world.association)
