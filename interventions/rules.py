"""Named permission rules for interventions, goals, steering groups and budgets."""

from __future__ import annotations

import rules

from tenancy.rules import (
    has_any_role,
    is_admin,
    is_economist,
    is_intervention_lead,
    is_office_reader,
)

rules.add_perm("interventions.view_intervention", has_any_role)
rules.add_perm("interventions.change_intervention", is_admin)
rules.add_perm("interventions.view_budget", is_office_reader | is_intervention_lead)
rules.add_perm("interventions.change_budget", is_admin | is_economist)
