"""Who may see figures without disclosure control: the office (förbundsadministratör).
Every other reader of aggregates (ekonom, styrelse, revisor, ...) gets suppressed tables."""

from __future__ import annotations

from tenancy.permissions import ADMIN, declare

declare("stats.view_unsuppressed", association_roles=ADMIN)
