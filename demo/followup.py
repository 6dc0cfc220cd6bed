"""Steering-group reporting, money and funding of a demo association, written through the
domain services as the people who would do it: the insatsansvarig of an intervention
submits its quarterly reports, deviation reports, costs and final report; the
förbundsadministratör reviews reports, decides deviations and handles applications; the
ekonom approves costs and records payments.

``plan_reports`` draws the quarterly reports from a seeded random generator without
writing anything; ``load_followup_data`` writes everything (inside the association's scope,
after its interventions, users and participant data). Deterministic: the same rows on
every load.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from demo.data.specs import (
    ApplicationSpec,
    FinalReportSpec,
    FollowupDataSpec,
    QuarterKey,
    ReportScript,
    ReportState,
    UserSpec,
    first_with_role,
    plan_fields,
)
from demo.participants import write_monthly_counts
from finance.services import approve_cost, record_payment, submit_cost
from finsam.years import quarter_end
from followup.final_reports import GoalOutcome, SignatureInput, save_final_report
from followup.models import (
    Colour,
    Deviation,
    Forecast,
    OnTrack,
    YesPartlyNo,
    report_deadline,
)
from followup.services import (
    decide_deviation,
    quarter_of,
    quarters_between,
    register_deviation,
    review,
    save_draft,
    submit,
)
from followup.workbook import quarter_within
from funding.models import Application
from funding.services import (
    GoalText,
    YearAmount,
    assess_application,
    record_decision,
    save_application,
)
from interventions.models import Budget, Goal, Intervention, Kind, SteeringGroup
from stats.money import quarterly_budgets
from tenancy.models import Association, Organisation, Role, User
from tenancy.services import assign_role

# --- what the steering groups answer --------------------------------------------------------

GOAL_COMMENTS: dict[tuple[bool, str], tuple[str, ...]] = {
    (True, OnTrack.YES): (
        "Inskrivningen följer plan och styrgruppen bedömer att målen nås.",
        "Fler avslut till arbete och studier än föregående kvartal.",
        "Målen följs upp vid varje styrgruppsmöte.",
        "",
    ),
    (True, OnTrack.PARTLY): (
        "Färre inskrivna än planerat; styrgruppen följer upp remissflödet från parterna.",
        "Målet om avslut till arbete eller studier nås delvis; fler deltagare behöver längre "
        "tid i insatsen.",
    ),
    (True, OnTrack.NO): ("Inskrivningen ligger långt under plan under kvartalet.",),
    (True, OnTrack.TOO_EARLY): (
        "Insatsen har nyss startat; personalen är på plats och de första deltagarna är inskrivna.",
    ),
    (False, OnTrack.YES): (
        "Planerade aktiviteter genomförda under kvartalet.",
        "Arbetet följer aktivitetsplanen.",
        "",
    ),
    (False, OnTrack.PARTLY): (
        "En planerad aktivitet har flyttats till nästa kvartal.",
        "Deltagandet från en av parterna har varit lågt; styrgruppen följer upp.",
    ),
    (False, OnTrack.NO): ("Arbetet har stått still under kvartalet på grund av sjukfrånvaro.",),
    (False, OnTrack.TOO_EARLY): ("Arbetet har startat enligt plan.",),
}
VACANCY_COMMENT = "En tjänst har varit vakant under delar av kvartalet; rekrytering pågår."
REPRESENTATION_COMMENTS = (
    "Ersättare har deltagit för ordinarie ledamot från Försäkringskassan.",
    "Arbetsförmedlingen deltog inte på ett av kvartalets möten.",
)
YELLOW_COMMENTS = {
    OnTrack.NO: "Insatsen är inte i fas med målen; kansliet följer upp vid nästa styrgruppsmöte.",
    OnTrack.PARTLY: "Delvis i fas med målen; bevakas till nästa kvartal.",
    "vacancy": "Vakans i förbundsfinansierad tjänst; bevakas.",
}


@dataclass
class PlannedReport:
    code: str
    year: int
    quarter: int
    state: ReportState
    submitted_on: dt.date | None
    answers: dict[str, Any] = field(default_factory=dict)
    #: Empty: not reviewed.
    colour: str = ""
    review_comment: str = ""

    @property
    def late(self) -> bool:
        return self.submitted_on is not None and self.submitted_on > report_deadline(
            self.year, self.quarter
        )


def _chance(rng: random.Random, probability: float) -> bool:
    return rng.random() < probability


def _generated_answers(
    rng: random.Random, intervention: Intervention, year: int, quarter: int, share: int | None
) -> dict[str, Any]:
    """Realistic answers: mostly yes, some partly or no, a vacancy now and then."""
    individual = intervention.kind == Kind.INDIVIDUAL
    first = quarter_of(intervention.start_date) == (year, quarter)
    if first:
        on_track = OnTrack.TOO_EARLY
    else:
        on_track = rng.choices([OnTrack.YES, OnTrack.PARTLY, OnTrack.NO], weights=[85, 12, 3])[0]
    forecast = {
        OnTrack.YES: Forecast.YES if _chance(rng, 0.92) else Forecast.PARTLY,
        OnTrack.PARTLY: Forecast.PARTLY if _chance(rng, 0.7) else Forecast.YES,
        OnTrack.NO: Forecast.PARTLY,
        OnTrack.TOO_EARLY: Forecast.YES,
    }[on_track]
    vacancy = _chance(rng, 0.05)
    representation = _chance(rng, 0.88)
    end = intervention.end_date
    near_end = end is not None and (end - quarter_end(year, quarter)).days < 370
    action_plan: int | None = None
    if share is not None:
        action_plan = max(0, min(100, share + rng.randint(-8, 5) - (15 if first else 0)))
    return {
        "on_track": on_track,
        "forecast": forecast,
        "started_on_time": True,
        "action_plan_share": action_plan,
        "goals_comment": rng.choice(GOAL_COMMENTS[(individual, on_track)]),
        "vacancy_funded": vacancy,
        "vacancy_self_funded": _chance(rng, 0.04),
        "conditions_comment": VACANCY_COMMENT if vacancy else "",
        "meetings_per_agreement": _chance(rng, 0.96),
        "ordinary_representation": representation,
        "follow_up_per_agreement": rng.choices(
            [YesPartlyNo.YES, YesPartlyNo.PARTLY, YesPartlyNo.NO], weights=[92, 7, 1]
        )[0],
        "target_group_checked": _chance(rng, 0.95),
        "method_checked": _chance(rng, 0.93),
        "equality_discussed": _chance(rng, 0.7),
        "gender_equality_discussed": _chance(rng, 0.75),
        "implementation_discussed": _chance(rng, 0.85 if near_end else 0.4),
        "quality_comment": "" if representation else rng.choice(REPRESENTATION_COMMENTS),
    }


def _colour(answers: dict[str, Any]) -> tuple[str, str]:
    """The office's usual assessment: yellow when not in phase or with a vacancy."""
    on_track = answers["on_track"]
    if on_track in (OnTrack.NO, OnTrack.PARTLY):
        return Colour.YELLOW, YELLOW_COMMENTS[on_track]
    if answers["vacancy_funded"]:
        return Colour.YELLOW, YELLOW_COMMENTS["vacancy"]
    return Colour.GREEN, ""


def plan_reports(
    spec: FollowupDataSpec, interventions: Sequence[Intervention]
) -> list[PlannedReport]:
    """Every quarterly report from ``spec.first_quarter`` to ``spec.last_quarter`` of the
    interventions running then, in order of intervention code and quarter."""
    rng = random.Random(spec.seed)  # noqa: S311 - demo data, not security
    first = dt.date(spec.first_quarter[0], spec.first_quarter[1] * 3, 1)
    last = dt.date(spec.last_quarter[0], spec.last_quarter[1] * 3, 1)
    planned: list[PlannedReport] = []
    for intervention in sorted(interventions, key=lambda i: i.code):
        for year, quarter in quarters_between(first, last):
            if not quarter_within(intervention.start_date, intervention.end_date, year, quarter):
                continue
            script = spec.reports.get((intervention.code, year, quarter), ReportScript())
            share = spec.action_plan_shares.get(intervention.code)
            answers = _generated_answers(rng, intervention, year, quarter, share)
            answers.update(script.answers)
            deadline = report_deadline(year, quarter)
            on_time = deadline - dt.timedelta(days=rng.randint(0, 24))
            days_late = script.days_late
            if days_late is None and _chance(rng, spec.late_share):
                days_late = rng.randint(2, 21)
            submitted_on = deadline + dt.timedelta(days=days_late) if days_late else on_time
            colour, comment = _colour(answers)
            if script.colour:
                colour, comment = script.colour, script.review_comment
            report = PlannedReport(
                code=intervention.code,
                year=year,
                quarter=quarter,
                state=script.state,
                submitted_on=submitted_on if script.state == "submitted" else None,
                answers=answers,
                colour=colour,
                review_comment=comment,
            )
            # The office has not yet reviewed the last quarter's late reports.
            if report.state != "submitted" or (
                (year, quarter) == spec.last_quarter and report.late
            ):
                report.colour = report.review_comment = ""
            planned.append(report)
    return planned


# --- writing --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Actors:
    admin: User
    economist: User
    #: The insatsansvarig by intervention code.
    leads: dict[str, User]


def load_followup_data(
    *,
    association: Association,
    spec: FollowupDataSpec,
    users: Sequence[UserSpec],
    interventions: dict[str, Intervention],
) -> None:
    """Write applications and decisions (a granted new intervention is added to
    ``interventions``), deviation reports, quarterly reports, costs, the own budget and
    final reports, in that order (costs follow the transfers the deviations decide)."""
    emails = first_with_role(users, Role.INSATSANSVARIG)
    actors = _Actors(
        admin=User.objects.get(email=spec.admin),
        economist=User.objects.get(email=spec.economist),
        leads={code: User.objects.get(email=email) for code, email in emails.items()},
    )
    organisations = {o.name: o for o in Organisation.objects.filter(association=association)}
    for application in spec.applications:
        new = _write_application(association, application, actors, organisations, interventions)
        profile = spec.volumes.get(new.code) if new is not None else None
        if new is not None and profile is not None:
            rng = random.Random(spec.seed + 2)  # noqa: S311 - demo data, not security
            last = min(spec.counts_end, new.end_date or spec.counts_end)
            write_monthly_counts(new, profile, new.start_date, last, rng)
    for deviation in spec.deviations:
        registered = register_deviation(
            user=actors.leads[deviation.code],
            intervention=interventions[deviation.code],
            received_on=deviation.received_on,
            kind=deviation.kind,
            description=deviation.description,
            amount=deviation.amount,
            requested_end_date=deviation.requested_end_date,
        )
        if deviation.decision and deviation.decided_on is not None:
            decide_deviation(
                user=actors.admin,
                deviation=registered,
                decision=deviation.decision,
                decided_on=deviation.decided_on,
                decided_by=deviation.decided_by,
                comment=deviation.comment,
            )
    running = [i for i in interventions.values() if i.start_date <= spec.today]
    for planned in plan_reports(spec, running):
        _write_report(planned, interventions[planned.code], actors, spec.today)
    _write_costs(spec, running, actors)
    for final in spec.final_reports:
        _write_final_report(final, interventions[final.code], actors, organisations)


def _write_application(
    association: Association,
    spec: ApplicationSpec,
    actors: _Actors,
    organisations: dict[str, Organisation],
    interventions: dict[str, Intervention],
) -> Intervention | None:
    """Save, assess and decide as the spec says; returns an intervention the decision
    created."""
    application = save_application(
        application=Application(
            association=association,
            name=spec.name,
            code=spec.code,
            extends=interventions[spec.extends] if spec.extends else None,
            **plan_fields(spec, organisations),
            target_group=spec.target_group,
            method=spec.method,
            follow_up_plan=spec.follow_up_plan,
            received_on=spec.received_on,
        ),
        partners=[organisations[name] for name in spec.partners],
        years=[YearAmount(year, amount) for year, amount in spec.years],
        goals=[GoalText(goal.text, goal.target) for goal in spec.goals],
    )
    if spec.assessment is not None:
        assess_application(
            application=application,
            text=spec.assessment.text,
            recommendation=spec.assessment.recommendation,
            assessed_by=actors.admin,
            assessed_on=spec.assessment.assessed_on,
        )
    decision = spec.decision
    if decision is None:
        return None
    recorded = record_decision(
        application=application,
        outcome=decision.outcome,
        decided_on=decision.decided_on,
        meeting_reference=decision.meeting_reference,
        conditions=decision.conditions,
        start_date=decision.start,
        end_date=decision.end,
        years=[YearAmount(year, amount) for year, amount in decision.years],
        recorded_by=actors.admin,
    )
    if spec.extends:
        interventions[spec.extends].refresh_from_db()  # its new end date
        return None
    intervention = recorded.intervention
    if intervention is None:
        return None
    intervention.refresh_from_db()
    interventions[intervention.code] = intervention
    if spec.steering_group:
        intervention.steering_group = SteeringGroup.objects.get(name=spec.steering_group)
        intervention.save(update_fields=["steering_group"])
    if spec.lead:
        lead = User.objects.get(email=spec.lead)
        assign_role(
            user=lead, role=Role.INSATSANSVARIG, association=association, intervention=intervention
        )
        actors.leads.setdefault(intervention.code, lead)
    return intervention


def _write_report(
    planned: PlannedReport, intervention: Intervention, actors: _Actors, today: dt.date
) -> None:
    if planned.state == "missing":
        return
    lead = actors.leads[planned.code]
    if planned.state == "draft":
        save_draft(
            user=lead,
            intervention=intervention,
            year=planned.year,
            quarter=planned.quarter,
            answers=planned.answers,
            today=today,
        )
        return
    assert planned.submitted_on is not None  # noqa: S101 - set for submitted reports
    report = submit(
        user=lead,
        intervention=intervention,
        year=planned.year,
        quarter=planned.quarter,
        answers=planned.answers,
        today=planned.submitted_on,
    )
    if planned.colour:
        review(
            user=actors.admin,
            report=report,
            colour=planned.colour,
            comment=planned.review_comment,
        )


def _write_costs(
    spec: FollowupDataSpec, interventions: Sequence[Intervention], actors: _Actors
) -> None:
    """One cost row per intervention and quarter with a budget: submitted by the
    insatsansvarig a few weeks after the quarter, approved and paid by the ekonom."""
    rng = random.Random(spec.seed + 1)  # noqa: S311 - demo data, not security
    years = range(spec.first_quarter[0], spec.last_quarter[0] + 1)
    budgets = quarterly_budgets(Budget.objects.all(), Deviation.objects.all(), years=years)
    first = dt.date(spec.first_quarter[0], spec.first_quarter[1] * 3, 1)
    last = dt.date(spec.last_quarter[0], spec.last_quarter[1] * 3, 1)
    for intervention in sorted(interventions, key=lambda i: i.code):
        code = intervention.code
        for year, quarter in quarters_between(first, last):
            budget = budgets.get(intervention.pk, {}).get((year, quarter), 0)
            within = quarter_within(intervention.start_date, intervention.end_date, year, quarter)
            key: QuarterKey = (code, year, quarter)
            # Outcome only within the intervention's period (the service refuses others);
            # a quarter without budget has a row only when told by hand (a repayment).
            if not within or (budget <= 0 and key not in spec.fixed_costs):
                continue
            low, high = spec.spending.get(
                (code, year), spec.spending.get(code, spec.default_spending)
            )
            amount = spec.fixed_costs.get(key, round(budget * rng.uniform(low, high)))
            pending = spec.pending_costs.get(key)
            submitted_on = pending or quarter_end(year, quarter) + dt.timedelta(
                days=rng.randint(12, 30)
            )
            cost = submit_cost(
                user=actors.leads[code],
                intervention=intervention,
                year=year,
                quarter=quarter,
                amount=amount,
                today=submitted_on,
            )
            if pending is not None:
                continue
            approved_on = submitted_on + dt.timedelta(days=rng.randint(3, 10))
            comment = "Återbetalning av ej förbrukade medel." if amount < 0 else ""
            approve_cost(user=actors.economist, cost=cost, comment=comment, today=approved_on)
            record_payment(
                user=actors.economist,
                cost=cost,
                paid_on=approved_on + dt.timedelta(days=rng.randint(2, 5)),
            )


def _write_final_report(
    spec: FinalReportSpec,
    intervention: Intervention,
    actors: _Actors,
    organisations: dict[str, Organisation],
) -> None:
    goals = list(Goal.objects.filter(intervention=intervention).order_by("pk"))
    if len(goals) != len(spec.goals):
        raise ValueError(f"{spec.code}: {len(spec.goals)} goal outcomes, {len(goals)} goals")
    save_final_report(
        user=actors.leads[spec.code],
        intervention=intervention,
        texts=spec.texts,
        goals=[
            GoalOutcome(goal_id=goal.pk, outcome=outcome, met=met)
            for goal, (outcome, met) in zip(goals, spec.goals, strict=True)
        ],
        signatures=[
            SignatureInput(
                organisation_id=organisations[s.organisation].pk,
                name=s.name,
                place=s.place,
                signed_on=s.signed_on,
            )
            for s in spec.signatures
        ],
        submit=True,
        today=spec.submitted_on,
    )
