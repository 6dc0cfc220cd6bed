"""View cases by URL name, for pages whose URL names the association and at most one row."""

from __future__ import annotations

from typing import ClassVar

from django.urls import reverse

from testing.personas import World
from testing.views import PersonaViewCases


class AssociationPageCases(PersonaViewCases):
    """A page whose URL names only the association: ``view`` is its URL name."""

    view: ClassVar[str]

    def url(self, world: World) -> str:
        return reverse(self.view, args=[world.association.slug])


class RowPageCases(AssociationPageCases):
    """A page of the row ``arrange`` makes: its URL names the association and the row."""

    def url(self, world: World) -> str:
        return reverse(self.view, args=[world.association.slug, self.arranged.pk])
