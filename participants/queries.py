"""Reads of participant data that depend on the user. Run inside the association scope."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from interventions.models import Intervention
from participants.models import Participation
from tenancy.models import Association, Role
from tenancy.roles import roles_of


def officer_intervention_ids(user: Any, association: Association) -> frozenset[int]:
    """Interventions whose participants this user may read (deltagaransvarig there)."""
    return roles_of(user).interventions_with(association.pk, Role.DELTAGARANSVARIG)


def participations_for(user: Any, association: Association) -> QuerySet[Participation]:
    """The participations a user may read: those of interventions where they are
    deltagaransvarig. Pages, exports and imports all start here."""
    return Participation.objects.filter(
        intervention_id__in=officer_intervention_ids(user, association)
    )


def officer_interventions(user: Any, association: Association) -> QuerySet[Intervention]:
    return Intervention.objects.filter(
        id__in=officer_intervention_ids(user, association)
    ).in_display_order()
