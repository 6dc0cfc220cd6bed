from __future__ import annotations

from decimal import Decimal
from io import StringIO

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import decrypt
from django.core.management import CommandError, call_command
from django.db.models import Model, Sum
from django.test import Client, override_settings
from django_scopes import scope

from demo.data import ASSOCIATIONS, DEMO_PASSWORD, FOLLOWUP_DATA, SYSTEM_USERS, demo_emails
from demo.loader import MAX_YEARLY_BUDGET, MIN_YEARLY_BUDGET, DemoLogin
from demo.management.commands.load_demo import format_logins
from demo.tests.loading import load
from funding.models import Outcome
from interventions.models import (
    Aim,
    Budget,
    FollowUp,
    Goal,
    Intervention,
    Kind,
    SteeringGroup,
    SteeringGroupMember,
)
from tenancy.middleware import needs_second_factor
from tenancy.models import (
    Association,
    BoardMember,
    Member,
    Organisation,
    Role,
    RoleAssignment,
    User,
)

pytestmark = pytest.mark.django_db

COUNTED_MODELS: tuple[type[Model], ...] = (
    Association,
    User,
    RoleAssignment,
    Authenticator,
    Member,
    Organisation,
    BoardMember,
    SteeringGroup,
    SteeringGroupMember,
    Intervention,
    Goal,
    Budget,
)


def row_counts() -> dict[str, int]:
    return {model.__name__: model._base_manager.count() for model in COUNTED_MODELS}


def codes_by_association() -> dict[str, list[str]]:
    return {
        association.slug: sorted(
            Intervention.objects.filter(association=association).values_list("code", flat=True)
        )
        for association in Association.objects.order_by("slug")
    }


def granted_codes(slug: str) -> list[str]:
    """Codes of the new interventions that the demo's funding decisions create."""
    data = FOLLOWUP_DATA.get(slug)
    applications = data.applications if data is not None else ()
    return [
        a.code
        for a in applications
        if a.extends is None and a.decision is not None and a.decision.outcome != Outcome.REJECTED
    ]


def association(slug: str) -> Association:
    return Association.objects.get(slug=slug)


def test_load_demo_twice_gives_same_rows_and_codes() -> None:
    load()
    counts, codes = row_counts(), codes_by_association()

    load()

    assert row_counts() == counts
    assert codes_by_association() == codes


def test_load_demo_twice_gives_same_budget_amounts() -> None:
    load()
    first = list(Budget.objects.values_list("intervention__code", "year", "quarter", "amount"))

    load()

    second = list(Budget.objects.values_list("intervention__code", "year", "quarter", "amount"))
    assert sorted(second, key=str) == sorted(first, key=str)


def test_load_demo_keeps_other_associations() -> None:
    other = Association.objects.create(slug="annat", name="Samordningsförbundet Annat")

    load()

    assert list(Association.objects.order_by("slug").values_list("slug", flat=True)) == [
        "annat",
        "exempel",
        "norr",
    ]
    assert Association.objects.get(slug="annat") == other


def test_load_demo_associations_see_only_their_own_interventions() -> None:
    load()
    expected = {
        spec.slug: sorted([i.code for i in spec.interventions] + granted_codes(spec.slug))
        for spec in ASSOCIATIONS
    }

    seen = {}
    for slug in expected:
        with scope(association=association(slug).pk):
            seen[slug] = sorted(Intervention.objects.values_list("code", flat=True))

    assert seen == expected


def test_load_demo_exempel_has_interventions_of_every_kind() -> None:
    load()

    with scope(association=association("exempel").pk):
        interventions = list(Intervention.objects.all())

    assert len(interventions) >= 12
    assert {i.kind for i in interventions} == set(Kind.values)
    assert {i.aim for i in interventions if i.kind == Kind.INDIVIDUAL} == set(Aim.values)
    assert {i.follow_up for i in interventions} == set(FollowUp.values)


def test_load_demo_fee_shares_add_to_100() -> None:
    load()

    totals = {}
    for spec in ASSOCIATIONS:
        with scope(association=association(spec.slug).pk):
            totals[spec.slug] = Member.objects.aggregate(total=Sum("fee_share"))["total"]

    assert totals == {"exempel": Decimal("100.00"), "norr": Decimal("100.00")}


def test_load_demo_budgets_cover_each_year_within_realistic_range() -> None:
    load()

    problems: list[tuple[str, object, object]] = []
    for intervention in Intervention.objects.all():
        assert intervention.end_date is not None
        rows = Budget.objects.filter(intervention=intervention).values_list("year")
        years: dict[int, int] = dict(rows.annotate(total=Sum("amount")))
        expected_years = set(range(intervention.start_date.year, intervention.end_date.year + 1))
        if set(years) != expected_years:
            problems.append((intervention.code, "years", sorted(years)))
        for year, total in years.items():
            if not MIN_YEARLY_BUDGET <= total <= MAX_YEARLY_BUDGET:
                problems.append((intervention.code, year, total))

    assert problems == []


def test_load_demo_every_role_is_held_by_a_demo_user() -> None:
    load()

    held = set(
        RoleAssignment.objects.filter(user__email__in=demo_emails()).values_list("role", flat=True)
    )

    assert held == set(Role.values)


def test_load_demo_participant_officers_have_fixed_totp_secret() -> None:
    load()
    expected = {
        u.email: u.totp_secret
        for spec in ASSOCIATIONS
        for u in spec.users
        if any(role == Role.DELTAGARANSVARIG for role, _code in u.roles)
    }

    secrets = {
        a.user.email: decrypt(a.data["secret"])
        for a in Authenticator.objects.filter(type=Authenticator.Type.TOTP).select_related("user")
    }

    assert secrets == expected
    assert [needs_second_factor(User.objects.get(email=e)) for e in expected] == [False, False]


def test_load_demo_admin_logs_in_and_sees_dashboard() -> None:
    load()
    client = Client()

    logged_in = client.login(email="admin@exempel.se", password=DEMO_PASSWORD)
    response = client.get("/f/exempel/")

    assert logged_in is True
    assert response.status_code == 200


def test_load_demo_norr_admin_gets_404_for_exempel() -> None:
    load()
    client = Client()
    client.login(email="admin@norr.se", password=DEMO_PASSWORD)

    response = client.get("/f/exempel/")

    assert response.status_code == 404


def test_load_demo_prints_every_demo_login() -> None:
    output = load()

    emails = [line.split()[0] for line in output.splitlines() if "@" in line.split(" ")[0]]

    assert emails == [u.email for spec in ASSOCIATIONS for u in spec.users] + [
        u.email for u in SYSTEM_USERS
    ]


@override_settings(DEBUG=False, TESTING=False)
def test_load_demo_refuses_outside_development() -> None:
    with pytest.raises(CommandError):
        call_command("load_demo", stdout=StringIO())

    assert Association.objects.count() == 0


def test_format_logins_lists_roles_and_secret() -> None:
    logins = [
        DemoLogin("a@x.se", ("Ekonom, Förbundet",), None),
        DemoLogin("b@x.se", ("Deltagaransvarig, A", "Deltagaransvarig, B"), "SECRET"),
    ]

    table = format_logins(logins)

    assert table.splitlines()[2:8] == [
        "E-post  Lösenord          Roller               TOTP-hemlighet",
        "------  ----------------  -------------------  --------------",
        "a@x.se  finsam-demo-2026  Ekonom, Förbundet",
        "b@x.se  finsam-demo-2026  Deltagaransvarig, A  SECRET",
        "                          Deltagaransvarig, B",
        "",
    ]
