from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest

from audit.models import AccessAction, AccessLogEntry, Outcome
from audit.queries import (
    access_after_exit,
    denied_entries,
    filter_log,
    find_anomalies,
    foreign_intervention_access,
    month_entries,
    role_labels,
    sample_ids,
    volume_per_user,
)
from audit.tests.entries import local, make_entry, unsaved_entry
from interventions.models import Intervention
from participants.choices import ExitReason, Gender
from participants.models import Participation, Person
from testing.factories import identity_record
from testing.personas import World

D = dt.date


def participation(
    world: World, intervention: Intervention, exit_date: dt.date | None = None
) -> Participation:
    person = Person.objects.create(
        association=world.association,
        pnr_hash=f"hash-{Person.objects.count()}",
        birth_date=D(1990, 3, 14),
        gender=Gender.WOMAN,
    )
    return Participation.objects.create(
        association=world.association,
        intervention=intervention,
        person=person,
        identity=identity_record(person, intervention),
        gender=Gender.WOMAN,
        entry_date=D(2025, 1, 10),
        exit_date=exit_date,
        exit_reason=ExitReason.STUDIES if exit_date else "",
    )


def ids(entries: object) -> list[int]:
    return sorted(entry.pk for entry in entries)  # type: ignore[attr-defined]  # the entries are log rows


# --- filters --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_filter_log_by_user_keeps_that_users_rows(world: World) -> None:
    mine = make_entry(world.association, user=world.users["participant_officer_a"])
    make_entry(world.association, user=world.users["participant_officer_b"])

    result = filter_log(
        AccessLogEntry.objects.all(), user_id=world.users["participant_officer_a"].pk
    )

    assert ids(result) == [mine.pk]


@pytest.mark.django_db
def test_filter_log_by_participation_matches_an_id_in_the_list(world: World) -> None:
    both = make_entry(world.association, participation_ids=[7, 12])
    make_entry(world.association, participation_ids=[1, 71, 127])
    make_entry(world.association, participation_ids=[])

    result = filter_log(AccessLogEntry.objects.all(), participation_id=7)

    assert ids(result) == [both.pk]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "kept", "other"),
    [("action", AccessAction.EXPORT, AccessAction.READ), ("outcome", Outcome.DENIED, Outcome.OK)],
)
def test_filter_log_by_action_or_outcome_keeps_that_value(
    world: World, field: str, kept: Any, other: Any
) -> None:
    wanted = make_entry(world.association, **{field: kept})
    make_entry(world.association, **{field: other})

    result = filter_log(AccessLogEntry.objects.all(), **{field: kept})

    assert ids(result) == [wanted.pk]


@pytest.mark.django_db
def test_filter_log_period_uses_swedish_days(world: World) -> None:
    # 00:30 Swedish time on 1 March is 23:30 UTC on 28 February: inside March.
    first_minute = make_entry(world.association, at=local(2026, 3, 1, 0, 30))
    last_minute = make_entry(world.association, at=local(2026, 3, 31, 23, 59))
    make_entry(world.association, at=local(2026, 2, 28, 23, 59))
    make_entry(world.association, at=local(2026, 4, 1, 0, 0))

    result = filter_log(
        AccessLogEntry.objects.all(), date_from=D(2026, 3, 1), date_to=D(2026, 3, 31)
    )

    assert ids(result) == [first_minute.pk, last_minute.pk]


@pytest.mark.django_db
def test_role_labels_shows_swedish_labels() -> None:
    assert role_labels("deltagaransvarig,insatsansvarig") == "Deltagaransvarig, Insatsansvarig"


# --- sample ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_sample_ids_same_seed_gives_same_ids(world: World) -> None:
    for day in range(1, 29):
        make_entry(world.association, at=local(2026, 2, day))

    first = sample_ids(month_entries(2026, 2), size=5, seed=4711)
    second = sample_ids(month_entries(2026, 2), size=5, seed=4711)

    assert first == second
    assert len(first) == 5


@pytest.mark.django_db
def test_sample_ids_follows_random_with_seed_over_ordered_ids(world: World) -> None:
    created = [make_entry(world.association, at=local(2026, 2, day)).pk for day in range(1, 29)]
    make_entry(world.association, at=local(2026, 3, 1))

    result = sample_ids(month_entries(2026, 2), size=5, seed=4711)

    assert result == sorted(random.Random(4711).sample(sorted(created), 5))


@pytest.mark.django_db
def test_sample_ids_smaller_month_gives_every_row(world: World) -> None:
    created = [make_entry(world.association, at=local(2026, 2, day)).pk for day in (3, 9, 27)]

    result = sample_ids(month_entries(2026, 2), size=20, seed=1)

    assert result == sorted(created)


# --- anomaly rules --------------------------------------------------------------------------


def test_access_after_exit_flags_read_beyond_grace() -> None:
    entry = unsaved_entry(1, at=local(2026, 3, 10), participation_ids=[5, 6])
    exit_dates = {5: D(2026, 2, 7), 6: None}  # 31 days before; 6 is ongoing

    findings = access_after_exit([entry], exit_dates, grace_days=30)

    assert [(f.entry.pk, f.participation_ids) for f in findings] == [(1, (5,))]


def test_access_after_exit_within_grace_is_not_flagged() -> None:
    entry = unsaved_entry(1, at=local(2026, 3, 10), participation_ids=[5])

    findings = access_after_exit([entry], {5: D(2026, 2, 8)}, grace_days=30)  # 30 days

    assert findings == []


def test_access_after_exit_ignores_actions_other_than_access() -> None:
    entry = unsaved_entry(1, action=AccessAction.ANONYMISE, participation_ids=[5])

    findings = access_after_exit([entry], {5: D(2020, 1, 1)}, grace_days=30)

    assert findings == []


def test_volume_per_user_flags_above_three_standard_deviations() -> None:
    entries = [unsaved_entry(i, user_id=i, participation_ids=[i]) for i in range(1, 12)]
    entries.append(unsaved_entry(99, user_id=50, participation_ids=list(range(100, 150))))

    result = volume_per_user(entries, threshold=200)

    assert [(row.user_id, row.participations) for row in result.flagged] == [(50, 50)]


def test_volume_per_user_counts_distinct_participations() -> None:
    entries = [
        unsaved_entry(1, user_id=1, participation_ids=[5, 6]),
        unsaved_entry(2, user_id=1, participation_ids=[6, 7]),
        unsaved_entry(3, user_id=2, participation_ids=[5]),
        unsaved_entry(4, user_id=None, participation_ids=[1, 2, 3, 4]),
    ]

    result = volume_per_user(entries, threshold=200)

    assert [(row.user_id, row.participations, row.flagged) for row in result.rows] == [
        (1, 3, False),
        (2, 1, False),
    ]


def test_volume_per_user_flags_above_fixed_threshold() -> None:
    entries = [
        unsaved_entry(1, user_id=1, participation_ids=[1, 2, 3]),
        unsaved_entry(2, user_id=2, participation_ids=[1, 2]),
    ]

    result = volume_per_user(entries, threshold=2)

    assert [row.user_id for row in result.flagged] == [1]


def test_volume_per_user_even_use_is_not_flagged() -> None:
    entries = [unsaved_entry(i, user_id=i, participation_ids=[i, i + 100]) for i in range(1, 20)]

    result = volume_per_user(entries, threshold=200)

    assert result.flagged == []


def test_foreign_intervention_access_flags_participation_outside_users_interventions() -> None:
    entry = unsaved_entry(1, user_id=3, participation_ids=[5, 6])

    findings = foreign_intervention_access([entry], {5: 10, 6: 11}, {3: frozenset({10})})

    assert [(f.entry.pk, f.participation_ids) for f in findings] == [(1, (6,))]


def test_foreign_intervention_access_within_users_interventions_is_not_flagged() -> None:
    entries = [
        unsaved_entry(1, user_id=3, participation_ids=[5]),
        unsaved_entry(2, user_id=None, action=AccessAction.RETENTION, participation_ids=[6]),
        unsaved_entry(3, user_id=4, participation_ids=[6], outcome=Outcome.DENIED),
    ]

    findings = foreign_intervention_access(entries, {5: 10, 6: 11}, {3: frozenset({10})})

    assert findings == []


def test_denied_entries_lists_refused_attempts_only() -> None:
    entries = [unsaved_entry(1, outcome=Outcome.DENIED), unsaved_entry(2, outcome=Outcome.OK)]

    findings = denied_entries(entries)

    assert [f.entry.pk for f in findings] == [1]


@pytest.mark.django_db
def test_find_anomalies_reads_exit_dates_and_current_roles(world: World) -> None:
    officer = world.users["participant_officer_a"]
    ended = participation(world, world.intervention_a, exit_date=D(2026, 1, 2))
    other = participation(world, world.intervention_b)
    late = make_entry(world.association, user=officer, participation_ids=[ended.pk])
    foreign = make_entry(world.association, user=officer, participation_ids=[other.pk])
    denied = make_entry(world.association, user=officer, outcome=Outcome.DENIED)
    make_entry(world.association, user=officer, at=local(2026, 4, 2), participation_ids=[other.pk])

    anomalies = find_anomalies(world.association, date_from=D(2026, 3, 1), date_to=D(2026, 3, 31))

    assert [f.entry.pk for f in anomalies.after_exit] == [late.pk]
    assert [f.entry.pk for f in anomalies.foreign_intervention] == [foreign.pk]
    assert [f.entry.pk for f in anomalies.denied] == [denied.pk]
    assert anomalies.entry_ids == sorted([late.pk, foreign.pk, denied.pk])
