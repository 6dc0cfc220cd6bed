"""Services and reads of the progression measurement (spec/survey.md section 4). An
assessment is personal data: only the deltagaransvarig of the participation's
intervention reads or writes it, and every read and write is in the access log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from audit.models import AccessAction
from audit.services import log_access
from participants.models import Participation
from participants.queries import officer_intervention_ids
from participants.services import log_participation_access
from survey.progression_models import (
    Assessment,
    AssessmentValue,
    ProgressionInstrument,
    ProgressionItem,
)
from tenancy.models import Association

#: An ongoing participation is due for an assessment after this many days.
DUE_AFTER_DAYS = 91


def _require_officer(user: Any, participation: Participation) -> None:
    if participation.intervention_id not in officer_intervention_ids(
        user, participation.association
    ):
        raise PermissionDenied


@transaction.atomic
def define_instrument(
    *,
    association: Association,
    name: str,
    rater: str,
    items: Sequence[tuple[str, int, int]],
) -> ProgressionInstrument:
    """A new instrument, or the next version of one with the same name and rater."""
    if not name.strip() or not items:
        raise ValidationError(_("Ange namn och minst en del."))
    for _text, low, high in items:
        if high <= low:
            raise ValidationError(_("Skalans högsta värde måste vara större än det lägsta."))
    latest = ProgressionInstrument.objects.filter(
        association=association, name=name.strip(), rater=rater
    ).aggregate(version=Max("version"))["version"]
    instrument = ProgressionInstrument.objects.create(
        association=association, name=name.strip(), rater=rater, version=(latest or 0) + 1
    )
    ProgressionItem.objects.bulk_create(
        ProgressionItem(
            association=association,
            instrument=instrument,
            number=number,
            text=text,
            scale_min=low,
            scale_max=high,
        )
        for number, (text, low, high) in enumerate(items, start=1)
    )
    return instrument


@transaction.atomic
def change_items(
    *, instrument: ProgressionInstrument, items: Sequence[tuple[str, int, int]]
) -> ProgressionInstrument:
    """Change an instrument that is not in use; one in use gets a new version instead."""
    if instrument.assessments.exists():
        raise ValidationError(_("Instrumentet används redan; skapa en ny version i stället."))
    instrument.items.all().delete()
    for number, (text, low, high) in enumerate(items, start=1):
        if high <= low:
            raise ValidationError(_("Skalans högsta värde måste vara större än det lägsta."))
        ProgressionItem.objects.create(
            association=instrument.association,
            instrument=instrument,
            number=number,
            text=text,
            scale_min=low,
            scale_max=high,
        )
    return instrument


@transaction.atomic
def record_assessment(
    *,
    user: Any,
    participation: Participation,
    instrument: ProgressionInstrument,
    date: dt.date,
    values: Mapping[int, int],
) -> Assessment:
    """Store an assessment (every item rated within its scale); logged."""
    _require_officer(user, participation)
    if participation.person_id is None:
        raise ValidationError(_("Ett anonymt deltagande har inga progressionsbedömningar."))
    if instrument.association_id != participation.association_id:
        raise ValidationError(_("Instrumentet hör inte till förbundet."))
    items = list(instrument.items.all())
    if set(values) != {item.number for item in items}:
        raise ValidationError(_("Bedöm varje del av instrumentet."))
    for item in items:
        if not item.scale_min <= values[item.number] <= item.scale_max:
            raise ValidationError(
                _("Del %(number)s: ange ett värde från %(low)s till %(high)s.")
                % {"number": item.number, "low": item.scale_min, "high": item.scale_max}
            )
    if Assessment.objects.filter(
        participation=participation, instrument=instrument, date=date
    ).exists():
        raise ValidationError(_("Det finns redan en bedömning med instrumentet den dagen."))
    assessment = Assessment.objects.create(
        association=participation.association,
        participation=participation,
        instrument=instrument,
        date=date,
    )
    AssessmentValue.objects.bulk_create(
        AssessmentValue(
            association=participation.association,
            assessment=assessment,
            item=item,
            value=values[item.number],
        )
        for item in items
    )
    log_participation_access(user, participation, AccessAction.CREATE, "Progressionsbedömning")
    return assessment


def assessments_for(user: Any, participation: Participation) -> list[Assessment]:
    """The participation's assessments with their values, oldest first; the read is
    logged."""
    _require_officer(user, participation)
    assessments = list(
        Assessment.objects.filter(participation=participation)
        .select_related("instrument")
        .prefetch_related("values__item")
        .order_by("date", "pk")
    )
    log_participation_access(user, participation, AccessAction.READ, "Visa progressionsbedömningar")
    return assessments


def due_for_assessment(user: Any, association: Association, today: dt.date) -> list[Participation]:
    """Ongoing participations with a person in the user's interventions whose latest
    assessment (or entry, when there is none) is more than three months old; logged."""
    ids = officer_intervention_ids(user, association)
    if not ids:
        return []
    limit = today - dt.timedelta(days=DUE_AFTER_DAYS)
    latest = dict(
        Assessment.objects.filter(participation__intervention_id__in=ids)
        .values("participation_id")
        .annotate(last=Max("date"))
        .values_list("participation_id", "last")
    )
    ongoing = Participation.objects.filter(
        intervention_id__in=ids, exit_date__isnull=True, person__isnull=False
    ).order_by("entry_date", "pk")
    due = [p for p in ongoing if latest.get(p.pk, p.entry_date) < limit]
    if due:
        log_access(
            user=user,
            association=association,
            action=AccessAction.LIST,
            participation_ids=[p.pk for p in due],
            intervention_ids=sorted({p.intervention_id for p in due}),
            purpose="Påminnelse om progressionsbedömning",
        )
    return due
