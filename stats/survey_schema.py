"""JSON Schema (draft 2020-12) of the survey report's JSON contract (spec/survey.md
section 6). Used by the tests to validate ``stats.survey.survey_report``."""

from __future__ import annotations

from typing import Any

PERCENT: dict[str, Any] = {"type": ["integer", "null"], "minimum": 0}
GENDER_PERCENT: dict[str, Any] = {"anyOf": [PERCENT, {"const": "masked"}]}
COUNT: dict[str, Any] = {"type": "integer", "minimum": 0}
COUNT_OR_NULL: dict[str, Any] = {"type": ["integer", "null"], "minimum": 0}
FORMS = ["deltagare_pagaende", "deltagare_avslut", "personal", "chefer", "styrelse", "remittenter"]


def _split(total: dict[str, Any], gender: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["total", "women", "men"],
        "additionalProperties": False,
        "properties": {"total": total, "women": gender, "men": gender},
    }


def _verdicts(*values: str) -> dict[str, Any]:
    kind = {"enum": [*values, None]}
    return _split(kind, kind)


R = _split(PERCENT, GENDER_PERCENT)
C = _verdicts("higher", "same", "lower", "mixed")
A = _verdicts("up", "flat", "down", "mixed")

SURVEY_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["association", "year", "start", "end", "responses", "questions", "indicators"],
    "properties": {
        "association": {"type": "string"},
        "year": {"type": "integer"},
        "start": {"type": "string", "pattern": r"^\d{4}-11-01$"},
        "end": {"type": "string", "pattern": r"^\d{4}-10-31$"},
        "responses": {
            "type": "array",
            "items": {
                "type": "object",
                "required": [
                    "form",
                    "total",
                    "women",
                    "men",
                    "other",
                    "previous_total",
                    "asked",
                    "rate",
                    "national_rate",
                    "by_intervention",
                ],
                "properties": {
                    "form": {"enum": FORMS},
                    "total": COUNT,
                    "women": COUNT,
                    "men": COUNT,
                    "other": COUNT,
                    "previous_total": COUNT_OR_NULL,
                    "asked": COUNT_OR_NULL,
                    "rate": PERCENT,
                    "national_rate": PERCENT,
                    "by_intervention": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["intervention", "total"],
                            "properties": {"intervention": {"type": "string"}, "total": COUNT},
                        },
                    },
                },
            },
        },
        "questions": {
            "type": "array",
            "items": {
                "type": "object",
                "required": [
                    "form",
                    "question",
                    "indicator",
                    "key_figure",
                    "n",
                    "share",
                    "previous",
                    "national",
                    "national_previous",
                    "mode",
                    "vs_national",
                    "vs_previous",
                ],
                "properties": {
                    "form": {"enum": FORMS},
                    "question": {"type": "integer", "minimum": 1},
                    "indicator": {"type": "integer", "minimum": 1, "maximum": 16},
                    "key_figure": {"enum": ["topp2", "topp3", "ja"]},
                    "n": COUNT,
                    "share": R,
                    "previous": R,
                    "national": R,
                    "national_previous": R,
                    "mode": {
                        "anyOf": [{"enum": [1, 2, 3, 4, 5, 6]}, {"enum": ["ja", "nej", None]}]
                    },
                    "vs_national": C,
                    "vs_previous": A,
                },
            },
        },
        "indicators": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["indicator", "vs_national", "vs_previous"],
                "properties": {
                    "indicator": {
                        "type": "integer",
                        "minimum": 1,
                        "maximum": 16,
                        "not": {"const": 11},
                    },
                    "vs_national": C,
                    "vs_previous": A,
                },
            },
        },
    },
}
