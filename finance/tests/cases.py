"""The finance pages' persona cases: a page of one cost row, checked on it."""

from __future__ import annotations

from typing import ClassVar

from django.urls import reverse

from finance.models import CostOutcome
from finance.tests.factories import CostOutcomeFactory
from testing.personas import World
from testing.views import PersonaViewCases


def submitted_cost(world: World) -> CostOutcome:
    """A submitted cost row of intervention A."""
    return CostOutcomeFactory.create(
        intervention=world.intervention_a, status=CostOutcome.Status.SUBMITTED
    )


class CostRowPageCases(PersonaViewCases):
    """A ``finance`` page (``page``) of a submitted cost row of intervention A."""

    page: ClassVar[str]

    def arrange(self, world: World) -> CostOutcome:
        return submitted_cost(world)

    def target(self, world: World) -> CostOutcome:
        return self.arranged

    def url(self, world: World) -> str:
        return reverse(f"finance:{self.page}", args=["exempel", self.arranged.pk])
