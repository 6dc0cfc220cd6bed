"""The tables of the management report that the product fills (spec/annual-report.md 2.8),
as plain JSON-able values so that adoption can freeze them: members with fee shares, the
board of the year with substitutes and appointing member, the interventions funded in the
year (by kind, with budget and outcome), those ended in the year with their final report's
summary, and the interventions' short names. The association goals and the participant
statistics are in the report JSON's ``statistics``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from stats.periods import Period
from tenancy.models import Association, BoardMember, Member


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def management_tables(association: Association, year: int) -> dict[str, Any]:
    """Everything of 2.8 beyond the texts and the report JSON (inside the scope)."""
    from finance.models import CostOutcome
    from followup.models import Deviation, FinalReport
    from funding.models import FundingDecision
    from interventions.models import Budget, Intervention
    from stats.followup_tables import ended_table, funds_by_kind_table, interventions_table
    from stats.goals import targets_for

    period = Period(year, 1, 4)
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    interventions = Intervention.objects.filter(association=association)
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
        deviations=Deviation.objects.filter(association=association),
        costs=CostOutcome.objects.filter(association=association),
        targets=targets_for(association, year),
    )
    funds_rows = [
        *funds.rows,
        *([funds.other] if funds.other.budget or funds.other.outcome else []),
    ]
    board = (
        BoardMember.objects.filter(association=association, term_start__lte=last)
        .exclude(term_end__lt=first)
        .select_related("appointed_by")
        .order_by("seat", "role", "appointed_by__name", "name")
    )
    return {
        "members": [
            {"name": m.name, "kind": m.get_kind_display(), "fee_share": str(m.fee_share)}
            for m in Member.objects.filter(association=association).order_by("kind", "name")
        ],
        "board": [
            {
                "name": b.name,
                "appointed_by": b.appointed_by.name,
                "seat": b.get_seat_display(),
                "role": b.get_role_display(),
                "party": b.party,
            }
            for b in board
        ],
        "interventions": [
            {
                "code": r.intervention,
                "name": r.name,
                "kind": r.kind,
                "start": _iso(r.start),
                "end": _iso(r.end),
            }
            for r in listed.rows
        ],
        "funds": [
            {
                "kind": r.kind,
                "budget": r.budget,
                "outcome": r.outcome,
                "budget_share": r.budget_share,
                "outcome_share": r.outcome_share,
                "target": r.target,
            }
            for r in funds_rows
        ],
        "ended": [
            {
                "code": r.intervention,
                "name": r.name,
                "kind": r.kind,
                "start": _iso(r.start),
                "end": _iso(r.end),
                "owner": r.owner,
                "partners": list(r.partners),
                "final_report_status": r.final_report_status,
                "purpose": r.purpose,
                "results": r.results,
                "lessons": r.lessons,
                "goals": [
                    {"goal": g.goal, "target": g.target, "outcome": g.outcome, "met": g.met}
                    for g in r.goals
                ],
            }
            for r in ended.rows
        ],
        "names": {
            code: short or name
            for code, short, name in interventions.values_list("code", "short_name", "name")
        },
    }
