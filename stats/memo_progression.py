"""The progression aggregates in the memo (spec/survey.md section 4, issue 15): per
progression instrument and intervention, the participations with at least two
assessments year to date and how their mean moved, through disclosure control.

The memo's table ``progression`` (an addition to the contract of spec/reports.md):

    {"instruments": [{"instrument": "<name>", "version": 1, "rater": "deltagare",
      "rows": [{"intervention": "<kod>", "participations": n, "improved": n,
                "unchanged": n, "fell": n, "shares": {"improved": p, ...},
                "mean_change": "0.4" | null}],
      "total": {... the same without "intervention"}}]}

Counts are year to date (assessments dated from the period's ``ytd_start`` to its end),
like the participant tables, so every memo of a year publishes overlapping figures: the
snapshots at the quarter ends up to the period's end are suppressed in order
(``stats.disclosure_periods``), with "participations with two assessments" growing
between snapshots (the outcomes may move either way); the hidden cells are cached like the
person tables' (``stats.year_suppression``), so the survey's summary page and the memos
ending at the same date share them. A row is listed when it has a
participation with two assessments; a hidden count is ``".."``; a share is hidden with
its count; the mean change is left out (null) when the number of participations is hidden.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django_scopes import scope

from interventions.models import Intervention
from stats.disclosure import Key, Suppressed, Table, unsuppressed
from stats.disclosure_periods import GROWS, Snapshot
from stats.periods import Period
from stats.progression import OUTCOMES, ProgressionSummary, Rating, progress_of, summarise
from stats.survey import percent
from stats.year_suppression import cached_suppression, snapshot_ends
from survey.progression_models import Assessment, ProgressionInstrument
from tenancy.models import Association

TOTAL_ROW = "(total)"
TOTAL = "participations"


def progression_json(
    association: Association, period: Period, *, suppress: bool = True
) -> tuple[dict[str, Any], str]:
    """The memo's ``progression`` table and its note (what ``..`` hides)."""
    from stats.cache import data_version

    k = association.disclosure_threshold
    # Before the ratings are read (cached_suppression): the version of the period's year.
    version = data_version(association.pk, period.year)
    ends = snapshot_ends(period) if suppress else [period.end]
    instruments = []
    notes: list[tuple[bool, str]] = []
    with scope(association=association.pk):
        order = [i.code for i in Intervention.objects.in_display_order()]
        for instrument in ProgressionInstrument.objects.all():
            ratings = _ratings(instrument, period.ytd_start, period.end)
            tables = [_table(_summaries(ratings, end), order) for end in ends]
            if not tables[-1][1]:
                continue
            last, summaries = tables[-1]
            result = (
                cached_suppression(
                    association,
                    ends,
                    f"progression-{instrument.pk}",
                    [Snapshot(table, _link) for table, _ in tables],
                    k,
                    version=version,
                )
                if suppress
                else unsuppressed(last)
            )
            notes.append((bool(result.hidden), result.note))
            instruments.append(
                {
                    "instrument": instrument.name,
                    "version": instrument.version,
                    "rater": instrument.rater,
                    "rows": [
                        {"intervention": code, **_row(result, code, summary)}
                        for code, summary in summaries.items()
                    ],
                    "total": _row(result, TOTAL_ROW, None),
                }
            )
    # The note of a table with hidden cells, or else the first one's ("nothing hidden").
    note = max(notes, key=lambda pair: pair[0])[1] if notes else ""
    return {"instruments": instruments}, note


def _ratings(
    instrument: ProgressionInstrument, start: dt.date, end: dt.date
) -> dict[str, dict[int, list[Rating]]]:
    """Per intervention code and participation, the ratings dated ``start..end``."""
    found: dict[str, dict[int, list[Rating]]] = defaultdict(lambda: defaultdict(list))
    assessments = (
        Assessment.objects.filter(instrument=instrument, date__gte=start, date__lte=end)
        .select_related("participation__intervention")
        .prefetch_related("values__item")
        .order_by("date", "pk")
    )
    for assessment in assessments:
        values = {value.item.number: value.value for value in assessment.values.all()}
        code = assessment.participation.intervention.code
        found[code][assessment.participation_id].append((assessment.date, values))
    return found


def _summaries(
    ratings: dict[str, dict[int, list[Rating]]], end: dt.date
) -> dict[str, ProgressionSummary]:
    """Per intervention, the summary over the ratings dated up to ``end``."""
    summaries = {}
    for code, by_participation in ratings.items():
        progresses = [
            progress
            for rows in by_participation.values()
            if (progress := progress_of([r for r in rows if r[0] <= end])) is not None
        ]
        if progresses:
            summaries[code] = summarise(progresses)
    return summaries


def _table(
    summaries: dict[str, ProgressionSummary], order: list[str]
) -> tuple[Table, dict[str, ProgressionSummary]]:
    """The counts as a disclosure table: per row outcomes add up to the participations,
    and the total row adds up the rows (rows in the interventions' display order)."""
    ordered = {code: summaries[code] for code in order if code in summaries}
    table = Table()
    for code, summary in ordered.items():
        for outcome in OUTCOMES:
            table.add_cell((code, outcome), getattr(summary, outcome))
        table.add_cell((code, TOTAL), summary.total)
        table.add_sum([(code, outcome) for outcome in OUTCOMES], (code, TOTAL))
    if ordered:
        for column in (*OUTCOMES, TOTAL):
            parts = [(code, column) for code in ordered]
            table.add_cell((TOTAL_ROW, column), sum(table.values[key] for key in parts))
            table.add_sum(parts, (TOTAL_ROW, column))
        table.add_sum([(TOTAL_ROW, outcome) for outcome in OUTCOMES], (TOTAL_ROW, TOTAL))
    return table, ordered


def _link(key: Key) -> str | None:
    """Participations with two assessments ytd only grow; outcomes may move either way."""
    return GROWS if isinstance(key, tuple) and key[1:] == (TOTAL,) else None


def _row(result: Suppressed, code: str, summary: ProgressionSummary | None) -> dict[str, Any]:
    values = result.table.values
    total = values[(code, TOTAL)]
    hidden = result.is_hidden((code, TOTAL))
    return {
        "participations": result.value((code, TOTAL)),
        **{outcome: result.value((code, outcome)) for outcome in OUTCOMES},
        "shares": {
            outcome: result.share(
                (code, outcome), (code, TOTAL), percent(values[(code, outcome)], total)
            )
            for outcome in OUTCOMES
        },
        "mean_change": None
        if hidden or summary is None or summary.mean_change is None
        else str(summary.mean_change),
    }
