"""The shapes of the demo data: plain frozen values that ``demo.loader`` turns into rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from interventions.models import GoalStatus, SteeringGroupRole
from tenancy.models import BoardRole, BoardSeat, Organisation

#: One password for every demo user (shown by ``load_demo``; refused outside development).
DEMO_PASSWORD = "finsam-demo-2026"  # noqa: S105 - public demo password, printed on purpose
#: Seed of the random generator that varies budget amounts.
DEMO_SEED = 20260101

TERM_START = dt.date(2023, 1, 1)
TERM_END = dt.date(2026, 12, 31)


@dataclass(frozen=True)
class MemberSpec:
    name: str
    kind: str
    fee_share: Decimal


@dataclass(frozen=True)
class OrganisationSpec:
    name: str
    member: str | None = None


@dataclass(frozen=True)
class BoardSpec:
    name: str
    member: str
    party: str
    seat: str = BoardSeat.ORDINARIE
    role: str = BoardRole.LEDAMOT


@dataclass(frozen=True)
class SteeringGroupMemberSpec:
    name: str
    organisation: str
    role: str = SteeringGroupRole.MEMBER


@dataclass(frozen=True)
class SteeringGroupSpec:
    name: str
    members: tuple[SteeringGroupMemberSpec, ...]


@dataclass(frozen=True)
class GoalSpec:
    text: str
    target: str
    status: str = GoalStatus.ONGOING


@dataclass(frozen=True)
class InterventionSpec:
    code: str
    name: str
    short_name: str
    owner: str
    partners: tuple[str, ...]
    kind: str
    aim: str
    follow_up: str
    start: dt.date
    end: dt.date
    expected_participants: int | None
    steering_group: str | None
    #: Granted amount for a whole year, in SEK; each year varies a little around it.
    yearly_budget: int
    goals: tuple[GoalSpec, ...]
    #: Years budgeted per quarter instead of with one yearly row.
    quarterly_years: tuple[int, ...] = ()


#: An intervention as a table row: (code, name, short name), (owner, partners, steering
#: group), (kind, aim, follow-up, start, end, expected participants, yearly budget in SEK).
InterventionRow = tuple[
    tuple[str, str, str],
    tuple[str, tuple[str, ...], str | None],
    tuple[str, str, str, dt.date, dt.date, int | None, int],
]


def intervention_specs(
    rows: tuple[InterventionRow, ...],
    goals: Mapping[str, tuple[GoalSpec, ...]],
    quarterly_years: Mapping[str, tuple[int, ...]] | None = None,
) -> tuple[InterventionSpec, ...]:
    """The interventions of table ``rows``, each with the goals and the quarterly budget
    years (none when absent) of its code."""
    quarterly_years = quarterly_years or {}
    specs: list[InterventionSpec] = []
    for (code, name, short_name), (owner, partners, group), plan in rows:
        kind, aim, follow_up, start, end, expected, budget = plan
        spec = InterventionSpec(
            code=code,
            name=name,
            short_name=short_name,
            owner=owner,
            partners=partners,
            kind=kind,
            aim=aim,
            follow_up=follow_up,
            start=start,
            end=end,
            expected_participants=expected,
            steering_group=group,
            yearly_budget=budget,
            goals=goals[code],
            quarterly_years=quarterly_years.get(code, ()),
        )
        specs.append(spec)
    return tuple(specs)


@dataclass(frozen=True)
class UserSpec:
    email: str
    first_name: str
    last_name: str
    #: (role, intervention code or None for the whole association)
    roles: tuple[tuple[str, str | None], ...]
    #: Fixed base32 TOTP secret for users who must use a second factor.
    totp_secret: str | None = None


@dataclass(frozen=True)
class ParticipantProfile:
    """How one individual intervention with personal data takes in its participants."""

    #: Mean number of entries per month (anonymous included).
    monthly_intake: float
    #: Referrer code -> weight.
    referrers: tuple[tuple[str, int], ...]
    min_age: int = 18
    max_age: int = 64
    #: Share of participations that get an action plan a month or two after entry.
    action_plan_share: float = 0.5
    #: Income source given to most participants before entry regardless of referrer
    #: (e.g. etableringsersättning for newly arrived), with its probability.
    typical_income: str = ""
    typical_income_share: float = 0.0


@dataclass(frozen=True)
class VolumeProfile:
    """Monthly counts of a count-only intervention: a mean total and the share of women."""

    mean_total: int
    women_share: float


@dataclass(frozen=True)
class ActivitySpec:
    date: dt.date
    title: str
    kind: str
    intervention: str | None
    women: int
    men: int
    other: int
    organisations: tuple[str, ...]


@dataclass(frozen=True)
class ParticipantDataSpec:
    """Generated participant data: participations of the individual interventions with
    personal data, monthly counts of the count-only ones, and activities."""

    start: dt.date
    end: dt.date
    seed: int
    profiles: dict[str, ParticipantProfile]
    volumes: dict[str, VolumeProfile]
    activities: tuple[ActivitySpec, ...]


@dataclass(frozen=True)
class AssociationSpec:
    slug: str
    name: str
    members: tuple[MemberSpec, ...]
    organisations: tuple[OrganisationSpec, ...]
    board: tuple[BoardSpec, ...]
    steering_groups: tuple[SteeringGroupSpec, ...]
    interventions: tuple[InterventionSpec, ...]
    users: tuple[UserSpec, ...] = field(default=())


def first_with_role(users: Sequence[UserSpec], role: str) -> dict[str, str]:
    """The e-mail of the first demo user with ``role`` on each intervention, by code."""
    found: dict[str, str] = {}
    for user in users:
        for held, code in user.roles:
            if held == role and code and code not in found:
                found[code] = user.email
    return found


def plan_fields(
    spec: InterventionSpec | ApplicationSpec, organisations: Mapping[str, Organisation]
) -> dict[str, Any]:
    """What an intervention and an application plan alike (owner, kind, aim, follow-up,
    period, expected participants), as both models name the fields."""
    return {
        "owner": organisations[spec.owner],
        "kind": spec.kind,
        "aim": spec.aim,
        "follow_up": spec.follow_up,
        "start_date": spec.start,
        "end_date": spec.end,
        "expected_participants": spec.expected_participants,
    }


def d(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, day)


# --- steering-group reporting, money and funding (``demo.followup``) ----------------------

#: What became of a quarterly report: submitted, saved as a draft only, or never started.
ReportState = Literal["submitted", "draft", "missing"]
#: (intervention code, year, quarter)
QuarterKey = tuple[str, int, int]


@dataclass(frozen=True)
class ReportScript:
    """A quarterly report told by hand rather than generated: answers that replace the
    generated ones, the office's colour and comment, and when (or whether) it came in."""

    answers: dict[str, Any] = field(default_factory=dict)
    colour: str = ""
    review_comment: str = ""
    #: Submitted this many days after the deadline (None: on time).
    days_late: int | None = None
    state: ReportState = "submitted"


@dataclass(frozen=True)
class DeviationSpec:
    code: str
    received_on: dt.date
    kind: str
    description: str
    #: Empty: not decided.
    decision: str = ""
    decided_on: dt.date | None = None
    decided_by: str = ""
    comment: str = ""
    amount: int | None = None
    requested_end_date: dt.date | None = None


@dataclass(frozen=True)
class AssessmentSpec:
    text: str
    recommendation: str
    assessed_on: dt.date


@dataclass(frozen=True)
class DecisionSpec:
    outcome: str
    decided_on: dt.date
    meeting_reference: str
    conditions: str
    start: dt.date
    end: dt.date
    #: (year, granted amount in SEK)
    years: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class ApplicationSpec:
    name: str
    #: Code of the new intervention; empty for an extension.
    code: str
    #: Code of the intervention an extension extends.
    extends: str | None
    owner: str
    partners: tuple[str, ...]
    kind: str
    aim: str
    follow_up: str
    start: dt.date
    end: dt.date
    target_group: str
    method: str
    follow_up_plan: str
    expected_participants: int | None
    received_on: dt.date
    years: tuple[tuple[int, int], ...]
    goals: tuple[GoalSpec, ...] = ()
    assessment: AssessmentSpec | None = None
    decision: DecisionSpec | None = None
    #: For a granted new intervention: its steering group and the insatsansvarig (e-mail)
    #: the office gives it after the decision.
    steering_group: str | None = None
    lead: str | None = None


@dataclass(frozen=True)
class SignatureSpec:
    organisation: str
    name: str
    place: str
    signed_on: dt.date


@dataclass(frozen=True)
class FinalReportSpec:
    code: str
    submitted_on: dt.date
    #: FinalReport text field -> text
    texts: dict[str, str]
    #: (outcome, met) per goal of the intervention, in the order of its goals
    goals: tuple[tuple[str, str], ...]
    signatures: tuple[SignatureSpec, ...]


@dataclass(frozen=True)
class FollowupDataSpec:
    """Quarterly reports, deviation reports, costs, the association's own budget,
    applications and final reports of one demo association."""

    today: dt.date
    seed: int
    first_quarter: tuple[int, int]
    last_quarter: tuple[int, int]
    admin: str
    economist: str
    reports: dict[QuarterKey, ReportScript]
    #: Usual share (%) of participants with an action plan, by intervention code.
    action_plan_shares: dict[str, int]
    #: Share of the generated reports that come in late.
    late_share: float
    #: Cost outcome as a share of the quarterly budget: (lowest, highest), by intervention
    #: code or (code, year); others use ``default_spending``.
    spending: dict[str | tuple[str, int], tuple[float, float]]
    default_spending: tuple[float, float]
    #: Amounts told by hand (a repayment is negative).
    fixed_costs: dict[QuarterKey, int]
    #: Rows submitted but not yet approved, with the day they came in.
    pending_costs: dict[QuarterKey, dt.date]
    deviations: tuple[DeviationSpec, ...]
    applications: tuple[ApplicationSpec, ...]
    final_reports: tuple[FinalReportSpec, ...]
    #: Monthly counts of the count-only interventions that decisions create, by code,
    #: written up to ``counts_end`` (the end of the participant data).
    volumes: dict[str, VolumeProfile]
    counts_end: dt.date
