"""Cases by URL name for pages whose URL names the association and at most one row: who
may open them (``PersonaViewCases``) and how many queries a list asks."""

from __future__ import annotations

from typing import Any, ClassVar

import pytest
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from testing.personas import World
from testing.views import ClientAs, PersonaViewCases


def admin_get(client_as: ClientAs, view: str, *args: int) -> Any:
    """The association's admin GETs the page ``view`` of "exempel" (with ``args``)."""
    return client_as("admin").get(reverse(view, args=["exempel", *args]))


class AssociationPageCases(PersonaViewCases):
    """A page whose URL names only the association: ``view`` is its URL name."""

    view: ClassVar[str]

    def url(self, world: World) -> str:
        return reverse(self.view, args=[world.association.slug])


class RowPageCases(AssociationPageCases):
    """A page of the row ``arrange`` makes: its URL names the association and the row."""

    def url(self, world: World) -> str:
        return reverse(self.view, args=[world.association.slug, self.arranged.pk])


@pytest.mark.django_db
class ListQueryCountCases:
    """A list page asks as many queries (``queries``) for three rows as for one: ``rows``
    makes ``count`` rows, then ``persona`` opens ``view`` (with ``query``)."""

    view: ClassVar[str]
    queries: ClassVar[int]
    persona: ClassVar[str] = "admin"
    query: ClassVar[str] = ""

    def rows(self, world: World, count: int) -> None:
        raise NotImplementedError

    @pytest.mark.parametrize("count", [1, 3])
    def test_query_count(
        self,
        world: World,
        client_as: ClientAs,
        django_assert_num_queries: DjangoAssertNumQueries,
        count: int,
    ) -> None:
        self.rows(world, count)
        client = client_as(self.persona)

        with django_assert_num_queries(self.queries):
            client.get(reverse(self.view, args=[world.association.slug]) + self.query)
