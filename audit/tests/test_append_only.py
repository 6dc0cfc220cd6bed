from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

from audit.models import AccessLogEntry, LogReview
from audit.services import prune_participation_references, record_review
from audit.tests.entries import local, make_entry
from testing.personas import World

pytestmark = pytest.mark.django_db

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the append-only trigger exists on PostgreSQL only (SQLite has the ORM guards)",
)


def test_log_entry_save_of_existing_row_is_refused(world: World) -> None:
    entry = make_entry(world.association, participation_ids=[1])
    entry.purpose = "Ändrat"

    with pytest.raises(PermissionError):
        entry.save()


def test_log_entry_delete_is_refused(world: World) -> None:
    entry = make_entry(world.association)

    with pytest.raises(PermissionError):
        entry.delete()

    assert AccessLogEntry.objects.count() == 1


def test_log_queryset_update_is_refused(world: World) -> None:
    make_entry(world.association, participation_ids=[1])

    with pytest.raises(PermissionError):
        AccessLogEntry.objects.all().update(participation_ids=[])

    assert AccessLogEntry.objects.get().participation_ids == [1]


def test_log_queryset_delete_is_refused(world: World) -> None:
    make_entry(world.association)

    with pytest.raises(PermissionError):
        AccessLogEntry.objects.filter(purpose="Deltagarsida").delete()

    assert AccessLogEntry.objects.count() == 1


def test_review_queryset_update_and_delete_are_refused(world: World) -> None:
    record_review(
        association=world.association,
        reviewer=world.users["log_reviewer"],
        scope="Stickprov",
        entry_ids=[],
        conclusion=LogReview.Conclusion.NO_REMARK,
    )

    with pytest.raises(PermissionError):
        LogReview.objects.all().update(comment="Ändrad")
    with pytest.raises(PermissionError):
        LogReview.objects.all().delete()

    assert LogReview.objects.get().comment == ""


def test_prune_participation_references_empties_only_older_rows_of_association(
    world: World,
) -> None:
    old = make_entry(world.association, at=local(2023, 1, 5), participation_ids=[1, 2])
    new = make_entry(world.association, at=local(2026, 1, 5), participation_ids=[3])
    other = make_entry(world.other_association, at=local(2023, 1, 5), participation_ids=[4])

    changed = prune_participation_references(
        association=world.association, before=local(2024, 1, 1)
    )

    rows = {e.pk: (e.participation_ids, e.purpose, e.at) for e in AccessLogEntry.objects.all()}
    assert changed == 1
    assert rows == {
        old.pk: ([], "Deltagarsida", old.at),
        new.pk: ([3], "Deltagarsida", new.at),
        other.pk: ([4], "Deltagarsida", other.at),
    }


def test_prune_participation_references_twice_changes_nothing_more(world: World) -> None:
    make_entry(world.association, at=local(2023, 1, 5), participation_ids=[1])
    prune_participation_references(association=world.association, before=local(2024, 1, 1))

    changed = prune_participation_references(
        association=world.association, before=local(2024, 1, 1)
    )

    assert changed == 0


@needs_postgresql
def test_database_refuses_delete_of_log_row(world: World) -> None:
    entry = make_entry(world.association)

    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_accesslogentry WHERE id = %s", [entry.pk])

    assert AccessLogEntry.objects.count() == 1


@needs_postgresql
def test_database_refuses_update_of_other_columns(world: World) -> None:
    entry = make_entry(world.association, participation_ids=[1])

    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_accesslogentry SET purpose = 'x', participation_ids = '[]'::jsonb"
            " WHERE id = %s",
            [entry.pk],
        )

    assert AccessLogEntry.objects.get().purpose == "Deltagarsida"


@needs_postgresql
def test_database_refuses_changing_participation_ids_to_other_ids(world: World) -> None:
    entry = make_entry(world.association, participation_ids=[1])

    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_accesslogentry SET participation_ids = '[2]'::jsonb WHERE id = %s",
            [entry.pk],
        )

    assert AccessLogEntry.objects.get().participation_ids == [1]


@needs_postgresql
def test_database_allows_emptying_participation_ids(world: World) -> None:
    entry = make_entry(world.association, participation_ids=[1])

    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_accesslogentry SET participation_ids = '[]'::jsonb WHERE id = %s",
            [entry.pk],
        )

    assert AccessLogEntry.objects.get().participation_ids == []


@needs_postgresql
def test_database_refuses_delete_of_review(world: World) -> None:
    review = record_review(
        association=world.association,
        reviewer=world.users["log_reviewer"],
        scope="Stickprov",
        entry_ids=[],
        conclusion=LogReview.Conclusion.NO_REMARK,
    )

    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_logreview WHERE id = %s", [review.pk])

    assert LogReview.objects.count() == 1
