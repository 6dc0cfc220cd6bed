"""Smoke tests of the benchmark tools at a tiny size (no timing here: benchmarks are run
by hand, see docs/performance.md): the generator writes valid, complete data, the
hand-written SQL of the participants table agrees with ``stats``, and the load test's
TOTP codes are allauth's."""

from __future__ import annotations

from collections import Counter

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from bench.generate import LAST_DAY, BigAssociation, Size
from bench.load.accounts import officers
from bench.load.numbers import next_personnummer
from bench.load.totp import hotp
from bench.sql import participants_table_sql
from interventions.models import Intervention, Kind
from participants import crypto, personnummer
from participants.choices import ExitReason
from participants.models import IdentityRecord, Participation, Person
from stats.participant_tables import participants_table
from stats.periods import Period
from tenancy.models import Association
from tenancy.services import create_association

TINY = Size(interventions=10, participations=120, activities=5, deviations=9)


@pytest.fixture
def tiny(db: None) -> tuple[Association, dict[str, int]]:
    association = create_association(slug="tiny", name="Tiny")
    return association, BigAssociation(association, TINY).write()


def test_generator_writes_every_kind_of_row_at_tiny_size(tiny: tuple[Association, dict[str, int]]):
    _association, counts = tiny

    assert {name: counts[name] for name in ("interventions", "participations", "activities")} == {
        "interventions": 10,
        "participations": 120,
        "activities": 5,
    }
    assert all(counts[name] > 0 for name in ("budgets", "cost_outcomes", "quarterly_reports"))


def test_generator_covers_every_kind_and_exit_reason(tiny: tuple[Association, dict[str, int]]):
    kinds = set(Intervention.objects.filter(code__startswith="BIG-").values_list("kind", flat=True))
    reasons = set(
        Participation.objects.exclude(exit_reason="").values_list("exit_reason", flat=True)
    )

    assert (kinds, reasons) == (set(Kind.values), set(ExitReason.values))


def test_generator_stores_valid_encrypted_personnummer(tiny: tuple[Association, dict[str, int]]):
    persons = list(Person.objects.order_by("pk"))
    records = {r.person_id: r for r in IdentityRecord.objects.order_by("-pk")}
    numbers = [crypto.decrypt(records[p.pk].pnr_encrypted) for p in persons]

    assert [personnummer.parse(n).birth_date for n in numbers] == [p.birth_date for p in persons]
    assert [crypto.lookup_hash(n) for n in numbers] == [p.pnr_hash for p in persons]


def test_generator_anonymous_rows_carry_no_details(tiny: tuple[Association, dict[str, int]]):
    anonymous = Participation.objects.filter(person__isnull=True)

    assert anonymous.exists()
    assert Counter(anonymous.values_list("exit_date", "education", "referrer")) == Counter(
        {(None, "", ""): anonymous.count()}
    )


def test_hand_written_sql_matches_participants_table(tiny: tuple[Association, dict[str, int]]):
    association, _counts = tiny
    period = Period.parse(f"{LAST_DAY.year}H2")
    windows = {"start": period.start, "end": period.end, "ytd_start": period.ytd_start}

    expected = participants_table(
        interventions=Intervention.objects.filter(association=association),
        participations=Participation.objects.filter(association=association),
        **windows,
    )

    assert participants_table_sql(association.pk, **windows) == expected


def test_load_test_totp_codes_are_allauths():
    secrets = [secret for _email, secret in officers()]

    assert [hotp(s, 12345) for s in secrets] == [
        format_hotp_value(hotp_value(s, 12345)) for s in secrets
    ]


def test_load_test_personnummer_are_valid_and_distinct():
    numbers = [next_personnummer() for _ in range(50)]

    assert len({personnummer.parse(n).canonical for n in numbers}) == 50
