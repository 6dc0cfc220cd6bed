"""The data migration of issue 18 (participants 0003-0005): each person's identity and
consents are copied to one identity record per intervention the person takes part in,
and the participations point there."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django_scopes import scopes_disabled

from participants import crypto
from participants.models import Consent, IdentityRecord, Participation, Person
from testing.factories import AssociationFactory, InterventionFactory
from testing.participants import MAN_1985, WOMAN_1990

BEFORE = [("participants", "0002_retention_runs")]
D = dt.date


def latest() -> list[tuple[str, str]]:
    executor = MigrationExecutor(connection)
    return [key for key in executor.loader.graph.leaf_nodes() if key[0] == "participants"]


@pytest.mark.django_db(transaction=True)
def test_migration_copies_identity_and_consents_to_each_intervention() -> None:
    with scopes_disabled():
        association = AssociationFactory.create(slug="migrering")
        first = InterventionFactory.create(association=association, code="M1")
        second = InterventionFactory.create(association=association, code="M2")
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    OldPerson = old.get_model("participants", "Person")
    OldConsent = old.get_model("participants", "Consent")
    OldParticipation = old.get_model("participants", "Participation")
    both = OldPerson.objects.create(
        association_id=association.pk,
        pnr_hash=crypto.lookup_hash(WOMAN_1990),
        pnr_encrypted=crypto.encrypt(WOMAN_1990),
        name_encrypted=crypto.encrypt("Anna Andersson"),
        birth_date=D(1990, 3, 14),
        gender="kvinna",
    )
    one = OldPerson.objects.create(
        association_id=association.pk,
        pnr_hash=crypto.lookup_hash(MAN_1985),
        pnr_encrypted=crypto.encrypt(MAN_1985),
        birth_date=D(1985, 7, 2),
        gender="man",
    )
    for given in (D(2022, 1, 5), D(2023, 2, 1)):
        OldConsent.objects.create(association_id=association.pk, person=both, given_on=given)
    OldConsent.objects.create(association_id=association.pk, person=one, given_on=D(2022, 3, 1))
    rows = [
        (both, first, D(2022, 1, 10)),
        (both, second, D(2023, 2, 1)),
        (one, first, D(2022, 3, 1)),
        (None, first, D(2022, 4, 1)),
    ]
    for person, intervention, entry in rows:
        OldParticipation.objects.create(
            association_id=association.pk,
            intervention_id=intervention.pk,
            person=person,
            gender="kvinna" if person is None else person.gender,
            entry_date=entry,
        )

    executor = MigrationExecutor(connection)
    executor.migrate(latest())

    with scopes_disabled():
        records = {
            (r.person_id, r.intervention.code): (
                crypto.decrypt(r.pnr_encrypted),
                crypto.decrypt(r.name_encrypted) if r.name_encrypted else "",
                sorted(c.given_on for c in Consent.objects.filter(identity=r)),
            )
            for r in IdentityRecord.objects.select_related("intervention")
        }
        participations = sorted(
            (
                (p.intervention.code, p.person_id, p.identity.intervention.code)
                if p.identity
                else (p.intervention.code, p.person_id, None)
                for p in Participation.objects.select_related(
                    "intervention", "identity__intervention"
                )
            ),
            key=repr,
        )
        persons = Person.objects.count()
    assert records == {
        (both.pk, "M1"): (WOMAN_1990, "Anna Andersson", [D(2022, 1, 5), D(2023, 2, 1)]),
        (both.pk, "M2"): (WOMAN_1990, "Anna Andersson", [D(2022, 1, 5), D(2023, 2, 1)]),
        (one.pk, "M1"): (MAN_1985, "", [D(2022, 3, 1)]),
    }
    assert participations == sorted(
        [
            ("M1", both.pk, "M1"),
            ("M2", both.pk, "M2"),
            ("M1", one.pk, "M1"),
            ("M1", None, None),
        ],
        key=repr,
    )
    assert persons == 2
