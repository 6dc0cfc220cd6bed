"""The indicator survey (entries of ``tenancy.permissions``). Answers are anonymous, so the
survey's pages are office pages; no entry here opens participant data."""

from __future__ import annotations

from tenancy.permissions import ADMIN, LEAD, OFFICE_READERS, OFFICER, declare

# Object: the association.
declare("survey.view_survey", association_roles=OFFICE_READERS, intervention_roles=LEAD)
declare("survey.manage_links", association_roles=ADMIN)
declare("survey.change_comments", association_roles=ADMIN)
# Paper forms: the office for every form and intervention, an insatsansvarig for their
# interventions' participant and staff forms (``restrict`` on the interventions offered).
declare(
    "survey.enter_answers",
    association_roles=ADMIN,
    intervention_roles=LEAD,
    path="intervention",
    anywhere=True,
)
# Progression: the association defines instruments; assessments are personal data
# (``participants.view_participation`` on the participation, checked in the services).
declare("survey.manage_progression", association_roles=ADMIN)
declare("survey.assess_progression", intervention_roles=OFFICER)
