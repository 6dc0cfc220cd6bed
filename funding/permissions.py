"""Applications, assessments and funding decisions (entries of ``tenancy.permissions``).

The office and the board's readers see applications; the förbundsadministratör registers
them, writes the assessment and records the decision the board made in its meeting."""

from __future__ import annotations

from tenancy.permissions import ADMIN, OFFICE, OFFICE_READERS, declare

declare("funding.view_application", association_roles=OFFICE_READERS)
declare("funding.change_application", association_roles=ADMIN)
declare("funding.assess_application", association_roles=ADMIN)
declare("funding.record_decision", association_roles=ADMIN)

# The economic information (decision room): the office and the board read it; the office
# (förbundsadministratör, ekonom) tries pending applications in or out (the what-if).
declare("funding.view_economic_information", association_roles=OFFICE_READERS)
declare("funding.try_economic_information", association_roles=OFFICE)
declare("funding.change_equity_brackets", association_roles=OFFICE)
declare("funding.change_own_budget", association_roles=OFFICE)
