"""The survey report in its formats. Every figure comes from ``stats.survey``."""

from __future__ import annotations

import json

from stats.survey import survey_report
from tenancy.models import Association

FORMATS = ("json",)


def render_report(association: Association, year: int, fmt: str) -> bytes:
    """The report as bytes; run inside the association's scope."""
    data = survey_report(association, year)
    if fmt == "json":
        return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    raise ValueError(fmt)
