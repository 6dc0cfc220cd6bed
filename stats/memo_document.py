"""What the follow-up memo shows beyond the JSON contract of spec/reports.md: sections 2
(the interventions active in the period), 3 (the office's comments), 4 (the interventions
that ended, with their final report's summary) and 8 (funds by intervention kind against
the board's targets), and the kind of every intervention for the tables' group rows.

``stats.memo.build_memo(..., document=True)`` puts them on the memo as ``memo.document``,
so documents render one object and load no model (``documents.memo``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from django_scopes import scope

from finance.models import CostOutcome
from followup.models import Deviation, FinalReport, QuarterlyReport
from funding.models import FundingDecision
from interventions.models import Budget, Intervention
from stats.followup_tables import (
    FundsKindRow,
    GoalStatusTable,
    ended_table,
    funds_by_kind_table,
    goal_status_table,
    interventions_table,
)
from stats.goals import targets_for
from stats.money import MoneyFigures
from stats.periods import Period
from tenancy.models import Association


@dataclass(frozen=True)
class InterventionInfo:
    code: str
    name: str
    kind: str
    start: dt.date
    end: dt.date | None
    extended_in_period: bool = False


@dataclass(frozen=True)
class EndedGoal:
    goal: str
    target: str
    outcome: str
    #: ja / delvis / nej, or None when not stated
    met: str | None = None


@dataclass(frozen=True)
class EndedIntervention:
    code: str
    name: str
    kind: str
    start: dt.date
    end: dt.date | None
    owner: str = ""
    partners: tuple[str, ...] = ()
    #: "submitted", "draft", or None when no final report exists
    final_report_status: str | None = None
    purpose: str = ""
    results: str = ""
    lessons: str = ""
    goals: tuple[EndedGoal, ...] = ()


#: Section 8's row: granted budget and cost outcome ytd of one intervention kind, the shares
#: and the board's target (the follow-up table's row as it is).
FundsByKind = FundsKindRow


@dataclass(frozen=True)
class MemoExtras:
    """The memo's content beyond the JSON contract:

    - ``association_name``: shown in the title and texts;
    - ``interventions``: section 2, the interventions active in the period (full name,
      kind, start, end, extended in the period), in display order;
    - ``ended``: section 4, the interventions that ended in the period with their final
      report's summary;
    - ``funds``: section 8, granted budget and outcome ytd per intervention kind with the
      board's target (``target`` None for ``ovrig``);
    - ``goal_comments``: the office's comment on each intervention's latest quarterly
      report (section 3), keyed by intervention code;
    - ``kinds``: the kind of every intervention (also those in the tables but not in
      ``interventions``, e.g. with data but not active), keyed by code.
    """

    association_name: str
    interventions: tuple[InterventionInfo, ...] = ()
    ended: tuple[EndedIntervention, ...] = ()
    funds: tuple[FundsByKind, ...] = ()
    goal_comments: Mapping[str, str] = field(default_factory=dict)
    kinds: Mapping[str, str] = field(default_factory=dict)

    def kind_of(self) -> dict[str, str]:
        """Intervention code -> kind, for every intervention the extras know."""
        known = {each.code: each.kind for each in self.interventions}
        known.update({each.code: each.kind for each in self.ended})
        return {**self.kinds, **known}


def memo_extras(
    association: Association,
    period: Period,
    *,
    money: Mapping[int, MoneyFigures] | None = None,
    goal_status: GoalStatusTable | None = None,
) -> MemoExtras:
    """Sections 2, 3 (comments), 4 and 8 from the follow-up tables of ``stats``. ``money``
    and ``goal_status`` may pass the memo's own ``money_figures`` and ``goal_status_table``
    of the same data (``stats.memo.build_memo`` computing both at once), which are then
    not computed again."""
    with scope(association=association.pk):
        interventions = Intervention.objects.filter(association=association)
        reports = QuarterlyReport.objects.filter(association=association)
        deviations = Deviation.objects.filter(association=association)
        listed = interventions_table(
            period,
            interventions=interventions,
            decisions=FundingDecision.objects.filter(association=association),
        )
        ended = ended_table(
            period,
            interventions=interventions,
            final_reports=FinalReport.objects.filter(association=association),
        )
        funds = funds_by_kind_table(
            period,
            interventions=interventions,
            budgets=Budget.objects.filter(association=association),
            deviations=deviations,
            costs=CostOutcome.objects.filter(association=association),
            targets=targets_for(association, period.year),
            figures=money,
        )
        status = (
            goal_status
            if goal_status is not None
            else goal_status_table(period, interventions=interventions, reports=reports)
        )
        kinds = dict(interventions.values_list("code", "kind"))
    funds_rows = [
        *funds.rows,
        *([funds.other] if funds.other.budget or funds.other.outcome else []),
    ]
    return MemoExtras(
        association_name=association.name,
        interventions=tuple(
            InterventionInfo(r.intervention, r.name, r.kind, r.start, r.end, r.extended_in_period)
            for r in listed.rows
        ),
        ended=tuple(
            EndedIntervention(
                code=r.intervention,
                name=r.name,
                kind=r.kind,
                start=r.start,
                end=r.end,
                owner=r.owner,
                partners=tuple(r.partners),
                final_report_status=r.final_report_status,
                purpose=r.purpose,
                results=r.results,
                lessons=r.lessons,
                goals=tuple(EndedGoal(g.goal, g.target, g.outcome, g.met) for g in r.goals),
            )
            for r in ended.rows
        ),
        funds=tuple(funds_rows),
        goal_comments={r.intervention: r.comment for r in status.rows if r.comment},
        kinds=kinds,
    )
