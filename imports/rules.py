"""Named permission rules for the workbook import and export.

The förbundsadministratör imports and exports every sheet except the rows of `Deltagare`;
a deltagaransvarig (of any intervention) imports and exports `Deltagare` rows of their own
interventions. Both open the workbook page, which shows each only what they may do.
"""

from __future__ import annotations

from typing import Any

import rules

from tenancy.models import Role
from tenancy.roles import roles_of
from tenancy.rules import association_id_of, is_admin


@rules.predicate
def is_participant_officer_anywhere(user: Any, obj: Any) -> bool:
    """Deltagaransvarig of at least one intervention of the association ``obj``."""
    association_id = association_id_of(obj)
    return association_id is not None and bool(
        roles_of(user).interventions_with(association_id, Role.DELTAGARANSVARIG)
    )


rules.add_perm("imports.import_workbook", is_admin)
rules.add_perm("imports.export_workbook", is_admin)
rules.add_perm("imports.import_participants", is_participant_officer_anywhere)
rules.add_perm("imports.export_participants", is_participant_officer_anywhere)
rules.add_perm("imports.open_workbook", is_admin | is_participant_officer_anywhere)
