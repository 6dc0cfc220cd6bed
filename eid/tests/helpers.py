"""Shared arrangements of the e-ID tests."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from eid.config import socialaccount_providers
from eid.models import PersonIdentity
from participants import crypto
from tenancy.models import User
from testing.participants import make_personnummer

LOA2 = "http://id.elegnamnden.se/loa/1.0/loa2"
LOA3 = "http://id.elegnamnden.se/loa/1.0/loa3"

INVITED = make_personnummer(dt.date(1970, 5, 17), 412)
STRANGER = make_personnummer(dt.date(1962, 9, 3), 115)
OFFICER = make_personnummer(dt.date(1980, 1, 22), 337)


def providers_setting(entries: list[dict[str, Any]]) -> dict[str, Any]:
    return socialaccount_providers(json.dumps(entries))


def link_personnummer(user: User, number: str) -> None:
    PersonIdentity.objects.create(user=user, personnummer_hash=crypto.lookup_hash(number))
