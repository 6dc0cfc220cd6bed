"""Who may do what with the indicator survey. Answers are anonymous, so the survey's
pages are office pages; no rule here opens participant data."""

from __future__ import annotations

from typing import Any

import rules

from participants.rules import is_officer_in_association
from tenancy.models import Role
from tenancy.roles import roles_of
from tenancy.rules import association_id_of, is_admin, is_office_reader


@rules.predicate
def is_lead_in_association(user: Any, obj: Any) -> bool:
    """Insatsansvarig for at least one intervention of the association."""
    association_id = association_id_of(obj)
    if association_id is None:
        return False
    return bool(roles_of(user).interventions_with(association_id, Role.INSATSANSVARIG))


# Object: the association.
rules.add_perm("survey.view_survey", is_office_reader | is_lead_in_association)
rules.add_perm("survey.manage_links", is_admin)
rules.add_perm("survey.change_comments", is_admin)
# Paper forms: the office for every form, an insatsansvarig for their interventions'
# participant and staff forms (the form offers only those).
rules.add_perm("survey.enter_answers", is_admin | is_lead_in_association)

# Progression: the association defines instruments; assessments are personal data
# (``participants.view_participation`` on the participation, checked in the services).
rules.add_perm("survey.manage_progression", is_admin)
rules.add_perm("survey.assess_progression", is_officer_in_association)
