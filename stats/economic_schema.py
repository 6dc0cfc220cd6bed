"""JSON Schema (draft 2020-12) of the economic information's contract (spec/annual-report.md
section 4, second form), built for the columns of one document: every column is present in
every ``values``, ``transferred`` and total, and no other key is allowed."""

from __future__ import annotations

from typing import Any

from stats.economic import TOTAL_KEYS
from stats.json_schema import TEXT
from stats.json_schema import closed_object as _object


def economic_schema(columns: list[str]) -> dict[str, Any]:
    per_column = _object(**{column: {"type": "integer"} for column in columns})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **_object(
            association=TEXT,
            as_of={"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
            columns={"type": "array", "items": TEXT, "const": columns},
            rows={
                "type": "array",
                "items": _object(row=TEXT, label=TEXT, group=TEXT, values=per_column),
            },
            interventions={
                "type": "array",
                "items": _object(
                    intervention=TEXT, owner=TEXT, values=per_column, transferred=per_column
                ),
            },
            applications={
                "type": "array",
                "items": _object(application=TEXT, name=TEXT, values=per_column),
            },
            totals=_object(**dict.fromkeys(TOTAL_KEYS, per_column)),
            equity_limit={"oneOf": [{"type": "null"}, per_column]},
        ),
    }
