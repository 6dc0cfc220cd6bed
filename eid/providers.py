"""allauth's OpenID Connect and SAML providers with what Finsam needs on top
(``SOCIALACCOUNT_PROVIDERS[...]["provider_class"]`` points here):

- the claims and the level of assurance are read from what the provider signed: the ID
  token (whose signature is always checked, see ``eid.oidc.views``) and the SAML
  assertion's AuthnContextClassRef;
- a forced re-authentication: OIDC ``prompt=login`` with ``max_age=0``, SAML ForceAuthn;
- SAML may ask the identity provider for a level (RequestedAuthnContext).
"""

from __future__ import annotations

from typing import Any

from allauth.socialaccount.providers.openid_connect.provider import (
    OpenIDConnectProvider as BaseOpenIDConnectProvider,
)
from allauth.socialaccount.providers.saml.provider import SAMLProvider as BaseSAMLProvider
from django.http import HttpRequest, HttpResponseRedirect

#: Put into a redirect's state data to force a fresh authentication at the provider.
REAUTH_KEY = "finsam_reauth"


class OpenIDConnectProvider(BaseOpenIDConnectProvider):
    package = "eid.oidc"

    def redirect(
        self,
        request: HttpRequest,
        process: Any,
        next_url: str | None = None,
        data: Any = None,
        **kwargs: Any,
    ) -> Any:
        if isinstance(data, dict) and data.get(REAUTH_KEY):
            params = dict(kwargs.pop("auth_params", None) or self.get_auth_params())
            params.update({"prompt": "login", "max_age": "0"})
            kwargs["auth_params"] = params
        return super().redirect(request, process, next_url=next_url, data=data, **kwargs)


class SAMLProvider(BaseSAMLProvider):
    package = "allauth.socialaccount.providers.saml"

    def extract_extra_data(self, data: Any) -> dict[str, Any]:
        return {
            "attributes": data.get_attributes(),
            "authn_contexts": list(data.get_last_authn_contexts() or []),
        }

    def redirect(
        self,
        request: HttpRequest,
        process: Any,
        next_url: str | None = None,
        data: Any = None,
        **kwargs: Any,
    ) -> HttpResponseRedirect:
        from allauth.socialaccount.providers.saml.utils import (
            build_saml_config,
            prepare_django_request,
        )
        from onelogin.saml2.auth import OneLogin_Saml2_Auth

        config = build_saml_config(request, self.app.settings, self.app.client_id)
        requested = self.app.settings.get("advanced", {}).get("requested_authn_context")
        if requested:
            config["security"]["requestedAuthnContext"] = list(requested)
            config["security"]["requestedAuthnContextComparison"] = "minimum"
        auth = OneLogin_Saml2_Auth(prepare_django_request(request), config)
        force = isinstance(data, dict) and bool(data.get(REAUTH_KEY))
        url = auth.login(return_to="", force_authn=force)
        self.stash_redirect_state(
            request, process, next_url, data, state_id=auth.get_last_request_id(), **kwargs
        )
        return HttpResponseRedirect(url)
