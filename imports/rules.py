"""Named permission rules for the workbook import and export."""

from __future__ import annotations

import rules

from tenancy.rules import is_admin

rules.add_perm("imports.import_workbook", is_admin)
rules.add_perm("imports.export_workbook", is_admin)
