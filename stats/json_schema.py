"""Building blocks of the JSON Schemas (draft 2020-12) of the stats contracts."""

from __future__ import annotations

from typing import Any

TEXT = {"type": "string"}


def closed_object(**properties: Any) -> dict[str, Any]:
    """An object with exactly ``properties``: each required, no other key allowed."""
    return {
        "type": "object",
        "required": list(properties),
        "properties": properties,
        "additionalProperties": False,
    }
