"""Sheet `Kvartalsrapporter`: the steering groups' quarterly answers (seed tables 2, 3 and
5). Natural key: insats + år + kvartal.

An imported report is submitted on inlamnad_datum (``followup.services
.import_quarterly_report``): the office's review already stored is kept, and the history
gets an event. The optional ja/nej column start_i_tid left empty means "not answered"
(kept as such by the export), unlike the required ja/nej columns, where empty is missing.
The export gives the submitted reports; drafts are not in it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from followup.models import Forecast, OnTrack, QuarterlyReport, YesPartlyNo
from followup.workbook import import_quarterly_report, quarter_within
from imports.workbook.access import WorkbookAccess
from imports.workbook.base import Column, ImportContext, RowReader, SheetChanges, SheetHandler
from imports.workbook.cells import (
    choice_of,
    parse_date,
    parse_percent,
    parse_quarter,
    parse_year,
    parse_yes_no,
    text_of,
)
from imports.workbook.sheets.common import save_each
from tenancy.models import Association

COMMENT_LENGTH = 20_000

#: column -> QuarterlyReport field, for the ja/nej columns the spec marks required.
REQUIRED_YES_NO = {
    "vakans_forbundsmedel": "vacancy_funded",
    "vakans_egenfinansierat": "vacancy_self_funded",
    "styrgruppsmoten_enligt_avtal": "meetings_per_agreement",
    "ordinarie_representation": "ordinary_representation",
    "kontroll_malgrupp": "target_group_checked",
    "kontroll_metod": "method_checked",
    "jamlikhet": "equality_discussed",
    "jamstalldhet": "gender_equality_discussed",
    "implementering_diskuterad": "implementation_discussed",
}
#: column -> (field, codes), for the coded columns (all required).
CODED = {
    "i_fas": ("on_track", OnTrack.values),
    "prognos": ("forecast", Forecast.values),
    "uppfoljning_enligt_avtal": ("follow_up_per_agreement", YesPartlyNo.values),
}


@dataclass(frozen=True)
class ReportRow:
    intervention: str
    year: int
    quarter: int
    submitted_on: dt.date
    #: QuarterlyReport field -> value, every answer the sheet carries
    answers: dict[str, Any]


def yes_no_cell(value: bool | None) -> str:
    return "" if value is None else "ja" if value else "nej"


class KvartalsrapporterSheet(SheetHandler[ReportRow]):
    sheet_name = "Kvartalsrapporter"
    label = "kvartalsrapporter"
    columns = (
        Column("insats", required=True),
        Column("år", required=True),
        Column("kvartal", required=True),
        Column("inlamnad_datum", required=True),
        Column("i_fas", required=True),
        Column("prognos", required=True),
        Column("start_i_tid"),
        Column("vakans_forbundsmedel", required=True),
        Column("vakans_egenfinansierat", required=True),
        Column("styrgruppsmoten_enligt_avtal", required=True),
        Column("ordinarie_representation", required=True),
        Column("uppfoljning_enligt_avtal", required=True),
        Column("kontroll_malgrupp", required=True),
        Column("kontroll_metod", required=True),
        Column("jamlikhet", required=True),
        Column("jamstalldhet", required=True),
        Column("implementering_diskuterad", required=True),
        Column("andel_handlingsplan"),
        Column("kommentar"),
    )

    def parse_row(self, row: RowReader, context: ImportContext) -> ReportRow | None:
        code = context.intervention_code(row)
        year = row.value("år", parse_year, required=True)
        quarter = row.value("kvartal", parse_quarter, required=True)
        if code is not None and year is not None and quarter is not None:
            self._check_period(row, context, code, year, quarter)
        submitted_on = row.value("inlamnad_datum", parse_date, required=True)
        answers: dict[str, Any] = {}
        for column, (field, codes) in CODED.items():
            answers[field] = row.value(column, choice_of(codes), required=True)
        answers["started_on_time"] = row.value("start_i_tid", parse_yes_no)
        for column, field in REQUIRED_YES_NO.items():
            answers[field] = row.value(column, parse_yes_no, required=True)
        answers["action_plan_share"] = row.value("andel_handlingsplan", parse_percent)
        comment = row.value("kommentar", text_of(COMMENT_LENGTH))
        answers["comment"] = comment or ""
        if not row.ok or code is None or year is None or quarter is None or submitted_on is None:
            return None
        return ReportRow(code, year, quarter, submitted_on, answers)

    def _check_period(
        self, row: RowReader, context: ImportContext, code: str, year: int, quarter: int
    ) -> None:
        period = context.period_of(code)
        if period is None or quarter_within(period[0], period[1], year, quarter):
            return
        start, end = period
        row.problem(
            "kvartal",
            _("%(year)s kvartal %(quarter)s ligger utanför insatsens period (%(start)s – %(end)s).")
            % {
                "year": year,
                "quarter": quarter,
                "start": start.isoformat(),
                "end": end.isoformat() if end else _("tills vidare"),
            },
        )

    repeated_key = (
        "kvartal",
        ("intervention", "year", "quarter"),
        gettext_lazy(
            "Insatsen har redan en kvartalsrapport för %(year)s kvartal %(quarter)s på rad %(row)s."
        ),
    )

    def write(self, rows: Sequence[ReportRow], context: ImportContext) -> SheetChanges:
        return save_each(rows, context, import_quarterly_report, user=context.access.user)

    def export_rows(
        self, association: Association, access: WorkbookAccess
    ) -> Iterable[Sequence[Any]]:
        reports = (
            QuarterlyReport.objects.filter(
                association=association, status=QuarterlyReport.Status.SUBMITTED
            )
            .select_related("intervention")
            .order_by("intervention__code", "year", "quarter")
        )
        for report in reports:
            cells: dict[str, Any] = {
                "insats": report.intervention.code,
                "år": report.year,
                "kvartal": report.quarter,
                "inlamnad_datum": report.submitted_on,
                "start_i_tid": yes_no_cell(report.started_on_time),
                "andel_handlingsplan": report.action_plan_share,
                "kommentar": report.comment,
            }
            for column, (field, _codes) in CODED.items():
                cells[column] = getattr(report, field)
            for column, field in REQUIRED_YES_NO.items():
                cells[column] = yes_no_cell(getattr(report, field))
            yield [cells[column.name] for column in self.columns]
