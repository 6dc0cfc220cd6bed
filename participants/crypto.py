"""Authenticated encryption of identifying values and the keyed hash used to find them.

``FIELD_ENCRYPTION_KEY`` holds one or more Fernet keys (32 random bytes, URL-safe base64),
comma-separated: the first encrypts, all decrypt (key rotation). The look-up hash is an
HMAC-SHA256 under a key derived from the first Fernet key, so after a rotation the
``rotate_field_key`` command re-encrypts every value and recomputes every hash.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

_HASH_CONTEXT = b"finsam personnummer lookup v1"


def _keys(setting: str) -> list[bytes]:
    keys = [k.strip().encode("ascii") for k in setting.split(",") if k.strip()]
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY is empty.")
    for key in keys:
        if len(base64.urlsafe_b64decode(key)) != 32:
            raise ImproperlyConfigured("Each FIELD_ENCRYPTION_KEY must be 32 bytes in base64.")
    return keys


@lru_cache(maxsize=4)
def _fernet(setting: str) -> MultiFernet:
    return MultiFernet([Fernet(key) for key in _keys(setting)])


@lru_cache(maxsize=4)
def _hash_key(setting: str) -> bytes:
    first = base64.urlsafe_b64decode(_keys(setting)[0])
    return hmac.new(first, _HASH_CONTEXT, hashlib.sha256).digest()


def encrypt(value: str) -> str:
    return _fernet(settings.FIELD_ENCRYPTION_KEY).encrypt(value.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return _fernet(settings.FIELD_ENCRYPTION_KEY).decrypt(token.encode("ascii")).decode()
    except InvalidToken:
        raise ImproperlyConfigured(
            "A stored value cannot be decrypted with FIELD_ENCRYPTION_KEY (wrong or missing key)."
        ) from None


def reencrypt(token: str) -> str:
    """The same value encrypted under the current first key."""
    return _fernet(settings.FIELD_ENCRYPTION_KEY).rotate(token.encode("ascii")).decode("ascii")


def lookup_hash(canonical: str) -> str:
    """Keyed hash of a canonical value: equal inputs give equal hashes, and without the key
    the hash reveals nothing (a plain hash of a personnummer is easily reversed)."""
    key = _hash_key(settings.FIELD_ENCRYPTION_KEY)
    return hmac.new(key, canonical.encode("ascii"), hashlib.sha256).hexdigest()


def lookup_hashes(canonical: str) -> list[str]:
    """The keyed hash of ``canonical`` under each configured key, the current one first:
    lets a hash stored before a key rotation still be found (and then rewritten)."""
    return [
        hmac.new(
            _hash_key(key.decode("ascii")), canonical.encode("ascii"), hashlib.sha256
        ).hexdigest()
        for key in _keys(settings.FIELD_ENCRYPTION_KEY)
    ]
