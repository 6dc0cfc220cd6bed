"""Data versions per association and year: which cached figures a write leaves valid.

A write (``post_save``/``post_delete`` of a row with an ``association_id``) changes, by
:func:`first_year_affected`, the figures of one calendar year *and every later one* (a
memo of 2026 counts the participations carried over from 2025), or of every year
(``ALL_YEARS``, the default for every model not proven below), or of none
(``NO_FIGURE``: ``NOT_FIGURES``). Each association has a global counter (bumped by the
writes of all years) and one counter per year; the version of year Y
(:func:`data_version`) combines the global counter and the counters of every year up to
Y, read in one ``get_many``. So a registration dated 2026 changes the version of 2026 and
later, not the one of the board's 2025H2 memo. The memo, its document sections and the
year's suppression (``stats.year_suppression``, ``stats.memo_progression``) are keyed by
the version of their period's year.

**Why a participation dated after year Y leaves every figure of Y unchanged.** Every
figure computed from a participation for a period ending E (the memo's tables and the
year's quarter-end snapshots, all ending by 31 December of Y: ``stats.participant_tables``)
counts only participations entered by E (``personal_until``, ``entered_by``,
``registered_in``), and reads nothing relative to today: "ongoing", "active", "carried
over", time in the intervention and age at entry are all measured at E or at the entry
date. The progression table (``stats.memo_progression``) reads assessments by *their*
date and the participation's intervention only: a change of a participation's
intervention moves assessments of any year, so it changes every year (``UNBOUNDED``).
The person is read only through its participations (birth date for the age at entry):
creating a person changes no figure until a participation refers to it (that is the
participation's own write); a change or deletion of a person changes every year.
Identity records, consents and the participation history are read by no figure cached
under a version (``NOT_FIGURES``; stats/tests/test_year_versions.py checks the queries of
the memo).

An update or deletion counts the row's stored dates as well as the new ones (a start moved
from 2026 to 2024 changes 2024): ``pre_save``/``pre_delete`` read the stored row (locked
with ``SELECT ... FOR UPDATE`` inside a transaction, so a concurrent change of the same row
cannot slip between the read and the write). A row without a date, or whose stored row
cannot be read, changes every year.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Mapping
from typing import Any

from django.core.cache import cache
from django.db import connections, router

from finsam.years import YEAR_MAX, YEAR_MIN

#: ``first_year_affected``: the write can change the figures of every year.
ALL_YEARS = 0
#: ``first_year_affected``: the write changes no figure cached under a data version.
NO_FIGURE = YEAR_MAX + 1

#: Rows that never enter a figure cached under the data version (the memo, its document
#: sections, the year's suppression; the dashboard's key figures come from the memo):
#: writing one leaves them valid. Reading participant data writes an access-log row, so
#: without this every read of a participant list would throw away the association's memo
#: (docs/performance.md). The indicator survey's answers (``survey.response``,
#: ``survey.answer``) are in the survey report, which is computed on request, not in the
#: memo: each anonymous answer would otherwise make the memo be computed again. A
#: registration writes an identity record, a consent and a history row besides the
#: participation: no figure reads them. (stats/tests/test_current_memo.py and
#: stats/tests/test_year_versions.py check that computing the memo reads none of these
#: tables.)
NOT_FIGURES = frozenset(
    {
        "audit.accesslogentry",
        "audit.logreview",
        "followup.remindersent",
        "documents.memotemplate",
        "survey.response",
        "survey.answer",
        "participants.identityrecord",
        "participants.consent",
        "participants.participationevent",
    }
)

#: Models whose rows change the figures from the earliest year of these dates on.
DATED: Mapping[str, tuple[str, ...]] = {
    "participants.participation": ("entry_date", "exit_date", "action_plan_date"),
}
#: Fields of a ``DATED`` model whose change changes the figures of every year.
UNBOUNDED: Mapping[str, tuple[str, ...]] = {
    "participants.participation": ("association_id", "intervention_id"),
}
#: Models whose *creation* changes no figure (read only through rows that refer to them).
CREATED_UNREAD = frozenset({"participants.person"})

CREATED, UPDATED, DELETED = "created", "updated", "deleted"

#: The attribute of an instance holding its stored row (``remember_stored``).
STORED = "_finsam_stored_row"


def first_year_affected(
    sender: Any, instance: Any, *, change: str, stored: Mapping[str, Any] | None = None
) -> int:
    """The earliest calendar year whose figures this write (``change``: ``CREATED``,
    ``UPDATED`` or ``DELETED``) can change: that year's and every later year's memos are
    invalid after it. ``ALL_YEARS`` when every year's may change (every model not named
    in the module's lists), ``NO_FIGURE`` when none. ``stored`` is the row as stored
    before an update or deletion (``remember_stored``)."""
    label = sender._meta.label_lower
    if label in NOT_FIGURES:
        return NO_FIGURE
    if label in CREATED_UNREAD and change == CREATED:
        return NO_FIGURE
    dates = DATED.get(label)
    if dates is None:
        return ALL_YEARS
    rows = [{name: getattr(instance, name) for name in (*dates, *UNBOUNDED.get(label, ()))}]
    if change != CREATED:
        if stored is None:
            return ALL_YEARS
        if any(stored[name] != rows[0][name] for name in UNBOUNDED.get(label, ())):
            return ALL_YEARS
        rows.append(dict(stored))
    values = [row[name] for row in rows for name in dates if row[name] is not None]
    if not values or not all(isinstance(value, dt.date) for value in values):
        return ALL_YEARS  # no date, or one not yet a date (a string given to the ORM)
    return min(value.year for value in values)


def stored_fields(sender: Any) -> tuple[str, ...]:
    label = sender._meta.label_lower
    return (*DATED.get(label, ()), *UNBOUNDED.get(label, ()))


def remember_stored(sender: Any, instance: Any) -> None:
    """Keep the stored row's dates (and ``UNBOUNDED`` fields) of a ``DATED`` model's row
    about to be updated or deleted on the instance, for ``first_year_affected``. Locked
    until the transaction ends when inside one (a concurrent write of the same row then
    waits), so the dates read are the ones the write replaces."""
    fields = stored_fields(sender)
    if not fields or instance.pk is None:
        return
    database = router.db_for_write(sender, instance=instance)
    rows = sender._base_manager.using(database).filter(pk=instance.pk)
    if connections[database].in_atomic_block:
        rows = rows.select_for_update()
    setattr(instance, STORED, rows.values(*fields).first())


def taken_stored(instance: Any) -> Mapping[str, Any] | None:
    """The stored row ``remember_stored`` kept, removed from the instance."""
    return instance.__dict__.pop(STORED, None)


# The versions.


def _global_key(association_id: int) -> str:
    return f"finsam:data-version:{association_id}"


def _year_key(association_id: int, year: int) -> str:
    return f"finsam:data-version:{association_id}:{year}"


def _fresh() -> str:
    return str(time.time_ns())


def data_version(association_id: int, year: int) -> str:
    """The association's data version of ``year``'s figures: changed by every write whose
    ``first_year_affected`` is ``year`` or earlier (or all years). One ``get_many``; a
    counter missing from the cache (never set, or evicted) is started at a new value, so
    a version, once changed, never returns to an earlier value."""
    last = min(max(year, YEAR_MIN), YEAR_MAX)
    keys = [_global_key(association_id)] + [
        _year_key(association_id, each) for each in range(YEAR_MIN, last + 1)
    ]
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            cache.add(key, _fresh(), None)
        found.update(cache.get_many(missing))
    joined = "|".join(str(found.get(key, "")) for key in keys)
    return hashlib.blake2b(joined.encode(), digest_size=12).hexdigest()


def bump_data_version(association_id: int, first_year: int = ALL_YEARS) -> None:
    """Change the data version of ``first_year`` and every later year (of every year by
    default; of none when ``first_year`` is after ``YEAR_MAX``)."""
    if first_year > YEAR_MAX:
        return
    if first_year <= YEAR_MIN:
        cache.set(_global_key(association_id), _fresh(), None)
    else:
        cache.set(_year_key(association_id, first_year), _fresh(), None)
