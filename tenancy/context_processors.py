from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from tenancy.invitations import pending_for
from tenancy.roles import associations_for


def tenancy(request: HttpRequest) -> dict[str, Any]:
    """The current association and the user's other associations, for the layout."""
    user = getattr(request, "user", None)  # none on a 400 raised before the auth middleware
    if user is None or not user.is_authenticated:
        return {}
    association = getattr(request, "association", None)
    return {
        "association": association,
        "my_associations": associations_for(user),
        # Pages outside an association (start page, account pages) link to the user's
        # pending invitations; association pages do not spend a query on it.
        "pending_invitations": 0 if association is not None else len(pending_for(user)),
    }
