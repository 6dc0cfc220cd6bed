"""Progression measurement: versioned instruments, assessments only for the
deltagaransvarig (logged), reminders, and the published aggregates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django_scopes import scope

from audit.models import AccessLogEntry
from participants.models import Participation
from stats.progression import (
    Progress,
    intervention_summary,
    progress_of,
    summarise,
)
from survey.progression import (
    assessments_for,
    change_items,
    define_instrument,
    due_for_assessment,
    record_assessment,
)
from survey.progression_models import ProgressionInstrument
from testing.participants import WOMAN_1990, anonymous_in_a, enter_in_a, make_personnummer
from testing.personas import PERSONAS, World

pytestmark = pytest.mark.django_db
D = dt.date
ITEMS = [("Jag klarar min vardag", 1, 10), ("Jag kan arbeta några timmar", 1, 10)]


def instrument(world: World) -> ProgressionInstrument:
    return define_instrument(
        association=world.association, name="Stegen", rater="deltagare", items=ITEMS
    )


def participation(world: World, number: str = WOMAN_1990) -> Participation:
    with scope(association=world.association.pk):
        return enter_in_a(world, number=number, on=D(2022, 2, 1))


MARCH_1 = D(2022, 3, 1)


def assess(
    world: World,
    part: Participation,
    tool: ProgressionInstrument,
    *,
    on: dt.date = MARCH_1,
    values: dict[int, int] | None = None,
) -> Any:
    """Intervention A's participant officer records ``part``'s assessment on ``tool``
    (3 and 2 unless ``values`` says otherwise)."""
    return record_assessment(
        user=world.users["participant_officer_a"],
        participation=part,
        instrument=tool,
        date=on,
        values={1: 3, 2: 2} if values is None else values,
    )


def test_define_instrument_same_name_gets_next_version(world: World) -> None:
    first = instrument(world)
    second = instrument(world)

    assert (first.version, second.version, second.items.count()) == (1, 2, 2)


def test_instrument_in_use_cannot_change(world: World) -> None:
    tool = instrument(world)
    assess(world, participation(world), tool)

    with pytest.raises(ValidationError):
        change_items(instrument=tool, items=[("Annan text", 1, 5)])


def test_record_assessment_by_officer_is_logged(world: World) -> None:
    tool = instrument(world)
    part = participation(world)
    before = AccessLogEntry.objects.count()

    assess(world, part, tool)

    entry = AccessLogEntry.objects.order_by("-pk").first()
    assert entry is not None
    assert (AccessLogEntry.objects.count() - before, entry.action, entry.participation_ids) == (
        1,
        "create",
        [part.pk],
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_assessments_only_for_whom_the_table_opens_the_participation(
    world: World, persona: str
) -> None:
    tool = instrument(world)
    part = participation(world)
    user = world.users[persona]
    outcomes = []

    for act in (
        lambda: record_assessment(
            user=user, participation=part, instrument=tool, date=D(2022, 3, 1), values={1: 3, 2: 2}
        ),
        lambda: assessments_for(user, part),
    ):
        try:
            act()
            outcomes.append(True)
        except PermissionDenied:
            outcomes.append(False)

    assert outcomes == [
        user.has_perm("participants.change_participation", part),
        user.has_perm("participants.view_participation", part),
    ]


def test_assessments_for_writes_a_read_row(world: World) -> None:
    part = participation(world)
    before = AccessLogEntry.objects.filter(action="read").count()

    assessments_for(world.users["participant_officer_a"], part)

    assert AccessLogEntry.objects.filter(action="read").count() - before == 1


def test_anonymous_participation_has_no_assessments(world: World) -> None:
    tool = instrument(world)
    anonymous = anonymous_in_a(world, gender="kvinna", on=D(2022, 2, 1))

    with pytest.raises(ValidationError):
        assess(world, anonymous, tool)


@pytest.mark.parametrize("values", [{1: 0, 2: 2}, {1: 11, 2: 2}, {1: 3}])
def test_assessment_outside_scale_or_incomplete_is_refused(
    world: World, values: dict[int, int]
) -> None:
    tool = instrument(world)

    with pytest.raises(ValidationError):
        assess(world, participation(world), tool, values=values)


def test_due_for_assessment_after_three_months(world: World) -> None:
    tool = instrument(world)
    assessed = participation(world)
    waiting = participation(world, make_personnummer(D(1985, 5, 5), 123))
    assess(world, assessed, tool, on=D(2022, 4, 1))

    due = due_for_assessment(world.users["participant_officer_a"], world.association, D(2022, 6, 1))

    assert [p.pk for p in due] == [waiting.pk]


def test_progress_first_and_latest_change() -> None:
    progress = progress_of(
        [
            (D(2022, 6, 1), {1: 6, 2: 5}),
            (D(2022, 1, 1), {1: 2, 2: 3}),
            (D(2022, 3, 1), {1: 4, 2: 4}),
        ]
    )

    assert progress is not None
    assert (progress.item_change, progress.mean_first, progress.mean_latest, progress.outcome) == (
        {1: 4, 2: 2},
        Decimal("2.50"),
        Decimal("5.50"),
        "improved",
    )


def test_summarise_counts_outcomes_and_means() -> None:
    progresses = [
        Progress((D(2022, 1, 1), {1: 2}), (D(2022, 4, 1), {1: 5}), 2),
        Progress((D(2022, 1, 1), {1: 4}), (D(2022, 4, 1), {1: 4}), 2),
        Progress((D(2022, 1, 1), {1: 6}), (D(2022, 4, 1), {1: 5}), 2),
    ]

    summary = summarise(progresses)

    assert (summary.total, summary.improved, summary.unchanged, summary.fell) == (3, 1, 1, 1)
    assert (summary.mean_change, summary.items) == (
        Decimal("0.7"),
        {1: (Decimal("4.0"), Decimal("4.7"))},
    )


def test_intervention_summary_counts_participations_with_two_assessments(world: World) -> None:
    tool = instrument(world)
    officer = world.users["participant_officer_a"]
    part = participation(world)
    single = participation(world, make_personnummer(D(1985, 5, 5), 123))
    for day, values in ((D(2022, 3, 1), {1: 3, 2: 2}), (D(2022, 6, 1), {1: 5, 2: 2})):
        record_assessment(
            user=officer, participation=part, instrument=tool, date=day, values=values
        )
    record_assessment(
        user=officer, participation=single, instrument=tool, date=D(2022, 3, 1), values={1: 1, 2: 1}
    )

    summary = intervention_summary(
        instrument=tool,
        intervention_id=world.intervention_a.pk,
        start=D(2022, 1, 1),
        end=D(2022, 12, 31),
    )

    assert (summary.total, summary.improved, summary.mean_change) == (1, 1, Decimal("1.0"))
