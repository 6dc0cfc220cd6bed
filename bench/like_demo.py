"""The demo association scaled up for the load test: ``scale_demo(factor=10)`` copies every
intervention of ``exempel`` (as loaded by ``manage.py load_demo``) ``factor - 1`` times,
with its goals, budgets, cost outcomes, quarterly and final reports, deviation reports,
monthly counts, activities and participations (each copied person gets a new synthetic
personnummer), so the association has ``factor`` times the demo's rows. History rows
(participation events, report events) and the access log are not copied.

It also creates the load test's extra deltagaransvariga (``bench.load.accounts``), with
the demo password and their own TOTP secret, in the demo officers' interventions.
Written with ``bulk_create``; run once on a freshly loaded demo.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import models, transaction
from django_scopes import scope

from demo.participants import make_number
from participants import crypto

#: Serials of copied persons: copy k of a demo person (serial 980-999) gets
#: ``COPY_SERIALS + (k - 2) * 20 + (serial - 980)``, which keeps the serial's parity (gender).
COPY_SERIALS = 500
MAX_FACTOR = 20
DEMO_SERIAL_BASE = 980


def _clone(
    model: type[models.Model], rows: Iterable[Any], change: Callable[[Any], dict[str, Any]]
) -> list[Any]:
    """Copies of ``rows`` (every concrete field but the key), with ``change(row)`` applied."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    copies = []
    for row in rows:
        values = {f.attname: getattr(row, f.attname) for f in fields}
        values.update(change(row))
        copies.append(model(**values))
    return model._default_manager.bulk_create(copies, batch_size=2000)


def scale_demo(*, factor: int = 10, slug: str = "exempel") -> dict[str, int]:
    """Make ``slug`` ``factor`` times as large; returns the numbers of rows added."""
    from tenancy.models import Association

    if not 2 <= factor <= MAX_FACTOR:
        raise SystemExit(f"--factor must be between 2 and {MAX_FACTOR}.")
    association = Association.objects.filter(slug=slug).first()
    if association is None:
        raise SystemExit(f"No association {slug}: run `manage.py load_demo` first.")
    with transaction.atomic(), scope(association=association.pk):
        return _Scaler(association, factor).run()


class _Scaler:
    def __init__(self, association: Any, factor: int) -> None:
        self.association = association
        self.factor = factor
        self.counts: dict[str, int] = {}

    def _count(self, name: str, rows: list[Any]) -> None:
        self.counts[name] = self.counts.get(name, 0) + len(rows)

    def run(self) -> dict[str, int]:
        from interventions.models import Intervention
        from participants.models import Activity, Consent, IdentityRecord, Participation, Person

        originals = list(Intervention.objects.filter(association=self.association).order_by("pk"))
        if any("-X" in i.code for i in originals):
            raise SystemExit("The demo association is scaled already: reload the demo first.")
        # The demo's rows, read once: every copy is made from these.
        self.persons = list(Person.objects.filter(association=self.association).order_by("pk"))
        self.records = list(
            IdentityRecord.objects.filter(association=self.association).order_by("pk")
        )
        self.numbers = {r.person_id: crypto.decrypt(r.pnr_encrypted) for r in self.records}
        self.consents = list(Consent.objects.filter(association=self.association))
        self.participations = list(Participation.objects.filter(association=self.association))
        self.activities = list(Activity.objects.filter(association=self.association))
        for copy in range(2, self.factor + 1):
            mapping = self._interventions(originals, copy)
            self._related(mapping, copy)
            self._participations(mapping, copy)
        self.counts["officers"] = self._officers()
        return self.counts

    def _interventions(self, originals: list[Any], copy: int) -> dict[int, Any]:
        from interventions.models import Intervention

        copies = _clone(
            Intervention,
            originals,
            lambda i: {
                "code": f"{i.code}-X{copy}",
                "name": f"{i.name} ({copy})",
                "short_name": f"{i.short_name} ({copy})" if i.short_name else "",
            },
        )
        through = Intervention.partners.through
        partners = through.objects.filter(intervention__in=originals)
        mapping = {o.pk: c for o, c in zip(originals, copies, strict=True)}
        through.objects.bulk_create(
            through(
                intervention_id=mapping[p.intervention_id].pk, organisation_id=p.organisation_id
            )
            for p in partners
        )
        self._count("interventions", copies)
        return mapping

    def _related(self, mapping: dict[int, Any], copy: int) -> None:
        from finance.models import CostOutcome
        from followup.models import Deviation, FinalReport, QuarterlyReport
        from interventions.models import Budget, Goal
        from participants.models import Activity, VolumeCount

        def moved(row: Any) -> dict[str, Any]:
            return {"intervention_id": mapping[row.intervention_id].pk}

        for model in (
            Goal,
            Budget,
            CostOutcome,
            QuarterlyReport,
            Deviation,
            FinalReport,
            VolumeCount,
        ):
            rows = model._default_manager.filter(intervention_id__in=list(mapping))
            self._count(model._meta.model_name or model.__name__, _clone(model, rows, moved))
        self._count(
            "activity",
            _clone(
                Activity,
                self.activities,
                lambda a: {
                    "title": f"{a.title} ({copy})",
                    "intervention_id": mapping[a.intervention_id].pk if a.intervention_id else None,
                },
            ),
        )

    def _participations(self, mapping: dict[int, Any], copy: int) -> None:
        from participants.models import Consent, IdentityRecord, Participation, Person

        offset = COPY_SERIALS + (copy - 2) * 20
        new_persons = []
        copied_numbers: dict[int, str] = {}
        for person in self.persons:
            number = self.numbers[person.pk]
            serial = int(number[8:11]) - DEMO_SERIAL_BASE + offset
            copied = make_number(person.birth_date, serial)
            copied_numbers[person.pk] = copied
            new_persons.append(
                Person(
                    association=self.association,
                    pnr_hash=crypto.lookup_hash(copied),
                    birth_date=person.birth_date,
                    gender=person.gender,
                )
            )
        Person.objects.bulk_create(new_persons, batch_size=2000)
        by_person = {old.pk: new.pk for old, new in zip(self.persons, new_persons, strict=True)}
        self._count("person", new_persons)
        new_records = _clone(
            IdentityRecord,
            self.records,
            lambda r: {
                "person_id": by_person[r.person_id],
                "intervention_id": mapping[r.intervention_id].pk,
                "pnr_encrypted": crypto.encrypt(copied_numbers[r.person_id]),
            },
        )
        by_record = {old.pk: new.pk for old, new in zip(self.records, new_records, strict=True)}
        self._count("identityrecord", new_records)
        self._count(
            "consent",
            _clone(Consent, self.consents, lambda c: {"identity_id": by_record[c.identity_id]}),
        )
        self._count(
            "participation",
            _clone(
                Participation,
                self.participations,
                lambda p: {
                    "intervention_id": mapping[p.intervention_id].pk,
                    "person_id": by_person[p.person_id] if p.person_id else None,
                    "identity_id": by_record[p.identity_id] if p.identity_id else None,
                    "reference": f"{p.reference}-X{copy}" if p.reference else "",
                },
            ),
        )

    def _officers(self) -> int:
        from allauth.mfa.totp.internal.auth import TOTP

        from bench.load.accounts import DEMO_PASSWORD, EXTRA_OFFICERS, extra_officer
        from interventions.models import Intervention
        from tenancy.models import Role, User
        from tenancy.services import assign_role

        for number in range(EXTRA_OFFICERS):
            email, secret, code = extra_officer(number, "exempel")
            user = User.objects.create_user(
                email, DEMO_PASSWORD, first_name="Bench", last_name=email
            )
            intervention = Intervention.objects.get(association=self.association, code=code)
            assign_role(
                user=user,
                role=Role.DELTAGARANSVARIG,
                association=self.association,
                intervention=intervention,
            )
            TOTP.activate(user, secret)
        return EXTRA_OFFICERS
