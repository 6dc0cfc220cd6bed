"""The participants table (spec/reports.md section 9) as ONE hand-written SQL query: the
yardstick ``bench.memo`` holds ``stats.participant_tables.participants_table`` against.

Per intervention and gender: registered ytd, exited ytd, exited from the intervention's
start to E, ongoing at E; participations with personal data entered by E, felregistrering
left out. Rows: interventions followed up with personal data active in the period, and
those with a participation active ytd, in display order (kind, name, code). Portable SQL
(SQLite and PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db import connection

from interventions.models import KIND_ORDER, FollowUp, Intervention
from participants.choices import ExitReason
from participants.models import Participation
from stats.participant_tables.shapes import (
    ParticipantsFigures,
    ParticipantsRow,
    ParticipantsTable,
    Split,
)


def _sql() -> str:
    p = Participation._meta.db_table
    i = Intervention._meta.db_table
    rank = " ".join(f"WHEN '{kind.value}' THEN {n}" for n, kind in enumerate(KIND_ORDER))
    return f"""
WITH counts AS (
  SELECT p.intervention_id AS iid, p.gender AS gender,
    SUM(CASE WHEN p.entry_date >= %(ytd)s THEN 1 ELSE 0 END) AS registered,
    SUM(CASE WHEN p.exit_date >= %(ytd)s AND p.exit_date <= %(end)s THEN 1 ELSE 0 END)
      AS exited,
    SUM(CASE WHEN p.exit_date >= i.start_date AND p.exit_date <= %(end)s THEN 1 ELSE 0 END)
      AS exited_to_date,
    SUM(CASE WHEN p.exit_date IS NULL OR p.exit_date > %(end)s THEN 1 ELSE 0 END) AS ongoing,
    SUM(CASE WHEN p.exit_date IS NULL OR p.exit_date >= %(ytd)s THEN 1 ELSE 0 END) AS active
  FROM {p} p JOIN {i} i ON i.id = p.intervention_id
  WHERE p.association_id = %(association)s AND p.person_id IS NOT NULL
    AND p.entry_date <= %(end)s AND p.exit_reason <> %(mistake)s
  GROUP BY p.intervention_id, p.gender
), listed AS (
  SELECT i.id, i.code, i.kind, i.name FROM {i} i
  WHERE i.association_id = %(association)s AND (
    (i.follow_up = %(personal)s AND i.start_date <= %(end)s
      AND (i.end_date IS NULL OR i.end_date >= %(start)s))
    OR i.id IN (SELECT iid FROM counts GROUP BY iid HAVING SUM(active) > 0))
)
SELECT l.id, l.code, c.gender, c.registered, c.exited, c.exited_to_date, c.ongoing
FROM listed l LEFT JOIN counts c ON c.iid = l.id
ORDER BY CASE l.kind {rank} ELSE 99 END, l.name, l.code
"""  # noqa: S608 - table names from the models, values as parameters


SQL = _sql()
MEASURES = ("registered", "exited", "exited_to_date", "ongoing")


def fetch(association_id: int, *, start: dt.date, end: dt.date, ytd_start: dt.date) -> list[Any]:
    """The query's rows (one database round trip)."""
    params: dict[str, Any] = {
        "association": association_id,
        "start": start,
        "end": end,
        "ytd": ytd_start,
        "mistake": ExitReason.MISTAKE.value,
        "personal": FollowUp.PERSONAL_DATA.value,
    }
    with connection.cursor() as cursor:
        cursor.execute(SQL, params)
        return list(cursor.fetchall())


def participants_table_sql(
    association_id: int, *, start: dt.date, end: dt.date, ytd_start: dt.date
) -> ParticipantsTable:
    """The same ``ParticipantsTable`` as ``participants_table``, from the one query."""
    order: list[str] = []
    counts: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for _pk, code, gender, *values in fetch(
        association_id, start=start, end=end, ytd_start=ytd_start
    ):
        if not order or order[-1] != code:
            order.append(code)
        if gender is not None:
            for measure, value in zip(MEASURES, values, strict=True):
                counts[code][measure][gender] = int(value)
    rows = [ParticipantsRow(code, *(Split.of(counts[code][m]) for m in MEASURES)) for code in order]
    total = ParticipantsFigures(
        *(sum((getattr(row, m) for row in rows), Split()) for m in MEASURES)
    )
    return ParticipantsTable(rows=rows, total=total)
