"""Reads for the log reviewer: filtering the access log, monthly random samples and the
anomaly rules. Run inside the association scope (the views do).

The anomaly rules are plain functions over log rows and small look-up mappings, so each
can be tested with hand-built rows; ``find_anomalies`` loads the mappings and runs them.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import BooleanField, Func, QuerySet, Value
from django.db.models.sql.compiler import SQLCompiler
from django.utils.translation import gettext_lazy as _

from audit.models import AccessAction, AccessLogEntry, Outcome
from audit.services import SYSTEM_ROLE
from interventions.models import Intervention
from participants.models import Participation
from tenancy.models import Association, Role, RoleAssignment, User

#: Dates typed by the reviewer are Swedish calendar days; the log stores UTC.
LOCAL_TZ = ZoneInfo("Europe/Stockholm")

#: Actions that read or change a participation (rule a: access after the exit).
ACCESS_ACTIONS = frozenset(
    {
        AccessAction.LIST,
        AccessAction.READ,
        AccessAction.SEARCH,
        AccessAction.EXPORT,
        AccessAction.REVEAL,
        AccessAction.UPDATE,
    }
)
#: Actions not done by a deltagaransvarig on behalf of an intervention (rule c skips them).
SYSTEM_ACTIONS = frozenset({AccessAction.RETENTION})

DEFAULT_GRACE_DAYS = 30
DEFAULT_VOLUME_THRESHOLD = 200
DEFAULT_SAMPLE_SIZE = 20


# --- time -----------------------------------------------------------------------------------


def local_midnight(day: dt.date) -> dt.datetime:
    """The start of a Swedish calendar day, as an aware datetime."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=LOCAL_TZ)


def local_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(LOCAL_TZ).date()


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    """First and last day of a month."""
    first = dt.date(year, month, 1)
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return first, following - dt.timedelta(days=1)


def previous_month(today: dt.date) -> tuple[int, int]:
    last_of_previous = today.replace(day=1) - dt.timedelta(days=1)
    return last_of_previous.year, last_of_previous.month


def in_period(
    entries: QuerySet[AccessLogEntry], date_from: dt.date | None, date_to: dt.date | None
) -> QuerySet[AccessLogEntry]:
    """Rows written on the Swedish days ``date_from`` to ``date_to`` (both included)."""
    if date_from is not None:
        entries = entries.filter(at__gte=local_midnight(date_from))
    if date_to is not None:
        entries = entries.filter(at__lt=local_midnight(date_to + dt.timedelta(days=1)))
    return entries


# --- filtering ------------------------------------------------------------------------------


class JSONArrayHasInt(Func):
    """True when a JSON array column holds the integer. PostgreSQL uses ``@>``; SQLite,
    which has no JSON containment, looks through ``json_each``."""

    output_field = BooleanField()

    def __init__(self, column: str, value: int) -> None:
        super().__init__(column, Value(int(value)))

    def as_sql(
        self,
        compiler: SQLCompiler,
        connection: BaseDatabaseWrapper,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> tuple[str, tuple[Any, ...]]:
        column_expression, value_expression = self.get_source_expressions()
        column, column_params = compiler.compile(column_expression)
        value, value_params = compiler.compile(value_expression)
        if connection.vendor == "postgresql":
            sql = f"({column} @> jsonb_build_array({value}::bigint))"
        else:
            # Both fragments are compiled expressions; the value travels as a parameter.
            sql = f"EXISTS (SELECT 1 FROM json_each({column}) WHERE json_each.value = {value})"  # noqa: S608  column and value are fixed SQL of this module, not input
        return sql, (*column_params, *value_params)


def filter_log(
    entries: QuerySet[AccessLogEntry],
    *,
    user_id: int | None = None,
    participation_id: int | None = None,
    action: str = "",
    outcome: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AccessLogEntry]:
    """The log filtered as on the reviewer's page; empty criteria are ignored."""
    if user_id is not None:
        entries = entries.filter(user_id=user_id)
    if participation_id is not None:
        entries = entries.filter(JSONArrayHasInt("participation_ids", participation_id))
    if action:
        entries = entries.filter(action=action)
    if outcome:
        entries = entries.filter(outcome=outcome)
    return in_period(entries, date_from, date_to)


def log_users(association: Association) -> QuerySet[User]:
    """Users holding any role in the association (the user filter's choices)."""
    return (
        User.objects.filter(role_assignments__association=association)
        .distinct()
        .order_by("last_name", "first_name", "email")
    )


def intervention_codes(entries: Iterable[AccessLogEntry]) -> dict[int, str]:
    """Code of each intervention named in the rows (one query, none when there are none)."""
    ids = {int(i) for entry in entries for i in entry.intervention_ids}
    if not ids:
        return {}
    return dict(Intervention.objects.filter(id__in=ids).values_list("id", "code"))


def role_labels(role_value: str) -> str:
    """The stored comma-separated role values as Swedish labels."""
    labels = {**dict(Role.choices), SYSTEM_ROLE: _("System")}
    return ", ".join(str(labels.get(value, value)) for value in role_value.split(",") if value)


# --- sample ---------------------------------------------------------------------------------


def month_entries(year: int, month: int) -> QuerySet[AccessLogEntry]:
    first, last = month_bounds(year, month)
    return in_period(AccessLogEntry.objects.all(), first, last)


def sample_ids(entries: QuerySet[AccessLogEntry], *, size: int, seed: int) -> list[int]:
    """A reproducible random sample of the rows: the same rows, seed and size always give
    the same ids (``random.Random(seed)`` over the ids in id order). Sorted."""
    ids = list(entries.order_by("id").values_list("id", flat=True))
    # Not for secrets: a seeded generator is what makes the sample reproducible.
    chosen = random.Random(seed).sample(ids, min(size, len(ids)))  # noqa: S311  a reproducible sample for review, not a secret
    return sorted(chosen)


# --- anomalies ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """A log row and the participations that make it an anomaly."""

    entry: AccessLogEntry
    participation_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class UserVolume:
    user_id: int
    participations: int
    flagged: bool


@dataclass(frozen=True)
class VolumeResult:
    rows: list[UserVolume]
    mean: float
    stdev: float
    limit: float

    @property
    def flagged(self) -> list[UserVolume]:
        return [row for row in self.rows if row.flagged]


def access_after_exit(
    entries: Iterable[AccessLogEntry],
    exit_dates: Mapping[int, dt.date | None],
    *,
    grace_days: int = DEFAULT_GRACE_DAYS,
) -> list[Finding]:
    """Rule (a): rows reading or changing a participation whose exit date lies more than
    ``grace_days`` before the (Swedish) day of the row."""
    findings = []
    for entry in entries:
        if entry.action not in ACCESS_ACTIONS:
            continue
        day = local_date(entry.at)
        ended = tuple(
            pid
            for pid in entry.participation_ids
            if (exit_date := exit_dates.get(pid)) is not None
            and (day - exit_date).days > grace_days
        )
        if ended:
            findings.append(Finding(entry, ended))
    return findings


def volume_per_user(
    entries: Iterable[AccessLogEntry], *, threshold: int = DEFAULT_VOLUME_THRESHOLD
) -> VolumeResult:
    """Rule (b): distinct participations each user touched. A user is flagged above
    mean + 3 standard deviations (population) of all users in the rows, or above the
    fixed threshold. Rows without a user (system jobs) are left out."""
    touched: dict[int, set[int]] = {}
    for entry in entries:
        if entry.user_id is None:
            continue
        touched.setdefault(entry.user_id, set()).update(entry.participation_ids)
    counts = {user_id: len(ids) for user_id, ids in touched.items()}
    values = list(counts.values())
    mean = statistics.fmean(values) if values else 0.0
    stdev = statistics.pstdev(values) if values else 0.0
    limit = mean + 3 * stdev
    rows = [
        UserVolume(user_id, count, count > limit or count > threshold)
        for user_id, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    return VolumeResult(rows=rows, mean=mean, stdev=stdev, limit=limit)


def foreign_intervention_access(
    entries: Iterable[AccessLogEntry],
    participation_interventions: Mapping[int, int],
    officer_interventions: Mapping[int, frozenset[int]],
) -> list[Finding]:
    """Rule (c): rows (not refused) touching a participation of an intervention where the
    user is not deltagaransvarig. Must never happen: the services refuse it. Rows of
    system jobs and participations no longer stored are left out."""
    findings = []
    for entry in entries:
        if entry.user_id is None or entry.action in SYSTEM_ACTIONS:
            continue
        if entry.outcome == Outcome.DENIED:
            continue
        allowed = officer_interventions.get(entry.user_id, frozenset())
        foreign = tuple(
            pid
            for pid in entry.participation_ids
            if pid in participation_interventions
            and participation_interventions[pid] not in allowed
        )
        if foreign:
            findings.append(Finding(entry, foreign))
    return findings


def denied_entries(entries: Iterable[AccessLogEntry]) -> list[Finding]:
    """Rule (c), second list: every refused attempt."""
    return [Finding(entry) for entry in entries if entry.outcome == Outcome.DENIED]


@dataclass
class Anomalies:
    after_exit: list[Finding] = field(default_factory=list)
    volume: VolumeResult = field(default_factory=lambda: VolumeResult([], 0.0, 0.0, 0.0))
    foreign_intervention: list[Finding] = field(default_factory=list)
    denied: list[Finding] = field(default_factory=list)

    @property
    def entry_ids(self) -> list[int]:
        """Every row named by rules (a) and (c), for the review record."""
        findings = [*self.after_exit, *self.foreign_intervention, *self.denied]
        return sorted({int(finding.entry.pk) for finding in findings})


def officer_interventions_by_user(association: Association) -> dict[int, frozenset[int]]:
    """The interventions each user is deltagaransvarig for now."""
    pairs = RoleAssignment.objects.filter(
        association=association, role=Role.DELTAGARANSVARIG
    ).values_list("user_id", "intervention_id")
    result: dict[int, set[int]] = {}
    for user_id, intervention_id in pairs:
        result.setdefault(user_id, set()).add(intervention_id)
    return {user_id: frozenset(ids) for user_id, ids in result.items()}


def find_anomalies(
    association: Association,
    *,
    date_from: dt.date,
    date_to: dt.date,
    grace_days: int = DEFAULT_GRACE_DAYS,
    threshold: int = DEFAULT_VOLUME_THRESHOLD,
) -> Anomalies:
    entries = list(
        in_period(AccessLogEntry.objects.all(), date_from, date_to)
        .select_related("user")
        .order_by("-at", "-id")
    )
    participation_ids = {int(pid) for entry in entries for pid in entry.participation_ids}
    rows = (
        Participation.objects.filter(id__in=participation_ids).values_list(
            "id", "intervention_id", "exit_date"
        )
        if participation_ids
        else []
    )
    exit_dates: dict[int, dt.date | None] = {}
    participation_interventions: dict[int, int] = {}
    for pid, intervention_id, exit_date in rows:
        exit_dates[pid] = exit_date
        participation_interventions[pid] = intervention_id
    return Anomalies(
        after_exit=access_after_exit(entries, exit_dates, grace_days=grace_days),
        volume=volume_per_user(entries, threshold=threshold),
        foreign_intervention=foreign_intervention_access(
            entries, participation_interventions, officer_interventions_by_user(association)
        ),
        denied=denied_entries(entries),
    )
