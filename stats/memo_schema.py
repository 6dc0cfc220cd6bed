"""JSON Schema (draft 2020-12) of the memo's JSON contract in spec/reports.md.

Used by the tests to validate ``stats.memo.memo_json`` and by the API description.
Extra properties are allowed (the contract may grow; nothing may be renamed).
"""

from __future__ import annotations

from typing import Any

from followup.models import QUALITY_QUESTIONS

#: The contract's tables, in the order of its ``tables`` object (all required).
TABLE_ORDER = (
    "participants",
    "outcomes",
    "anonymous",
    "exit_reasons",
    "budget",
    "target_group",
    "time_in_intervention",
    "goal_status",
    "conditions",
    "quality",
    "expected",
    "activities",
    "association_goals",
)
#: Tables added to the contract since (issue 15: ``progression``), after the others; not
#: required, so older readers and stored memos stay valid.
ADDED_TABLES = ("progression",)


def _hidden_or(kind: dict[str, Any]) -> dict[str, Any]:
    """A value, or the string ".." when disclosure control hid it (primary or secondary
    alike)."""
    return {"anyOf": [kind, {"const": ".."}]}


COUNT = _hidden_or({"type": "integer", "minimum": 0})
SHARE = _hidden_or({"type": ["integer", "null"]})
MEAN = _hidden_or({"type": ["number", "null"]})
Q: dict[str, Any] = {"enum": ["ja", "delvis", "nej", None]}
BOOL = {"type": "boolean"}
N = {"type": "integer"}


def _split(value: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["women", "men", "total"],
        "properties": {"women": value, "men": value, "total": value},
    }


G = _split(COUNT)
S = _split(SHARE)
F = _split(MEAN)


def _table(row: dict[str, Any], total: dict[str, Any] | None = None) -> dict[str, Any]:
    properties: dict[str, Any] = {"rows": {"type": "array", "items": row}}
    required = ["rows"]
    if total is not None:
        properties["total"] = total
        required.append("total")
    return {"type": "object", "required": required, "properties": properties}


def _row(**fields: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "required": list(fields), "properties": fields}


CODE = {"type": "string"}
PARTICIPANT_FIGURES: dict[str, Any] = {
    "registered": G,
    "exited": G,
    "exited_to_date": G,
    "ongoing": G,
}
OUTCOME_FIGURES: dict[str, Any] = {
    "to_work_or_studies": G,
    "share_to_work_or_studies": S,
    "share_with_action_plan": SHARE,
}
MONEY_FIGURES: dict[str, Any] = {
    "period_outcome": N,
    "period_budget": N,
    "ytd_outcome": N,
    "ytd_budget": N,
    "consumption_ratio": {"type": ["integer", "null"]},
    "transferred": N,
}
QUALITY: dict[str, Any] = dict.fromkeys(QUALITY_QUESTIONS, Q)
#: A progression row (``stats.memo_progression``): the mean change is an exact decimal
#: string with one decimal, null when its number of participations is hidden.
PROGRESSION_FIGURES: dict[str, Any] = {
    "participations": COUNT,
    "improved": COUNT,
    "unchanged": COUNT,
    "fell": COUNT,
    "shares": _row(improved=SHARE, unchanged=SHARE, fell=SHARE),
    "mean_change": {"type": ["string", "null"], "pattern": "^-?[0-9]+[.][0-9]$"},
}

MEMO_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Uppföljnings-PM (spec/reports.md)",
    "type": "object",
    "required": ["association", "period", "start", "end", "ytd_start", "suppression", "tables"],
    "properties": {
        "association": {"type": "string"},
        "period": {"type": "string", "pattern": "^[0-9]{4}(H[12]|Q[1-4])?$"},
        "start": {"type": "string", "format": "date"},
        "end": {"type": "string", "format": "date"},
        "ytd_start": {"type": "string", "format": "date"},
        "suppression": _row(
            applied=BOOL,
            threshold={"type": "integer", "minimum": 3},
            # What ".." hides, in Swedish, as the statistics layer words it: the note every
            # document prints under a table or chart with a hidden value.
            note={"type": "string"},
        ),
        "tables": {
            "type": "object",
            "required": list(TABLE_ORDER),
            "properties": {
                "participants": _table(
                    _row(intervention=CODE, **PARTICIPANT_FIGURES), _row(**PARTICIPANT_FIGURES)
                ),
                "outcomes": _table(
                    _row(intervention=CODE, **OUTCOME_FIGURES), _row(**OUTCOME_FIGURES)
                ),
                "anonymous": _table(_row(intervention=CODE, count=COUNT), COUNT),
                "exit_reasons": {
                    "type": "object",
                    "required": ["rows", "work_extent", "groups"],
                    "properties": {
                        "rows": {"type": "array", "items": _row(reason=CODE, counts=G)},
                        "work_extent": {
                            "type": "array",
                            "items": _row(
                                extent={"type": "integer", "minimum": 1, "maximum": 100}, counts=G
                            ),
                        },
                        "groups": _row(
                            work=G,
                            studies=G,
                            work_or_studies=G,
                            job_seeking=G,
                            work_studies_job_seeking=G,
                            other=G,
                            all=G,
                        ),
                    },
                },
                "budget": _table(_row(intervention=CODE, **MONEY_FIGURES), _row(**MONEY_FIGURES)),
                "target_group": _row(
                    active=G,
                    shares=_row(
                        women=SHARE,
                        men=SHARE,
                        under_30=S,
                        public_support_3y_plus=S,
                        education={"type": "object", "additionalProperties": S},
                    ),
                ),
                "time_in_intervention": _table(_row(intervention=CODE, mean_days=F)),
                "goal_status": _table(
                    _row(
                        intervention=CODE,
                        on_track={"type": ["string", "null"]},
                        forecast={"type": ["string", "null"]},
                        colour={"enum": ["green", "yellow", "red", None]},
                    )
                ),
                "conditions": _table(
                    _row(
                        intervention=CODE,
                        vacancy_funded=BOOL,
                        vacancy_self_funded=BOOL,
                        budget_deviation=BOOL,
                    )
                ),
                "quality": _table(_row(intervention=CODE, deviation_goals=BOOL, **QUALITY)),
                "expected": _table(
                    _row(
                        intervention=CODE,
                        registered_to_date=COUNT,
                        expected={"type": ["integer", "null"]},
                    )
                ),
                "activities": _row(
                    count=N, attendees=G, by_type={"type": "object", "additionalProperties": N}
                ),
                # An addition to the contract (issue 15): one table per progression
                # instrument with assessments; not required, older readers ignore it.
                "progression": _row(
                    instruments={
                        "type": "array",
                        "items": _row(
                            instrument={"type": "string"},
                            version=N,
                            rater={"enum": ["deltagare", "personal"]},
                            rows={
                                "type": "array",
                                "items": _row(intervention=CODE, **PROGRESSION_FIGURES),
                            },
                            total=_row(**PROGRESSION_FIGURES),
                        ),
                    }
                ),
                "association_goals": _table(
                    _row(
                        goal={
                            "enum": [
                                "work_directed_to_work_or_studies",
                                "prerehab_action_plan",
                                "structural_on_track",
                                "activities",
                            ]
                        },
                        target={"type": "number"},
                        outcome=_hidden_or({"type": ["number", "null"]}),
                        met=BOOL,
                    )
                ),
            },
        },
    },
}
