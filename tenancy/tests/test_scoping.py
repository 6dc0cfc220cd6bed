from __future__ import annotations

import pytest
from django_scopes import scope, scopes_disabled
from django_scopes.exceptions import ScopeError

from interventions.models import Intervention
from tenancy.models import Member
from testing.factories import AssociationFactory, InterventionFactory, MemberFactory

pytestmark = pytest.mark.django_db


def test_unscoped_query_on_tenant_data_raises() -> None:
    with scope(), pytest.raises(ScopeError):
        list(Member.objects.all())


def test_unscoped_intervention_query_raises() -> None:
    with scope(), pytest.raises(ScopeError):
        Intervention.objects.filter(code="A").first()


def test_scoped_query_sees_only_its_association() -> None:
    with scopes_disabled():
        mine, other = AssociationFactory.create(), AssociationFactory.create()
        MemberFactory.create(association=mine, name="Min kommun")
        MemberFactory.create(association=other, name="Annan kommun")
        InterventionFactory.create(association=other)

    with scope(association=mine.pk):
        assert [m.name for m in Member.objects.all()] == ["Min kommun"]
        assert Intervention.objects.count() == 0
