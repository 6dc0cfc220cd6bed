"""The memo's person tables suppressed together with the other periods of the same year
(``stats.disclosure_periods``, docs/disclosure.md).

A memo for period P ending at E publishes year-to-date figures, as does every memo of the
same year ending at another quarter end, and the dashboard (the current half-year's memo).
:func:`year_suppression` computes the tables at every quarter end of P's year up to E (the
*snapshots*) and suppresses them in order, each given the earlier ones as published; the
memo renders the last. Each snapshot lists every intervention with data or active from
1 January (the widest list any memo ending there shows; the extra rows are all zeros), so
the memos ending at the same date (2026Q2 and 2026H1) hide the same cells.

The snapshots are computed in one pass (``participant_tables_at``: 5 queries for every
quarter end, not 14 per end); the memo computes its own tables in the same pass and passes
the snapshots in (``snapshots``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

from finsam.years import quarter_end
from stats import published
from stats.collection import paused_collection
from stats.disclosure import Key, Reason, Suppressed
from stats.disclosure_periods import GROWS, SAME, Snapshot, suppress_in_order
from stats.participant_tables import participant_tables_at
from stats.participant_tables.shapes import ParticipantTables
from stats.periods import Period
from tenancy.models import Association

#: Measures of the person tables that only grow during a year (a later snapshot = an
#: earlier one + a flow); carried over and exited before the year are the same all year.
#: The rest (ongoing, active, exits to date, complements, goals) follows from the sums
#: inside each snapshot.
GROWING_MEASURES = frozenset({"registered", "exited", "to_work_or_studies", "planned"})
YEARLONG_MEASURES = frozenset({"carried", "exited_before"})


def person_link(key: Key) -> str | None:
    """How a cell of ``published.person_table`` relates to the same cell a quarter later."""
    if not isinstance(key, tuple) or len(key) < 2:
        return None
    if key[:1] == published.EXITS:
        return GROWS if key[1] in ("reason", "extent") else None
    if key[:1] == published.TARGET_GROUP:
        return GROWS if key[1] != "active" else None
    if key[1] in GROWING_MEASURES:
        return GROWS
    if key[1] in YEARLONG_MEASURES:
        return SAME
    return None


def counts_link(key: Key) -> str | None:
    """Anonymous participations and activity attendees ytd only grow during a year."""
    return GROWS


@dataclass(frozen=True)
class YearSuppression:
    """The suppression of the person, anonymous and activity tables of the last snapshot."""

    person: Suppressed
    anonymous: Suppressed
    activities: Suppressed


def snapshot_ends(period: Period) -> list[dt.date]:
    """The quarter ends of ``period``'s year up to its end: the dates whose ytd figures a
    memo of the same year (or the dashboard) publishes before or with this one."""
    return [
        quarter_end(period.year, quarter)
        for quarter in range(1, 5)
        if quarter_end(period.year, quarter) <= period.end
    ]


def year_suppression(
    association: Association,
    period: Period,
    *,
    goal_members: Mapping[str, Sequence[str]],
    snapshots: Mapping[dt.date, ParticipantTables] | None = None,
    version: str | None = None,
) -> YearSuppression:
    """Suppress the snapshots of ``period``'s year up to its end (inside the association's
    scope). ``snapshots`` may pass the tables at quarter ends already computed (listed from
    1 January: ``year_snapshots``); the others are computed here, in one pass. ``version``
    is the association's data version of the period's year read *before* the given
    snapshots were (the key of the cached suppression, ``cached_suppression``); without
    it, it is read now."""
    from stats.cache import data_version

    k = association.disclosure_threshold
    version = data_version(association.pk, period.year) if version is None else version
    ends = snapshot_ends(period)
    given = dict(snapshots or {})
    missing = [end for end in ends if end not in given]
    if missing:
        given.update(year_snapshots(association, period, missing))
    tables = [given[end] for end in ends]
    person = []
    for snapshot in tables:
        table, codes = published.person_table(snapshot, goal_members=goal_members)
        person.append(Snapshot(table, person_link, published.person_blocks(codes)))
    anonymous = [Snapshot(published.anonymous_table(t.anonymous), counts_link) for t in tables]
    activities = [Snapshot(published.activities_table(t.activities), counts_link) for t in tables]
    return YearSuppression(
        person=cached_suppression(association, ends, "person", person, k, version=version),
        anonymous=cached_suppression(association, ends, "anonymous", anonymous, k, version=version),
        activities=cached_suppression(
            association, ends, "activities", activities, k, version=version
        ),
    )


def year_windows(period: Period, ends: Sequence[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """The windows of the snapshots at ``ends``: listed from 1 January."""
    return [(period.ytd_start, end) for end in ends]


def year_snapshots(
    association: Association, period: Period, ends: Sequence[dt.date]
) -> dict[dt.date, ParticipantTables]:
    """The snapshots at ``ends`` of ``period``'s year, in one pass (inside the scope)."""
    tables = participant_tables_at(
        association, windows=year_windows(period, ends), ytd_start=period.ytd_start
    )
    return dict(zip(ends, tables, strict=True))


def cached_suppression(
    association: Association,
    ends: list[dt.date],
    name: str,
    snapshots: list[Snapshot],
    k: int,
    *,
    version: str,
) -> Suppressed:
    """The last snapshot's suppression, cached while the association's data is unchanged
    (the memos ending at the same date, 2026Q2 and 2026H1, share it). ``version`` is the
    data version read before the snapshots' data was: a write that commits while they are
    computed gives a new version, so a suppression of the older data is never stored under
    the version of the newer (where it could leave a newly small cell unhidden)."""
    from django.core.cache import cache

    from stats.cache import MEMO_CACHE_SECONDS

    key = f"finsam:year-suppression:{association.pk}:{name}:{ends[-1]}:{k}:{version}"
    hidden: dict[Hashable, Reason] | None = cache.get(key)
    last = snapshots[-1].table
    if hidden is None or any(cell not in last.values for cell in hidden):
        with paused_collection():
            results = suppress_in_order(snapshots, k)
        cache.set(key, dict(results[-1].hidden), MEMO_CACHE_SECONDS)
        return results[-1]
    sensitive = frozenset(
        cell for cell, value in last.values.items() if 1 <= value < k and cell not in last.linking
    )
    return Suppressed(last, k, True, hidden, sensitive)
