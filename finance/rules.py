"""Who may see and change money.

- Office readers (förbundsadministratör, ekonom, styrelse, revisor) see every
  intervention's money; an insatsansvarig sees the rows of their interventions only.
- Cost outcome is submitted by the intervention's insatsansvarig or by the ekonom, and
  approved, rejected and marked paid by the ekonom alone.
- The association's own budget, the status thresholds and status overrides are set by the
  förbundsadministratör or the ekonom.

The object is the association (pages) or an intervention / a cost row (one row).
"""

from __future__ import annotations

from typing import Any

import rules

from tenancy.models import Association, Role
from tenancy.roles import roles_of
from tenancy.rules import (
    association_id_of,
    is_admin,
    is_economist,
    is_intervention_lead,
    is_office_reader,
)


@rules.predicate
def is_lead_here(user: Any, obj: Any) -> bool:
    """For an association: insatsansvarig of any of its interventions; for an intervention
    or one of its rows: insatsansvarig of that intervention."""
    if isinstance(obj, Association):
        association_id = association_id_of(obj)
        return association_id is not None and bool(
            roles_of(user).interventions_with(association_id, Role.INSATSANSVARIG)
        )
    return bool(is_intervention_lead(user, obj))


rules.add_perm("finance.view_money", is_office_reader | is_lead_here)
rules.add_perm("finance.submit_cost", is_economist | is_lead_here)
rules.add_perm("finance.approve_cost", is_economist)
rules.add_perm("finance.view_own_budget", is_office_reader)
rules.add_perm("finance.set_thresholds", is_admin | is_economist)
rules.add_perm("finance.override_status", is_admin | is_economist)
