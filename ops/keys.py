"""Rotation of ``FIELD_ENCRYPTION_KEY``: re-encrypt every stored identity under the first
key and recompute every look-up hash with the first key's hash key.

With ``FIELD_ENCRYPTION_KEY="NEW,OLD"`` all keys decrypt but only NEW encrypts and hashes,
so until the rotation has run, a search by personnummer misses persons hashed under OLD.
Run it with the web and worker services stopped, right after changing the key.
"""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.db import transaction
from django_scopes import scope

from audit.models import AccessAction
from audit.services import log_access
from participants import crypto
from participants.models import Person
from tenancy.models import Association

#: The purpose written in the access log.
ROTATION_PURPOSE = "Byte av krypteringsnyckel"


@dataclass(frozen=True)
class RotationCount:
    association: str
    persons: int
    changed: int


def first_key() -> Fernet:
    return Fernet(settings.FIELD_ENCRYPTION_KEY.split(",")[0].strip().encode("ascii"))


def _is_current(token: str, key: Fernet) -> bool:
    try:
        key.decrypt(token.encode("ascii"))
    except InvalidToken:
        return False
    return True


def rotate_association(association: Association, *, dry_run: bool) -> RotationCount:
    """Re-encrypt and re-hash the association's persons in one transaction; returns counts
    (persons, and persons with at least one value under an old key or an old hash)."""
    key = first_key()
    with transaction.atomic(), scope(association=association.pk):
        persons = list(Person.objects.select_for_update().order_by("pk"))
        changed: list[Person] = []
        for person in persons:
            new_hash = crypto.lookup_hash(crypto.decrypt(person.pnr_encrypted))
            stale_pnr = not _is_current(person.pnr_encrypted, key)
            stale_name = bool(person.name_encrypted) and not _is_current(person.name_encrypted, key)
            if not (stale_pnr or stale_name or person.pnr_hash != new_hash):
                continue
            if stale_pnr:
                person.pnr_encrypted = crypto.reencrypt(person.pnr_encrypted)
            if stale_name:
                person.name_encrypted = crypto.reencrypt(person.name_encrypted)
            person.pnr_hash = new_hash
            changed.append(person)
        if changed and not dry_run:
            Person.objects.bulk_update(
                changed, ["pnr_encrypted", "name_encrypted", "pnr_hash"], batch_size=500
            )
            log_access(
                user=None,
                association=association,
                action=AccessAction.UPDATE,
                purpose=ROTATION_PURPOSE,
            )
        if dry_run:
            transaction.set_rollback(True)
    return RotationCount(association=association.slug, persons=len(persons), changed=len(changed))


def rotate_all(*, dry_run: bool) -> list[RotationCount]:
    return [
        rotate_association(association, dry_run=dry_run)
        for association in Association.objects.order_by("pk")
    ]
