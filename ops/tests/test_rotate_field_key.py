"""``rotate_field_key``: identities encrypted under key A, rotated with "B,A", are read and
found by their look-up hash with B alone; a dry run changes nothing; output is counts."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.test import override_settings

from audit.models import AccessLogEntry
from ops.keys import ROTATION_PURPOSE
from participants import crypto
from participants.models import IdentityRecord
from testing.participants import MAN_1985, WOMAN_1990, WOMAN_2001, stored_entry
from testing.personas import World

pytestmark = pytest.mark.django_db

KEY_A = Fernet.generate_key().decode()
KEY_B = Fernet.generate_key().decode()
IDENTITIES = {WOMAN_1990: "Agda Andersson", MAN_1985: "Bertil Björk", WOMAN_2001: ""}


@pytest.fixture
def under_key_a(world: World) -> World:
    with override_settings(FIELD_ENCRYPTION_KEY=KEY_A):
        for number, name in IDENTITIES.items():
            stored_entry(world.intervention_a, number, dt.date(2022, 2, 1), name=name)
    return world


def stored() -> list[tuple[str, str, str]]:
    return list(
        IdentityRecord.objects.order_by("pk").values_list(
            "person__pnr_hash", "pnr_encrypted", "name_encrypted"
        )
    )


def rotate(*args: str) -> str:
    out = io.StringIO()
    call_command("rotate_field_key", *args, stdout=out)
    return out.getvalue()


def test_rotate_field_key_moves_identities_to_the_new_key(under_key_a: World) -> None:
    with override_settings(FIELD_ENCRYPTION_KEY=f"{KEY_B},{KEY_A}"):
        output = rotate()

    assert output == (
        "exempel: 3 personer, 3 krypterades om.\n"
        "annat: 0 personer, 0 krypterades om.\n"
        "Klart: alla värden går att läsa med den första nyckeln; de andra kan tas bort.\n"
    )
    with override_settings(FIELD_ENCRYPTION_KEY=KEY_B):
        found = {
            number: IdentityRecord.objects.get(person__pnr_hash=crypto.lookup_hash(number))
            for number in IDENTITIES
        }
        decrypted = {
            crypto.decrypt(person.pnr_encrypted): (
                crypto.decrypt(person.name_encrypted) if person.name_encrypted else ""
            )
            for person in found.values()
        }
    assert decrypted == IDENTITIES
    assert AccessLogEntry.objects.filter(purpose=ROTATION_PURPOSE).count() == 1


def test_rotate_field_key_leaves_nothing_readable_by_the_old_key_alone(under_key_a: World) -> None:
    with override_settings(FIELD_ENCRYPTION_KEY=f"{KEY_B},{KEY_A}"):
        rotate()
    person = IdentityRecord.objects.order_by("pk").first()
    assert person is not None

    with override_settings(FIELD_ENCRYPTION_KEY=KEY_A), pytest.raises(ImproperlyConfigured):
        crypto.decrypt(person.pnr_encrypted)


def test_rotate_field_key_dry_run_counts_and_changes_nothing(under_key_a: World) -> None:
    before = stored()

    with override_settings(FIELD_ENCRYPTION_KEY=f"{KEY_B},{KEY_A}"):
        output = rotate("--dry-run")

    assert output == (
        "exempel: 3 personer, 3 skulle krypteras om.\nannat: 0 personer, 0 skulle krypteras om.\n"
    )
    assert stored() == before
    assert AccessLogEntry.objects.filter(purpose=ROTATION_PURPOSE).count() == 0


def test_rotate_field_key_twice_changes_nothing_the_second_time(under_key_a: World) -> None:
    with override_settings(FIELD_ENCRYPTION_KEY=f"{KEY_B},{KEY_A}"):
        rotate()
        after_first = stored()
        output = rotate()

    assert output.splitlines()[0] == "exempel: 3 personer, 0 krypterades om."
    assert stored() == after_first


def test_rotate_field_key_refuses_without_the_old_key(under_key_a: World) -> None:
    before = stored()

    with (
        override_settings(FIELD_ENCRYPTION_KEY=KEY_B),
        pytest.raises(CommandError, match="cannot be decrypted"),
    ):
        rotate()

    assert stored() == before
