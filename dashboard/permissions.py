"""The overview pages' entries of the permission table (``tenancy.permissions``).

- The timeline of an intervention (object: the intervention): the office's readers
  (förbundsadministratör, ekonom, styrelse, revisor) and the intervention's insatsansvarig.
- The office's quarter overview, with edit links (object: the association):
  förbundsadministratör and ekonom.
- The board's read-only quarter overview (object: the association): styrelse, revisor, and
  the office so it can preview what the board sees.
"""

from __future__ import annotations

from tenancy.permissions import OFFICE, OFFICE_READERS, declare, declare_intervention_view

declare_intervention_view("dashboard.view_timeline")
declare("dashboard.view_quarter", association_roles=OFFICE)
declare("dashboard.view_board_quarter", association_roles=OFFICE_READERS)
