"""The semi-annual follow-up memo (uppföljnings-PM) as the JSON contract of
spec/reports.md, and the extra content the documents need around it.

``memo_json`` is what ``followup_report --format json`` and the API return. Documents
(``documents.memo``) render one :class:`Memo` from ``build_memo(..., document=True)``:
the same JSON (tables and the disclosure note), a note per table, the interventions'
names, and what only the document shows (``memo.document``, ``stats.memo_document``), so
every figure and name on screen and in DOCX/PDF/XLSX is the one computed here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from django_scopes import scope

from finance.models import CostOutcome
from followup.models import QUALITY_QUESTIONS, Deviation
from interventions.models import Aim, Budget, Intervention, Kind
from stats import published
from stats.collection import paused_collection
from stats.followup_tables import is_active_in
from stats.memo_document import MemoExtras, memo_extras
from stats.memo_progression import progression_json
from stats.memo_schema import ADDED_TABLES, TABLE_ORDER
from stats.money import MoneyFigures, money_figures, total
from stats.participant_tables import participant_tables_at
from stats.periods import Period
from stats.year_suppression import snapshot_ends, year_suppression, year_windows
from tenancy.models import Association


@dataclass(frozen=True)
class Memo:
    """The contract JSON plus what documents need: a note per table saying what was
    hidden, intervention names, the figures the goals need (``extras``) and, when asked
    for, the sections only the document shows (``document``)."""

    json: dict[str, Any]
    notes: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    extras: dict[str, Any] = field(default_factory=dict)
    #: sections 2, 3 (comments), 4 and 8 and the interventions' kinds
    #: (``stats.memo_document``); None unless ``build_memo(..., document=True)``
    document: MemoExtras | None = None

    @property
    def disclosure_note(self) -> str:
        """What ``..`` hides (or that nothing is hidden), as the JSON states it."""
        return str(self.json["suppression"]["note"])


def _period(period: Period | str) -> Period:
    return period if isinstance(period, Period) else Period.parse(period)


def memo_json(
    association: Association, period: Period | str, *, suppress: bool = True
) -> dict[str, Any]:
    """The JSON contract of reports.md for ``association`` and ``period``."""
    return build_memo(association, period, suppress=suppress).json


def build_memo(
    association: Association,
    period: Period | str,
    *,
    suppress: bool = True,
    document: bool = False,
) -> Memo:
    """The memo, from the cache while the association's data is unchanged. With
    ``document`` it carries everything a document shows (``memo.document``), computed once
    and cached with the figures; without, the JSON's readers pay nothing for it."""
    from django.core.cache import cache

    from stats.cache import MEMO_CACHE_SECONDS, memo_cache_key

    period = _period(period)
    key = memo_cache_key(association.pk, period, suppress)
    memo: Memo | None = cache.get(key)
    if memo is None or memo.json["suppression"]["threshold"] != association.disclosure_threshold:
        gathered: dict[str, Any] = {}
        with paused_collection():
            memo = compute_memo(association, period, suppress=suppress, gathered=gathered)
            if document:
                memo = replace(memo, document=memo_extras(association, period, **gathered))
        cache.set(key, memo, MEMO_CACHE_SECONDS)
    elif document and memo.document is None:
        memo = replace(memo, document=memo_extras(association, period))
        cache.set(key, memo, MEMO_CACHE_SECONDS)
    if memo.document is not None and memo.document.association_name != association.name:
        # The association's own row is global: renaming it does not change the data version.
        memo = replace(memo, document=replace(memo.document, association_name=association.name))
    return memo


def compute_memo(
    association: Association,
    period: Period,
    *,
    suppress: bool = True,
    gathered: dict[str, Any] | None = None,
) -> Memo:
    """The memo computed now, from the statistics module. ``gathered`` (a dict, if given)
    receives what ``memo_extras`` would compute again from the same data: the money
    figures (``money``) and the goal-status table (``goal_status``)."""
    from stats.cache import data_version

    k = association.disclosure_threshold
    # Before any data is read (year_suppression): the version of the period's year.
    version = data_version(association.pk, period.year)
    with scope(association=association.pk):
        interventions = list(Intervention.objects.in_display_order())
        names = {i.code: i.display_name for i in interventions}
        # The memo's own tables and the quarter-end snapshots of its year (for the year's
        # disclosure control) in one pass: the same tallies, listed per window.
        ends = snapshot_ends(period) if suppress else []
        participant, *snapshot_tables = participant_tables_at(
            association,
            windows=[(period.start, period.end), *year_windows(period, ends)],
            ytd_start=period.ytd_start,
        )
        money = money_figures(
            period,
            budgets=Budget.objects.all(),
            deviations=Deviation.objects.all(),
            costs=CostOutcome.objects.all(),
        )
        budget_json = _budget_table(period, list(interventions), money)
        report_tables, extras, goal_status = _report_tables(association, period, interventions)
        if gathered is not None:
            gathered.update(money=money, goal_status=goal_status)
        goal_members = _goal_members(interventions)
        # Suppressed with the other periods of the year (stats.year_suppression).
        year = (
            year_suppression(
                association,
                period,
                goal_members=goal_members,
                snapshots=dict(zip(ends, snapshot_tables, strict=True)),
                version=version,
            )
            if suppress
            else None
        )

    linked = published.participant_tables(
        participant,
        goal_members=goal_members,
        k=k,
        applied=suppress,
        result=year.person if year else None,
    )
    tables = {
        "participants": linked.participants,
        "outcomes": linked.outcomes,
        "anonymous": published.anonymous(
            participant.anonymous,
            k=k,
            applied=suppress,
            result=year.anonymous if year else None,
        ),
        "exit_reasons": linked.exit_reasons,
        "target_group": linked.target_group,
        "time_in_intervention": published.time_in_intervention(
            participant.time_in_intervention, linked.participants, k=k, applied=suppress
        ),
        "expected": linked.expected,
        "activities": published.activities(
            participant.activities,
            k=k,
            applied=suppress,
            result=year.activities if year else None,
        ),
    }
    contract_tables: dict[str, Any] = {
        "participants": tables["participants"].json,
        "outcomes": tables["outcomes"].json,
        "anonymous": tables["anonymous"].json,
        "exit_reasons": tables["exit_reasons"].json,
        "budget": budget_json,
        "target_group": tables["target_group"].json,
        "time_in_intervention": tables["time_in_intervention"].json,
        **report_tables,
        "expected": tables["expected"].json,
        "activities": tables["activities"].json,
    }
    contract_tables["association_goals"] = _association_goals(
        association, period, linked.goals, participant, extras
    )
    # Addition to the contract: the progression aggregates (stats.memo_progression).
    progression, progression_note = progression_json(association, period, suppress=suppress)
    contract_tables["progression"] = progression
    json = {
        "association": association.slug,
        "period": period.code,
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "ytd_start": period.ytd_start.isoformat(),
        "suppression": {
            "applied": suppress,
            "threshold": k,
            "note": _suppression_note(k, suppress),
        },
        "tables": _ordered(contract_tables),
    }
    notes = {name: table.note for name, table in tables.items()}
    notes["progression"] = progression_note
    return Memo(json=json, notes=notes, names=names, extras=extras)


def _suppression_note(k: int, applied: bool) -> str:
    """What ``..`` hides (``stats.disclosure.hidden_note``), or that nothing is hidden."""
    from stats.disclosure import Table as DisclosureTable
    from stats.disclosure import hidden_note, unsuppressed

    return hidden_note(k) if applied else unsuppressed(DisclosureTable()).note


def _ordered(tables: dict[str, Any]) -> dict[str, Any]:
    return {name: tables[name] for name in (*TABLE_ORDER, *ADDED_TABLES) if name in tables}


def _money_json(figures: MoneyFigures) -> dict[str, Any]:
    return {
        "period_outcome": figures.period_outcome,
        "period_budget": figures.period_budget,
        "ytd_outcome": figures.ytd_outcome,
        "ytd_budget": figures.ytd_budget,
        "consumption_ratio": figures.consumption_ratio,
        "transferred": figures.transferred,
    }


def _budget_table(
    period: Period, interventions: list[Intervention], money: dict[int, MoneyFigures]
) -> dict[str, Any]:
    """Section 6: money for every intervention with money or active in the period."""
    listed = [i for i in interventions if i.pk in money or is_active_in(i, period)]
    figures = [money.get(i.pk, MoneyFigures()) for i in listed]
    return {
        "rows": [
            {"intervention": i.code, **_money_json(f)} for i, f in zip(listed, figures, strict=True)
        ],
        "total": _money_json(total(figures, ends_year=period.ends_year)),
    }


def _report_tables(
    association: Association, period: Period, listed: list[Intervention]
) -> tuple[dict[str, Any], dict[str, Any], Any]:
    """goal_status, conditions and quality (contract), the share of structural
    interventions on track (for the goals), and the goal-status table itself (for
    ``memo_extras``). Inside the association's scope; ``listed``: every intervention in
    display order, read already (the tables filter it instead of reading it again)."""
    from followup.models import QuarterlyReport
    from stats import followup_tables as ft

    interventions = Intervention.objects.in_display_order()
    reports = QuarterlyReport.objects.all()
    deviations = Deviation.objects.all()
    goal_status = ft.goal_status_table(
        period, interventions=interventions, reports=reports, among=listed
    )
    conditions = ft.conditions_table(
        period, interventions=interventions, reports=reports, deviations=deviations, among=listed
    )
    quality = ft.quality_table(
        period, interventions=interventions, reports=reports, deviations=deviations, among=listed
    )
    contract = {
        "goal_status": {
            "rows": [
                {
                    "intervention": row.intervention,
                    "on_track": row.on_track,
                    "forecast": row.forecast,
                    "colour": row.colour,
                }
                for row in goal_status.rows
            ]
        },
        "conditions": {"rows": [_only(row, CONDITIONS_FIELDS) for row in conditions.rows]},
        "quality": {"rows": [_only(row, QUALITY_FIELDS) for row in quality.rows]},
    }
    # What the JSON does not carry but the goals need. (What only the documents show —
    # ended interventions, funds by kind — is in ``stats.memo_document``.)
    extras = {"structural_on_track": _structural(period, interventions, reports, listed)}
    return contract, extras, goal_status


def _targets(association: Association, period: Period) -> dict[str, int]:
    from stats import goals

    return goals.targets_for(association, period.year)


def _structural(
    period: Period, interventions: Any, reports: Any, listed: list[Intervention]
) -> int | None:
    from stats import goals

    return goals.structural_on_track(
        period, interventions=interventions, reports=reports, among=listed
    )


CONDITIONS_FIELDS = ("intervention", "vacancy_funded", "vacancy_self_funded", "budget_deviation")
QUALITY_FIELDS = ("intervention", *QUALITY_QUESTIONS, "deviation_goals")


def _only(row: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    """The contract's fields of a row."""
    return {name: getattr(row, name) for name in fields}


def _goal_members(interventions: Any) -> dict[str, list[str]]:
    """The interventions each participant goal measures (``stats.participant_tables.
    participant_goals``): work-directed individual ones, and pre-rehabilitation ones."""
    return {
        "work_directed_to_work_or_studies": [
            i.code for i in interventions if i.kind == Kind.INDIVIDUAL and i.aim == Aim.WORK
        ],
        "prerehab_action_plan": [i.code for i in interventions if i.aim == Aim.PRE_REHABILITATION],
    }


def _association_goals(
    association: Association,
    period: Period,
    shown: Mapping[str, int | str | None],
    participant: Any,
    extras: dict[str, Any],
) -> dict[str, Any]:
    """Section 17: the board's result goals for the year with target and outcome. The
    participant goals' outcomes are ``shown`` (suppressed with the participant tables);
    whether a goal is met is decided on the true share."""
    from stats import goals

    with scope(association=association.pk):
        targets = _targets(association, period)
    outcomes = {
        "work_directed_to_work_or_studies": participant.goals.work_directed_to_work_or_studies,
        "prerehab_action_plan": participant.goals.prerehab_action_plan,
        "structural_on_track": extras["structural_on_track"],
        "activities": participant.activities.count,
    }
    rows = goals.association_goal_rows(targets, outcomes)
    for row in rows:
        if row["goal"] in shown:
            row["outcome"] = shown[row["goal"]]
    return {"rows": rows}
