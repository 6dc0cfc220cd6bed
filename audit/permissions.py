"""Who reads the access log (an entry of ``tenancy.permissions``): the loggranskare."""

from __future__ import annotations

from tenancy.models import Role
from tenancy.permissions import declare

declare("audit.view_log", association_roles={Role.LOGGRANSKARE})
