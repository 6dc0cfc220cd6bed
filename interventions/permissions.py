"""Interventions, goals, steering groups and budgets (entries of ``tenancy.permissions``)."""

from __future__ import annotations

from tenancy.permissions import ADMIN, LEAD, OFFICE, OFFICE_READERS, declare

declare("interventions.view_intervention", any_role=True)
declare("interventions.change_intervention", association_roles=ADMIN)
declare(
    "interventions.view_budget",
    association_roles=OFFICE_READERS,
    intervention_roles=LEAD,
    path="intervention",
)
declare("interventions.change_budget", association_roles=OFFICE)
