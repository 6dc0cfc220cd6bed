"""The load test's accounts in a generated association of the national host
(``bench.load.prepare``): they log in with the demo password and have the roles the
simulated users need."""

from __future__ import annotations

import datetime as dt

import pytest
from django_scopes import scope

from bench.load.accounts import EXTRA_OFFICERS, board, extra_officer, office, officers
from bench.load.prepare import prepare
from bench.national import generate
from tenancy.models import Association, Role, RoleAssignment, User


def test_accounts_of_a_generated_association_are_its_own() -> None:
    assert (office("nat-00"), board("nat-00"), officers("nat-00")[0]) == (
        "load.office@nat-00.bench.invalid",
        "load.board@nat-00.bench.invalid",
        extra_officer(0, "nat-00")[:2],
    )


@pytest.mark.django_db
def test_prepare_creates_office_board_and_officers_once() -> None:
    generate(1, 0.003, None)
    association = Association.objects.get(slug="nat-00")

    first = prepare("nat-00", today=dt.date(2026, 1, 1))
    again = prepare("nat-00", today=dt.date(2026, 1, 1))

    with scope(association=association.pk):
        roles = sorted(
            RoleAssignment.objects.filter(user__email__endswith="nat-00.bench.invalid")
            .values_list("role", flat=True)
            .distinct()
        )
        officer = User.objects.get(email=extra_officer(3, "nat-00")[0])
    assert (
        first == again,
        roles,
        User.objects.filter(email__endswith="@nat-00.bench.invalid").count(),
        officer.check_password("finsam-demo-2026"),
    ) == (
        True,
        sorted([Role.FORBUNDSADMINISTRATOR, Role.STYRELSE, Role.DELTAGARANSVARIG]),
        2 + EXTRA_OFFICERS,
        True,
    )
