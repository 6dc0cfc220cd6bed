"""TOTP codes (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), as allauth's
``allauth.mfa.totp.internal.auth.hotp_value``/``format_hotp_value`` compute them; a copy
without Django so that Locust can import it (``bench/tests`` checks they agree)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
import time

PERIOD = 30
DIGITS = 6


def hotp(secret: str, counter: int) -> str:
    key = base64.b32decode(secret.encode("ascii"), casefold=True)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10**DIGITS:0{DIGITS}d}"


def totp(secret: str, at: float | None = None) -> str:
    return hotp(secret, int((time.time() if at is None else at) // PERIOD))


def seconds_left(at: float | None = None) -> float:
    """Seconds until the next code."""
    now = time.time() if at is None else at
    return PERIOD - now % PERIOD
