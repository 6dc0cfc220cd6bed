"""Retention (gallring) by the association's decided schedule.

Per association: the identity of every person all of whose participations exited more than
``months_after_exit`` months ago is removed (``remove_identity``, reason "Gallring"); the
participations stay as anonymous rows with gender and entry date, so the statistics keep
their counts. Access-log rows older than ``log_months`` lose their participation ids.
Each run leaves a ``RetentionRun`` report with counts only. The job runs without a user:
its log rows carry the role "system" and the purpose "Gallring".

Call inside the association's scope (``run_retention_for_all`` opens it per association).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_scopes import scope

from audit.models import AccessAction, AccessLogEntry
from audit.services import log_access, prune_participation_references
from participants.models import Participation, Person, RetentionPolicy, RetentionRun
from participants.services import remove_identity
from tenancy.models import Association

#: The purpose written in the access log for everything retention does.
RETENTION_PURPOSE = "Gallring"


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months earlier (clamped to the month's last day:
    31 March minus one month is 28 or 29 February)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def policy_for(association: Association) -> RetentionPolicy:
    """The association's retention policy; the default (24 and 36 months) when none is
    decided yet."""
    policy, _created = RetentionPolicy.objects.get_or_create(association=association)
    return policy


def describe_policy(policy: RetentionPolicy) -> str:
    """The policy in words, for pages and the access report."""
    data = ngettext(
        "Personuppgifter (personnummer, namn och samtycken) tas bort %(months)d månad efter "
        "att personens sista deltagande avslutades.",
        "Personuppgifter (personnummer, namn och samtycken) tas bort %(months)d månader "
        "efter att personens sista deltagande avslutades.",
        policy.months_after_exit,
    ) % {"months": policy.months_after_exit}
    kept = _(
        "Deltagandet sparas därefter utan koppling till personen, med kön och "
        "inskrivningsdatum, för statistik."
    )
    log = ngettext(
        "Åtkomstloggens koppling till deltaganden tas bort efter %(months)d månad.",
        "Åtkomstloggens koppling till deltaganden tas bort efter %(months)d månader.",
        policy.log_months,
    ) % {"months": policy.log_months}
    return f"{data} {kept} {log}"


def persons_due(association: Association, *, cutoff: dt.date) -> QuerySet[Person]:
    """Persons whose every participation exited before ``cutoff``. A person with an
    ongoing participation, or one that exited on or after the cut-off, is kept. A person
    left with no participation at all is due once registered before the cut-off."""
    keeps = Participation.objects.filter(person=OuterRef("pk")).filter(
        Q(exit_date__isnull=True) | Q(exit_date__gte=cutoff)
    )
    has_any = Participation.objects.filter(person=OuterRef("pk"))
    no_participation_and_old = ~Q(Exists(has_any)) & Q(created_at__date__lt=cutoff)
    return (
        Person.objects.filter(association=association)
        .filter(~Q(Exists(keeps)))
        .filter(Q(Exists(has_any)) | no_participation_and_old)
        .order_by("pk")
    )


def log_cutoff(policy: RetentionPolicy, today: dt.date) -> dt.datetime:
    """Log rows written before the start of this day (local time) lose their references."""
    day = months_before(today, policy.log_months)
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def run_retention(
    *, association: Association, today: dt.date | None = None, dry_run: bool = False
) -> RetentionRun:
    """Apply the association's policy as of ``today`` and record the run. A dry run
    changes nothing and records what would have been removed."""
    started_at = timezone.now()
    today = today or timezone.localdate()
    policy = policy_for(association)
    cutoff = months_before(today, policy.months_after_exit)
    before = log_cutoff(policy, today)
    persons = list(persons_due(association, cutoff=cutoff))
    with transaction.atomic():
        if dry_run:
            anonymised = Participation.objects.filter(person__in=persons).count()
            pruned = (
                AccessLogEntry.objects.filter(association=association, at__lt=before)
                .exclude(participation_ids=[])
                .count()
            )
        else:
            anonymised = sum(
                len(remove_identity(user=None, person=person, reason=RETENTION_PURPOSE))
                for person in persons
            )
            pruned = prune_participation_references(association=association, before=before)
            log_access(
                user=None,
                association=association,
                action=AccessAction.RETENTION,
                purpose=RETENTION_PURPOSE,
            )
        return RetentionRun.objects.create(
            association=association,
            started_at=started_at,
            finished_at=timezone.now(),
            persons_removed=len(persons),
            participations_anonymised=anonymised,
            log_entries_pruned=pruned,
            dry_run=dry_run,
        )


def run_retention_for(
    associations: Iterable[Association], *, today: dt.date | None = None, dry_run: bool = False
) -> list[RetentionRun]:
    """Run retention for each association, each inside its own scope."""
    runs: list[RetentionRun] = []
    for association in associations:
        with scope(association=association.pk):
            runs.append(run_retention(association=association, today=today, dry_run=dry_run))
    return runs
