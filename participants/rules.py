"""Who may touch participant data: only a deltagaransvarig assigned to the intervention.
Everyone else sees counts only (``participants.view_counts``)."""

from __future__ import annotations

from typing import Any

import rules

from tenancy.models import Role
from tenancy.roles import roles_of
from tenancy.rules import (
    association_id_of,
    has_any_role,
    has_association_role,
    has_intervention_role,
    is_admin,
)

is_participant_officer = has_intervention_role(Role.DELTAGARANSVARIG)


@rules.predicate
def is_officer_in_association(user: Any, obj: Any) -> bool:
    """Deltagaransvarig for at least one intervention of the association."""
    association_id = association_id_of(obj)
    if association_id is None:
        return False
    return bool(roles_of(user).interventions_with(association_id, Role.DELTAGARANSVARIG))


# Object: a Participation or an Intervention.
rules.add_perm("participants.view_participation", is_participant_officer)
rules.add_perm("participants.change_participation", is_participant_officer)
# Object: the association.
rules.add_perm("participants.view_counts", has_any_role)
rules.add_perm("participants.change_activities", is_admin)
rules.add_perm("participants.manage_retention", is_admin)
# The office-led withdrawal of consent in every intervention (docs/privacy.md).
rules.add_perm("participants.withdraw_consent_everywhere", is_admin)
# The exact counts for the national follow-up system: the office reports them.
rules.add_perm("participants.report_national_counts", is_admin)
rules.add_perm("participants.make_access_report", is_officer_in_association)
rules.add_perm("audit.view_log", has_association_role(Role.LOGGRANSKARE))
