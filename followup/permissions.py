"""Quarterly, deviation and final reports (entries of ``tenancy.permissions``).

The object is an Intervention or a report/deviation of one (intervention roles apply), or
the Association for the office's lists."""

from __future__ import annotations

from tenancy.permissions import ADMIN, LEAD, declare, declare_intervention_view

# Quarterly and final reports
declare_intervention_view("followup.view_report")
declare("followup.fill_report", intervention_roles=LEAD, path="intervention")
declare("followup.review_report", association_roles=ADMIN)
declare("followup.reopen_report", association_roles=ADMIN)
# Deviation reports
declare_intervention_view("followup.view_deviation")
declare(
    "followup.register_deviation",
    association_roles=ADMIN,
    intervention_roles=LEAD,
    path="intervention",
)
declare("followup.decide_deviation", association_roles=ADMIN)
# The follow-up start page (object: the association): the office's readers see every
# intervention, an insatsansvarig their own (``restrict`` on the interventions).
declare_intervention_view("followup.view_followup", anywhere=True)
