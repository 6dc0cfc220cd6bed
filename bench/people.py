"""Persons and participations of a benchmark association, written with ``bulk_create``
(benchmark data, not a service path: no history rows, no access log).

The distributions are the demo's (``demo.data.participants``). Identity is encrypted and
hashed with ``participants.crypto`` once per person, as the services do. The personnummer
are synthetic and valid, with serials ``BENCH_SERIALS`` (the demo uses 980-999 and the load
test 900-979), so benchmark persons never collide with demo persons.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from demo.data.participants import (
    DURATION_DAYS,
    EDUCATION_WEIGHTS,
    EXIT_WEIGHTS,
    INCOME_BY_REFERRER,
    MEN_NAMES,
    SUPPORT_WEIGHTS,
    SURNAMES,
    WOMEN_NAMES,
    WORK_EXTENT_WEIGHTS,
)
from demo.participants import make_number
from interventions.models import Aim, Intervention
from participants import crypto
from participants.choices import WORK_REASONS, ExitReason, Gender, IncomeSource, Referrer
from participants.models import Consent, IdentityRecord, Participation, Person
from tenancy.models import Association

T = TypeVar("T")

#: Serials of benchmark personnummer (an even serial is a woman, an odd one a man).
BENCH_SERIALS = range(100, 900)
ANONYMOUS_SHARE = 0.08
RETURNING_SHARE = 0.03
MISTAKE_SHARE = 0.005
WOMEN_SHARE = 0.55
OTHER_SHARE_ANONYMOUS = 0.1
ACTION_PLAN_SHARE = 0.75
REFERRERS = (
    (Referrer.AF, 30),
    (Referrer.FK, 20),
    (Referrer.SOCIAL_SERVICES, 25),
    (Referrer.MUNICIPALITY_OTHER, 5),
    (Referrer.REGION, 5),
    (Referrer.SELF, 10),
    (Referrer.OTHER, 5),
)
BATCH = 2000


def weighted(rng: random.Random, options: Sequence[tuple[T, int]]) -> T:
    values = [value for value, _weight in options]
    return rng.choices(values, weights=[weight for _value, weight in options])[0]


@dataclass
class _Person:
    number: str
    name: str
    birth: dt.date
    gender: str
    first_entry: dt.date
    free_from: dt.date | None = None
    row: Person | None = None


@dataclass
class _Planned:
    intervention: Intervention
    entry: dt.date
    gender: str
    person: _Person | None = None
    values: dict[str, object] = field(default_factory=dict)


class ParticipationWriter:
    """Plans ``count`` participations over ``interventions`` (individual, followed up with
    personal data) between their start and ``last_day``, then writes them."""

    def __init__(
        self,
        association: Association,
        interventions: Sequence[Intervention],
        *,
        last_day: dt.date,
        seed: int,
        serials: range = BENCH_SERIALS,
    ) -> None:
        self.association = association
        self.interventions = list(interventions)
        self.last_day = last_day
        self.rng = random.Random(seed)
        self.serials = serials
        self.numbers: set[str] = set()
        self.persons: list[_Person] = []
        self.free: list[_Person] = []

    # -- planning ------------------------------------------------------------------------

    def _entries(self, count: int) -> list[tuple[dt.date, Intervention]]:
        windows = []
        for intervention in self.interventions:
            last = min(self.last_day, (intervention.end_date or self.last_day) - dt.timedelta(30))
            if last >= intervention.start_date:
                windows.append(
                    (intervention, intervention.start_date, (last - intervention.start_date).days)
                )
        weights = [days + 1 for _i, _s, days in windows]
        entries: list[tuple[dt.date, Intervention]] = []
        for intervention, start, days in self.rng.choices(windows, weights=weights, k=count):
            day = start + dt.timedelta(days=self.rng.randint(0, days))
            while day.weekday() >= 5 and day > start:
                day -= dt.timedelta(days=1)
            entries.append((day, intervention))
        entries.sort(key=lambda entry: (entry[0], entry[1].pk))
        return entries

    def _new_person(self, entry: dt.date) -> _Person:
        rng = self.rng
        gender = Gender.WOMAN if rng.random() < WOMEN_SHARE else Gender.MAN
        age = rng.randint(18, 64)
        parity = 0 if gender == Gender.WOMAN else 1
        while True:
            birth = entry - dt.timedelta(days=age * 365 + rng.randint(0, 364))
            serial = rng.randrange(self.serials.start + parity, self.serials.stop, 2)
            number = make_number(birth, serial)
            if number not in self.numbers:
                break
        self.numbers.add(number)
        names = WOMEN_NAMES if gender == Gender.WOMAN else MEN_NAMES
        name = f"{rng.choice(names)} {rng.choice(SURNAMES)}"
        person = _Person(number, name, birth, gender, first_entry=entry)
        self.persons.append(person)
        return person

    def _person_for(self, entry: dt.date) -> _Person:
        if self.free and self.rng.random() < RETURNING_SHARE:
            candidates = [p for p in self.free[-200:] if p.free_from and p.free_from <= entry]
            if candidates:
                person = self.rng.choice(candidates)
                self.free.remove(person)
                return person
        return self._new_person(entry)

    def _details(self, planned: _Planned) -> None:
        rng = self.rng
        referrer = weighted(rng, REFERRERS)
        income = [weighted(rng, INCOME_BY_REFERRER.get(referrer, ((IncomeSource.OTHER, 1),)))]
        planned.values.update(
            education=str(weighted(rng, EDUCATION_WEIGHTS)),
            income_before=[str(source) for source in income],
            public_support_time=str(weighted(rng, SUPPORT_WEIGHTS)),
            referrer=str(referrer),
        )

    def _exit(self, planned: _Planned, person: _Person) -> None:
        rng, intervention = self.rng, planned.intervention
        aim = intervention.aim or Aim.WORK
        reason: str
        if rng.random() < MISTAKE_SHARE:
            exit_date = min(planned.entry + dt.timedelta(days=rng.randint(1, 10)), self.last_day)
            reason = ExitReason.MISTAKE
        else:
            shortest, longest = DURATION_DAYS.get(aim, DURATION_DAYS[Aim.WORK])
            exit_date = planned.entry + dt.timedelta(days=rng.randint(shortest, longest))
            end = intervention.end_date
            if end is not None and exit_date > end:
                exit_date = max(planned.entry, end - dt.timedelta(days=rng.randint(0, 14)))
            if exit_date > self.last_day:
                return  # still taking part
            reason = weighted(rng, EXIT_WEIGHTS.get(aim, EXIT_WEIGHTS[Aim.WORK]))
        planned.values.update(exit_date=exit_date, exit_reason=str(reason))
        plan_date = planned.values.get("action_plan_date")
        if isinstance(plan_date, dt.date) and plan_date > exit_date:
            planned.values["action_plan_date"] = None
        if reason in WORK_REASONS:
            planned.values["work_extent"] = weighted(rng, WORK_EXTENT_WEIGHTS)
            planned.values["income_after"] = [str(IncomeSource.SALARY)]
        elif reason == ExitReason.STUDIES:
            planned.values["income_after"] = [str(IncomeSource.STUDY_GRANT)]
        if reason == ExitReason.MISTAKE:
            planned.values["action_plan_date"] = None
        person.free_from = exit_date + dt.timedelta(days=1)
        self.free.append(person)

    def plan(self, count: int) -> list[_Planned]:
        plan: list[_Planned] = []
        references: dict[int, int] = {}
        rng = self.rng
        for entry, intervention in self._entries(count):
            if rng.random() < ANONYMOUS_SHARE:
                gender = Gender.OTHER if rng.random() < OTHER_SHARE_ANONYMOUS else Gender.WOMAN
                if gender == Gender.WOMAN and rng.random() < 0.45:
                    gender = Gender.MAN
                plan.append(_Planned(intervention, entry, str(gender)))
                continue
            person = self._person_for(entry)
            person.free_from = None
            references[intervention.pk] = references.get(intervention.pk, 0) + 1
            planned = _Planned(intervention, entry, person.gender, person)
            planned.values["reference"] = f"{intervention.code}-{references[intervention.pk]:05d}"
            self._details(planned)
            if rng.random() < ACTION_PLAN_SHARE:
                planned.values["action_plan_date"] = min(
                    entry + dt.timedelta(days=rng.randint(30, 60)), self.last_day
                )
            self._exit(planned, person)
            plan.append(planned)
        self._every_reason(plan)
        return plan

    def _every_reason(self, plan: list[_Planned]) -> None:
        """Every exit reason occurs at least once (small scales included)."""
        exits = [p for p in plan if p.values.get("exit_reason")]
        seen = {p.values["exit_reason"] for p in exits}
        for index, reason in enumerate(r for r in ExitReason.values if r not in seen):
            if index >= len(exits):
                break
            planned = exits[-1 - index]
            planned.values["exit_reason"] = reason
            planned.values.pop("work_extent", None)
            if reason in WORK_REASONS:
                planned.values["work_extent"] = 100
            if reason == ExitReason.MISTAKE:
                planned.values["action_plan_date"] = None

    # -- writing -------------------------------------------------------------------------

    def write(self, count: int) -> int:
        """Plan and write ``count`` participations; returns the number written."""
        plan = self.plan(count)
        persons = [
            Person(
                association=self.association,
                pnr_hash=crypto.lookup_hash(p.number),
                birth_date=p.birth,
                gender=p.gender,
            )
            for p in self.persons
        ]
        Person.objects.bulk_create(persons, batch_size=BATCH)
        for planned_person, row in zip(self.persons, persons, strict=True):
            planned_person.row = row
        # One identity record per person and intervention, as the services keep them.
        records: dict[tuple[int, int], IdentityRecord] = {}
        consent_dates: dict[tuple[int, int], dt.date] = {}
        for planned in plan:
            if planned.person is None or planned.person.row is None:
                continue
            key = (planned.person.row.pk, planned.intervention.pk)
            if key not in records:
                records[key] = IdentityRecord(
                    association=self.association,
                    intervention=planned.intervention,
                    person=planned.person.row,
                    pnr_encrypted=crypto.encrypt(planned.person.number),
                    name_encrypted=crypto.encrypt(planned.person.name),
                )
                consent_dates[key] = planned.entry - dt.timedelta(days=self.rng.randint(0, 14))
        IdentityRecord.objects.bulk_create(list(records.values()), batch_size=BATCH)
        Consent.objects.bulk_create(
            (
                Consent(association=self.association, identity=record, given_on=consent_dates[key])
                for key, record in records.items()
            ),
            batch_size=BATCH,
        )
        rows = [
            Participation(
                association=self.association,
                intervention=planned.intervention,
                person=planned.person.row if planned.person else None,
                identity=records[(planned.person.row.pk, planned.intervention.pk)]
                if planned.person and planned.person.row
                else None,
                gender=planned.gender,
                entry_date=planned.entry,
                **planned.values,
            )
            for planned in plan
        ]
        Participation.objects.bulk_create(rows, batch_size=BATCH)
        return len(rows)
