"""``{% sign_in_providers as providers %}``: the configured external providers for the
login page; ``{% personnummer_invitations_enabled as enabled %}`` for the roles page."""

from __future__ import annotations

from typing import Any

from allauth.socialaccount.adapter import get_adapter
from django import template
from django.conf import settings

from eid.config import finsam_settings

register = template.Library()


@register.simple_tag(takes_context=True)
def sign_in_providers(context: dict[str, Any]) -> list[Any]:
    request = context.get("request")
    if request is None:
        return []
    return list(get_adapter().list_providers(request))


@register.simple_tag
def personnummer_invitations_enabled() -> bool:
    """True when a provider configured in the environment links by personnummer (read from
    the settings, so the roles page costs no query)."""
    providers = getattr(settings, "SOCIALACCOUNT_PROVIDERS", {})
    for key, kind in (("openid_connect", "oidc"), ("saml", "saml")):
        for app in providers.get(key, {}).get("APPS", []):
            if finsam_settings(app.get("settings", {}), kind)["link_by"] == "personnummer":
                return True
    return False
