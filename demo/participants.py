"""Generated participant data of a demo association: participations (with consent and
anonymous), exits, monthly counts and activities.

``plan_participations`` draws every participation from a seeded random generator without
touching the database (so the plan can be inspected and tested on its own);
``load_participant_data`` writes the plan, the counts and the activities through the
participants services, as a deltagaransvarig of the intervention where the demo has one.
The personnummer are synthetic (serials ``DEMO_SERIALS``) and valid, one per person.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from demo.data.participants import (
    ANONYMOUS_SHARE,
    DEFAULT_PROFILE,
    DEFAULT_VOLUME,
    DEMO_SERIALS,
    DURATION_DAYS,
    EDUCATION_WEIGHTS,
    EXIT_WEIGHTS,
    INCOME_BY_REFERRER,
    MEN_NAMES,
    MISTAKES,
    RETURNING_SHARE,
    SEASON,
    SOCIAL_ASSISTANCE_TOP_UP,
    SUPPORT_MIN_YEARS,
    SUPPORT_WEIGHTS,
    SURNAMES,
    WOMEN_NAMES,
    WOMEN_SHARE,
    WORK_EXTENT_WEIGHTS,
)
from demo.data.specs import (
    InterventionSpec,
    ParticipantDataSpec,
    ParticipantProfile,
    VolumeProfile,
)
from interventions.models import Aim, FollowUp, Intervention, Kind
from participants.choices import WORK_REASONS, ExitReason, Gender, IncomeSource
from participants.personnummer import luhn_check_digit
from participants.services import (
    EntryDetails,
    register_anonymous,
    register_entry,
    update_participation,
)
from participants.workbook import save_activity, save_volume_count
from tenancy.models import Association, User

T = TypeVar("T")

#: No one enters an intervention in its last month.
LAST_ENTRY_MARGIN = dt.timedelta(days=30)
#: Days from entry to a finished action plan (handlingsplan): a month or two.
ACTION_PLAN_DAYS = (30, 60)
#: Age band that most participants fall in (weighted), within the intervention's ages.
CORE_AGES = (20, 35)
CORE_AGE_SHARE = 0.6
ANONYMOUS_GENDERS = ((Gender.WOMAN, 50), (Gender.MAN, 40), (Gender.OTHER, 10))


@dataclass
class PlannedPerson:
    number: str  # canonical 12 digits, synthetic
    name: str
    birth: dt.date
    gender: str
    #: The day after the person's last exit; None while a participation is ongoing.
    free_from: dt.date | None = None

    def __repr__(self) -> str:  # keep the number out of test output
        return f"PlannedPerson({self.birth:%Y%m%d}-****)"


@dataclass
class PlannedParticipation:
    code: str
    entry_date: dt.date
    gender: str
    person: PlannedPerson | None = None
    reference: str = ""
    consent_date: dt.date | None = None
    details: EntryDetails = field(default_factory=EntryDetails)
    exit_date: dt.date | None = None
    exit_reason: str = ""
    work_extent: int | None = None


@dataclass(frozen=True)
class _Window:
    """Where one intervention takes in participants, and until when it can exit them."""

    spec: InterventionSpec
    profile: ParticipantProfile
    first_entry: dt.date
    last_entry: dt.date
    last_exit: dt.date
    ends_in_window: bool


def _weighted(rng: random.Random, options: Sequence[tuple[T, int]]) -> T:
    values = [value for value, _weight in options]
    return rng.choices(values, weights=[weight for _value, weight in options])[0]


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def age_at(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def make_number(birth: dt.date, serial: int) -> str:
    """A valid 12-digit personnummer for a birth date and a three-digit serial (the last
    serial digit even = kvinna, odd = man)."""
    nine = f"{birth:%y%m%d}{serial:03d}"
    return f"{birth.year:04d}{nine[2:]}{luhn_check_digit(nine)}"


def _windows(spec: ParticipantDataSpec, interventions: Iterable[InterventionSpec]) -> list[_Window]:
    windows: list[_Window] = []
    for intervention in interventions:
        if intervention.kind != Kind.INDIVIDUAL or intervention.follow_up != FollowUp.PERSONAL_DATA:
            continue
        first = max(spec.start, intervention.start)
        last = min(spec.end, intervention.end - LAST_ENTRY_MARGIN)
        if first > last:
            continue
        windows.append(
            _Window(
                spec=intervention,
                profile=spec.profiles.get(intervention.code, DEFAULT_PROFILE),
                first_entry=first,
                last_entry=last,
                last_exit=min(spec.end, intervention.end),
                ends_in_window=intervention.end <= spec.end,
            )
        )
    return windows


def _entry_dates(window: _Window, rng: random.Random) -> list[dt.date]:
    """Entry dates spread over the window: weekdays, few in July."""
    span = (window.last_entry - window.first_entry).days
    count = round(window.profile.monthly_intake * (span + 1) / 30.44)
    count = min(max(count, 40), 120)
    dates: list[dt.date] = []
    while len(dates) < count:
        day = window.first_entry + dt.timedelta(days=rng.randint(0, span))
        if day.month == 7 and rng.random() < 0.7:
            continue
        while day.weekday() >= 5:
            day -= dt.timedelta(days=1)
        dates.append(max(day, window.first_entry))
    return sorted(dates)


class _Planner:
    def __init__(self, spec: ParticipantDataSpec) -> None:
        self.rng = random.Random(spec.seed)  # noqa: S311 - demo data, not security
        self.spec = spec
        self.numbers: set[str] = set()
        self.persons: list[PlannedPerson] = []
        self.references: Counter[str] = Counter()

    def person(self, window: _Window, entry: dt.date) -> PlannedPerson:
        rng, profile = self.rng, window.profile
        if rng.random() < RETURNING_SHARE:
            returning = [
                p
                for p in self.persons
                if p.free_from is not None
                and p.free_from <= entry
                and profile.min_age <= age_at(p.birth, entry) <= profile.max_age
            ]
            if returning:
                return rng.choice(returning)
        gender = Gender.WOMAN if rng.random() < WOMEN_SHARE else Gender.MAN
        low, high = CORE_AGES
        if rng.random() < CORE_AGE_SHARE:
            age = rng.randint(max(low, profile.min_age), min(high, profile.max_age))
        else:
            age = rng.randint(profile.min_age, profile.max_age)
        latest = _years_before(entry, age)  # the birthday of this age on the entry date
        earliest = _years_before(entry, age + 1) + dt.timedelta(days=1)
        parity = 0 if gender == Gender.WOMAN else 1
        serials = [s for s in DEMO_SERIALS if s % 2 == parity]
        while True:
            birth = earliest + dt.timedelta(days=rng.randint(0, (latest - earliest).days))
            number = make_number(birth, rng.choice(serials))
            if number not in self.numbers:
                break
        self.numbers.add(number)
        first_names = WOMEN_NAMES if gender == Gender.WOMAN else MEN_NAMES
        name = f"{rng.choice(first_names)} {rng.choice(SURNAMES)}"
        person = PlannedPerson(number=number, name=name, birth=birth, gender=gender)
        self.persons.append(person)
        return person

    def details(self, window: _Window, person: PlannedPerson, entry: dt.date) -> EntryDetails:
        rng, profile = self.rng, window.profile
        referrer = _weighted(rng, profile.referrers)
        if profile.typical_income and rng.random() < profile.typical_income_share:
            first_income = profile.typical_income
        else:
            first_income = _weighted(rng, INCOME_BY_REFERRER[referrer])
        # Aktivitetsersättning is for those under 30; older ones have sjukersättning.
        if first_income == IncomeSource.ACTIVITY_COMPENSATION and age_at(person.birth, entry) >= 30:
            first_income = IncomeSource.SICKNESS_COMPENSATION
        income = [first_income]
        if (
            first_income not in (IncomeSource.SOCIAL_ASSISTANCE, IncomeSource.NONE)
            and rng.random() < SOCIAL_ASSISTANCE_TOP_UP
        ):
            income.append(IncomeSource.SOCIAL_ASSISTANCE)
        support = _weighted(rng, SUPPORT_WEIGHTS)
        if age_at(person.birth, entry) - 18 < SUPPORT_MIN_YEARS.get(support, 0):
            support = "1_3"
        return EntryDetails(
            education=str(_weighted(rng, EDUCATION_WEIGHTS)),
            income_before=[str(source) for source in income],
            public_support_time=str(support),
            referrer=str(referrer),
        )

    def exit(self, window: _Window, planned: PlannedParticipation) -> None:
        """The planned exit (or none, still ongoing at the end of the window)."""
        rng = self.rng
        shortest, longest = DURATION_DAYS.get(window.spec.aim, DURATION_DAYS[Aim.WORK])
        exit_date = planned.entry_date + dt.timedelta(days=rng.randint(shortest, longest))
        if exit_date > window.last_exit:
            if not window.ends_in_window:
                return
            # The intervention ended: everyone still taking part is exited at its end.
            latest = window.last_exit - dt.timedelta(days=rng.randint(0, 14))
            exit_date = max(planned.entry_date, latest)
        planned.exit_date = exit_date
        weights = EXIT_WEIGHTS.get(window.spec.aim, EXIT_WEIGHTS[Aim.WORK])
        self.set_reason(planned, _weighted(rng, weights))

    def set_reason(self, planned: PlannedParticipation, reason: str) -> None:
        rng = self.rng
        planned.exit_reason = reason
        planned.work_extent = (
            _weighted(rng, WORK_EXTENT_WEIGHTS) if reason in WORK_REASONS else None
        )
        before = planned.details.income_before
        after: list[str]
        if reason in WORK_REASONS:
            after = [
                IncomeSource.SALARY if reason != ExitReason.OWN_BUSINESS else IncomeSource.OTHER
            ]
            if planned.work_extent is not None and planned.work_extent <= 50 and before:
                after.append(before[0])  # part-time work with the old support on top
        elif reason == ExitReason.STUDIES:
            after = [IncomeSource.STUDY_GRANT]
        elif reason == ExitReason.JOB_SEEKING:
            after = [
                _weighted(
                    rng,
                    (
                        (IncomeSource.ACTIVITY_SUPPORT, 60),
                        (IncomeSource.UNEMPLOYMENT_FUND, 20),
                        (IncomeSource.SOCIAL_ASSISTANCE, 20),
                    ),
                )
            ]
        elif reason == ExitReason.ILLNESS:
            after = [
                _weighted(
                    rng,
                    ((IncomeSource.SICKNESS_BENEFIT, 70), (IncomeSource.SICKNESS_COMPENSATION, 30)),
                )
            ]
        elif reason == ExitReason.PARENTAL_LEAVE:
            after = [IncomeSource.OTHER]
        elif reason in (ExitReason.CONTINUED_REHABILITATION, ExitReason.OTHER):
            after = list(before)
        else:  # moved, broke off, registration mistake: not known
            after = []
        planned.details.income_after = [str(source) for source in after]

    def action_plan(self, window: _Window, planned: PlannedParticipation) -> None:
        if self.rng.random() >= window.profile.action_plan_share:
            return
        day = planned.entry_date + dt.timedelta(days=self.rng.randint(*ACTION_PLAN_DAYS))
        if day <= min(planned.exit_date or self.spec.end, self.spec.end):
            planned.details.action_plan_date = day

    def mistakes(self, plan: list[PlannedParticipation]) -> None:
        """A few entries that turn out to be registration mistakes (felregistrering), soon
        after entry, of persons with no other participation."""
        taken = Counter(id(p.person) for p in plan if p.person is not None)
        candidates = [p for p in plan if p.person is not None and taken[id(p.person)] == 1]
        for planned in self.rng.sample(candidates, MISTAKES):
            assert planned.person is not None  # noqa: S101 - filtered above
            soon = planned.entry_date + dt.timedelta(days=self.rng.randint(1, 10))
            planned.exit_date = max(planned.entry_date, min(soon, self.spec.end))
            planned.details.action_plan_date = None
            self.set_reason(planned, ExitReason.MISTAKE)
            planned.person.free_from = planned.exit_date + dt.timedelta(days=1)

    def every_reason(self, plan: list[PlannedParticipation]) -> None:
        """Every exit reason occurs: a missing one replaces an exit of the commonest."""
        exits = [p for p in plan if p.exit_reason and p.exit_reason != ExitReason.MISTAKE]
        for reason in ExitReason.values:
            counts = Counter(p.exit_reason for p in exits)
            if counts[reason] or reason == ExitReason.MISTAKE:
                continue
            commonest = counts.most_common(1)[0][0]
            self.set_reason(
                self.rng.choice([p for p in exits if p.exit_reason == commonest]), reason
            )


def plan_participations(
    spec: ParticipantDataSpec, interventions: Iterable[InterventionSpec]
) -> list[PlannedParticipation]:
    """Every participation of the individual interventions with personal data in the
    window, in order of entry. Deterministic: the same plan for the same spec."""
    planner = _Planner(spec)
    rng = planner.rng
    entries: list[tuple[dt.date, str, bool, _Window]] = []
    for window in _windows(spec, interventions):
        dates = _entry_dates(window, rng)
        hidden = set(rng.sample(range(len(dates)), round(len(dates) * ANONYMOUS_SHARE)))
        entries += [(day, window.spec.code, i in hidden, window) for i, day in enumerate(dates)]
    entries.sort(key=lambda entry: (entry[0], entry[1]))
    plan: list[PlannedParticipation] = []
    for entry_date, code, anonymous, window in entries:
        if anonymous:
            gender = _weighted(rng, ANONYMOUS_GENDERS)
            plan.append(PlannedParticipation(code=code, entry_date=entry_date, gender=gender))
            continue
        person = planner.person(window, entry_date)
        planner.references[code] += 1
        same_day = rng.random() < 0.6
        planned = PlannedParticipation(
            code=code,
            entry_date=entry_date,
            gender=person.gender,
            person=person,
            reference=f"{code}-{planner.references[code]:03d}",
            consent_date=entry_date - dt.timedelta(days=0 if same_day else rng.randint(1, 14)),
            details=planner.details(window, person, entry_date),
        )
        planner.exit(window, planned)
        planner.action_plan(window, planned)
        person.free_from = planned.exit_date + dt.timedelta(days=1) if planned.exit_date else None
        plan.append(planned)
    planner.mistakes(plan)
    planner.every_reason(plan)
    anonymous_rows = [p for p in plan if p.person is None]
    if anonymous_rows and all(p.gender != Gender.OTHER for p in anonymous_rows):
        anonymous_rows[0].gender = Gender.OTHER
    return plan


def load_participant_data(
    *,
    association: Association,
    spec: ParticipantDataSpec,
    intervention_specs: Sequence[InterventionSpec],
    interventions: dict[str, Intervention],
    officers: dict[str, User],
) -> None:
    """Write the planned participations, the monthly counts and the activities (inside the
    association's scope). ``officers``: the demo deltagaransvarig by intervention code; the
    others are registered without a user (as by a command)."""
    for planned in plan_participations(spec, intervention_specs):
        _write_participation(planned, interventions[planned.code], officers.get(planned.code))
    _write_volumes(spec, intervention_specs, interventions)
    for activity in spec.activities:
        save_activity(
            association=association,
            date=activity.date,
            title=activity.title,
            kind=activity.kind,
            intervention=interventions[activity.intervention] if activity.intervention else None,
            women=activity.women,
            men=activity.men,
            other=activity.other,
            organisations=list(activity.organisations),
        )


def _write_participation(
    planned: PlannedParticipation, intervention: Intervention, user: User | None
) -> None:
    if planned.person is None:
        register_anonymous(
            user=user,
            intervention=intervention,
            gender=planned.gender,
            entry_date=planned.entry_date,
            check_access=False,
        )
        return
    assert planned.consent_date is not None  # noqa: S101 - set for every person
    details = planned.details
    participation = register_entry(
        user=user,
        intervention=intervention,
        number=planned.person.number,
        name=planned.person.name,
        consent_date=planned.consent_date,
        entry_date=planned.entry_date,
        reference=planned.reference,
        details=EntryDetails(
            education=details.education,
            income_before=list(details.income_before),
            public_support_time=details.public_support_time,
            referrer=details.referrer,
            action_plan_date=details.action_plan_date,
        ),
        check_access=False,
    )
    if planned.exit_date is not None:
        update_participation(
            user=user,
            participation=participation,
            values={
                "exit_date": planned.exit_date,
                "exit_reason": planned.exit_reason,
                "work_extent": planned.work_extent,
                "income_after": list(details.income_after),
            },
            purpose="Utskrivning",
            check_access=False,
        )


def months_between(first: dt.date, last: dt.date) -> list[tuple[int, int]]:
    """(year, month) of every month from ``first``'s to ``last``'s, both included."""
    months: list[tuple[int, int]] = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _write_volumes(
    spec: ParticipantDataSpec,
    intervention_specs: Sequence[InterventionSpec],
    interventions: dict[str, Intervention],
) -> None:
    """One count per month of the window for each count-only intervention running then."""
    rng = random.Random(spec.seed + 1)  # noqa: S311 - demo data, not security
    for intervention in intervention_specs:
        if intervention.follow_up != FollowUp.COUNTS:
            continue
        first, last = max(spec.start, intervention.start), min(spec.end, intervention.end)
        profile = spec.volumes.get(intervention.code, DEFAULT_VOLUME)
        write_monthly_counts(interventions[intervention.code], profile, first, last, rng)


def write_monthly_counts(
    intervention: Intervention,
    profile: VolumeProfile,
    first: dt.date,
    last: dt.date,
    rng: random.Random,
) -> None:
    """A count for each month from ``first``'s to ``last``'s around the profile's mean
    (quieter in summer and at Christmas)."""
    for year, month in months_between(first, last) if first <= last else []:
        mean = profile.mean_total * SEASON.get(month, 1.0)
        total = max(0, round(rng.gauss(mean, mean * 0.15)))
        other = 1 if total >= 10 and rng.random() < 0.08 else 0
        shared = (total - other) * profile.women_share + rng.uniform(-1.5, 1.5)
        women = min(total - other, max(0, round(shared)))
        save_volume_count(
            intervention=intervention,
            year=year,
            month=month,
            women=women,
            men=total - other - women,
            other=other,
        )
