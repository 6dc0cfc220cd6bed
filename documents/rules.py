"""Who may read and write the follow-up memo."""

from __future__ import annotations

import rules

from tenancy.rules import is_admin, is_office_reader

# förbundsadministratör, ekonom, styrelse and revisor read the (suppressed) memo
rules.add_perm("documents.view_memo", is_office_reader)
# the version without disclosure control: rule ``stats.view_unsuppressed`` (the office)
# the office writes the texts and uploads the Word template
rules.add_perm("documents.edit_memo", is_admin)
