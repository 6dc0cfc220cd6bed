"""Adopting (fastställa) an annual report freezes its figures; reading a report gives the
adopted figures when the year is adopted."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ledger.models import AdoptedReport
from stats.annual.management import management_tables
from stats.annual.report import annual_report_json
from stats.annual.texts import source_texts
from tenancy.models import Association


def adopt_report(
    *, association: Association, year: int, adopted_on: dt.date, decision: str, user: Any = None
) -> AdoptedReport:
    """Freeze the report of ``year`` as it is computed now (both versions) with the
    management report's texts and tables. Refused when the year is already adopted;
    ``ReportError`` when the report cannot be produced."""
    if AdoptedReport.objects.filter(association=association, year=year).exists():
        raise ValidationError(
            _("Årsredovisningen för %(year)s är redan fastställd.") % {"year": year}
        )
    if not decision.strip():
        raise ValidationError(_("Ange styrelsens beslut (t.ex. protokoll och paragraf)."))
    return AdoptedReport.objects.create(
        association=association,
        year=year,
        adopted_on=adopted_on,
        decision=decision.strip()[:200],
        report=annual_report_json(association, year, suppress=True),
        report_unsuppressed=annual_report_json(association, year, suppress=False),
        texts=source_texts(association, year),
        management=management_tables(association, year),
        adopted_by=user if user is not None and user.is_authenticated else None,
    )


def report_for(
    association: Association, year: int, *, suppress: bool = True
) -> tuple[dict[str, Any], AdoptedReport | None]:
    """The adopted figures of ``year`` when it is adopted, else the report computed now."""
    adopted = AdoptedReport.objects.filter(association=association, year=year).first()
    if adopted is not None:
        return (adopted.report if suppress else adopted.report_unsuppressed), adopted
    return annual_report_json(association, year, suppress=suppress), None


def management_for(
    association: Association, year: int, adopted: AdoptedReport | None
) -> dict[str, Any]:
    """The management report's tables as adopted, else as they are now."""
    if adopted is not None and adopted.management:
        return dict(adopted.management)
    return management_tables(association, year)
