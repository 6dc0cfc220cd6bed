"""The generated participant data of the demo: realistic, deterministic, complete enough for
every report, and stored like real data (identity encrypted, history and access log written).

The demo is loaded once for the module (twice, to compare the two loads) and removed after
it; each test reads the loaded rows.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps
from django.db import DatabaseError, connection, models, transaction
from django_scopes import scope

from audit.models import AccessLogEntry, LogReview
from audit.services import log_access, record_review
from demo.data import FOLLOWUP_DATA, PARTICIPANT_DATA
from demo.data.exempel import EXEMPEL
from demo.data.participants import DEMO_SERIALS, MISTAKES
from demo.participants import age_at, make_number, months_between, plan_participations
from demo.tests.loading import load_twice, sorted_rows
from interventions.models import Aim, FollowUp, Intervention, Kind
from participants import crypto, personnummer
from participants.choices import WORK_REASONS, ActivityType, ExitReason, Gender, IncomeSource
from participants.models import (
    Activity,
    Consent,
    IdentityRecord,
    Participation,
    ParticipationEvent,
    Person,
    VolumeCount,
)
from participants.services import DETAIL_FIELDS
from tenancy.models import Association, User

pytestmark = pytest.mark.django_db

WINDOW_START, WINDOW_END = dt.date(2025, 1, 1), dt.date(2026, 11, 15)


def snapshot() -> dict[str, Any]:
    """Counts and a fingerprint of every generated row (ids and timestamps left out)."""
    participations = Participation.objects.select_related("intervention")
    return {
        "participations": participations.count(),
        "persons": Person.objects.count(),
        "anonymous": participations.filter(person__isnull=True).count(),
        "consents": Consent.objects.count(),
        "events": ParticipationEvent.objects.count(),
        "log_rows": AccessLogEntry.objects.count(),
        "log_reviews": LogReview.objects.count(),
        "exits_per_reason": dict(
            Counter(participations.exclude(exit_reason="").values_list("exit_reason", flat=True))
        ),
        "volume_rows": VolumeCount.objects.count(),
        "activities": Activity.objects.count(),
        "rows": sorted_rows(
            participations,
            "intervention__code",
            "reference",
            "gender",
            "entry_date",
            "exit_date",
            "exit_reason",
            "work_extent",
            "action_plan_date",
            "person__pnr_hash",
        ),
        "volumes": sorted(
            VolumeCount.objects.values_list(
                "intervention__code", "year", "month", "women", "men", "other"
            )
        ),
    }


@pytest.fixture(scope="module")
def loaded(
    django_db_setup: None, django_db_blocker: Any
) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """Load the demo, use it as people do (a log review, a logged read), load it again;
    yields the snapshots after each load. The rows stay for the module's tests."""
    yield from load_twice(django_db_blocker, snapshot, between=use_the_demo)


def use_the_demo() -> None:
    """A logged read of participant data and a log review, as people do."""
    exempel = Association.objects.get(slug="exempel")
    officer = User.objects.get(email="deltagare.steg@exempel.se")
    log_access(user=officer, association=exempel, action="read", purpose="Deltagarsida")
    record_review(
        association=exempel,
        reviewer=User.objects.get(email="loggranskare@exempel.se"),
        scope="Stickprov",
        entry_ids=[],
        conclusion=LogReview.Conclusion.NO_REMARK,
    )


@pytest.fixture
def exempel(loaded: tuple[dict[str, Any], dict[str, Any]]) -> Association:
    return Association.objects.get(slug="exempel")


def personal(association: Association) -> models.QuerySet[Participation]:
    return Participation.objects.filter(association=association, person__isnull=False)


def test_load_demo_twice_gives_same_participant_data(
    loaded: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    first, second = loaded

    assert second == first
    assert (first["participations"] > 300, first["volume_rows"] > 100) == (True, True)


def test_load_demo_exits_use_every_reason(exempel: Association) -> None:
    reasons = Counter(
        personal(exempel).exclude(exit_reason="").values_list("exit_reason", flat=True)
    )

    assert set(reasons) == set(ExitReason.values)
    assert reasons[ExitReason.MISTAKE] == MISTAKES


def test_load_demo_work_exits_have_realistic_extents_and_income(exempel: Association) -> None:
    exits = personal(exempel).exclude(exit_reason="")
    work = exits.filter(exit_reason__in=sorted(WORK_REASONS))

    assert set(work.values_list("work_extent", flat=True)) == {25, 50, 75, 100}
    assert set(exits.exclude(exit_reason__in=sorted(WORK_REASONS)).values_list("work_extent")) == {
        (None,)
    }
    assert {p.income_after[0] for p in work} == {IncomeSource.SALARY, IncomeSource.OTHER}
    studies = exits.filter(exit_reason=ExitReason.STUDIES).values_list("income_after", flat=True)
    assert {tuple(after) for after in studies} == {("studiemedel",)}


def test_load_demo_about_sixty_percent_exit(exempel: Association) -> None:
    rows = personal(exempel)

    share = rows.exclude(exit_date=None).count() / rows.count()

    assert 0.55 <= share <= 0.7


def test_load_demo_participants_have_both_genders_mostly_women(exempel: Association) -> None:
    genders = Counter(personal(exempel).values_list("gender", flat=True))

    share_women = genders[Gender.WOMAN] / genders.total()

    assert set(genders) == {Gender.WOMAN, Gender.MAN}
    assert 0.5 <= share_women <= 0.6


def test_load_demo_anonymous_rows_carry_only_gender_and_entry_date(exempel: Association) -> None:
    rows = Participation.objects.filter(association=exempel, person__isnull=True)
    total = Participation.objects.filter(association=exempel).count()

    extra = rows.values_list("reference", "exit_date", "exit_reason", "work_extent", *DETAIL_FIELDS)

    assert 0.05 <= rows.count() / total <= 0.11
    assert set(rows.values_list("gender", flat=True)) == set(Gender.values)
    assert {json.dumps(row, default=str) for row in extra} == {
        json.dumps(["", None, "", None, "", [], "", "", None, []])
    }


def test_load_demo_participations_lie_in_window_and_period(exempel: Association) -> None:
    problems = []
    for p in personal(exempel).select_related("intervention", "person", "identity"):
        intervention, person = p.intervention, p.person
        assert intervention.end_date is not None and person is not None
        last = min(WINDOW_END, intervention.end_date)
        assert p.identity is not None
        consents = [c.given_on for c in p.identity.consents.all()]
        if not (max(WINDOW_START, intervention.start_date) <= p.entry_date <= last):
            problems.append((p.reference, "entry"))
        if p.exit_date is not None and not p.entry_date <= p.exit_date <= last:
            problems.append((p.reference, "exit"))
        if not any(given <= p.entry_date for given in consents):
            problems.append((p.reference, "consent"))
        if not 18 <= age_at(person.birth_date, p.entry_date) <= 64:
            problems.append((p.reference, "age"))
        if (intervention.kind, intervention.follow_up) != (Kind.INDIVIDUAL, FollowUp.PERSONAL_DATA):
            problems.append((p.reference, "intervention"))

    assert problems == []


def test_load_demo_each_intervention_gets_40_to_120_participations(exempel: Association) -> None:
    counts = Counter(
        Participation.objects.filter(association=exempel).values_list(
            "intervention__code", flat=True
        )
    )

    assert sorted(counts) == ["BRYGGAN-22", "IPS-23", "LOTSEN-24", "SPRAK-26", "STEG-24", "UNGA-25"]
    assert [code for code, n in counts.items() if not 40 <= n <= 120] == []
    assert 300 <= counts.total() <= 500


def test_load_demo_personnummer_are_valid_unique_and_some_return(exempel: Association) -> None:
    persons = list(Person.objects.filter(association=exempel).order_by("pk"))
    first_records = {
        r.person_id: r for r in IdentityRecord.objects.filter(association=exempel).order_by("-pk")
    }
    numbers = [
        personnummer.parse(crypto.decrypt(first_records[p.pk].pnr_encrypted)) for p in persons
    ]
    taking_part = Counter(personal(exempel).values_list("person_id", flat=True))

    assert len({n.canonical for n in numbers}) == len(persons)
    assert [(n.birth_date, n.gender) for n in numbers] == [
        (p.birth_date, p.gender) for p in persons
    ]
    assert {int(n.canonical[8:11]) in DEMO_SERIALS for n in numbers} == {True}
    assert [p.pnr_hash for p in persons] == [crypto.lookup_hash(n.canonical) for n in numbers]
    assert 3 <= sum(1 for n in taking_part.values() if n > 1) <= 20


def test_load_demo_pre_rehabilitation_participants_mostly_have_action_plan(
    exempel: Association,
) -> None:
    rows = list(personal(exempel).filter(intervention__aim=Aim.PRE_REHABILITATION))
    planned = [p for p in rows if p.action_plan_date is not None]

    days = {(p.action_plan_date - p.entry_date).days for p in planned if p.action_plan_date}

    assert len(planned) / len(rows) >= 0.75
    assert min(days) >= 30 and max(days) <= 60


def test_load_demo_closed_variables_are_filled(exempel: Association) -> None:
    rows = personal(exempel)

    empty = rows.filter(
        models.Q(education="")
        | models.Q(income_before=[])
        | models.Q(public_support_time="")
        | models.Q(referrer="")
    ).count()

    assert empty == 0
    assert (
        rows.exclude(exit_date=None)
        .exclude(exit_reason__in=[ExitReason.MOVED, ExitReason.BROKE_OFF, ExitReason.MISTAKE])
        .filter(income_after=[])
        .count()
        == 0
    )


def test_load_demo_registers_as_the_demo_participant_officer(exempel: Association) -> None:
    officer = User.objects.get(email="deltagare.steg@exempel.se")

    users = {
        code: set(
            ParticipationEvent.objects.filter(participation__intervention__code=code).values_list(
                "user__email", flat=True
            )
        )
        for code in ("STEG-24", "IPS-23")
    }

    assert users == {"STEG-24": {officer.email}, "IPS-23": {None}}


def test_load_demo_volume_counts_cover_every_month(exempel: Association) -> None:
    spec = PARTICIPANT_DATA["exempel"]
    granted = [  # count-only interventions created by the demo's funding decisions
        (a.code, a.decision.start, a.decision.end)
        for a in FOLLOWUP_DATA["exempel"].applications
        if a.decision is not None and a.code in FOLLOWUP_DATA["exempel"].volumes
    ]
    periods = [
        (i.code, i.start, i.end) for i in EXEMPEL.interventions if i.follow_up == FollowUp.COUNTS
    ] + granted
    expected = sorted(
        (code, year, month)
        for code, start, end in periods
        if start <= spec.end and end >= spec.start
        for year, month in months_between(max(start, spec.start), min(end, spec.end))
    )

    stored = sorted(
        VolumeCount.objects.filter(association=exempel).values_list(
            "intervention__code", "year", "month"
        )
    )

    assert stored == expected
    assert VolumeCount.objects.filter(association=exempel, women=0, men=0).count() == 0


def test_load_demo_activities_of_every_type(exempel: Association) -> None:
    activities = list(Activity.objects.filter(association=exempel).select_related("intervention"))

    linked_kinds = {a.intervention.kind for a in activities if a.intervention is not None}

    assert 18 <= len(activities) <= 24
    assert {a.kind for a in activities} == set(ActivityType.values)
    assert {a.date.year for a in activities} == {2025, 2026}
    assert {Kind.STRUCTURAL, Kind.COMPETENCE} <= linked_kinds
    assert [a for a in activities if a.attendees == 0 or not a.organisations] == []


def written_forms(number: str) -> tuple[str, ...]:
    """12 digits, 12 with dash, 10 digits, 10 with dash."""
    return (number, f"{number[:8]}-{number[8:]}", number[2:], f"{number[2:8]}-{number[8:]}")


def stored_texts() -> Iterator[str]:
    """Every value of every column of every table, as text."""
    for model in apps.get_models():
        columns = [f.attname for f in model._meta.concrete_fields]
        for row in model._base_manager.values_list(*columns):
            yield json.dumps(row, ensure_ascii=False, default=str)


def test_load_demo_stores_no_personnummer_or_name_in_clear_text(exempel: Association) -> None:
    persons = list(IdentityRecord.objects.filter(association=exempel))
    numbers = [crypto.decrypt(p.pnr_encrypted) for p in persons]
    names = [crypto.decrypt(p.name_encrypted) for p in persons]
    needles = [form for number in numbers for form in written_forms(number)] + names

    haystack = "\n".join(stored_texts())

    assert (len(numbers), len(set(names)) > 100) == (len(persons), True)
    assert [needle for needle in needles if needle in haystack] == []


def test_load_demo_norr_has_no_participant_data_of_exempel(exempel: Association) -> None:
    norr = Association.objects.get(slug="norr")
    tenant_models = (
        Person,
        IdentityRecord,
        Consent,
        IdentityRecord,
        Participation,
        ParticipationEvent,
        VolumeCount,
        Activity,
        AccessLogEntry,
    )

    with scope(association=norr.pk):
        seen = {m.__name__: m.objects.count() for m in tenant_models}
        exempel_interventions = Intervention.objects.filter(association=exempel).count()

    assert seen == {m.__name__: 0 for m in tenant_models}
    assert exempel_interventions == 0
    assert Participation.objects.filter(association=exempel).count() > 300


def test_plan_participations_is_deterministic() -> None:
    spec = PARTICIPANT_DATA["exempel"]

    def fingerprint() -> list[tuple[object, ...]]:
        return [
            (p.code, p.entry_date, p.exit_date, p.exit_reason, p.person and p.person.number)
            for p in plan_participations(spec, EXEMPEL.interventions)
        ]

    assert fingerprint() == fingerprint()


def test_make_number_is_valid_with_gender_of_serial() -> None:
    birth = dt.date(1994, 2, 28)

    parsed = [personnummer.parse(make_number(birth, serial)) for serial in (980, 981)]

    assert [(p.birth_date, p.gender) for p in parsed] == [(birth, "kvinna"), (birth, "man")]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the append-only trigger exists on PostgreSQL only"
)
def test_load_demo_leaves_access_log_trigger_on(exempel: Association) -> None:
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_accesslogentry")

    assert AccessLogEntry.objects.filter(association=exempel).count() > 300
