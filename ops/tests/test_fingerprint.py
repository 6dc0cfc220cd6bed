"""``fingerprint``: row counts and memo hashes for the restore drill, no personal data."""

from __future__ import annotations

import hashlib
import io
import json

import pytest
from django.core.management import call_command

from ops.fingerprint import memo_text
from ops.tests.helpers import build_small_association
from participants import crypto
from participants.models import IdentityRecord

pytestmark = pytest.mark.django_db


def test_fingerprint_prints_counts_and_memo_hashes_only() -> None:
    world = build_small_association()
    out = io.StringIO()

    call_command("fingerprint", "--period", "2022H2", stdout=out)

    data = json.loads(out.getvalue())
    assert data["memos"] == {
        f"{slug}/2022H2": hashlib.sha256(memo_text(association, "2022H2").encode()).hexdigest()
        for slug, association in (
            ("annat", world.other_association),
            ("exempel", world.association),
        )
    }
    assert (data["rows"]["tenancy.Association"], data["rows"]["participants.Person"]) == (2, 8)
    assert "sessions.Session" not in data["rows"]
    numbers = [crypto.decrypt(r.pnr_encrypted) for r in IdentityRecord.objects.all()]
    assert [n for n in numbers if n in out.getvalue() or n[2:] in out.getvalue()] == []
