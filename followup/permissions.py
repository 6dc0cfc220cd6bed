"""Quarterly, deviation and final reports (entries of ``tenancy.permissions``).

The object is an Intervention or a report/deviation of one (intervention roles apply), or
the Association for the office's lists."""

from __future__ import annotations

from tenancy.permissions import ADMIN, LEAD, OFFICE_READERS, declare

# Quarterly and final reports
declare(
    "followup.view_report",
    association_roles=OFFICE_READERS,
    intervention_roles=LEAD,
    path="intervention",
)
declare("followup.fill_report", intervention_roles=LEAD, path="intervention")
declare("followup.review_report", association_roles=ADMIN)
declare("followup.reopen_report", association_roles=ADMIN)
# Deviation reports
declare(
    "followup.view_deviation",
    association_roles=OFFICE_READERS,
    intervention_roles=LEAD,
    path="intervention",
)
declare(
    "followup.register_deviation",
    association_roles=ADMIN,
    intervention_roles=LEAD,
    path="intervention",
)
declare("followup.decide_deviation", association_roles=ADMIN)
# The follow-up start page (object: the association): the office's readers see every
# intervention, an insatsansvarig their own (``restrict`` on the interventions).
declare(
    "followup.view_followup",
    association_roles=OFFICE_READERS,
    intervention_roles=LEAD,
    path="intervention",
    anywhere=True,
)
