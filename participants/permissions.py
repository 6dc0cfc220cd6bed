"""Who may touch participant data: only a deltagaransvarig assigned to the intervention
(entries of ``tenancy.permissions``). Everyone else sees counts only
(``participants.view_counts``)."""

from __future__ import annotations

from tenancy.permissions import ADMIN, OFFICER, declare

# Object: a Participation or an Intervention (or a row with a participation).
declare("participants.view_participation", intervention_roles=OFFICER, path="intervention")
declare("participants.change_participation", intervention_roles=OFFICER, path="intervention")
# Object: the association.
declare("participants.view_counts", any_role=True)
declare("participants.change_activities", association_roles=ADMIN)
declare("participants.manage_retention", association_roles=ADMIN)
# The office-led withdrawal of consent in every intervention (docs/privacy.md).
declare("participants.withdraw_consent_everywhere", association_roles=ADMIN)
# The exact counts for the national follow-up system: the office reports them.
declare("participants.report_national_counts", association_roles=ADMIN)
# A deltagaransvarig of any intervention makes the access report of their interventions.
declare("participants.make_access_report", intervention_roles=OFFICER)
# A deltagaransvarig of any intervention searches by personnummer (hits: their own).
declare("participants.search_participants", intervention_roles=OFFICER)
