"""Interventions, goals, steering groups and budgets (entries of ``tenancy.permissions``)."""

from __future__ import annotations

from tenancy.permissions import (
    ADMIN,
    OFFICE,
    declare,
    declare_intervention_view,
)

declare("interventions.view_intervention", any_role=True)
declare("interventions.change_intervention", association_roles=ADMIN)
declare_intervention_view("interventions.view_budget")
declare("interventions.change_budget", association_roles=OFFICE)
