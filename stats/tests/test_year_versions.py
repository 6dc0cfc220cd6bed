"""A data version per year (``stats.versions``): a write whose first affected year is after
year Y leaves every figure of Y unchanged, so the memos of Y keep their version.

The proof is the property test: on generated data (interventions, personal and anonymous
participations, activities and progression assessments around the year's quarter ends and
in the years before and after), the memo of a random period of ``YEAR`` (suppressed or
not, with its document sections) and the year's suppression are computed; then a random
write (a registration, an anonymous entry, an update moving dates forwards or backwards,
a change of intervention, an anonymisation, a deletion) is made. Either the version of
``YEAR`` changed, or the memo recomputed from empty caches is the same, byte for byte; and
the version changed exactly when the write has a date in ``YEAR`` or before (old or new),
moved the participation to another intervention, or removed assessments."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection
from django_scopes import scope
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from interventions.models import Aim, FollowUp, Intervention, Kind
from participants.choices import ActivityType, ExitReason, Gender
from participants.models import (
    Activity,
    Consent,
    IdentityRecord,
    Participation,
    ParticipationEvent,
    Person,
)
from participants.services import anonymise_participation
from stats import versions
from stats.memo import _goal_members, build_memo
from stats.memo_progression import progression_json
from stats.periods import Period
from stats.versions import (
    ALL_YEARS,
    CREATED,
    DELETED,
    NO_FIGURE,
    NOT_FIGURES,
    UPDATED,
    bump_data_version,
    data_version,
    first_year_affected,
)
from stats.year_suppression import year_suppression
from survey.progression import define_instrument
from survey.progression_models import Assessment, AssessmentValue, ProgressionInstrument
from tenancy.models import Association
from testing.factories import AssociationFactory, BudgetFactory, InterventionFactory

pytestmark = pytest.mark.django_db
D = dt.date
YEAR = 2025
PERIODS = [Period.parse(f"{YEAR}{part}") for part in ("Q1", "Q2", "Q3", "Q4", "H1", "H2", "")]
ITEMS = [("Jag klarar min vardag", 1, 10)]


def _days() -> list[dt.date]:
    """Days on and next to ``YEAR``'s quarter ends, and days of the years around it."""
    ends = [D(YEAR - 1, 12, 31), *(period.end for period in PERIODS[:4])]
    near = {end + dt.timedelta(days=offset) for end in ends for offset in (-1, 0, 1)}
    around = {D(YEAR - 1, 6, 15), D(YEAR, 2, 14), D(YEAR, 8, 1)}
    later = {D(YEAR + 1, 1, 1), D(YEAR + 1, 2, 1), D(YEAR + 1, 12, 31), D(YEAR + 2, 6, 1)}
    return sorted(near | around | later)


DAYS = _days()
day = st.sampled_from(DAYS)
#: Days after ``YEAR`` (drawn more often: the writes the per-year versions are for).
later_day = st.sampled_from([each for each in DAYS if each.year > YEAR])
any_day = st.one_of(day, later_day)
#: The writes' days: after ``YEAR`` more often still.
write_day = st.one_of(later_day, any_day)
gender = st.sampled_from([Gender.WOMAN, Gender.MAN, Gender.OTHER])
stay = st.sampled_from([None, 0, 1, 92, 400])
plan = st.sampled_from([None, 0, 60])

intervention_st = st.fixed_dictionaries(
    {
        "start": day,
        "kind_aim": st.sampled_from(
            [(Kind.INDIVIDUAL, Aim.WORK), (Kind.INDIVIDUAL, Aim.PRE_REHABILITATION)]
        ),
        "expected": st.sampled_from([None, 10]),
    }
)
participation_st = st.fixed_dictionaries(
    {
        "intervention": st.integers(0, 3),
        "gender": gender,
        "born": st.sampled_from([D(1960, 1, 1), D(1996, 7, 1)]),
        "entry": any_day,
        "stay": stay,
        "plan": plan,
        "anonymous": st.booleans(),
        "assessed": st.booleans(),
    }
)
activity_st = st.tuples(any_day, st.sampled_from(ActivityType.values), st.integers(0, 3))
write_st = st.one_of(
    st.fixed_dictionaries(
        {
            "kind": st.just("create"),
            "intervention": st.integers(0, 3),
            "gender": gender,
            "entry": write_day,
            "stay": stay,
            "plan": plan,
            "anonymous": st.booleans(),
        }
    ),
    st.fixed_dictionaries(
        {
            "kind": st.just("update"),
            "which": st.integers(0, 30),
            "later": st.booleans(),
            "entry": write_day,
            "stay": stay,
            "plan": plan,
            "move": st.sampled_from([False, False, True]),
        }
    ),
    *(
        st.fixed_dictionaries(
            {"kind": st.just(kind), "which": st.integers(0, 30), "later": st.booleans()}
        )
        for kind in ("anonymise", "delete")
    ),
)

_serial = iter(range(10**9))


def _exit(entry: dt.date, days: int | None) -> dict[str, Any]:
    if days is None:
        return {"exit_date": None, "exit_reason": "", "work_extent": None}
    return {
        "exit_date": entry + dt.timedelta(days=days),
        "exit_reason": ExitReason.STUDIES,
        "work_extent": None,
    }


def _plan(entry: dt.date, days: int | None) -> dt.date | None:
    return None if days is None else entry + dt.timedelta(days=days)


def register(
    intervention: Intervention, gender: str, born: dt.date, entry: dt.date, **values: Any
) -> Participation:
    """What the registration writes: person, identity record, consent, participation and
    its history row (``participants.services.register_entry`` without the crypto)."""
    association = intervention.association
    serial = next(_serial)
    person = Person.objects.create(
        association=association, pnr_hash=f"year-{serial}", birth_date=born, gender=gender
    )
    identity = IdentityRecord.objects.create(
        association=association, intervention=intervention, person=person, pnr_encrypted="x"
    )
    Consent.objects.create(association=association, identity=identity, given_on=entry)
    participation = Participation.objects.create(
        association=association,
        intervention=intervention,
        person=person,
        identity=identity,
        gender=gender,
        entry_date=entry,
        **values,
    )
    ParticipationEvent.objects.create(
        association_id=association.pk,
        participation=participation,
        action=ParticipationEvent.Action.CREATED,
        changes={},
    )
    return participation


def _enter(intervention: Intervention, each: dict[str, Any]) -> Participation:
    if each["anonymous"]:
        return Participation.objects.create(
            association=intervention.association,
            intervention=intervention,
            gender=each["gender"],
            entry_date=each["entry"],
        )
    return register(
        intervention,
        each["gender"],
        each.get("born", D(1990, 1, 1)),
        each["entry"],
        action_plan_date=_plan(each["entry"], each["plan"]),
        **_exit(each["entry"], each["stay"]),
    )


def _assess(instrument: ProgressionInstrument, participation: Participation) -> None:
    """Two ratings in ``YEAR`` (whatever the participation's dates)."""
    for number, when in enumerate((D(YEAR, 2, 10), D(YEAR, 5, 10))):
        assessment = Assessment.objects.create(
            association=participation.association,
            participation=participation,
            instrument=instrument,
            date=when,
        )
        AssessmentValue.objects.create(
            association=participation.association,
            assessment=assessment,
            item=instrument.items.get(),
            value=3 + 4 * number * (participation.pk % 2),
        )


def _world(
    interventions: list[dict[str, Any]],
    participations: list[dict[str, Any]],
    activities: list[tuple[dt.date, str, int]],
) -> Association:
    association = AssociationFactory.create()
    made = [
        InterventionFactory.create(
            association=association,
            start_date=each["start"],
            end_date=None,
            kind=each["kind_aim"][0],
            aim=each["kind_aim"][1],
            follow_up=FollowUp.PERSONAL_DATA,
            expected_participants=each["expected"],
        )
        for each in interventions
    ]
    instrument = define_instrument(
        association=association, name="Stegen", rater="deltagare", items=ITEMS
    )
    for each in participations:
        participation = _enter(made[each["intervention"] % len(made)], each)
        if each["assessed"]:
            _assess(instrument, participation)
    for number, (when, kind, attendees) in enumerate(activities):
        Activity.objects.create(
            association=association,
            date=when,
            title=f"Aktivitet {number}",
            kind=kind,
            women=attendees,
            men=1,
            other=0,
        )
    return association


def _dates(participation: Participation) -> list[dt.date]:
    return [
        each
        for each in (
            participation.entry_date,
            participation.exit_date,
            participation.action_plan_date,
        )
        if each is not None
    ]


def _write(association: Association, write: dict[str, Any]) -> bool:
    """Make ``write``; True when it can change ``YEAR``'s figures by the rule stated in the
    module's docstring (independent of ``stats.versions``)."""
    interventions = list(Intervention.objects.filter(association=association).order_by("pk"))
    rows = list(Participation.objects.filter(association=association).order_by("pk"))
    if write["kind"] == "create":
        participation = _enter(interventions[write["intervention"] % len(interventions)], write)
        return min(_dates(participation)).year <= YEAR
    later = [row for row in rows if min(_dates(row)).year > YEAR]
    if write["later"] and later:
        rows = later  # a row of the later years (the updates that must keep the version)
    participation = rows[write["which"] % len(rows)]
    before = _dates(participation)
    assessed = Assessment.objects.filter(participation=participation).exists()
    if write["kind"] == "delete":
        participation.delete()
        return min(before).year <= YEAR or assessed
    if write["kind"] == "anonymise":
        anonymise_participation(participation, user=None)
        return min(before).year <= YEAR
    moved = write["move"] and len(interventions) > 1
    if moved:
        others = [each for each in interventions if each.pk != participation.intervention_id]
        participation.intervention = others[0]
    participation.entry_date = write["entry"]
    if participation.person_id is not None:
        for name, value in _exit(write["entry"], write["stay"]).items():
            setattr(participation, name, value)
        participation.action_plan_date = _plan(write["entry"], write["plan"])
    participation.save()
    return min(before + _dates(participation)).year <= YEAR or moved


def _figures(association: Association, period: Period, suppress: bool) -> tuple[str, Any, Any]:
    """The memo's JSON (as bytes would be written), the whole memo with its document
    sections, and the year's suppression, computed from empty caches."""
    cache.clear()
    memo = build_memo(association, period, suppress=suppress, document=True)
    with scope(association=association.pk):
        members = _goal_members(Intervention.objects.in_display_order())
        year = year_suppression(association, period, goal_members=members)
    hidden = tuple(
        sorted(map(repr, result.hidden.items()))
        for result in (year.person, year.anonymous, year.activities)
    )
    return json.dumps(memo.json, ensure_ascii=False, sort_keys=True), memo, hidden


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(intervention_st, min_size=1, max_size=3),
    st.lists(participation_st, min_size=1, max_size=10),
    st.lists(activity_st, max_size=3),
    st.sampled_from(PERIODS),
    st.booleans(),
    write_st,
)
def test_year_version_property_kept_only_by_writes_that_leave_the_year_unchanged(
    interventions: list[dict[str, Any]],
    participations: list[dict[str, Any]],
    activities: list[tuple[dt.date, str, int]],
    period: Period,
    suppress: bool,
    write: dict[str, Any],
) -> None:
    association = _world(interventions, participations, activities)
    before = _figures(association, period, suppress)
    version = data_version(association.pk, YEAR)

    can_change = _write(association, write)
    kept = data_version(association.pk, YEAR) == version
    after = _figures(association, period, suppress)
    event(f"{write['kind']}: version of {YEAR} {'kept' if kept else 'changed'}")

    assert (kept, kept and after != before) == (not can_change, False)


def test_year_version_kept_by_a_registration_dated_in_a_later_year(world: Any) -> None:
    """The load test's write: a registration through the service (access log, history,
    consent, identity) dated in 2026 keeps the 2025 version and changes 2026's."""
    from testing.participants import WOMAN_1990, enter_in

    pk = world.association.pk
    before = (data_version(pk, 2025), data_version(pk, 2026))

    enter_in(world, "a", number=WOMAN_1990, on=D(2026, 3, 2))

    assert (data_version(pk, 2025) == before[0], data_version(pk, 2026) == before[1]) == (
        True,
        False,
    )


def test_year_version_changed_by_a_registration_dated_in_the_year(world: Any) -> None:
    from testing.participants import MAN_1985, enter_in

    pk = world.association.pk
    before = data_version(pk, 2025)

    enter_in(world, "a", number=MAN_1985, on=D(2025, 12, 31))

    assert data_version(pk, 2025) != before


def test_year_version_changed_by_moving_a_later_entry_into_the_year(world: Any) -> None:
    """The stored dates count: a participation entered 2026 moved to 2024 changes 2024."""
    from testing.participants import WOMAN_2001, enter_in

    pk = world.association.pk
    participation = enter_in(world, "a", number=WOMAN_2001, on=D(2026, 3, 2))
    before = (data_version(pk, 2024), data_version(pk, 2027))

    participation.entry_date = D(2024, 5, 1)
    participation.save()
    moved_back = (data_version(pk, 2024) != before[0], data_version(pk, 2027) != before[1])
    middle = data_version(pk, 2025)
    participation.entry_date = D(2026, 6, 1)
    participation.save()  # forwards again: 2024's figures lose it

    assert (moved_back, data_version(pk, 2025) != middle) == ((True, True), True)


def _tenant_models() -> list[Any]:
    return [
        model
        for model in apps.get_models()
        if any(field.attname == "association_id" for field in model._meta.concrete_fields)
    ]


def test_first_year_affected_every_model_not_proven_changes_every_year() -> None:
    """Only the participation (by its dates) and a person's creation are specialised; every
    other row with an association changes every year's figures (or none: NOT_FIGURES)."""
    specialised = {"participants.participation", "participants.person"}
    found = {
        (model._meta.label_lower, change): first_year_affected(
            model, model(), change=change, stored={}
        )
        for model in _tenant_models()
        if model._meta.label_lower not in specialised
        for change in (CREATED, UPDATED, DELETED)
    }
    expected = {
        (label, change): NO_FIGURE if label in NOT_FIGURES else ALL_YEARS for label, change in found
    }

    assert (len(found) > 60, found) == (True, expected)


def test_first_year_affected_person_only_created_changes_nothing() -> None:
    person = Person(birth_date=D(1990, 1, 1), gender=Gender.WOMAN)

    assert [
        first_year_affected(Person, person, change=change, stored={})
        for change in (CREATED, UPDATED, DELETED)
    ] == [NO_FIGURE, ALL_YEARS, ALL_YEARS]


def test_first_year_affected_participation_without_stored_row_changes_every_year() -> None:
    participation = Participation(entry_date=D(2026, 1, 1), intervention_id=1, association_id=1)

    assert [
        first_year_affected(Participation, participation, change=change, stored=None)
        for change in (CREATED, UPDATED, DELETED)
    ] == [2026, ALL_YEARS, ALL_YEARS]


def test_first_year_affected_participation_with_a_text_date_changes_every_year() -> None:
    participation = Participation(entry_date="2026-01-01", intervention_id=1, association_id=1)

    assert first_year_affected(Participation, participation, change=CREATED) == ALL_YEARS


def test_year_version_changed_by_a_budget_for_every_year(world: Any) -> None:
    pk = world.association.pk
    before = [data_version(pk, year) for year in (2000, 2022, 2100)]

    BudgetFactory.create(intervention=world.intervention_a, year=2030, amount=1)

    assert [
        data_version(pk, year) != old for year, old in zip((2000, 2022, 2100), before, strict=True)
    ] == [
        True,
        True,
        True,
    ]


def test_year_version_changed_by_a_person_update(world: Any) -> None:
    """A person's birth date is read through participations of any year."""
    from testing.participants import WOMAN_1990, enter_in

    pk = world.association.pk
    person = enter_in(world, "a", number=WOMAN_1990, on=D(2026, 3, 2)).person
    before = data_version(pk, 2001)

    person.birth_date = D(1991, 1, 1)
    person.save()

    assert data_version(pk, 2001) != before


def test_data_version_read_in_one_get_many(monkeypatch: pytest.MonkeyPatch) -> None:
    """One ``get_many`` (one MGET with Redis) once the counters exist."""
    data_version(4711, 2025)  # starts the counters
    calls: list[str] = []
    inside: list[bool] = []

    def counted(name: str, real: Any) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            if not inside:  # the backend's own calls inside one (locmem's get_many) not
                calls.append(name)
            inside.append(True)
            try:
                return real(*args, **kwargs)
            finally:
                inside.pop()

        return call

    for name in ("get", "get_many", "add", "set", "get_or_set"):
        monkeypatch.setattr(cache, name, counted(name, getattr(cache, name)))

    data_version(4711, 2025)

    assert calls == ["get_many"]


def test_data_version_never_returns_to_an_earlier_value_after_eviction() -> None:
    first = data_version(4711, 2025)
    bump_data_version(4711, 2025)
    bumped = data_version(4711, 2025)
    cache.delete("finsam:data-version:4711:2025")  # evicted

    assert len({first, bumped, data_version(4711, 2025)}) == 3


def test_bump_data_version_of_a_year_changes_that_year_and_later_only() -> None:
    years = (2024, 2025, 2026, 2100)
    before = [data_version(4711, year) for year in years]

    bump_data_version(4711, 2025)

    assert [data_version(4711, year) != old for year, old in zip(years, before, strict=True)] == [
        False,
        True,
        True,
        True,
    ]


def test_bump_data_version_of_no_figure_changes_nothing() -> None:
    before = data_version(4711, 2100)

    bump_data_version(4711, NO_FIGURE)

    assert data_version(4711, 2100) == before


@pytest.mark.parametrize("suppress", [True, False])
def test_memo_computation_reads_no_table_of_not_figures(world: Any, suppress: bool) -> None:
    """What the data version keys (the memo with its document sections, the year's
    suppression, the progression table of the survey's page) reads none of the tables
    whose rows keep the version, though a registration wrote rows to them."""
    from testing.participants import WOMAN_1990, enter_in

    enter_in(world, "a", number=WOMAN_1990, on=D(2022, 8, 1))
    period = Period.parse("2022H2")
    tables = {apps.get_model(label)._meta.db_table for label in NOT_FIGURES}
    read: set[str] = set()
    queries: list[str] = []

    def record(execute: Any, sql: str, *rest: Any) -> Any:
        queries.append(sql)
        read.update(table for table in tables if f'"{table}"' in sql or f"`{table}`" in sql)
        return execute(sql, *rest)

    with connection.execute_wrapper(record):
        build_memo(world.association, period, suppress=suppress, document=True)
        progression_json(world.association, Period.parse("2022"), suppress=suppress)

    assert (len(queries) > 10, read) == (True, set())


def test_versions_module_lists_only_tenant_models() -> None:
    labels = {model._meta.label_lower for model in _tenant_models()}

    assert (
        set(NOT_FIGURES) - labels,
        set(versions.DATED) - labels,
        set(versions.CREATED_UNREAD) - labels,
    ) == (set(), set(), set())
