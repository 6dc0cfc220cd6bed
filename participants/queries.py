"""Reads of participant data that depend on the user. Run inside the association scope."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from interventions.models import Intervention
from participants import crypto
from participants.choices import Gender
from participants.models import Participation
from tenancy.models import Association
from tenancy.permissions import intervention_ids, restrict

READ = "participants.view_participation"


def officer_intervention_ids(user: Any, association: Association) -> frozenset[int]:
    """Interventions whose participants this user may read (deltagaransvarig there), from
    the permission table's ``participants.view_participation``."""
    ids = intervention_ids(user, association, READ)
    if ids is None:  # an association-wide role would open every intervention
        return frozenset(Intervention.objects.values_list("pk", flat=True))
    return ids


def participations_for(user: Any, association: Association) -> QuerySet[Participation]:
    """The participations a user may read: those of interventions where they are
    deltagaransvarig. Pages, exports and imports all start here."""
    return restrict(Participation.objects.all(), user, association, READ)


def officer_interventions(user: Any, association: Association) -> QuerySet[Intervention]:
    return Intervention.objects.filter(
        id__in=officer_intervention_ids(user, association)
    ).in_display_order()


@dataclass(frozen=True)
class ParticipationCounts:
    """Counts of one intervention's participations: ongoing now, and entered this year by
    gender. Aggregates only; no person can be read from them."""

    ongoing: int = 0
    women: int = 0
    men: int = 0
    other: int = 0

    @property
    def entered(self) -> int:
        return self.women + self.men + self.other


def participation_counts(*, year: int) -> dict[int, ParticipationCounts]:
    """Counts per intervention id, for every intervention with participations (one query)."""
    entered = Q(entry_date__year=year)
    rows = (
        Participation.objects.order_by()
        .values("intervention_id")
        .annotate(
            ongoing=Count("id", filter=Q(exit_date__isnull=True)),
            women=Count("id", filter=entered & Q(gender=Gender.WOMAN)),
            men=Count("id", filter=entered & Q(gender=Gender.MAN)),
            other=Count("id", filter=entered & Q(gender=Gender.OTHER)),
        )
    )
    return {
        row["intervention_id"]: ParticipationCounts(
            ongoing=row["ongoing"], women=row["women"], men=row["men"], other=row["other"]
        )
        for row in rows
    }


class ListStatus(models.TextChoices):
    ONGOING = "pagaende", _("Pågående")
    EXITED = "avslutade", _("Avslutade")


class PeriodOn(models.TextChoices):
    ENTRY = "inskrivning", _("Inskrivningsdatum")
    EXIT = "utskrivning", _("Utskrivningsdatum")


def filter_participations(
    participations: QuerySet[Participation],
    *,
    status: str = "",
    period_on: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[Participation]:
    """The list page's filters: ongoing or exited, and a period on entry or exit date."""
    if status == ListStatus.ONGOING:
        participations = participations.filter(exit_date__isnull=True)
    elif status == ListStatus.EXITED:
        participations = participations.filter(exit_date__isnull=False)
    field = "exit_date" if period_on == PeriodOn.EXIT else "entry_date"
    if date_from is not None:
        participations = participations.filter(**{f"{field}__gte": date_from})
    if date_to is not None:
        participations = participations.filter(**{f"{field}__lte": date_to})
    return participations


def participations_with_number(
    user: Any, association: Association, *, canonical: str
) -> QuerySet[Participation]:
    """The user's readable participations of the person with this personnummer (canonical,
    12 digits), found through the keyed hash; the number itself is never stored or sent."""
    return (
        participations_for(user, association)
        .filter(person__pnr_hash=crypto.lookup_hash(canonical))
        .select_related("intervention", "person", "identity")
    )
