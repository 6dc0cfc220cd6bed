"""Template tags for showing funding decisions on other apps' pages."""

from __future__ import annotations

from django import template
from django.db.models import QuerySet

from funding.models import FundingDecision
from funding.queries import decisions_for_intervention
from interventions.models import Intervention

register = template.Library()


@register.simple_tag
def intervention_decisions(intervention: Intervention) -> QuerySet[FundingDecision]:
    """The decisions that created or extended the intervention, oldest first."""
    return decisions_for_intervention(intervention)
