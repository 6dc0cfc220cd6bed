"""Where the memo's inputs come from: the memo JSON (``stats.memo.memo_json``), the
interventions' short names, the extras (``stats.followup_tables``), the office's texts and
Word template. Called inside the association's scope (a request under ``/f/<slug>/``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from documents.memo.content import (
    EndedGoal,
    EndedIntervention,
    FundsByKind,
    InterventionInfo,
    MemoExtras,
    build_memo,
)
from documents.memo.model import MemoDocument
from documents.models import MemoTemplate, MemoText
from stats.periods import Period
from tenancy.models import Association


def default_period(today: dt.date) -> Period:
    """The last half-year that has ended: H2 of last year in January-June, else H1."""
    if today.month <= 6:
        return Period(today.year - 1, 3, 4)
    return Period(today.year, 1, 2)


def memo_json(association: Association, period: Period, *, suppress: bool) -> dict[str, Any]:
    """The memo JSON of spec/reports.md from the statistics module (imported here so the
    documents app does not need it at start-up)."""
    from stats.memo import memo_json as compute  # type: ignore[import-not-found,unused-ignore]

    result: dict[str, Any] = compute(association, period, suppress=suppress)
    return result


def names_for(association: Association) -> dict[str, str]:
    """Intervention code -> short name (the name when no short name is set)."""
    from interventions.models import Intervention

    rows = Intervention.objects.filter(association=association).values_list(
        "code", "short_name", "name"
    )
    return {code: short or name for code, short, name in rows}


def load_extras(association: Association, period: Period) -> MemoExtras:
    """Sections 2, 3 (comments), 4 and 8 from the follow-up tables of ``stats``."""
    from finance.models import CostOutcome
    from followup.models import Deviation, FinalReport, QuarterlyReport
    from funding.models import FundingDecision
    from interventions.models import Budget, Intervention
    from stats.followup_tables import (
        ended_table,
        funds_by_kind_table,
        goal_status_table,
        interventions_table,
    )
    from stats.goals import targets_for

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
    )
    status = goal_status_table(period, interventions=interventions, reports=reports)
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
        funds=tuple(
            FundsByKind(r.kind, r.budget, r.outcome, r.budget_share, r.outcome_share, r.target)
            for r in funds_rows
        ),
        goal_comments={r.intervention: r.comment for r in status.rows if r.comment},
        kinds=dict(interventions.values_list("code", "kind")),
    )


def texts_for(association: Association, period: Period) -> dict[str, str]:
    """The office's texts for the period's memo, keyed by section."""
    rows = MemoText.objects.filter(association=association, period=period.code)
    return dict(rows.values_list("section", "text"))


def template_for(association: Association) -> Any:
    """The association's uploaded Word template (an open file), or None."""
    template = MemoTemplate.objects.filter(association=association).first()
    if template is None or not template.file:
        return None
    return template.file.open("rb")


def memo_document(
    association: Association,
    period: Period,
    *,
    suppress: bool,
    produced_at: dt.datetime | None = None,
) -> tuple[MemoDocument, dict[str, Any]]:
    """The period's memo as a document model, and the JSON it was made from."""
    data = memo_json(association, period, suppress=suppress)
    document = build_memo(
        data,
        names=names_for(association),
        extras=load_extras(association, period),
        texts=texts_for(association, period),
        produced_at=produced_at or timezone.localtime(),
    )
    return document, data
