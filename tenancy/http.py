"""The typed request of Finsam's views, so that code reads ``request.association`` and
``request.user`` without ``type: ignore``.

Nothing builds a ``TenantRequest``: it describes the ``HttpRequest`` Django passes after
the middleware has run. ``TenantMiddleware`` sets ``association`` on every request (the
association of a tenant URL ``/f/<association>/``, None elsewhere); a view that requires a
signed-in user (every ``TenantView``, ``LoginRequiredMixin``) sees Finsam's ``User``.
"""

from __future__ import annotations

from typing import cast

from django.http import HttpRequest

from tenancy.models import Association, User


class TenantRequest(HttpRequest):
    #: Set by ``TenantMiddleware``: the URL's association, None outside tenant URLs.
    association: Association | None
    #: The signed-in user, inside a view that requires one.
    user: User


def tenant_request(request: HttpRequest) -> TenantRequest:
    """The request as the middleware left it (the one place that says so to the type
    checker): ``association`` set, and inside a ``TenantView`` a signed-in ``User``."""
    return cast(TenantRequest, request)
