from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tenancy.models import Role, RoleAssignment
from tenancy.roles import associations_for, roles_of
from tenancy.services import assign_role, revoke_role
from testing.factories import AssociationFactory, InterventionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_assign_role_refuses_participant_officer_who_is_admin() -> None:
    association = AssociationFactory.create()
    intervention = InterventionFactory.create(association=association)
    user = UserFactory.create()
    assign_role(user=user, role=Role.FORBUNDSADMINISTRATOR, association=association)

    with pytest.raises(ValidationError) as error:
        assign_role(
            user=user,
            role=Role.DELTAGARANSVARIG,
            association=association,
            intervention=intervention,
        )

    assert "både deltagaransvarig och förbundsadministratör" in error.value.messages[0]
    assert RoleAssignment.objects.filter(user=user).count() == 1


def test_assign_role_refuses_admin_who_is_participant_officer() -> None:
    association = AssociationFactory.create()
    intervention = InterventionFactory.create(association=association)
    user = UserFactory.create()
    assign_role(
        user=user, role=Role.DELTAGARANSVARIG, association=association, intervention=intervention
    )

    with pytest.raises(ValidationError):
        assign_role(user=user, role=Role.FORBUNDSADMINISTRATOR, association=association)


def test_assign_role_allows_both_roles_in_different_associations() -> None:
    first, second = AssociationFactory.create(), AssociationFactory.create()
    intervention = InterventionFactory.create(association=second)
    user = UserFactory.create()
    assign_role(user=user, role=Role.FORBUNDSADMINISTRATOR, association=first)
    assign_role(
        user=user, role=Role.DELTAGARANSVARIG, association=second, intervention=intervention
    )

    assert list(associations_for(user)) == sorted([first, second], key=lambda a: a.name)


def test_assign_role_refuses_intervention_of_other_association() -> None:
    association, other = AssociationFactory.create(), AssociationFactory.create()
    foreign = InterventionFactory.create(association=other)

    with pytest.raises(ValidationError):
        assign_role(
            user=UserFactory.create(),
            role=Role.INSATSANSVARIG,
            association=association,
            intervention=foreign,
        )


def test_assign_role_requires_intervention_for_intervention_roles() -> None:
    with pytest.raises(ValidationError):
        assign_role(
            user=UserFactory.create(),
            role=Role.DELTAGARANSVARIG,
            association=AssociationFactory.create(),
        )


def test_role_assignment_constraint_refuses_intervention_role_without_intervention() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(
            user=UserFactory.create(),
            association=AssociationFactory.create(),
            role=Role.INSATSANSVARIG,
        )


def test_role_assignment_constraint_refuses_duplicate() -> None:
    association = AssociationFactory.create()
    user = UserFactory.create()
    RoleAssignment.objects.create(user=user, association=association, role=Role.EKONOM)

    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(user=user, association=association, role=Role.EKONOM)


def test_revoke_role_takes_effect_for_the_same_user_object() -> None:
    association = AssociationFactory.create()
    user = UserFactory.create()
    assignment = assign_role(user=user, role=Role.EKONOM, association=association)
    assert roles_of(user).in_association(association.pk) == {Role.EKONOM}

    revoke_role(assignment=assignment)

    assert roles_of(user).in_association(association.pk) == frozenset()
