"""Who may touch participant data: only a deltagaransvarig assigned to the intervention.
Everyone else sees counts only (``participants.view_counts``)."""

from __future__ import annotations

import rules

from tenancy.models import Role
from tenancy.rules import has_any_role, has_association_role, has_intervention_role, is_admin

is_participant_officer = has_intervention_role(Role.DELTAGARANSVARIG)

# Object: a Participation or an Intervention.
rules.add_perm("participants.view_participation", is_participant_officer)
rules.add_perm("participants.change_participation", is_participant_officer)
# Object: the association.
rules.add_perm("participants.view_counts", has_any_role)
rules.add_perm("participants.change_activities", is_admin)
rules.add_perm("participants.manage_retention", is_admin)
rules.add_perm("audit.view_log", has_association_role(Role.LOGGRANSKARE))
