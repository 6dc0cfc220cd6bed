"""Workbooks with the office's money and report sheets (`Utfall`, `Kvartalsrapporter`,
`Avvikelser`) on top of ``good_sheets``, and dumps of what they write."""

from __future__ import annotations

from typing import Any

from finance.models import CostOutcome
from followup.models import (
    QUALITY_QUESTIONS,
    Deviation,
    DeviationEvent,
    QuarterlyReport,
    ReportEvent,
)
from imports.tests.workbooks import Sheets, dump, good_sheets, sheet_row
from interventions.models import Budget, Intervention
from tenancy.models import Association

UTFALL_HEADER = ["insats", "år", "kvartal", "belopp"]
KVARTALSRAPPORTER_HEADER = [
    "insats",
    "år",
    "kvartal",
    "inlamnad_datum",
    "i_fas",
    "prognos",
    "start_i_tid",
    "vakans_forbundsmedel",
    "vakans_egenfinansierat",
    "styrgruppsmoten_enligt_avtal",
    "ordinarie_representation",
    "uppfoljning_enligt_avtal",
    "kontroll_malgrupp",
    "kontroll_metod",
    "jamlikhet",
    "jamstalldhet",
    "implementering_diskuterad",
    "andel_handlingsplan",
    "kommentar",
]
AVVIKELSER_HEADER = [
    "insats",
    "inkommen_datum",
    "typ",
    "beskrivning",
    "belopp",
    "beslut",
    "beslutsdatum",
    "beslutad_av",
]

#: The QuarterlyReport fields the `Kvartalsrapporter` sheet carries, in column order.
REPORT_FIELDS = (
    "submitted_on",
    "on_track",
    "forecast",
    "started_on_time",
    "vacancy_funded",
    "vacancy_self_funded",
    *QUALITY_QUESTIONS,
    "action_plan_share",
    "comment",
)


def utfall(**values: Any) -> list[Any]:
    row: dict[str, Any] = {"insats": "ARB", "år": 2023, "kvartal": 1, "belopp": "250 000"}
    return sheet_row(UTFALL_HEADER, row | values)


def kvartalsrapport(**values: Any) -> list[Any]:
    """A complete report of ARB for 2023 Q1, changed by ``values``."""
    row: dict[str, Any] = {
        "insats": "ARB",
        "år": 2023,
        "kvartal": 1,
        "inlamnad_datum": "2023-04-20",
        "i_fas": "ja",
        "prognos": "delvis",
        "start_i_tid": "ja",
        "vakans_forbundsmedel": "nej",
        "vakans_egenfinansierat": "ja",
        "styrgruppsmoten_enligt_avtal": "ja",
        "ordinarie_representation": "nej",
        "uppfoljning_enligt_avtal": "delvis",
        "kontroll_malgrupp": "ja",
        "kontroll_metod": "ja",
        "jamlikhet": "nej",
        "jamstalldhet": "ja",
        "implementering_diskuterad": "ja",
        "andel_handlingsplan": 80,
        "kommentar": "Två vakanser under kvartalet.",
    }
    return sheet_row(KVARTALSRAPPORTER_HEADER, row | values)


def avvikelse(**values: Any) -> list[Any]:
    """ARB asks to move 150 000 kr to next year; the board grants it."""
    row: dict[str, Any] = {
        "insats": "ARB",
        "inkommen_datum": "2023-10-15",
        "typ": "overforing",
        "beskrivning": "Personalen började senare än planerat.",
        "belopp": "150 000",
        "beslut": "beviljad",
        "beslutsdatum": "2023-11-01",
        "beslutad_av": "styrelse",
    }
    return sheet_row(AVVIKELSER_HEADER, row | values)


def office_sheets() -> Sheets:
    """`Insatser` and `Budget` of ``good_sheets`` (ARB: 1 290 000 kr for 2023, 300 000 kr
    each for 2024 Q1 and Q2; NAT: 150 000 kr for 2023) with outcome, reports and
    deviations."""
    return {
        **good_sheets(),
        "Utfall": [
            UTFALL_HEADER,
            utfall(kvartal=1, belopp="250 000"),
            utfall(kvartal=2, belopp=300_000),
            utfall(kvartal="3", belopp="280000"),
            utfall(kvartal=4, belopp="310 000,00"),
            utfall(år=2024, kvartal=1, belopp=200_000),
            utfall(insats="NAT", kvartal=2, belopp=40_000),
            utfall(insats="NAT", kvartal=3, belopp="-5 000"),
        ],
        "Kvartalsrapporter": [
            KVARTALSRAPPORTER_HEADER,
            kvartalsrapport(),
            kvartalsrapport(
                kvartal=2,
                inlamnad_datum="2023-08-02",
                i_fas="for_tidigt",
                prognos="ej_aktuellt",
                start_i_tid="",
                vakans_forbundsmedel="1",
                vakans_egenfinansierat="0",
                kontroll_malgrupp="x",
                uppfoljning_enligt_avtal="nej",
                andel_handlingsplan="",
                kommentar="",
            ),
            kvartalsrapport(insats="NAT", i_fas="ej_angivet", prognos="nej", andel_handlingsplan=0),
        ],
        "Avvikelser": [
            AVVIKELSER_HEADER,
            avvikelse(),
            avvikelse(
                inkommen_datum="2023-05-02",
                typ="malgrupp",
                beskrivning="Även unga under 20 år.",
                belopp="",
                beslut="avslag",
                beslutsdatum="2023-05-20",
                beslutad_av="forbundschef",
            ),
            avvikelse(
                insats="NAT",
                inkommen_datum="2023-06-01",
                typ="vakans",
                beskrivning="Samordnaren slutar i juni.",
                belopp="",
                beslut="ej_beslutad",
                beslutsdatum="",
                beslutad_av="",
            ),
        ],
    }


def _rows(model: Any, association: Association, *excluded: str) -> list[tuple[Any, ...]]:
    fields = [field.attname for field in model._meta.concrete_fields if field.name not in excluded]
    return list(model.objects.filter(association=association).order_by("pk").values_list(*fields))


def office_dump(association: Association) -> dict[str, list[tuple[Any, ...]]]:
    """Every row the office sheets write, with keys, without timestamps (``created_at``,
    ``updated_at``, the events' ``at``)."""
    timestamps = ("created_at", "updated_at", "at")
    return {
        **dump(association),
        "cost_outcomes": _rows(CostOutcome, association),
        "reports": _rows(QuarterlyReport, association, *timestamps),
        "report_events": _rows(ReportEvent, association, *timestamps),
        "deviations": _rows(Deviation, association, *timestamps),
        "deviation_events": _rows(DeviationEvent, association, *timestamps),
    }


def office_content(association: Association) -> dict[str, list[tuple[Any, ...]]]:
    """The office sheets' data of an association without keys, to compare two."""
    return {
        "costs": sorted(
            CostOutcome.objects.filter(association=association).values_list(
                "intervention__code", "year", "quarter", "amount", "status"
            )
        ),
        "reports": sorted(
            QuarterlyReport.objects.filter(association=association).values_list(
                "intervention__code", "year", "quarter", "status", *REPORT_FIELDS
            ),
            key=lambda row: row[:3],
        ),
        "deviations": sorted(
            Deviation.objects.filter(association=association).values_list(
                "intervention__code",
                "received_on",
                "kind",
                "description",
                "amount",
                "decision",
                "decided_on",
                "decided_by",
            ),
            key=lambda row: row[:3],
        ),
    }


def written(association: Association) -> dict[str, int]:
    """How many rows of each kind an office import may write."""
    return {
        model.__name__: model.objects.filter(association=association).count()
        for model in (
            Intervention,
            Budget,
            CostOutcome,
            QuarterlyReport,
            ReportEvent,
            Deviation,
            DeviationEvent,
        )
    }


NOTHING_WRITTEN = {
    "Intervention": 0,
    "Budget": 0,
    "CostOutcome": 0,
    "QuarterlyReport": 0,
    "ReportEvent": 0,
    "Deviation": 0,
    "DeviationEvent": 0,
}
