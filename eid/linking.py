"""Linking an external identity to an account, by the one verified attribute the
provider's configuration names (``link_by``): the e-mail address (staff identity
providers, which vouch for it) or the personnummer (e-ID). Never by a name.

The personnummer is parsed, hashed with the participants' keyed look-up hash and then
dropped: only the hash is compared and stored (``PersonIdentity``, invitations). A hash
stored under an older ``FIELD_ENCRYPTION_KEY`` still matches and is rewritten under the
current key.

An identity that matches no account and no pending invitation is refused: no account is
created for it. One that matches pending invitations gets its account (if it has none)
and accepts them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from eid.models import PersonIdentity
from participants import crypto
from participants.personnummer import InvalidPersonnummer, parse
from tenancy import invitations
from tenancy.models import Invitation, User

logger = logging.getLogger(__name__)


class Refused(Exception):
    """The identity may not sign in; ``reason`` is one of ``REASONS``."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


#: unknown: no account and no invitation; attribute: the linking attribute is missing,
#: unverified or malformed; taken: the invitation's address already belongs to another
#: account; inactive: the account is closed.
REASONS = ("unknown", "attribute", "taken", "inactive")


@dataclass(frozen=True)
class Identity:
    """What a provider asserted, for linking. ``personnummer`` is raw and never stored."""

    provider: str
    email: str = ""
    email_verified: bool = False
    personnummer: str = field(default="", repr=False)
    first_name: str = ""
    last_name: str = ""


@dataclass
class Linked:
    user: User
    accepted: list[Invitation]


def _new_account(email: str, identity: Identity) -> User:
    if User.objects.filter(email__iexact=email).exists():
        raise Refused("taken")
    user = User.objects.create_user(
        email,
        None,
        first_name=identity.first_name.strip()[:150],
        last_name=identity.last_name.strip()[:150],
    )
    return user


def _accept_each(pending: list[Invitation], accept: object) -> list[Invitation]:
    accepted = []
    for invitation in pending:
        try:
            with transaction.atomic():
                accept(invitation)  # type: ignore[operator]  # the acceptor is a callable chosen at run time
        except ValidationError:
            # e.g. separation of duties: the invitation stays open for the office to see.
            logger.info("e-ID sign-in left invitation %s open", invitation.pk)
            continue
        accepted.append(invitation)
    return accepted


@transaction.atomic
def link_by_personnummer(identity: Identity) -> Linked:
    try:
        canonical = parse(identity.personnummer).canonical
    except InvalidPersonnummer:
        raise Refused("attribute") from None
    hashes = crypto.lookup_hashes(canonical)
    known = PersonIdentity.objects.select_related("user").filter(personnummer_hash__in=hashes)
    person = known.first()
    pending = invitations.pending_by_personnummer(hashes)
    if person is not None:
        user = person.user
        if person.personnummer_hash != hashes[0]:
            PersonIdentity.objects.filter(pk=person.pk).update(personnummer_hash=hashes[0])
    elif pending:
        user = _new_account(pending[0].email, identity)
        PersonIdentity.objects.create(user=user, personnummer_hash=hashes[0])
    else:
        raise Refused("unknown")
    if not user.is_active:
        raise Refused("inactive")
    accepted = _accept_each(
        pending,
        lambda invitation: invitations.accept_by_personnummer(
            invitation=invitation, user=user, hashes=hashes
        ),
    )
    return Linked(user=user, accepted=accepted)


@transaction.atomic
def link_by_email(identity: Identity, *, trust_email: bool) -> Linked:
    email = invitations.normalise_email(identity.email) if identity.email else ""
    if not email or not (identity.email_verified or trust_email):
        raise Refused("attribute")
    user = User.objects.filter(email__iexact=email).order_by("pk").first()
    pending = invitations.pending_by_email(email)
    if user is None:
        if not pending:
            raise Refused("unknown")
        user = _new_account(email, identity)
    if not user.is_active:
        raise Refused("inactive")
    accepted = _accept_each(
        pending, lambda invitation: invitations.accept(invitation=invitation, user=user)
    )
    return Linked(user=user, accepted=accepted)


def link(identity: Identity, *, link_by: str, trust_email: bool) -> Linked:
    if link_by == "personnummer":
        return link_by_personnummer(identity)
    return link_by_email(identity, trust_email=trust_email)
