"""The follow-up pages' persona cases: a page of one intervention, checked on it; ``url``
of a follow-up page of association Exempel."""

from __future__ import annotations

from typing import Any, ClassVar

from django.urls import reverse

from interventions.models import Intervention
from testing.personas import World
from testing.views import ClientAs, PersonaViewCases


def url(name: str, *args: int) -> str:
    """The ``followup`` page ``name`` of association Exempel, with ``args`` after it."""
    return reverse(f"followup:{name}", args=["exempel", *args])


class InterventionPageCases(PersonaViewCases):
    """A ``followup`` page of intervention A (``which``), checked on it; ``page`` names the
    URL, whose arguments after the intervention are ``more_args``. Every persona opens A's
    page, and intervention_lead_a also B's, where they hold no role."""

    which = "a"
    page: ClassVar[str]
    more_args: ClassVar[tuple[int, ...]] = ()

    def intervention(self, world: World) -> Intervention:
        return world.intervention_a if self.which == "a" else world.intervention_b

    def target(self, world: World) -> Any:
        return self.intervention(world)

    def url(self, world: World) -> str:
        return url(self.page, self.intervention(world).pk, *self.more_args)

    def test_by_the_lead_of_another_intervention(self, world: World, client_as: ClientAs) -> None:
        self.which = "b"
        self.test_view_by_persona(world, client_as, "intervention_lead_a")
