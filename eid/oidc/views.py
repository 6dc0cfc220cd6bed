"""allauth's OpenID Connect views with an adapter that always verifies the ID token's
signature against the provider's published keys (allauth skips it when the token came
straight from the token endpoint; Finsam does not rely on the transport alone)."""

from __future__ import annotations

import json
from typing import Any

import jwt
from allauth.account.internal.decorators import login_not_required
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.http import Http404, HttpRequest, HttpResponse

#: Asymmetric signatures only: never "none", never a shared-secret HMAC.
ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512")


def _signing_key(keys: dict[str, Any], header: dict[str, Any]) -> Any:
    """The provider's key for this token: by ``kid``, or the only signing key when the
    token names none."""
    candidates = [key for key in keys.get("keys", []) if key.get("use", "sig") == "sig"]
    kid = header.get("kid")
    if kid is not None:
        candidates = [key for key in candidates if key.get("kid") == kid]
    if len(candidates) != 1:
        raise OAuth2Error("No unique signing key for the ID token")
    name = str(header.get("alg"))
    algorithm = jwt.algorithms.get_default_algorithms().get(name)
    if name not in ALGORITHMS or algorithm is None:
        raise OAuth2Error("Unsupported ID token algorithm")
    return algorithm.from_jwk(json.dumps(candidates[0]))


class VerifyingOpenIDConnectAdapter(OpenIDConnectOAuth2Adapter):
    def _decode_id_token(self, app: SocialApp, id_token: str) -> dict[str, Any]:
        try:
            header = jwt.get_unverified_header(id_token)
            with get_adapter().get_requests_session() as session:
                response = session.get(self.openid_config["jwks_uri"])
                response.raise_for_status()
                keys = response.json()
            data: dict[str, Any] = jwt.decode(
                id_token,
                key=_signing_key(keys, header),
                algorithms=[header["alg"]],
                audience=app.client_id,
                issuer=self.openid_config["issuer"],
                options={"require": ["exp", "iat", "iss", "aud"]},
            )
        except (jwt.PyJWTError, ValueError, KeyError) as error:
            raise OAuth2Error("Invalid id_token") from error
        jwtkit.verify_jti(data)
        return data


@login_not_required
def login(request: HttpRequest, provider_id: str) -> HttpResponse:
    try:
        view = OAuth2LoginView.adapter_view(VerifyingOpenIDConnectAdapter(request, provider_id))
        return view(request)
    except SocialApp.DoesNotExist:
        raise Http404 from None


@login_not_required
def callback(request: HttpRequest, provider_id: str) -> HttpResponse:
    try:
        view = OAuth2CallbackView.adapter_view(VerifyingOpenIDConnectAdapter(request, provider_id))
        return view(request)
    except SocialApp.DoesNotExist:
        raise Http404 from None
