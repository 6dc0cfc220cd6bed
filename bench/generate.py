"""Benchmark data: a large association, or the demo association scaled up.

    python -m bench.generate --association big --scale 1.0 [--interventions 60] [--replace]
    python -m bench.generate --like-demo --factor 10

The large association (scale 1.0): 60 interventions of every kind over ten years
(2016-2025), 20 000 participations (8 % anonymous, a few felregistrering, every exit
reason), a quarterly report for every quarter an intervention runs (the unique constraint
allows at most one per intervention and quarter: ~1 500 with 60 interventions), budgets,
cost outcomes, deviation reports, activities, monthly counts and final reports.
``--scale`` multiplies participations, activities and deviations. Deterministic: the same
rows for the same arguments. Rows are written with ``bulk_create`` (benchmark data, not a
service path: no history rows and no access log).

``--like-demo --factor N`` copies every intervention of the demo association ``exempel``
(loaded with ``manage.py load_demo``) N-1 times with its participations, budgets, reports,
costs, deviations and activities, and adds the load test's deltagaransvarig users (see
``bench.like_demo``).

Runs against ``DATABASE_URL`` (default: ``bench/out/bench.sqlite3``) with benchmark keys;
see ``bench.env``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from dataclasses import dataclass
from typing import Any

from bench.env import configure, migrate

#: The memo period the benchmark times, and the last day of generated data.
PERIOD = "2025H2"
LAST_DAY = dt.date(2025, 12, 31)
YEARS = 10
SEED = 20251231
ORGANISATIONS = 12
STEERING_GROUPS = 8


@dataclass(frozen=True)
class Size:
    interventions: int
    participations: int
    activities: int
    deviations: int

    @classmethod
    def scaled(cls, scale: float, interventions: int = 60) -> Size:
        return cls(
            interventions=interventions,
            participations=max(1, round(20_000 * scale)),
            activities=max(1, round(400 * scale)),
            deviations=max(1, round(300 * scale)),
        )


def quarters(start: dt.date, end: dt.date) -> list[tuple[int, int]]:
    """(year, quarter) of every quarter from ``start``'s to ``end``'s."""
    result: list[tuple[int, int]] = []
    year, quarter = start.year, (start.month - 1) // 3 + 1
    while (year, quarter) <= (end.year, (end.month - 1) // 3 + 1):
        result.append((year, quarter))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return result


def quarter_end(year: int, quarter: int) -> dt.date:
    month = quarter * 3
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


class BigAssociation:
    """Writes one large association. Call inside ``scope(association=...)``."""

    def __init__(self, association: Any, size: Size, seed: int = SEED) -> None:
        self.association = association
        self.size = size
        self.rng = random.Random(seed)
        self.first_day = dt.date(LAST_DAY.year - YEARS + 1, 1, 1)
        self.counts: dict[str, int] = {}

    def write(self) -> dict[str, int]:
        from bench.people import ParticipationWriter
        from interventions.models import FollowUp, Kind

        organisations = self._organisations()
        interventions = self._interventions(organisations)
        self._goals(interventions)
        self._budgets(interventions)
        self._reports(interventions)
        self._deviations(interventions)
        self._final_reports(interventions)
        self._activities(interventions)
        self._volumes(interventions)
        personal = [
            i
            for i in interventions
            if i.kind == Kind.INDIVIDUAL and i.follow_up == FollowUp.PERSONAL_DATA
        ]
        writer = ParticipationWriter(
            self.association, personal, last_day=LAST_DAY, seed=self.rng.randint(0, 10**9)
        )
        self.counts["participations"] = writer.write(self.size.participations)
        self.counts["persons"] = len(writer.persons)
        return self.counts

    def _organisations(self) -> list[Any]:
        from interventions.models import SteeringGroup
        from tenancy.models import Member, Organisation

        members = Member.objects.bulk_create(
            Member(
                association=self.association,
                name=f"Medlem {n}",
                kind="kommun" if n else "forsakringskassan",
                fee_share="25.00" if n < 2 else "12.50",
            )
            for n in range(6)
        )
        organisations = Organisation.objects.bulk_create(
            Organisation(
                association=self.association,
                name=f"Organisation {n:02d}",
                member=members[n % len(members)],
            )
            for n in range(ORGANISATIONS)
        )
        self.groups = SteeringGroup.objects.bulk_create(
            SteeringGroup(association=self.association, name=f"Styrgrupp {n}")
            for n in range(STEERING_GROUPS)
        )
        return organisations

    def _interventions(self, organisations: list[Any]) -> list[Any]:
        from interventions.models import Aim, FollowUp, Intervention, Kind

        n, rng = self.size.interventions, self.rng
        rows = []
        for index in range(n):
            aim: str
            share = index / n
            if share < 0.6:
                kind = Kind.INDIVIDUAL
                aim = Aim.WORK if index % 3 else Aim.PRE_REHABILITATION
                follow_up = FollowUp.COUNTS if index % 6 == 5 else FollowUp.PERSONAL_DATA
            else:
                kind = (
                    Kind.OTHER  # the last one is always "other": every kind occurs
                    if share >= 0.93 or index == n - 1
                    else Kind.STRUCTURAL
                    if share < 0.8
                    else Kind.COMPETENCE
                )
                aim, follow_up = "", FollowUp.COUNTS
            # 40 % run from some year of the ten until after the benchmark period; the
            # others run three to eight years from some year of the ten.
            if index % 5 < 2:
                start = dt.date(
                    self.first_day.year + rng.randint(0, YEARS - 2), rng.choice((1, 4, 7, 10)), 1
                )
                end = dt.date(LAST_DAY.year + rng.randint(1, 2), 12, 31)
            else:
                start = dt.date(
                    self.first_day.year + rng.randint(0, YEARS - 3), rng.choice((1, 4, 7, 10)), 1
                )
                end = dt.date(start.year + rng.randint(3, 8), start.month, 1) - dt.timedelta(1)
            rows.append(
                Intervention(
                    association=self.association,
                    code=f"BIG-{index:03d}",
                    name=f"Insats {index:03d} {kind.label}",
                    short_name=f"Insats {index:03d}",
                    owner=organisations[index % len(organisations)],
                    kind=kind,
                    aim=aim,
                    follow_up=follow_up,
                    start_date=start,
                    end_date=end,
                    expected_participants=rng.randint(60, 600)
                    if follow_up == FollowUp.PERSONAL_DATA
                    else None,
                    steering_group=self.groups[index % len(self.groups)],
                )
            )
        interventions = Intervention.objects.bulk_create(rows)
        through = Intervention.partners.through
        through.objects.bulk_create(
            through(
                intervention_id=i.pk, organisation_id=organisations[(n + k) % len(organisations)].pk
            )
            for n, i in enumerate(interventions)
            for k in (1, 2)
        )
        self.counts["interventions"] = len(interventions)
        return interventions

    def _goals(self, interventions: list[Any]) -> None:
        from interventions.models import Goal, GoalStatus

        goals = Goal.objects.bulk_create(
            Goal(
                association=self.association,
                intervention=i,
                text=f"Mål {k} för {i.code}",
                target=f"{30 + 10 * k} %",
                status=GoalStatus.ONGOING if i.end_date > LAST_DAY else GoalStatus.MET,
            )
            for i in interventions
            for k in (1, 2)
        )
        self.goals = goals
        self.counts["goals"] = len(goals)

    def _running_quarters(self, intervention: Any) -> list[tuple[int, int]]:
        return quarters(intervention.start_date, min(intervention.end_date, LAST_DAY))

    def _budgets(self, interventions: list[Any]) -> None:
        from finance.models import CostOutcome
        from interventions.models import Budget

        rng = self.rng
        budgets, costs = [], []
        for index, i in enumerate(interventions):
            yearly = rng.randrange(300_000, 3_500_000, 5_000)
            for year in range(i.start_date.year, i.end_date.year + 1):
                # Every fifth intervention has quarterly budgets in odd years.
                split: list[tuple[int | None, int]] = [(None, yearly)]
                if index % 5 == 0 and year % 2:
                    parts = [yearly // 4] * 3
                    split = list(enumerate([*parts, yearly - sum(parts)], start=1))
                budgets += [
                    Budget(
                        association=self.association,
                        intervention=i,
                        year=year,
                        quarter=quarter,
                        amount=amount,
                    )
                    for quarter, amount in split
                ]
            for year, quarter in self._running_quarters(i):
                amount = round(yearly / 4 * rng.uniform(0.5, 1.25))
                if rng.random() < 0.01:
                    amount = -rng.randint(5_000, 50_000)
                submitted = quarter_end(year, quarter) + dt.timedelta(days=rng.randint(10, 40))
                last = (year, quarter) == (LAST_DAY.year, 4)
                status = (
                    CostOutcome.Status.SUBMITTED
                    if last and rng.random() < 0.3
                    else CostOutcome.Status.REJECTED
                    if rng.random() < 0.02
                    else CostOutcome.Status.APPROVED
                )
                decided = (
                    None if status == CostOutcome.Status.SUBMITTED else submitted + dt.timedelta(7)
                )
                costs.append(
                    CostOutcome(
                        association=self.association,
                        intervention=i,
                        year=year,
                        quarter=quarter,
                        amount=amount,
                        status=status,
                        submitted_on=submitted,
                        approved_on=decided,
                        paid_on=decided if status == CostOutcome.Status.APPROVED else None,
                    )
                )
        Budget.objects.bulk_create(budgets, batch_size=2000)
        CostOutcome.objects.bulk_create(costs, batch_size=2000)
        self.counts["budgets"], self.counts["cost_outcomes"] = len(budgets), len(costs)

    def _reports(self, interventions: list[Any]) -> None:
        from followup.models import (
            Colour,
            Forecast,
            OnTrack,
            QuarterlyReport,
            YesPartlyNo,
            report_deadline,
        )
        from interventions.models import Kind

        rng = self.rng

        def maybe() -> bool:
            return rng.random() < 0.85

        rows = []
        for i in interventions:
            for year, quarter in self._running_quarters(i):
                draft = (year, quarter) == (LAST_DAY.year, 4) and rng.random() < 0.15
                rows.append(
                    QuarterlyReport(
                        association=self.association,
                        intervention=i,
                        year=year,
                        quarter=quarter,
                        status=QuarterlyReport.Status.DRAFT
                        if draft
                        else QuarterlyReport.Status.SUBMITTED,
                        submitted_on=None
                        if draft
                        else report_deadline(year, quarter) - dt.timedelta(rng.randint(0, 20)),
                        on_track=rng.choice(OnTrack.values),
                        forecast=rng.choice(Forecast.values),
                        started_on_time=maybe(),
                        action_plan_share=rng.randint(40, 100)
                        if i.kind == Kind.INDIVIDUAL
                        else None,
                        goals_comment="Arbetet följer planen."
                        if maybe()
                        else "Avvikelse rapporterad.",
                        vacancy_funded=not maybe(),
                        vacancy_self_funded=not maybe(),
                        meetings_per_agreement=maybe(),
                        ordinary_representation=maybe(),
                        follow_up_per_agreement=rng.choice(YesPartlyNo.values),
                        target_group_checked=maybe(),
                        method_checked=maybe(),
                        equality_discussed=maybe(),
                        gender_equality_discussed=maybe(),
                        implementation_discussed=maybe(),
                        colour="" if draft else rng.choice(Colour.values),
                    )
                )
        QuarterlyReport.objects.bulk_create(rows, batch_size=1000)
        self.counts["quarterly_reports"] = len(rows)

    def _deviations(self, interventions: list[Any]) -> None:
        from followup.models import DecidedBy, Decision, Deviation, DeviationKind

        rng = self.rng
        kinds = DeviationKind.values
        seen: set[tuple[int, dt.date, str]] = set()
        rows = []
        for n in range(self.size.deviations):
            i = interventions[n % len(interventions)]
            kind = kinds[n % len(kinds)]
            last = min(i.end_date, LAST_DAY)
            received = i.start_date + dt.timedelta(rng.randint(0, (last - i.start_date).days))
            if (i.pk, received, kind) in seen:
                continue
            seen.add((i.pk, received, kind))
            decision = rng.choice(Decision.values)
            decided = decision != Decision.UNDECIDED
            rows.append(
                Deviation(
                    association=self.association,
                    intervention=i,
                    received_on=received,
                    kind=kind,
                    description=f"Avvikelse {n} ({kind}).",
                    amount=rng.randrange(10_000, 400_000, 1_000)
                    if kind == DeviationKind.TRANSFER
                    else None,
                    requested_start_date=received + dt.timedelta(60)
                    if kind == DeviationKind.START_DATE
                    else None,
                    requested_end_date=i.end_date + dt.timedelta(180)
                    if kind == DeviationKind.END_DATE
                    else None,
                    decision=decision,
                    decided_on=received + dt.timedelta(rng.randint(5, 40)) if decided else None,
                    decided_by=rng.choice(DecidedBy.values) if decided else "",
                )
            )
        Deviation.objects.bulk_create(rows, batch_size=1000)
        self.counts["deviations"] = len(rows)

    def _final_reports(self, interventions: list[Any]) -> None:
        from followup.models import FinalReport

        ended = [i for i in interventions if i.end_date <= LAST_DAY]
        rows = FinalReport.objects.bulk_create(
            FinalReport(
                association=self.association,
                intervention=i,
                purpose="Syftet var att pröva ett nytt arbetssätt.",
                results="Målen nåddes delvis.",
                lessons="Samverkan tar tid att bygga.",
                status=FinalReport.Status.SUBMITTED if n % 4 else FinalReport.Status.DRAFT,
                submitted_on=i.end_date + dt.timedelta(60) if n % 4 else None,
            )
            for n, i in enumerate(ended)
        )
        self.counts["final_reports"] = len(rows)

    def _activities(self, interventions: list[Any]) -> None:
        from interventions.models import Kind
        from participants.choices import ActivityType
        from participants.models import Activity

        rng = self.rng
        hosts = [i for i in interventions if i.kind in (Kind.STRUCTURAL, Kind.COMPETENCE)]
        span = (LAST_DAY - self.first_day).days
        rows = [
            Activity(
                association=self.association,
                date=self.first_day + dt.timedelta(rng.randint(0, span)),
                title=f"Aktivitet {n:05d}",
                kind=ActivityType.values[n % len(ActivityType.values)],
                intervention=hosts[n % len(hosts)] if hosts and n % 3 else None,
                women=rng.randint(0, 40),
                men=rng.randint(0, 30),
                other=rng.randint(0, 2),
                organisations=[f"Organisation {n % ORGANISATIONS:02d}"],
            )
            for n in range(self.size.activities)
        ]
        Activity.objects.bulk_create(rows, batch_size=2000)
        self.counts["activities"] = len(rows)

    def _volumes(self, interventions: list[Any]) -> None:
        from interventions.models import FollowUp, Kind
        from participants.models import VolumeCount

        rng = self.rng
        rows = []
        for i in interventions:
            if i.kind != Kind.INDIVIDUAL or i.follow_up != FollowUp.COUNTS:
                continue
            for year, quarter in self._running_quarters(i):
                for month in range(quarter * 3 - 2, quarter * 3 + 1):
                    total = rng.randint(4, 30)
                    women = round(total * rng.uniform(0.4, 0.65))
                    rows.append(
                        VolumeCount(
                            association=self.association,
                            intervention=i,
                            year=year,
                            month=month,
                            women=women,
                            men=total - women,
                        )
                    )
        VolumeCount.objects.bulk_create(rows, batch_size=2000)
        self.counts["volume_counts"] = len(rows)


def generate_big(slug: str, *, scale: float, interventions: int, replace: bool) -> dict[str, int]:
    """Create the association ``slug`` with benchmark data; returns the row counts."""
    from django.db import transaction
    from django_scopes import scope

    from tenancy.models import Association
    from tenancy.services import create_association

    existing = Association.objects.filter(slug=slug).first()
    if existing is not None:
        if not replace:
            raise SystemExit(f"Association {slug} exists; pass --replace to generate it again.")
        from demo.loader import _delete_association

        with transaction.atomic():
            _delete_association(existing)
    with transaction.atomic():
        association = create_association(slug=slug, name=f"Samordningsförbundet {slug.title()}")
        with scope(association=association.pk):
            return BigAssociation(association, Size.scaled(scale, interventions)).write()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--association", default="big", help="slug (default: big)")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--interventions", type=int, default=60)
    parser.add_argument("--replace", action="store_true", help="delete the association first")
    parser.add_argument("--like-demo", action="store_true", help="scale the demo association")
    parser.add_argument("--factor", type=int, default=10, help="with --like-demo (default: 10)")
    parser.add_argument("--no-migrate", action="store_true")
    args = parser.parse_args(argv)
    configure()
    if not args.no_migrate:
        migrate()
    started = time.perf_counter()
    if args.like_demo:
        from bench.like_demo import scale_demo

        counts = scale_demo(factor=args.factor)
        what = f"demo association x{args.factor}"
    else:
        counts = generate_big(
            args.association,
            scale=args.scale,
            interventions=args.interventions,
            replace=args.replace,
        )
        what = f"association {args.association} (scale {args.scale})"
    elapsed = time.perf_counter() - started
    print(f"Generated {what} in {elapsed:.1f} s:")
    for name, count in counts.items():
        print(f"  {name:<20} {count:>7}")


if __name__ == "__main__":
    main()
