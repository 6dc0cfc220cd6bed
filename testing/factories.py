"""factory-boy factories for tenant data. Create objects inside ``scopes_disabled()`` or
an association scope (the conftest's autouse fixture disables scopes for test bodies)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import factory

from interventions.models import Aim, Budget, FollowUp, Goal, Intervention, Kind, SteeringGroup
from tenancy.models import Association, BoardMember, Member, MemberKind, Organisation, User


class AssociationFactory(factory.django.DjangoModelFactory[Association]):
    class Meta:
        model = Association
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"forbund-{n}")
    name = factory.Sequence(lambda n: f"Samordningsförbundet {n}")


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.se")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.django.Password("lösenord-för-test")


class TenantRowFactory(factory.django.DjangoModelFactory[Any]):
    """Base of a factory for a row of one association (a new association unless given)."""

    class Meta:
        abstract = True

    association = factory.SubFactory(AssociationFactory)


class MemberFactory(TenantRowFactory):
    class Meta:
        model = Member

    name = factory.Sequence(lambda n: f"Kommun {n}")
    kind = MemberKind.KOMMUN
    fee_share = Decimal("25.00")


class OrganisationFactory(TenantRowFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")


class BoardMemberFactory(TenantRowFactory):
    class Meta:
        model = BoardMember

    name = factory.Sequence(lambda n: f"Ledamot {n}")
    appointed_by = factory.SubFactory(
        MemberFactory, association=factory.SelfAttribute("..association")
    )
    party = "S"
    term_start = dt.date(2023, 1, 1)
    term_end = dt.date(2026, 12, 31)


class SteeringGroupFactory(TenantRowFactory):
    class Meta:
        model = SteeringGroup

    name = factory.Sequence(lambda n: f"Styrgrupp {n}")


class PlanFactory(TenantRowFactory):
    """Base of the intervention's and the application's factories: the owner and the
    kind, aim and follow-up an application carries into its intervention."""

    class Meta:
        abstract = True

    owner = factory.SubFactory(
        OrganisationFactory, association=factory.SelfAttribute("..association")
    )
    kind = Kind.INDIVIDUAL
    aim = Aim.WORK
    follow_up = FollowUp.PERSONAL_DATA


class InterventionFactory(PlanFactory):
    class Meta:
        model = Intervention

    code = factory.Sequence(lambda n: f"INS{n:03d}")
    name = factory.Sequence(lambda n: f"Insats {n}")
    start_date = dt.date(2022, 1, 1)
    end_date = dt.date(2024, 12, 31)
    expected_participants = 40


class CountedInterventionFactory(InterventionFactory):
    """A structural intervention followed up by counts only (no personal data, no aim)."""

    kind = Kind.STRUCTURAL
    aim: Any = ""
    follow_up = FollowUp.COUNTS


class InterventionRowFactory(factory.django.DjangoModelFactory[Any]):
    """Base of a factory for a row of one intervention, in the intervention's association."""

    class Meta:
        abstract = True

    intervention = factory.SubFactory(InterventionFactory)
    association = factory.SelfAttribute("intervention.association")


class GoalFactory(InterventionRowFactory):
    class Meta:
        model = Goal

    text = "Deltagarna ska komma närmare arbete eller studier."
    target = "35 % till arbete eller studier"


class BudgetFactory(InterventionRowFactory):
    class Meta:
        model = Budget

    year = 2022
    quarter = None
    amount = 1_000_000


def identity_record(person: Any, intervention: Intervention) -> Any:
    """The identity record of ``person`` in ``intervention`` (created with a dummy
    encrypted value when missing), for tests that write participations directly: a
    participation with a person needs the record of its intervention."""
    from participants.models import IdentityRecord

    record, _created = IdentityRecord.objects.get_or_create(
        association_id=intervention.association_id,
        intervention=intervention,
        person=person,
        defaults={"pnr_encrypted": f"encrypted-{person.pnr_hash}"},
    )
    return record
