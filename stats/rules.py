"""Who may see figures without disclosure control: the office (förbundsadministratör).
Every other reader of aggregates (ekonom, styrelse, revisor, ...) gets suppressed tables."""

from __future__ import annotations

import rules

from tenancy.rules import is_admin

rules.add_perm("stats.view_unsuppressed", is_admin)
