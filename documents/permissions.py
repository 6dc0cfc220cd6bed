"""Who may read and write the follow-up memo (entries of ``tenancy.permissions``)."""

from __future__ import annotations

from tenancy.permissions import ADMIN, OFFICE_READERS, declare

# förbundsadministratör, ekonom, styrelse and revisor read the (suppressed) memo
declare("documents.view_memo", association_roles=OFFICE_READERS)
# the version without disclosure control: ``stats.view_unsuppressed`` (the office)
# the office writes the texts and uploads the Word template
declare("documents.edit_memo", association_roles=ADMIN)
