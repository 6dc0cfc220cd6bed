"""The workbook import and export (entries of ``tenancy.permissions``).

The förbundsadministratör imports and exports every sheet except the rows of `Deltagare`;
a deltagaransvarig (of any intervention) imports and exports `Deltagare` rows of their own
interventions. Both open the workbook page, which shows each only what they may do.
"""

from __future__ import annotations

from tenancy.permissions import ADMIN, OFFICER, declare

declare("imports.import_workbook", association_roles=ADMIN)
declare("imports.export_workbook", association_roles=ADMIN)
declare("imports.import_participants", intervention_roles=OFFICER)
declare("imports.export_participants", intervention_roles=OFFICER)
declare("imports.open_workbook", association_roles=ADMIN, intervention_roles=OFFICER)
