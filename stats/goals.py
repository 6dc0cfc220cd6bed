"""The board's result goals (spec/reports.md section 17) and the targets of section 8.

- ``targets_for(association, year)``: the targets in force, a default for every goal the
  association has not set for the year (``stats.models.DEFAULT_TARGETS``).
- ``structural_on_track``: the outcome of ``structural_on_track`` (see its docstring).
- ``association_goal_rows``: the JSON rows ``{"goal", "target", "outcome", "met"}``. The
  participant outcomes (``work_directed_to_work_or_studies``, ``prerehab_action_plan``)
  and the number of activities come from the participant statistics; this module takes
  them as inputs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db.models import QuerySet

from followup.models import OnTrack, QuarterlyReport
from interventions.models import Intervention, InterventionQuerySet, Kind
from stats.followup_tables import active_in, latest_reports, listed_interventions
from stats.models import DEFAULT_TARGETS, AssociationGoalTarget, GoalCode
from stats.periods import Period, round_half_up
from tenancy.models import Association

#: The goals of section 17, in the order the memo lists them.
ASSOCIATION_GOALS: tuple[str, ...] = (
    GoalCode.WORK_DIRECTED_TO_WORK_OR_STUDIES.value,
    GoalCode.PREREHAB_ACTION_PLAN.value,
    GoalCode.STRUCTURAL_ON_TRACK.value,
    GoalCode.ACTIVITIES.value,
)


def targets_for(association: Association, year: int) -> dict[str, int]:
    """Every goal code's target for ``year``: the association's own, else the default. One
    query (inside the association's scope)."""
    targets = dict(DEFAULT_TARGETS)
    rows = AssociationGoalTarget.objects.filter(association=association, year=year)
    targets.update(rows.values_list("code", "target"))
    return {str(code): target for code, target in targets.items()}


def structural_on_track(
    period: Period,
    *,
    interventions: InterventionQuerySet,
    reports: QuerySet[QuarterlyReport],
    among: Sequence[Intervention] | None = None,
) -> int | None:
    """The share (whole percent, rounded half up) of structural interventions whose latest
    submitted quarterly report in the period says ``i_fas`` = ``ja``.

    Denominator: the structural interventions active in the period that have a submitted
    report in the period. One without a report is left out rather than counted as not on
    track: a report is due a month after its quarter, so an intervention that started late
    in the period, or whose report is not yet in, has no answer to count. Every other
    answer (delvis, nej, for_tidigt, ej_angivet) counts as not on track. None when the
    denominator is 0. Two queries; one when ``among`` passes ``interventions`` already
    read (as ``listed_interventions`` takes them)."""
    if among is not None:
        structural = {
            each.pk
            for each in listed_interventions(interventions, period, among=among)
            if each.kind == Kind.STRUCTURAL
        }
    else:
        structural = set(
            interventions.filter(active_in(period), kind=Kind.STRUCTURAL)
            .order_by()
            .values_list("pk", flat=True)
        )
    latest = latest_reports(reports.filter(intervention_id__in=structural), period)
    on_track = sum(1 for report in latest.values() if report.on_track == OnTrack.YES)
    return round_half_up(on_track, len(latest))


def association_goal_rows(
    targets: Mapping[str, int], outcomes: Mapping[str, float | int | None]
) -> list[dict[str, Any]]:
    """The rows of section 17 in memo order: goal code, target, outcome (None when there is
    nothing to measure, or the outcome is missing from ``outcomes``) and whether the
    outcome reaches the target (False without an outcome)."""
    rows = []
    for goal in ASSOCIATION_GOALS:
        target = targets[goal]
        outcome = outcomes.get(goal)
        rows.append(
            {
                "goal": goal,
                "target": target,
                "outcome": outcome,
                "met": outcome is not None and outcome >= target,
            }
        )
    return rows
