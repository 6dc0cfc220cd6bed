"""The installation's external sign-in providers, from the environment.

``FINSAM_SSO_PROVIDERS`` (or a file named by ``FINSAM_SSO_PROVIDERS_FILE``) holds a JSON
list; each entry is one OpenID Connect provider or SAML identity provider (see
docs/e-id.md). The entries become django-allauth's ``SOCIALACCOUNT_PROVIDERS`` apps; rows
of allauth's ``SocialApp`` model work as well, with the same ``settings`` (the Finsam part
under ``settings["finsam"]``).

This module is read by ``finsam/settings.py``: it imports nothing from Django's models.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ImproperlyConfigured

#: Levels of assurance that count as a second factor unless a provider names its own:
#: Swedish "substantial" (LoA3) and above, and eIDAS substantial/high.
DEFAULT_SUFFICIENT_LEVELS = (
    "http://id.elegnamnden.se/loa/1.0/loa3",
    "http://id.elegnamnden.se/loa/1.0/loa4",
    "http://id.elegnamnden.se/loa/1.0/eidas-sub",
    "http://id.elegnamnden.se/loa/1.0/eidas-high",
    "http://eidas.europa.eu/LoA/substantial",
    "http://eidas.europa.eu/LoA/high",
)
#: The attribute that links an identity to an account: a verified e-mail address (staff
#: identity providers) or the personnummer (e-ID).
LINK_BY = ("email", "personnummer")
#: Where the personnummer usually is: the Sweden Connect / Swedish e-ID attribute.
DEFAULT_PERSONNUMMER_CLAIM = "personal_number"
DEFAULT_PERSONNUMMER_ATTRIBUTE = "urn:oid:1.2.752.29.4.13"
_KINDS = ("oidc", "saml")


def _finsam_part(entry: dict[str, Any], kind: str) -> dict[str, Any]:
    link_by = entry.get("link_by", "email")
    if link_by not in LINK_BY:
        raise ImproperlyConfigured(f"FINSAM_SSO_PROVIDERS: link_by must be one of {LINK_BY}.")
    default_claim = DEFAULT_PERSONNUMMER_CLAIM if kind == "oidc" else DEFAULT_PERSONNUMMER_ATTRIBUTE
    return {
        "link_by": link_by,
        "personnummer_claim": entry.get("personnummer_claim", default_claim),
        "sufficient_levels": list(entry.get("sufficient_levels", DEFAULT_SUFFICIENT_LEVELS)),
        # Staff identity providers vouch for the address they send (SITHS, the
        # organisation's directory); an OpenID provider must also say email_verified.
        "trust_email": bool(entry.get("trust_email", kind == "saml")),
    }


def _oidc_app(entry: dict[str, Any]) -> dict[str, Any]:
    settings: dict[str, Any] = {
        "server_url": entry["server_url"],
        # Claims come from the signed ID token only (the user info answer is not signed).
        "fetch_userinfo": False,
        "finsam": _finsam_part(entry, "oidc"),
    }
    if entry.get("acr_values"):
        settings["auth_params"] = {"acr_values": " ".join(entry["acr_values"])}
    if entry.get("scope"):
        settings["scope"] = entry["scope"]
    if entry.get("token_endpoint"):
        settings["openid_configuration_overrides"] = {"token_endpoint": entry["token_endpoint"]}
    return {
        "provider_id": entry["id"],
        "name": entry["name"],
        "client_id": entry["client_id"],
        "secret": entry.get("secret", ""),
        "settings": settings,
    }


def _saml_app(entry: dict[str, Any]) -> dict[str, Any]:
    advanced = {
        "want_assertion_signed": True,
        "want_message_signed": bool(entry.get("want_message_signed", False)),
        "reject_idp_initiated_sso": True,
        "strict": True,
    }
    if entry.get("requested_authn_context"):
        advanced["requested_authn_context"] = entry["requested_authn_context"]
    settings: dict[str, Any] = {
        "idp": {
            "entity_id": entry["idp_entity_id"],
            "sso_url": entry["sso_url"],
            "x509cert": entry["x509cert"],
        },
        "attribute_mapping": entry.get(
            "attribute_mapping",
            {
                "email": ["urn:oid:0.9.2342.19200300.100.1.3", "mail"],
                "first_name": ["urn:oid:2.5.4.42", "givenName"],
                "last_name": ["urn:oid:2.5.4.4", "sn"],
            },
        ),
        "advanced": advanced,
        "finsam": _finsam_part(entry, "saml"),
    }
    if entry.get("slo_url"):
        settings["idp"]["slo_url"] = entry["slo_url"]
    if entry.get("sp_entity_id"):
        settings["sp"] = {"entity_id": entry["sp_entity_id"]}
    return {
        "provider_id": entry["id"],
        "name": entry["name"],
        # allauth names a SAML app by its client id ("organization slug") in the URLs.
        "client_id": entry["id"],
        "settings": settings,
    }


def socialaccount_providers(raw: str | None) -> dict[str, Any]:
    """``SOCIALACCOUNT_PROVIDERS`` for the JSON list ``raw`` (None or empty: none)."""
    providers: dict[str, Any] = {
        "openid_connect": {"APPS": [], "provider_class": "eid.providers.OpenIDConnectProvider"},
        "saml": {"APPS": [], "provider_class": "eid.providers.SAMLProvider"},
    }
    if not raw:
        return providers
    try:
        entries = json.loads(raw)
    except json.JSONDecodeError as error:
        raise ImproperlyConfigured(f"FINSAM_SSO_PROVIDERS is not JSON: {error}") from None
    if not isinstance(entries, list):
        raise ImproperlyConfigured("FINSAM_SSO_PROVIDERS must be a JSON list.")
    seen: set[str] = set()
    for entry in entries:
        if not isinstance(entry, dict) or entry.get("kind") not in _KINDS:
            raise ImproperlyConfigured(
                'Each FINSAM_SSO_PROVIDERS entry needs "kind": oidc or saml.'
            )
        if not entry.get("id") or entry["id"] in seen:
            raise ImproperlyConfigured('Each FINSAM_SSO_PROVIDERS entry needs a unique "id".')
        seen.add(entry["id"])
        try:
            if entry["kind"] == "oidc":
                providers["openid_connect"]["APPS"].append(_oidc_app(entry))
            else:
                providers["saml"]["APPS"].append(_saml_app(entry))
        except KeyError as error:
            raise ImproperlyConfigured(
                f"FINSAM_SSO_PROVIDERS entry {entry['id']!r} lacks {error.args[0]!r}."
            ) from None
    return providers


def finsam_settings(app_settings: dict[str, Any], kind: str) -> dict[str, Any]:
    """The Finsam part of an app's settings, with defaults (also for ``SocialApp`` rows)."""
    return _finsam_part(dict(app_settings.get("finsam", {})), kind)
