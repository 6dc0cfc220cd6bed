"""The shapes of the participant tables (they mirror the JSON contract of spec/reports.md:
``dataclasses.asdict`` gives it) and the rounding of shares and means."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from participants.choices import Gender
from stats.periods import round_half_up


def share(numerator: int, denominator: int) -> int | None:
    """numerator / denominator x 100 rounded half up to a whole percent; None when the
    denominator is 0 (the one rounding rule: ``stats.periods.round_half_up``)."""
    return round_half_up(numerator, denominator)


def mean(total: int, count: int) -> float | None:
    """total / count rounded half up to one decimal; None when count is 0."""
    if count == 0:
        return None
    value = Decimal(total) / Decimal(count)
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Split:
    """G: counts of women, men and all (``annat`` included in total only)."""

    women: int = 0
    men: int = 0
    total: int = 0

    @classmethod
    def of(cls, by_gender: Mapping[str, int]) -> Split:
        """From counts keyed by gender code."""
        return cls(
            women=by_gender.get(Gender.WOMAN, 0),
            men=by_gender.get(Gender.MAN, 0),
            total=sum(by_gender.values()),
        )

    def __add__(self, other: Split) -> Split:
        return Split(self.women + other.women, self.men + other.men, self.total + other.total)


@dataclass(frozen=True)
class ShareSplit:
    """S: shares in whole percent of women, men and all; None when a denominator is 0."""

    women: int | None
    men: int | None
    total: int | None

    @classmethod
    def of(cls, numerator: Split, denominator: Split) -> ShareSplit:
        return cls(
            women=share(numerator.women, denominator.women),
            men=share(numerator.men, denominator.men),
            total=share(numerator.total, denominator.total),
        )


@dataclass(frozen=True)
class MeanSplit:
    """F: means with one decimal of women, men and all; None when nothing was averaged."""

    women: float | None
    men: float | None
    total: float | None


@dataclass(frozen=True)
class ParticipantsFigures:
    registered: Split
    exited: Split
    exited_to_date: Split
    ongoing: Split


@dataclass(frozen=True)
class ParticipantsRow:
    intervention: str
    registered: Split
    exited: Split
    exited_to_date: Split
    ongoing: Split


@dataclass(frozen=True)
class ParticipantsTable:
    """Section 9 ``participants``."""

    rows: list[ParticipantsRow]
    total: ParticipantsFigures


@dataclass(frozen=True)
class OutcomesFigures:
    to_work_or_studies: Split
    share_to_work_or_studies: ShareSplit
    share_with_action_plan: int | None
    #: The counts behind the shares (not in the JSON; disclosure control needs them).
    exited: Split = field(default=Split(), compare=False)
    active: Split = field(default=Split(), compare=False)
    planned: Split = field(default=Split(), compare=False)


@dataclass(frozen=True)
class OutcomesRow:
    intervention: str
    to_work_or_studies: Split
    share_to_work_or_studies: ShareSplit
    share_with_action_plan: int | None
    exited: Split = field(default=Split(), compare=False)
    active: Split = field(default=Split(), compare=False)
    planned: Split = field(default=Split(), compare=False)


@dataclass(frozen=True)
class OutcomesTable:
    """Section 10 ``outcomes``."""

    rows: list[OutcomesRow]
    total: OutcomesFigures


@dataclass(frozen=True)
class AnonymousRow:
    intervention: str
    count: int


@dataclass(frozen=True)
class AnonymousTable:
    """Section 11 ``anonymous``."""

    rows: list[AnonymousRow]
    total: int


@dataclass(frozen=True)
class ReasonRow:
    reason: str
    counts: Split


@dataclass(frozen=True)
class ExtentRow:
    extent: int
    counts: Split


@dataclass(frozen=True)
class ExitGroups:
    work: Split
    studies: Split
    work_or_studies: Split
    job_seeking: Split
    work_studies_job_seeking: Split
    other: Split
    all: Split


@dataclass(frozen=True)
class ExitReasonsTable:
    """Section 12 ``exit_reasons``."""

    rows: list[ReasonRow]
    work_extent: list[ExtentRow]
    groups: ExitGroups


@dataclass(frozen=True)
class TargetGroupShares:
    women: int | None
    men: int | None
    under_30: ShareSplit
    public_support_3y_plus: ShareSplit
    education: dict[str, ShareSplit]


@dataclass(frozen=True)
class TargetGroupTable:
    """Section 13 ``target_group``."""

    active: Split
    shares: TargetGroupShares
    #: The numerators of the shares (not in the JSON; disclosure control needs them):
    #: ``under_30``, ``public_support_3y_plus`` and ``education:<level>``.
    counts: dict[str, Split] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class TimeRow:
    intervention: str
    mean_days: MeanSplit


@dataclass(frozen=True)
class TimeInInterventionTable:
    """Section 14 ``time_in_intervention``."""

    rows: list[TimeRow]


@dataclass(frozen=True)
class ExpectedRow:
    intervention: str
    registered_to_date: int
    #: None when the intervention has no expected number of participants.
    expected: int | None


@dataclass(frozen=True)
class ExpectedTable:
    """Section 15 ``expected``."""

    rows: list[ExpectedRow]


@dataclass(frozen=True)
class ActivitiesTable:
    """Section 16 ``activities``."""

    count: int
    attendees: Split
    by_type: dict[str, int]


@dataclass(frozen=True)
class ParticipantGoals:
    """The participant outcomes of section 17 ``association_goals`` (targets and ``met``
    are the memo's)."""

    #: Share of exits ytd to work or studies in work-directed individual interventions.
    work_directed_to_work_or_studies: int | None
    #: Share with an action plan by E among participations active ytd in
    #: pre-rehabilitation interventions.
    prerehab_action_plan: int | None
    #: The counts behind the shares (not in the JSON; disclosure control needs them).
    work_exited: int = field(default=0, compare=False)
    work_to_work_or_studies: int = field(default=0, compare=False)
    prerehab_active: int = field(default=0, compare=False)
    prerehab_planned: int = field(default=0, compare=False)


@dataclass(frozen=True)
class ParticipantTables:
    participants: ParticipantsTable
    outcomes: OutcomesTable
    anonymous: AnonymousTable
    exit_reasons: ExitReasonsTable
    target_group: TargetGroupTable
    time_in_intervention: TimeInInterventionTable
    expected: ExpectedTable
    activities: ActivitiesTable
    goals: ParticipantGoals
