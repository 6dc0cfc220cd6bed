"""The ledger and the annual report (entries of ``tenancy.permissions``).

- ekonom and förbundsadministratör import SIE files, edit the mapping and adopt reports;
- styrelse and revisor read the ledger page and the annual report as well.

The object is the association.
"""

from __future__ import annotations

from tenancy.permissions import OFFICE, OFFICE_READERS, declare

declare("ledger.view_ledger", association_roles=OFFICE_READERS)
declare("ledger.import_ledger", association_roles=OFFICE)
declare("ledger.change_mapping", association_roles=OFFICE)
declare("ledger.view_annual_report", association_roles=OFFICE_READERS)
declare("ledger.adopt_annual_report", association_roles=OFFICE)
# the office writes the management report's texts (section 2.8) until the report is adopted
declare("ledger.change_annual_report_texts", association_roles=OFFICE)
