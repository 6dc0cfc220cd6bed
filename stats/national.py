"""Counts for the national follow-up (Uppföljning Finsam), per intervention and year.

- Interventions followed up with personal data (``personuppgifter``): participations
  registered (entry date) in the year, by gender, with consent and anonymous together,
  leaving out exit reason ``felregistrering``.
- Count-only interventions (``antal``): the sum of the year's monthly counts by gender. A
  person taking part for several months is counted once per month, so this is a sum of
  monthly counts, not a number of people.

Pure functions over querysets: three queries whatever the number of interventions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum

from interventions.models import FollowUp, Intervention, InterventionQuerySet
from participants.choices import ExitReason, Gender
from participants.models import Participation, VolumeCount
from tenancy.models import Association


@dataclass(frozen=True)
class GenderCounts:
    women: int = 0
    men: int = 0
    other: int = 0

    @property
    def total(self) -> int:
        return self.women + self.men + self.other


@dataclass(frozen=True)
class NationalRow:
    code: str
    name: str
    counts: GenderCounts


@dataclass(frozen=True)
class NationalCounts:
    year: int
    #: Interventions with personal data: participations registered in the year.
    registered: list[NationalRow]
    #: Count-only interventions: the sum of the year's monthly counts.
    monthly_sums: list[NationalRow]


def registered_by_gender(
    participations: QuerySet[Participation], year: int
) -> dict[int, GenderCounts]:
    """Per intervention id: participations registered in ``year`` (felregistrering left
    out), personal and anonymous together. One query."""
    rows = (
        participations.filter(
            entry_date__gte=dt.date(year, 1, 1),
            entry_date__lte=dt.date(year, 12, 31),
            intervention__follow_up=FollowUp.PERSONAL_DATA,
        )
        .exclude(exit_reason=ExitReason.MISTAKE)
        .values("intervention_id")
        .annotate(
            women=Count("id", filter=Q(gender=Gender.WOMAN)),
            men=Count("id", filter=Q(gender=Gender.MAN)),
            other=Count("id", filter=Q(gender=Gender.OTHER)),
        )
        .order_by()
    )
    return {
        row["intervention_id"]: GenderCounts(row["women"], row["men"], row["other"]) for row in rows
    }


def monthly_sums_by_gender(
    volume_counts: QuerySet[VolumeCount], year: int
) -> dict[int, GenderCounts]:
    """Per intervention id: the sum of the year's monthly counts of count-only
    interventions. One query."""
    rows = (
        volume_counts.filter(year=year, intervention__follow_up=FollowUp.COUNTS)
        .values("intervention_id")
        .annotate(women=Sum("women"), men=Sum("men"), other=Sum("other"))
        .order_by()
    )
    return {
        row["intervention_id"]: GenderCounts(row["women"], row["men"], row["other"]) for row in rows
    }


def active_in_year(year: int) -> Q:
    return Q(start_date__lte=dt.date(year, 12, 31)) & (
        Q(end_date__isnull=True) | Q(end_date__gte=dt.date(year, 1, 1))
    )


def national_counts(
    *,
    year: int,
    interventions: InterventionQuerySet,
    participations: QuerySet[Participation],
    volume_counts: QuerySet[VolumeCount],
) -> NationalCounts:
    """Every intervention active in the year (or with figures in it), with its counts;
    zero when nothing was registered."""
    registered = registered_by_gender(participations, year)
    sums = monthly_sums_by_gender(volume_counts, year)
    listed = interventions.filter(
        active_in_year(year) | Q(pk__in=[*registered, *sums])
    ).in_display_order()
    personal: list[NationalRow] = []
    count_only: list[NationalRow] = []
    for intervention in listed:
        if intervention.follow_up == FollowUp.COUNTS:
            counts = sums.get(intervention.pk, GenderCounts())
            count_only.append(NationalRow(intervention.code, intervention.name, counts))
        else:
            counts = registered.get(intervention.pk, GenderCounts())
            personal.append(NationalRow(intervention.code, intervention.name, counts))
    return NationalCounts(year=year, registered=personal, monthly_sums=count_only)


def national_counts_for(association: Association, year: int) -> NationalCounts:
    """The association's national counts for a year (run inside its scope)."""
    return national_counts(
        year=year,
        interventions=Intervention.objects.filter(association=association),
        participations=Participation.objects.filter(association=association),
        volume_counts=VolumeCount.objects.filter(association=association),
    )
