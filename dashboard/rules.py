"""Named permission rules of the overview pages.

- The timeline of an intervention (object: the intervention): the office's readers
  (förbundsadministratör, ekonom, styrelse, revisor) and the intervention's insatsansvarig.
- The office's quarter overview, with edit links (object: the association):
  förbundsadministratör and ekonom.
- The board's read-only quarter overview (object: the association): styrelse, revisor, and
  the office so it can preview what the board sees.
"""

from __future__ import annotations

import rules

from tenancy.rules import is_admin, is_economist, is_intervention_lead, is_office_reader

rules.add_perm("dashboard.view_timeline", is_office_reader | is_intervention_lead)
rules.add_perm("dashboard.view_quarter", is_admin | is_economist)
rules.add_perm("dashboard.view_board_quarter", is_office_reader)
