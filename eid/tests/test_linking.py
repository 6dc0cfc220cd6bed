from __future__ import annotations

import base64

import pytest
from cryptography.fernet import Fernet
from pytest_django.fixtures import Settings

from eid import linking
from eid.models import PersonIdentity
from eid.tests.helpers import INVITED, STRANGER, link_personnummer
from participants import crypto
from tenancy import invitations
from tenancy.models import Invitation, Role, RoleAssignment, User
from testing.personas import World

pytestmark = pytest.mark.django_db


def _invite(world: World, email: str = "ina@example.se", role: str = Role.STYRELSE) -> Invitation:
    return invitations.invite(
        email=email,
        role=role,
        association=world.association,
        personnummer_hash=crypto.lookup_hash(INVITED),
    )


def test_link_by_personnummer_creates_the_invited_account(world: World) -> None:
    invitation = _invite(world)

    linked = linking.link_by_personnummer(
        linking.Identity(provider="eid", personnummer=INVITED, first_name="Ina", last_name="In")
    )

    assert (linked.user.email, [i.pk for i in linked.accepted]) == (
        "ina@example.se",
        [invitation.pk],
    )
    assert RoleAssignment.objects.filter(user=linked.user, role=Role.STYRELSE).count() == 1
    assert PersonIdentity.objects.get(user=linked.user).personnummer_hash == crypto.lookup_hash(
        INVITED
    )


def test_link_by_personnummer_accepts_any_written_form(world: World) -> None:
    _invite(world)

    linked = linking.link_by_personnummer(
        linking.Identity(provider="eid", personnummer=f"{INVITED[:8]}-{INVITED[8:]}")
    )

    assert linked.user.email == "ina@example.se"


def test_link_by_personnummer_refuses_an_unknown_person(world: World) -> None:
    users = User.objects.count()

    with pytest.raises(linking.Refused) as refusal:
        linking.link_by_personnummer(linking.Identity(provider="eid", personnummer=STRANGER))

    assert (refusal.value.reason, User.objects.count()) == ("unknown", users)


def test_link_by_personnummer_refuses_a_malformed_number(world: World) -> None:
    with pytest.raises(linking.Refused) as refusal:
        linking.link_by_personnummer(linking.Identity(provider="eid", personnummer="19700517"))

    assert refusal.value.reason == "attribute"


def test_link_by_personnummer_refuses_an_invitation_to_a_taken_address(world: World) -> None:
    _invite(world, email="admin@example.se")

    with pytest.raises(linking.Refused) as refusal:
        linking.link_by_personnummer(linking.Identity(provider="eid", personnummer=INVITED))

    assert refusal.value.reason == "taken"
    assert PersonIdentity.objects.count() == 0


def test_link_by_personnummer_finds_a_linked_account(world: World) -> None:
    board = world.users["board"]
    link_personnummer(board, INVITED)

    linked = linking.link_by_personnummer(linking.Identity(provider="eid", personnummer=INVITED))

    assert (linked.user, linked.accepted) == (board, [])


def test_link_by_personnummer_rewrites_a_hash_of_an_older_key(
    world: World, settings: Settings
) -> None:
    board = world.users["board"]
    old_hash = crypto.lookup_hash(INVITED)
    link_personnummer(board, INVITED)
    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEY = f"{new_key},{settings.FIELD_ENCRYPTION_KEY}"

    linked = linking.link_by_personnummer(linking.Identity(provider="eid", personnummer=INVITED))

    stored = PersonIdentity.objects.get(user=board).personnummer_hash
    assert (linked.user, stored != old_hash, stored) == (board, True, crypto.lookup_hash(INVITED))
    assert len(base64.urlsafe_b64decode(new_key)) == 32


def test_link_by_email_needs_a_verified_address(world: World) -> None:
    identity = linking.Identity(provider="idp", email="admin@example.se", email_verified=False)

    with pytest.raises(linking.Refused) as refusal:
        linking.link_by_email(identity, trust_email=False)

    assert refusal.value.reason == "attribute"


def test_link_by_email_finds_the_account_of_a_trusted_address(world: World) -> None:
    identity = linking.Identity(provider="idp", email="Admin@Example.se")

    linked = linking.link_by_email(identity, trust_email=True)

    assert linked.user == world.users["admin"]


def test_link_by_email_never_uses_an_invitation_by_personnummer(world: World) -> None:
    _invite(world)

    with pytest.raises(linking.Refused) as refusal:
        linking.link_by_email(
            linking.Identity(provider="idp", email="ina@example.se"), trust_email=True
        )

    assert refusal.value.reason == "unknown"


def test_invitation_by_personnummer_is_not_accepted_by_link(world: World) -> None:
    invitation = _invite(world)

    assert invitations.pending_for(world.users["admin"]) == []
    assert Invitation.objects.get(pk=invitation.pk).personnummer_hash == crypto.lookup_hash(INVITED)
    assert invitations.open_by_token("any-token") is None
