"""The ID token check of ``eid.oidc.views``: signature always, asymmetric algorithms
only, and a token without ``kid`` only against a single signing key."""

from __future__ import annotations

import json
import time
from typing import Any

import jwt
import pytest
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from cryptography.hazmat.primitives.asymmetric import rsa

from eid.oidc.views import _signing_key
from testing.providers import forge_claims

KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OTHER = rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _jwk(key: Any, kid: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    return {**data, "kid": kid, "use": "sig"}


def _token(headers: dict[str, Any] | None = None, key: Any = KEY) -> str:
    now = int(time.time())
    claims = {"iss": "https://op", "aud": "finsam", "iat": now, "exp": now + 60, "acr": "loa2"}
    return jwt.encode(claims, key, algorithm="RS256", headers=headers)


def _decode(token: str, keys: dict[str, Any]) -> dict[str, Any]:
    header = jwt.get_unverified_header(token)
    return dict(
        jwt.decode(
            token,
            key=_signing_key(keys, header),
            algorithms=[header["alg"]],
            audience="finsam",
            issuer="https://op",
        )
    )


def test_signing_key_by_kid_verifies_the_token() -> None:
    keys = {"keys": [_jwk(OTHER, "b"), _jwk(KEY, "a")]}

    assert _decode(_token({"kid": "a"}), keys)["acr"] == "loa2"


def test_token_without_kid_needs_a_single_signing_key() -> None:
    token = _token()

    assert _decode(token, {"keys": [_jwk(KEY, "a")]})["acr"] == "loa2"
    with pytest.raises(OAuth2Error):
        _decode(token, {"keys": [_jwk(OTHER, "b"), _jwk(KEY, "a")]})


def test_changed_claims_fail_the_signature() -> None:
    forged = forge_claims(_token({"kid": "a"}), {"acr": "loa3"})

    with pytest.raises(jwt.InvalidSignatureError):
        _decode(forged, {"keys": [_jwk(KEY, "a")]})


@pytest.mark.parametrize("alg", ["none", "HS256"])
def test_unsigned_or_shared_secret_tokens_are_refused(alg: str) -> None:
    with pytest.raises(OAuth2Error):
        _signing_key({"keys": [_jwk(KEY, "a")]}, {"alg": alg, "kid": "a"})
