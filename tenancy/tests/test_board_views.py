from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tenancy.models import BoardMember, BoardRole, BoardSeat
from tenancy.tests.pages import AssociationPageCases, ListQueryCountCases, RowPageCases
from testing.factories import BoardMemberFactory, MemberFactory
from testing.personas import World
from testing.views import ClientAs, each_page

pytestmark = pytest.mark.django_db


def board_post(appointed_by: int, **changes: str) -> dict[str, str | int]:
    data: dict[str, str | int] = {
        "name": "Anna Andersson",
        "seat": BoardSeat.ORDINARIE,
        "role": BoardRole.LEDAMOT,
        "appointed_by": appointed_by,
        "party": "C",
        "term_start": "2023-01-01",
        "term_end": "2026-12-31",
    }
    data.update(changes)
    return data


def test_board_list_groups_members_and_substitutes_in_role_order(
    world: World, client_as: ClientAs
) -> None:
    member = BoardMemberFactory.create(association=world.association, name="Bo Ledamot")
    chair = BoardMemberFactory.create(
        association=world.association, name="Ör Ordförande", role=BoardRole.ORDFORANDE
    )
    vice = BoardMemberFactory.create(
        association=world.association, name="Ada Vice", role=BoardRole.VICE_ORDFORANDE
    )
    substitute = BoardMemberFactory.create(
        association=world.association, name="Eva Ersättare", seat=BoardSeat.ERSATTARE
    )
    BoardMemberFactory.create(association=world.other_association, name="Annat Förbund")

    response = client_as("board").get(reverse("tenancy:board_list", args=["exempel"]))

    groups = [(str(heading), rows) for heading, rows in response.context["groups"]]
    assert groups == [
        ("Ordinarie ledamöter", [chair, vice, member]),
        ("Ersättare", [substitute]),
    ]


def test_board_list_marks_ended_term(world: World, client_as: ClientAs) -> None:
    BoardMemberFactory.create(
        association=world.association,
        term_start=dt.date(2019, 1, 1),
        term_end=dt.date(2022, 12, 31),
    )

    response = client_as("admin").get(reverse("tenancy:board_list", args=["exempel"]))

    assert response.content.decode().count("Mandatperioden har gått ut") == 1


def test_board_create_saves_in_current_association(world: World, client_as: ClientAs) -> None:
    appointing = MemberFactory.create(association=world.association)

    response = client_as("admin").post(
        reverse("tenancy:board_create", args=["exempel"]), board_post(appointing.pk)
    )

    assert response.status_code == 302
    saved = BoardMember.objects.get(name="Anna Andersson")
    assert (saved.association, saved.appointed_by, saved.term_end) == (
        world.association,
        appointing,
        dt.date(2026, 12, 31),
    )


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        (
            {"term_start": "2024-01-01", "term_end": "2023-12-31"},
            {"term_end": ["Mandatperioden kan inte sluta före den börjar (2024-01-01)."]},
        ),
        (
            {"seat": BoardSeat.ERSATTARE, "role": BoardRole.ORDFORANDE},
            {"role": ["En ersättare kan inte vara ordförande eller vice ordförande."]},
        ),
    ],
    ids=["term-end-before-start", "substitute-as-chair"],
)
def test_board_create_inconsistent_input_is_a_form_error(
    world: World, client_as: ClientAs, changes: dict[str, str], errors: dict[str, list[str]]
) -> None:
    appointing = MemberFactory.create(association=world.association)

    response = client_as("admin").post(
        reverse("tenancy:board_create", args=["exempel"]), board_post(appointing.pk, **changes)
    )

    assert response.status_code == 200
    assert response.context["form"].errors == errors
    assert BoardMember.objects.count() == 0


def test_board_create_appointing_member_of_other_association_is_refused(
    world: World, client_as: ClientAs
) -> None:
    foreign = MemberFactory.create(association=world.other_association)

    response = client_as("admin").post(
        reverse("tenancy:board_create", args=["exempel"]), board_post(foreign.pk)
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["appointed_by"]
    assert BoardMember.objects.count() == 0


def test_board_update_changes_role(world: World, client_as: ClientAs) -> None:
    board_member = BoardMemberFactory.create(association=world.association)

    response = client_as("admin").post(
        reverse("tenancy:board_update", args=["exempel", board_member.pk]),
        board_post(board_member.appointed_by_id, role=BoardRole.ORDFORANDE),
    )

    assert response.status_code == 302
    board_member.refresh_from_db()
    assert (board_member.name, board_member.role) == ("Anna Andersson", BoardRole.ORDFORANDE)


def test_board_update_of_other_association_is_404(world: World, client_as: ClientAs) -> None:
    foreign = BoardMemberFactory.create(association=world.other_association)

    response = client_as("admin").post(
        reverse("tenancy:board_update", args=["exempel", foreign.pk]),
        board_post(foreign.appointed_by_id),
    )

    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.name != "Anna Andersson"


class TestBoardListQueryCount(ListQueryCountCases):
    view = "tenancy:board_list"
    queries = 9

    def rows(self, world: World, count: int) -> None:
        BoardMemberFactory.create_batch(count, association=world.association)


class TestBoardPages(AssociationPageCases):
    case = each_page(
        {"permission": "tenancy.view_masterdata", "view": "tenancy:board_list"},
        {"permission": "tenancy.change_masterdata", "view": "tenancy:board_create"},
    )


class TestBoardUpdatePage(RowPageCases):
    permission = "tenancy.change_masterdata"
    view = "tenancy:board_update"

    def arrange(self, world: World) -> BoardMember:
        return BoardMemberFactory.create(association=world.association)


class TestBoardUpdate(TestBoardUpdatePage):
    method = "post"
    allowed = 302

    def payload(self, world: World) -> dict[str, str | int]:
        return board_post(self.arranged.appointed_by_id)
