from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from tenancy.roles import associations_for


def tenancy(request: HttpRequest) -> dict[str, Any]:
    """The current association and the user's other associations, for the layout."""
    user = getattr(request, "user", None)  # none on a 400 raised before the auth middleware
    if user is None or not user.is_authenticated:
        return {}
    return {
        "association": getattr(request, "association", None),
        "my_associations": associations_for(user),
    }
