"""Who may see and change the ledger and the annual report (declared here, once).

- ekonom and förbundsadministratör import SIE files, edit the mapping and adopt reports;
- styrelse and revisor read the ledger page and the annual report as well;
- ekonom and förbundsadministratör write the management report's texts.

The object is the association.
"""

from __future__ import annotations

import rules

from tenancy.rules import is_admin, is_economist, is_office_reader

rules.add_perm("ledger.view_ledger", is_office_reader)
rules.add_perm("ledger.import_ledger", is_admin | is_economist)
rules.add_perm("ledger.change_mapping", is_admin | is_economist)
rules.add_perm("ledger.view_annual_report", is_office_reader)
rules.add_perm("ledger.adopt_annual_report", is_admin | is_economist)
# the office writes the management report's texts (section 2.8) until the report is adopted
rules.add_perm("ledger.change_annual_report_texts", is_admin | is_economist)
