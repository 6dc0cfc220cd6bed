"""Named permission rules for quarterly, deviation and final reports.

The object is an Intervention or a report/deviation of one (intervention roles apply), or
the Association for the office's lists."""

from __future__ import annotations

from typing import Any

import rules

from tenancy.models import Role
from tenancy.roles import roles_of
from tenancy.rules import association_id_of, is_admin, is_intervention_lead, is_office_reader

# Quarterly and final reports
rules.add_perm("followup.view_report", is_office_reader | is_intervention_lead)
rules.add_perm("followup.fill_report", is_intervention_lead)
rules.add_perm("followup.review_report", is_admin)
rules.add_perm("followup.reopen_report", is_admin)
# Deviation reports
rules.add_perm("followup.view_deviation", is_office_reader | is_intervention_lead)
rules.add_perm("followup.register_deviation", is_intervention_lead | is_admin)
rules.add_perm("followup.decide_deviation", is_admin)


@rules.predicate
def leads_an_intervention(user: Any, obj: Any) -> bool:
    """An insatsansvarig of any intervention of the association ``obj``."""
    association_id = association_id_of(obj)
    if association_id is None:
        return False
    return bool(roles_of(user).interventions_with(association_id, Role.INSATSANSVARIG))


# The follow-up start page (object: the association): the office's readers see every
# intervention, an insatsansvarig their own.
rules.add_perm("followup.view_followup", is_office_reader | leads_an_intervention)
