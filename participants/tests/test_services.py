from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django_scopes import scope

from audit.models import AccessLogEntry
from interventions.models import FollowUp
from participants import crypto
from participants.choices import ExitReason, Gender
from participants.models import (
    Consent,
    IdentityRecord,
    Participation,
    ParticipationEvent,
    Person,
)
from participants.services import (
    EntryDetails,
    register_entry,
    reveal_personnummer,
    withdraw_consent,
)
from testing.participants import MAN_1985, WOMAN_1990, anonymous_in_a, exit_in_a
from testing.personas import World

pytestmark = pytest.mark.django_db
D = dt.date


def enter(world: World, number: str = WOMAN_1990, **kwargs: object) -> Participation:
    defaults: dict[str, object] = {
        "user": world.users["participant_officer_a"],
        "intervention": world.intervention_a,
        "number": number,
        "consent_date": D(2022, 2, 1),
        "entry_date": D(2022, 2, 1),
    }
    defaults.update(kwargs)
    with scope(association=world.association.pk):
        return register_entry(**defaults)  # type: ignore[arg-type]  # keyword values of several types


def test_register_entry_stores_identity_encrypted_with_keyed_hash(world: World) -> None:
    participation = enter(world, name="Anna Andersson")

    person = Person.objects.get()
    identity = IdentityRecord.objects.get()
    assert participation.gender == Gender.WOMAN
    assert person.birth_date == D(1990, 3, 14)
    assert WOMAN_1990 not in identity.pnr_encrypted
    assert crypto.decrypt(identity.pnr_encrypted) == WOMAN_1990
    assert person.pnr_hash == crypto.lookup_hash(WOMAN_1990)
    assert "Anna" not in identity.name_encrypted
    assert Consent.objects.get().given_on == D(2022, 2, 1)


def test_register_entry_logs_the_write(world: World) -> None:
    participation = enter(world)

    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.role, entry.action, entry.participation_ids, entry.outcome) == (
        world.users["participant_officer_a"],
        "deltagaransvarig",
        "create",
        [participation.pk],
        "ok",
    )


def test_register_entry_refuses_officer_of_other_intervention(world: World) -> None:
    with pytest.raises(PermissionDenied):
        enter(world, user=world.users["participant_officer_b"])

    assert Participation.objects.count() == 0


def test_register_entry_refuses_admin(world: World) -> None:
    with pytest.raises(PermissionDenied):
        enter(world, user=world.users["admin"])


def test_register_entry_requires_consent_before_entry(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        enter(world, consent_date=D(2022, 3, 1))

    assert error.value.message_dict == {
        "consent_date": ["Samtycke måste finnas senast på inskrivningsdagen."]
    }


def test_register_entry_refuses_invalid_personnummer_without_echoing_it(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        enter(world, number="19900314-2421")

    assert error.value.message_dict == {
        "personnummer": ["Personnumrets kontrollsiffra stämmer inte."]
    }


def test_register_entry_refuses_second_open_participation(world: World) -> None:
    enter(world)

    with pytest.raises(ValidationError) as error:
        enter(world, entry_date=D(2022, 5, 1), consent_date=D(2022, 5, 1))

    assert error.value.message_dict == {
        "personnummer": ["Personen har redan ett pågående deltagande i insatsen."]
    }
    assert Participation.objects.count() == 1


def test_register_entry_allows_new_participation_after_exit(world: World) -> None:
    first = enter(world)
    exit_in_a(world, first, on=D(2022, 4, 1), reason=ExitReason.STUDIES)

    enter(world, entry_date=D(2022, 9, 1), consent_date=D(2022, 9, 1))

    assert Participation.objects.count() == 2
    assert Person.objects.count() == 1


def test_register_entry_refuses_count_only_intervention(world: World) -> None:
    world.intervention_a.follow_up = FollowUp.COUNTS
    world.intervention_a.save()

    with pytest.raises(ValidationError):
        enter(world)


@pytest.mark.parametrize(
    ("reason", "extent", "error_field"),
    [
        (ExitReason.WORK_UNSUBSIDISED, None, "work_extent"),
        (ExitReason.STUDIES, 50, "work_extent"),
        (ExitReason.OWN_BUSINESS, 101, "work_extent"),
        ("", None, "exit_reason"),
    ],
)
def test_register_exit_validates_reason_and_work_extent(
    world: World, reason: str, extent: int | None, error_field: str
) -> None:
    participation = enter(world)

    with scope(association=world.association.pk), pytest.raises(ValidationError) as error:
        exit_in_a(world, participation, on=D(2022, 6, 1), reason=reason, work_extent=extent)

    assert list(error.value.message_dict) == [error_field]


def test_register_exit_to_work_keeps_history(world: World) -> None:
    participation = enter(world)

    exit_in_a(
        world, participation, on=D(2022, 6, 1), reason=ExitReason.WORK_SUBSIDISED, work_extent=75
    )

    events = list(ParticipationEvent.objects.values_list("action", "changes"))
    assert events == [
        ("created", {}),
        (
            "exited",
            {
                "exit_date": [None, "2022-06-01"],
                "exit_reason": ["", "arbete_subventionerat"],
                "work_extent": [None, 75],
            },
        ),
    ]


def test_register_anonymous_keeps_gender_and_entry_only(world: World) -> None:
    participation = anonymous_in_a(world, gender=Gender.MAN, on=D(2022, 3, 3))

    assert (participation.person, participation.gender, participation.entry_date) == (
        None,
        "man",
        D(2022, 3, 3),
    )


def test_withdraw_consent_removes_identity_everywhere(world: World) -> None:
    details = EntryDetails(education="gymnasium", referrer="af", income_before=["a_kassa"])
    participation = enter(world, name="Anna Andersson", details=details)
    exit_in_a(world, participation, on=D(2022, 6, 1), reason=ExitReason.STUDIES)

    with scope(association=world.association.pk):
        withdraw_consent(user=world.users["participant_officer_a"], participation=participation)

    participation.refresh_from_db()
    assert (Person.objects.count(), Consent.objects.count()) == (0, 0)
    assert (participation.person, participation.gender, participation.entry_date) == (
        None,
        "kvinna",
        D(2022, 2, 1),
    )
    assert (participation.exit_date, participation.education, participation.income_before) == (
        None,
        "",
        [],
    )
    assert list(ParticipationEvent.objects.values_list("action", flat=True)) == ["anonymised"]


def test_reveal_personnummer_is_logged(world: World) -> None:
    participation = enter(world)

    with scope(association=world.association.pk):
        number = reveal_personnummer(
            user=world.users["participant_officer_a"], participation=participation
        )

    assert number == WOMAN_1990
    assert list(AccessLogEntry.objects.values_list("action", flat=True)) == ["reveal", "create"]


def test_same_person_in_two_interventions_is_one_person(world: World) -> None:
    from tenancy.models import Role
    from tenancy.services import assign_role

    officer = world.users["participant_officer_a"]
    assign_role(
        user=officer,
        role=Role.DELTAGARANSVARIG,
        association=world.association,
        intervention=world.intervention_b,
    )
    enter(world, number=MAN_1985)
    enter(world, number=MAN_1985, intervention=world.intervention_b)

    assert (Person.objects.count(), Participation.objects.count()) == (1, 2)
