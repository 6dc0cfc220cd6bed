"""Retention (gallring): who is removed around the cut-off, what stays, log pruning, dry
runs, the daily task and the command. Time is fixed by passing ``today``."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_scopes import scope

from audit.models import AccessAction, AccessLogEntry
from participants.choices import ExitReason, Gender
from participants.models import (
    Consent,
    Participation,
    ParticipationEvent,
    Person,
    RetentionPolicy,
    RetentionRun,
)
from participants.retention import describe_policy, months_before, policy_for, run_retention
from participants.tasks import run_retention_for_all
from testing.participants import (
    MAN_1985,
    WOMAN_1990,
    WOMAN_2001,
    anonymous_in_a,
    enter_in,
    make_personnummer,
)
from testing.personas import World

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2025, 6, 15)
#: 24 months before TODAY: an exit before this day is due, on or after it is kept.
CUTOFF = D(2023, 6, 15)


def enter(
    world: World,
    number: str,
    *,
    entry: dt.date,
    exit: dt.date | None = None,
    which: str = "a",
    name: str = "",
) -> Participation:
    return enter_in(
        world,
        which,
        number=number,
        on=entry,
        name=name,
        exit_date=exit,
        exit_reason=ExitReason.STUDIES if exit else "",
    )


def retain(world: World, *, dry_run: bool = False) -> RetentionRun:
    with scope(association=world.association.pk):
        return run_retention(association=world.association, today=TODAY, dry_run=dry_run)


def test_months_before_clamps_to_month_end() -> None:
    assert [
        months_before(D(2025, 3, 31), 1),
        months_before(D(2024, 3, 31), 1),
        months_before(D(2025, 6, 15), 24),
        months_before(D(2025, 1, 10), 13),
    ] == [D(2025, 2, 28), D(2024, 2, 29), D(2023, 6, 15), D(2023, 12, 10)]


def test_policy_for_creates_the_default_when_missing(world: World) -> None:
    policy = policy_for(world.association)

    assert (policy.months_after_exit, policy.log_months) == (24, 36)
    assert RetentionPolicy.objects.count() == 1


def test_describe_policy_states_both_periods(world: World) -> None:
    policy = RetentionPolicy(association=world.association, months_after_exit=1, log_months=36)

    assert describe_policy(policy) == (
        "Personuppgifter (personnummer, namn och samtycken) tas bort 1 månad efter att "
        "personens sista deltagande avslutades. Deltagandet sparas därefter utan koppling "
        "till personen, med kön och inskrivningsdatum, för statistik. Åtkomstloggens "
        "koppling till deltaganden tas bort efter 36 månader."
    )


def test_retention_removes_person_who_exited_before_the_cutoff(world: World) -> None:
    old = enter(world, WOMAN_1990, entry=D(2022, 1, 10), exit=CUTOFF - dt.timedelta(days=1))

    run = retain(world)

    old.refresh_from_db()
    assert (old.person_id, old.gender, old.entry_date, old.exit_date) == (
        None,
        Gender.WOMAN,
        D(2022, 1, 10),
        None,
    )
    assert (Person.objects.count(), Consent.objects.count()) == (0, 0)
    assert (run.persons_removed, run.participations_anonymised, run.dry_run) == (1, 1, False)


def test_retention_keeps_person_who_exited_on_the_cutoff(world: World) -> None:
    kept = enter(world, MAN_1985, entry=D(2022, 1, 10), exit=CUTOFF)

    run = retain(world)

    kept.refresh_from_db()
    assert kept.person is not None
    assert (run.persons_removed, run.participations_anonymised) == (0, 0)


def test_retention_keeps_person_with_one_old_and_one_recent_participation(world: World) -> None:
    old = enter(world, WOMAN_2001, entry=D(2020, 1, 10), exit=D(2020, 6, 30))
    recent = enter(world, WOMAN_2001, entry=D(2024, 9, 1), exit=D(2025, 1, 31), which="b")

    run = retain(world)

    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.person_id == recent.person_id is not None
    assert old.exit_date == D(2020, 6, 30)
    assert run.persons_removed == 0


def test_retention_keeps_person_with_ongoing_participation(world: World) -> None:
    enter(world, WOMAN_2001, entry=D(2019, 1, 10), exit=D(2019, 6, 30))
    enter(world, WOMAN_2001, entry=D(2019, 8, 1))

    run = retain(world)

    assert (run.persons_removed, Person.objects.count()) == (0, 1)


def test_retention_leaves_anonymous_participations_alone(world: World) -> None:
    anonymous = anonymous_in_a(world, gender=Gender.MAN, on=D(2019, 1, 10))
    events_before = list(anonymous.events.values_list("action", flat=True))

    run = retain(world)

    assert run.participations_anonymised == 0
    assert list(anonymous.events.values_list("action", flat=True)) == events_before


def test_retention_leaves_no_identifying_value(world: World) -> None:
    first = enter(world, WOMAN_1990, name="Anna Andersson", entry=D(2021, 2, 1), exit=D(2021, 9, 1))
    second = enter(world, WOMAN_1990, entry=D(2022, 1, 10), exit=D(2022, 12, 1), which="b")
    with scope(association=world.association.pk):
        Participation.objects.filter(pk=first.pk).update(reference="A-17")

    retain(world)

    rows = list(
        Participation.objects.filter(pk__in=[first.pk, second.pk])
        .order_by("pk")
        .values_list("person_id", "reference", "gender", "entry_date", "exit_date", "exit_reason")
    )
    assert rows == [
        (None, "", Gender.WOMAN, D(2021, 2, 1), None, ""),
        (None, "", Gender.WOMAN, D(2022, 1, 10), None, ""),
    ]
    assert (Person.objects.count(), Consent.objects.count()) == (0, 0)
    events = list(
        ParticipationEvent.objects.filter(participation__in=[first, second])
        .order_by("participation_id")
        .values_list("participation_id", "action", "user_id", "changes")
    )
    assert events == [
        (first.pk, ParticipationEvent.Action.ANONYMISED, None, {}),
        (second.pk, ParticipationEvent.Action.ANONYMISED, None, {}),
    ]


def test_retention_logs_as_system_with_purpose_gallring(world: World) -> None:
    old = enter(world, WOMAN_1990, entry=D(2021, 2, 1), exit=D(2021, 9, 1))
    logged_before = set(AccessLogEntry.objects.values_list("pk", flat=True))

    retain(world)

    rows = list(
        AccessLogEntry.objects.exclude(pk__in=logged_before)
        .order_by("pk")
        .values_list("user_id", "role", "action", "purpose", "participation_ids")
    )
    assert rows == [
        (None, "system", AccessAction.ANONYMISE, "Gallring", [old.pk]),
        (None, "system", AccessAction.RETENTION, "Gallring", []),
    ]


def log_row(world: World, at: dt.datetime, participation_ids: list[int]) -> AccessLogEntry:
    return AccessLogEntry.objects.create(
        association=world.association,
        at=at,
        user=world.users["participant_officer_a"],
        role="deltagaransvarig",
        action=AccessAction.READ,
        participation_ids=participation_ids,
        intervention_ids=[world.intervention_a.pk],
        purpose="Visa deltagande",
        outcome="ok",
    )


def local(day: dt.date, hour: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def test_retention_empties_participation_references_of_old_log_rows(world: World) -> None:
    # 36 months before TODAY is 2022-06-15: rows before that day lose their references.
    old = log_row(world, local(D(2022, 6, 14), 23), [7, 8])
    kept = log_row(world, local(D(2022, 6, 15), 0), [9])
    other = AccessLogEntry.objects.create(
        association=world.other_association,
        at=local(D(2020, 1, 1)),
        role="deltagaransvarig",
        action=AccessAction.READ,
        participation_ids=[5],
        purpose="Visa deltagande",
        outcome="ok",
    )

    run = retain(world)

    rows = {
        row.pk: (row.participation_ids, row.intervention_ids, row.purpose)
        for row in AccessLogEntry.objects.filter(pk__in=[old.pk, kept.pk, other.pk])
    }
    assert rows == {
        old.pk: ([], [world.intervention_a.pk], "Visa deltagande"),
        kept.pk: ([9], [world.intervention_a.pk], "Visa deltagande"),
        other.pk: ([5], [], "Visa deltagande"),
    }
    assert run.log_entries_pruned == 1


def test_retention_follows_the_associations_policy(world: World) -> None:
    RetentionPolicy.objects.create(association=world.association, months_after_exit=6)
    enter(world, WOMAN_1990, entry=D(2024, 1, 10), exit=D(2024, 12, 14))
    enter(world, MAN_1985, entry=D(2024, 1, 10), exit=D(2024, 12, 15))

    run = retain(world)

    assert run.persons_removed == 1
    assert list(Person.objects.values_list("birth_date", flat=True)) == [D(1985, 7, 2)]


def test_retention_dry_run_writes_nothing_but_the_report(world: World) -> None:
    old = enter(world, WOMAN_1990, entry=D(2021, 2, 1), exit=D(2021, 9, 1))
    log_row(world, local(D(2021, 1, 1)), [old.pk])
    logged_before = AccessLogEntry.objects.count()
    events_before = list(ParticipationEvent.objects.values_list("pk", flat=True))

    run = retain(world, dry_run=True)

    old.refresh_from_db()
    assert old.person is not None
    assert (Person.objects.count(), Consent.objects.count()) == (1, 1)
    assert AccessLogEntry.objects.count() == logged_before
    assert AccessLogEntry.objects.filter(participation_ids=[]).count() == 0
    assert list(ParticipationEvent.objects.values_list("pk", flat=True)) == events_before
    assert (
        run.dry_run,
        run.persons_removed,
        run.participations_anonymised,
        run.log_entries_pruned,
    ) == (True, 1, 1, 1)
    assert RetentionRun.objects.count() == 1


def test_retention_touches_only_its_own_association(world: World) -> None:
    enter(world, WOMAN_1990, entry=D(2021, 2, 1), exit=D(2021, 9, 1))

    with scope(association=world.other_association.pk):
        run = run_retention(association=world.other_association, today=TODAY)

    assert (run.persons_removed, Person.objects.count()) == (0, 1)


def test_run_retention_for_all_through_the_task_backend(world: World) -> None:
    # Real today: an exit in 2019 is older than 24 months whatever day the suite runs.
    enter(world, WOMAN_1990, entry=D(2019, 2, 1), exit=D(2019, 9, 1))

    result = run_retention_for_all.enqueue()

    runs = list(RetentionRun.objects.order_by("pk"))
    assert result.return_value == [run.pk for run in runs]
    assert [(run.association, run.persons_removed) for run in runs] == [
        (world.association, 1),
        (world.other_association, 0),
    ]
    assert Person.objects.count() == 0


def test_run_retention_command_dry_run_for_one_association(world: World) -> None:
    enter(world, WOMAN_1990, entry=D(2019, 2, 1), exit=D(2019, 9, 1))
    out = io.StringIO()

    call_command("run_retention", "--association", "exempel", "--dry-run", stdout=out)

    assert out.getvalue() == (
        "Provkörning exempel: 1 personer borttagna, 1 deltaganden anonymiserade, "
        "0 loggposter rensade.\n"
    )
    assert Person.objects.count() == 1
    assert list(RetentionRun.objects.values_list("association__slug", "dry_run")) == [
        ("exempel", True)
    ]


def test_run_retention_command_runs_every_association(world: World) -> None:
    enter(world, WOMAN_1990, entry=D(2019, 2, 1), exit=D(2019, 9, 1))
    out = io.StringIO()

    call_command("run_retention", stdout=out)

    assert out.getvalue().splitlines() == [
        "Gallring exempel: 1 personer borttagna, 1 deltaganden anonymiserade, "
        "0 loggposter rensade.",
        "Gallring annat: 0 personer borttagna, 0 deltaganden anonymiserade, 0 loggposter rensade.",
    ]
    assert Person.objects.count() == 0


def test_run_retention_command_unknown_association_is_an_error(world: World) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("run_retention", "--association", "finns-inte")


def test_persons_due_many_persons_are_all_removed(world: World) -> None:
    numbers = [make_personnummer(D(1970 + i, 1, 5), 200 + 2 * i) for i in range(3)]
    for number in numbers:
        enter(world, number, entry=D(2020, 1, 10), exit=D(2020, 3, 1))

    run = retain(world)

    assert (run.persons_removed, Person.objects.count()) == (3, 0)


def test_retention_removes_person_left_without_participation(world: World) -> None:
    from participants import crypto

    with scope(association=world.association.pk):
        Person.objects.create(
            association=world.association,
            pnr_hash=crypto.lookup_hash(WOMAN_1990),
            birth_date=D(1990, 3, 14),
            gender=Gender.WOMAN,
        )

    run = retain(world)

    # Registered now, after the cut-off, so not yet due...
    assert (run.persons_removed, Person.objects.count()) == (0, 1)
    Person.objects.update(created_at=local(D(2020, 1, 1)))

    run = retain(world)

    # ...and due once registered before it.
    assert (run.persons_removed, Person.objects.count()) == (1, 0)
