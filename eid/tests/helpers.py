"""Shared arrangements of the e-ID tests."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from eid.config import socialaccount_providers
from eid.models import PersonIdentity
from participants import crypto
from tenancy.models import Invitation, Role, RoleAssignment, User
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


def assert_board_invitation_accepted(
    page: Any, invitation: Invitation, email: str, name: tuple[str, str]
) -> User:
    """After a first sign-in on ``page``: the new user (``email``, first and last ``name``,
    no password) is on the association's start page, holds the board role once and has
    accepted ``invitation``."""
    page.wait_for_url(re.compile(r".*/f/exempel/$"))
    user = User.objects.get(email=email)
    assert (user.first_name, user.last_name, user.has_usable_password()) == (*name, False)
    assert RoleAssignment.objects.filter(user=user, role=Role.STYRELSE).count() == 1
    assert Invitation.objects.get(pk=invitation.pk).accepted_by == user
    return user
