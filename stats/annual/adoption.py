"""Adopting (fastställa) an annual report freezes its figures; reading a report gives the
adopted figures when the year is adopted."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
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


@dataclass(frozen=True)
class Adoption:
    """When and by which board decision a report was adopted: what pages and documents
    show of the adoption (they never receive the ledger's model)."""

    adopted_on: dt.date
    decision: str
    #: The management report's texts and tables as adopted (empty for a report adopted
    #: before they were frozen: the current ones are shown).
    texts: dict[str, Any] = field(default_factory=dict)
    management: dict[str, Any] = field(default_factory=dict)


def report_for(
    association: Association, year: int, *, suppress: bool = True
) -> tuple[dict[str, Any], Adoption | None]:
    """The adopted figures of ``year`` and their adoption when it is adopted, else the
    report computed now and None."""
    adopted = AdoptedReport.objects.filter(association=association, year=year).first()
    if adopted is not None:
        report = adopted.report if suppress else adopted.report_unsuppressed
        return report, Adoption(
            adopted_on=adopted.adopted_on,
            decision=adopted.decision,
            texts=dict(adopted.texts or {}),
            management=dict(adopted.management or {}),
        )
    return annual_report_json(association, year, suppress=suppress), None


def management_for(association: Association, year: int, adopted: Adoption | None) -> dict[str, Any]:
    """The management report's tables as adopted, else as they are now."""
    if adopted is not None and adopted.management:
        return dict(adopted.management)
    return management_tables(association, year)
