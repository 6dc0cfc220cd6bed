"""Named permission rules for applications, assessments and funding decisions.

The office and the board's readers see applications; the förbundsadministratör registers
them, writes the assessment and records the decision the board made in its meeting."""

from __future__ import annotations

import rules

from tenancy.rules import is_admin, is_economist, is_office_reader

rules.add_perm("funding.view_application", is_office_reader)
rules.add_perm("funding.change_application", is_admin)
rules.add_perm("funding.assess_application", is_admin)
rules.add_perm("funding.record_decision", is_admin)

# The economic information (decision room): the office and the board read it; the office
# (förbundsadministratör, ekonom) tries pending applications in or out (the what-if).
rules.add_perm("funding.view_economic_information", is_office_reader)
rules.add_perm("funding.try_economic_information", is_admin | is_economist)
rules.add_perm("funding.change_equity_brackets", is_admin | is_economist)
rules.add_perm("funding.change_own_budget", is_admin | is_economist)
