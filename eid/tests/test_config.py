from __future__ import annotations

import json

import pytest
from django.core.exceptions import ImproperlyConfigured

from eid.config import DEFAULT_SUFFICIENT_LEVELS, finsam_settings, socialaccount_providers


def test_socialaccount_providers_without_configuration_has_no_apps() -> None:
    providers = socialaccount_providers(None)

    assert (providers["openid_connect"]["APPS"], providers["saml"]["APPS"]) == ([], [])


def test_socialaccount_providers_builds_one_app_per_entry() -> None:
    raw = json.dumps(
        [
            {
                "kind": "oidc",
                "id": "bankid",
                "name": "BankID",
                "server_url": "https://broker.example",
                "client_id": "finsam",
                "secret": "s",
                "link_by": "personnummer",
                "acr_values": ["http://id.elegnamnden.se/loa/1.0/loa3"],
            },
            {
                "kind": "saml",
                "id": "region",
                "name": "Region (SITHS)",
                "idp_entity_id": "https://idp.region.example",
                "sso_url": "https://idp.region.example/sso",
                "x509cert": "MIIC",
            },
        ]
    )

    providers = socialaccount_providers(raw)

    oidc = providers["openid_connect"]["APPS"][0]
    saml = providers["saml"]["APPS"][0]
    assert (oidc["provider_id"], oidc["client_id"], oidc["settings"]["fetch_userinfo"]) == (
        "bankid",
        "finsam",
        False,
    )
    assert oidc["settings"]["auth_params"] == {
        "acr_values": "http://id.elegnamnden.se/loa/1.0/loa3"
    }
    assert oidc["settings"]["finsam"] == {
        "link_by": "personnummer",
        "personnummer_claim": "personal_number",
        "sufficient_levels": list(DEFAULT_SUFFICIENT_LEVELS),
        "trust_email": False,
    }
    assert (saml["client_id"], saml["settings"]["advanced"]["want_assertion_signed"]) == (
        "region",
        True,
    )
    assert saml["settings"]["finsam"]["link_by"] == "email"
    assert saml["settings"]["finsam"]["trust_email"] is True


@pytest.mark.parametrize(
    "raw",
    [
        "not json",
        '{"kind": "oidc"}',
        '[{"kind": "ldap", "id": "x"}]',
        '[{"kind": "oidc", "id": "x", "name": "X"}]',
        '[{"kind": "saml", "id": "x", "name": "X", "idp_entity_id": "e", "sso_url": "u",'
        ' "x509cert": "c", "link_by": "name"}]',
    ],
)
def test_socialaccount_providers_refuses_a_bad_configuration(raw: str) -> None:
    with pytest.raises(ImproperlyConfigured):
        socialaccount_providers(raw)


def test_socialaccount_providers_refuses_duplicate_ids() -> None:
    entry = {"kind": "oidc", "id": "x", "name": "X", "server_url": "u", "client_id": "c"}

    with pytest.raises(ImproperlyConfigured):
        socialaccount_providers(json.dumps([entry, entry]))


def test_finsam_settings_of_a_database_app_gets_defaults() -> None:
    assert finsam_settings({}, "saml") == {
        "link_by": "email",
        "personnummer_claim": "urn:oid:1.2.752.29.4.13",
        "sufficient_levels": list(DEFAULT_SUFFICIENT_LEVELS),
        "trust_email": True,
    }
