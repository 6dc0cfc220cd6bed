"""Participations for the statistics tests, made directly as rows (dummy identity
strings: statistics need no crypto)."""

from __future__ import annotations

import datetime as dt
import itertools

from interventions.models import Intervention
from participants.models import Participation, Person
from testing.factories import identity_record

_serials = itertools.count()


def person(intervention: Intervention, gender: str, born: dt.date) -> Person:
    """A person with dummy identity strings (no crypto needed for statistics)."""
    serial = next(_serials)
    return Person.objects.create(
        association=intervention.association,
        pnr_hash=f"hash-{serial}",
        birth_date=born,
        gender=gender,
    )


def join(
    intervention: Intervention,
    gender: str,
    born: dt.date,
    entry: dt.date,
    exit_date: dt.date | None = None,
    reason: str = "",
    *,
    extent: int | None = None,
    plan: dt.date | None = None,
    education: str = "",
    support: str = "",
) -> Participation:
    """A participation with personal data."""
    return Participation.objects.create(
        association=intervention.association,
        intervention=intervention,
        person=(joined := person(intervention, gender, born)),
        identity=identity_record(joined, intervention),
        gender=gender,
        entry_date=entry,
        exit_date=exit_date,
        exit_reason=reason,
        work_extent=extent,
        action_plan_date=plan,
        education=education,
        public_support_time=support,
    )


def anonymous(intervention: Intervention, gender: str, entry: dt.date) -> Participation:
    """An anonymous participation: gender and entry date only."""
    return Participation.objects.create(
        association=intervention.association,
        intervention=intervention,
        gender=gender,
        entry_date=entry,
    )
