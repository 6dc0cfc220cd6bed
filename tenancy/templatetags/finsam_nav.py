"""Navigation helpers for the layout."""

from __future__ import annotations

from django import template
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def current(context: template.Context, *view_prefixes: str) -> SafeString | str:
    """``aria-current="page"`` when the current view's name starts with one of the prefixes
    (e.g. ``"interventions:"`` or ``"tenancy:member_"``)."""
    request: HttpRequest | None = context.get("request")
    match = getattr(request, "resolver_match", None)
    view_name = getattr(match, "view_name", "") or ""
    if any(
        view_name == p or (p.endswith((":", "_")) and view_name.startswith(p))
        for p in view_prefixes
    ):
        return mark_safe('aria-current="page"')
    return ""
