"""Who may see and change money (entries of ``tenancy.permissions``).

- Office readers (förbundsadministratör, ekonom, styrelse, revisor) see every
  intervention's money; an insatsansvarig sees the rows of their interventions only.
- Cost outcome is submitted by the intervention's insatsansvarig or by the ekonom, and
  approved, rejected and marked paid by the ekonom alone.
- The association's own budget, the status thresholds and status overrides are set by the
  förbundsadministratör or the ekonom.

The object is the association (pages: an insatsansvarig of any intervention opens them,
and sees their own rows) or an intervention / a cost row (one row).
"""

from __future__ import annotations

from tenancy.models import Role
from tenancy.permissions import LEAD, OFFICE, OFFICE_READERS, declare, declare_intervention_view

declare_intervention_view("finance.view_money", anywhere=True)
declare(
    "finance.submit_cost",
    association_roles={Role.EKONOM},
    intervention_roles=LEAD,
    path="intervention",
    anywhere=True,
)
declare("finance.approve_cost", association_roles={Role.EKONOM})
declare("finance.view_own_budget", association_roles=OFFICE_READERS)
declare("finance.set_thresholds", association_roles=OFFICE)
declare("finance.override_status", association_roles=OFFICE)
