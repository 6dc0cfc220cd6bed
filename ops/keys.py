"""Rotation of ``FIELD_ENCRYPTION_KEY``: re-encrypt every stored identity under the first
key and recompute every look-up hash with the first key's hash key.

With ``FIELD_ENCRYPTION_KEY="NEW,OLD"`` all keys decrypt but only NEW encrypts and hashes,
so until the rotation has run, a search by personnummer misses persons hashed under OLD.
Run it with the web and worker services stopped, right after changing the key.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.db import transaction
from django_scopes import scope

from audit.models import AccessAction
from audit.services import log_access
from participants import crypto
from participants.models import IdentityRecord, Person
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
    """Re-encrypt the association's identity records and re-hash its persons in one
    transaction; returns counts (persons, and persons with at least one value under an old
    key or an old hash). A person's hash is recomputed from the personnummer of any of its
    records (all records of a person hold the same number)."""
    key = first_key()
    with transaction.atomic(), scope(association=association.pk):
        persons = list(Person.objects.select_for_update().order_by("pk"))
        records = list(IdentityRecord.objects.select_for_update().order_by("pk"))
        by_person: dict[int, list[IdentityRecord]] = defaultdict(list)
        changed_records: list[IdentityRecord] = []
        numbers: dict[int, str] = {}
        for record in records:
            by_person[record.person_id].append(record)
            # Refuses (ImproperlyConfigured) when no configured key decrypts the value.
            numbers[record.person_id] = crypto.decrypt(record.pnr_encrypted)
            stale_pnr = not _is_current(record.pnr_encrypted, key)
            stale_name = bool(record.name_encrypted) and not _is_current(record.name_encrypted, key)
            if stale_pnr:
                record.pnr_encrypted = crypto.reencrypt(record.pnr_encrypted)
            if stale_name:
                record.name_encrypted = crypto.reencrypt(record.name_encrypted)
            if stale_pnr or stale_name:
                changed_records.append(record)
        stale_owners = {record.person_id for record in changed_records}
        changed: list[Person] = []
        for person in persons:
            own = by_person.get(person.pk)
            if not own:
                continue
            new_hash = crypto.lookup_hash(numbers[person.pk])
            if person.pnr_hash == new_hash and person.pk not in stale_owners:
                continue
            person.pnr_hash = new_hash
            changed.append(person)
        if changed and not dry_run:
            IdentityRecord.objects.bulk_update(
                changed_records, ["pnr_encrypted", "name_encrypted"], batch_size=500
            )
            Person.objects.bulk_update(changed, ["pnr_hash"], batch_size=500)
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
