"""The shapes of the demo data: plain frozen values that ``demo.loader`` turns into rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from interventions.models import GoalStatus, SteeringGroupRole
from tenancy.models import BoardRole, BoardSeat

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


def d(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, day)
