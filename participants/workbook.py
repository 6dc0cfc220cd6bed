"""Participant data in the import workbook (importmall sheets `Deltagare`, `Volym` and
`Aktiviteter`): upserts by natural key and the export, through the same rules, history and
access log as the pages (``participants.services``). A command run by the host's
administrator has no user; its log rows carry the role "system".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.models import AccessAction
from audit.services import log_access
from interventions.models import FollowUp, Intervention
from interventions.services import SaveOutcome
from participants import crypto, personnummer
from participants.models import (
    Activity,
    IdentityRecord,
    Participation,
    Person,
    VolumeCount,
)
from participants.queries import officer_intervention_ids, participations_for
from participants.services import (
    EntryDetails,
    check_anonymous,
    check_entry,
    check_personal_intervention,
    create_participation,
    find_person,
    identity_for,
    jsonable,
    save_changes,
)
from tenancy.models import Association

IMPORT_PURPOSE = "Import från fil"
EXPORT_PURPOSE = "Export till fil"


@dataclass(frozen=True)
class ParticipationRecord:
    """One participation as a row of the importmall's `Deltagare` sheet carries it.
    ``number`` None is an anonymous participation (gender and entry date only)."""

    intervention: Intervention
    entry_date: dt.date
    gender: str
    number: personnummer.Personnummer | None = None
    consent_date: dt.date | None = None
    reference: str = ""
    exit_date: dt.date | None = None
    exit_reason: str = ""
    work_extent: int | None = None
    details: EntryDetails = field(default_factory=EntryDetails)

    @property
    def is_anonymous(self) -> bool:
        return self.number is None


def _check_record(record: ParticipationRecord) -> None:
    check_personal_intervention(record.intervention)
    if record.number is None:
        check_anonymous(
            gender=record.gender,
            has_more=(
                record.consent_date is not None
                or record.exit_date is not None
                or bool(record.exit_reason)
                or record.work_extent is not None
                or record.details != EntryDetails()
            ),
        )
        return
    check_entry(
        consent_date=record.consent_date,
        entry_date=record.entry_date,
        exit_date=record.exit_date,
        exit_reason=record.exit_reason,
        work_extent=record.work_extent,
    )


def _stored_for_import(
    *,
    association: Association,
    record: ParticipationRecord,
    person: Person | None,
    used: set[int],
) -> Participation | None:
    """The stored participation a record replaces: the one with its deltagar_id; without
    one, an unreferenced participation of the same person (anonymous: of the same gender),
    intervention and entry date that no earlier record of the import has taken."""
    if record.reference:
        stored = Participation.objects.filter(
            association=association, reference=record.reference
        ).first()
        if stored is not None and stored.pk in used:
            raise ValidationError(_("Deltagar-id:t förekommer två gånger."))
        return stored
    if record.number is not None and person is None:
        return None
    candidates = Participation.objects.filter(
        association=association,
        intervention=record.intervention,
        person=person,
        reference="",
        entry_date=record.entry_date,
    ).exclude(pk__in=used)
    if person is None:
        candidates = candidates.filter(gender=record.gender)
    return candidates.order_by("pk").first()


def _identity_label(person_id: int | None, *, other: bool = False) -> str:
    if person_id is None:
        return "anonym"
    return "annan person" if other else "person"


def _import_one(
    *, user: Any, association: Association, record: ParticipationRecord, used: set[int]
) -> tuple[Participation, SaveOutcome, int | None]:
    """Write one record; returns the participation, the outcome and the intervention the
    stored participation belonged to before (``None`` when created)."""
    _check_record(record)
    number = record.number
    person = None if number is None else find_person(association=association, number=number)
    stored = _stored_for_import(association=association, record=record, person=person, used=used)
    if user is not None:
        allowed = officer_intervention_ids(user, association)
        touched = {record.intervention.pk} | ({stored.intervention_id} if stored else set())
        if not touched <= allowed:
            raise PermissionDenied
    identity = None
    if number is not None and record.consent_date is not None:
        identity = identity_for(
            intervention=record.intervention,
            number=number,
            name="",
            consent_date=record.consent_date,
            consent_form_version="1",
            user=user,
        )
        person = identity.person
    values: dict[str, Any] = {
        "intervention_id": record.intervention.pk,
        "person_id": None if person is None else person.pk,
        "identity_id": None if identity is None else identity.pk,
        "gender": record.gender if person is None else person.gender,
        "entry_date": record.entry_date,
        "exit_date": record.exit_date,
        "exit_reason": record.exit_reason,
        "work_extent": record.work_extent,
        **vars(record.details),
    }
    if stored is None:
        participation = create_participation(
            user=user,
            values={"association": association, "reference": record.reference, **values},
        )
        used.add(participation.pk)
        return participation, "created", None
    used.add(stored.pk)
    previous_intervention = stored.intervention_id
    changes: dict[str, Any] = {}
    for name, value in values.items():
        old = getattr(stored, name)
        if old == value or name == "identity_id":
            continue
        if name == "person_id":
            changes["person"] = [
                _identity_label(old),
                _identity_label(value, other=old is not None),
            ]
        else:
            changes[name.removesuffix("_id")] = [jsonable(old), jsonable(value)]
    if not changes:
        return stored, "unchanged", previous_intervention
    save_changes(stored, user=user, values=values, changes=changes)
    return stored, "updated", previous_intervention


@transaction.atomic
def import_participations(
    *,
    user: Any,
    association: Association,
    records: list[ParticipationRecord],
    purpose: str = IMPORT_PURPOSE,
) -> list[SaveOutcome]:
    """Create or replace participations by the importmall's natural key (deltagar_id, else
    personnummer + insats + inskrivningsdatum through the keyed hash; anonymous rows
    without deltagar_id are matched one to one on insats, kön and inskrivningsdatum).

    An unchanged participation is not written and gets no history. ``user`` must be a
    deltagaransvarig of every intervention touched; ``None`` is the host's administrator
    running the import command. One access-log row (action import) lists every
    participation of the import. Returns the outcome of each record, in order."""
    used: set[int] = set()
    outcomes: dict[int, SaveOutcome] = {}
    participation_ids: set[int] = set()
    intervention_ids: set[int] = set()
    # Records that end closed go first, so that an exit frees the place of a new open entry.
    order = sorted(range(len(records)), key=lambda index: records[index].exit_date is None)
    for index in order:
        participation, outcome, previous = _import_one(
            user=user, association=association, record=records[index], used=used
        )
        outcomes[index] = outcome
        participation_ids.add(participation.pk)
        intervention_ids.add(participation.intervention_id)
        if previous is not None:
            intervention_ids.add(previous)
    if records:
        log_access(
            user=user,
            association=association,
            action=AccessAction.IMPORT,
            participation_ids=participation_ids,
            intervention_ids=intervention_ids,
            purpose=purpose,
        )
    return [outcomes[index] for index in range(len(records))]


def _consent_date_for(identity: IdentityRecord, entry_date: dt.date) -> dt.date | None:
    """The latest consent given on or before the entry (the importmall's samtycke_datum),
    among those recorded in the participation's own intervention."""
    consents = list(identity.consents.all())
    active = [c.given_on for c in consents if c.withdrawn_on is None] or [
        c.given_on for c in consents
    ]
    before = [given_on for given_on in active if given_on <= entry_date]
    if before:
        return max(before)
    return min(active) if active else None


def export_participations(
    *, user: Any, association: Association, purpose: str = EXPORT_PURPOSE
) -> list[ParticipationRecord]:
    """The participations ``user`` may read (all of them for ``None``, the host's
    administrator running the export command with personal data), as importmall records,
    personnummer decrypted. The export is logged (action export) with every id."""
    participations = (
        Participation.objects.filter(association=association)
        if user is None
        else participations_for(user, association)
    )
    rows = list(
        participations.select_related("intervention", "identity")
        .prefetch_related("identity__consents")
        .order_by("intervention__code", "entry_date", "reference", "pk")
    )
    records = [
        ParticipationRecord(
            intervention=participation.intervention,
            entry_date=participation.entry_date,
            gender=participation.gender,
            number=None
            if participation.identity is None
            else personnummer.Personnummer(crypto.decrypt(participation.identity.pnr_encrypted)),
            consent_date=None
            if participation.identity is None
            else _consent_date_for(participation.identity, participation.entry_date),
            reference=participation.reference,
            exit_date=participation.exit_date,
            exit_reason=participation.exit_reason,
            work_extent=participation.work_extent,
            details=EntryDetails(
                education=participation.education,
                income_before=list(participation.income_before),
                public_support_time=participation.public_support_time,
                referrer=participation.referrer,
                action_plan_date=participation.action_plan_date,
                income_after=list(participation.income_after),
            ),
        )
        for participation in rows
    ]
    log_access(
        user=user,
        association=association,
        action=AccessAction.EXPORT,
        participation_ids=[participation.pk for participation in rows],
        intervention_ids=[participation.intervention_id for participation in rows],
        purpose=purpose,
    )
    return records


def save_volume_count(
    *, intervention: Intervention, year: int, month: int, women: int, men: int, other: int
) -> tuple[VolumeCount, SaveOutcome]:
    """Create or replace the count of a count-only intervention for one month."""
    if intervention.follow_up != FollowUp.COUNTS:
        raise ValidationError(
            _("Insatsen följs upp med personuppgifter; antal per månad registreras inte.")
        )
    if not 1 <= month <= 12:
        raise ValidationError({"month": _("Ange en månad 1–12.")})
    values = {"women": women, "men": men, "other": other}
    count = VolumeCount.objects.filter(intervention=intervention, year=year, month=month).first()
    if count is None:
        count = VolumeCount.objects.create(
            association_id=intervention.association_id,
            intervention=intervention,
            year=year,
            month=month,
            **values,
        )
        return count, "created"
    if all(getattr(count, name) == value for name, value in values.items()):
        return count, "unchanged"
    for name, value in values.items():
        setattr(count, name, value)
    count.save()
    return count, "updated"


def save_activity(
    *,
    association: Association,
    date: dt.date,
    title: str,
    kind: str,
    intervention: Intervention | None,
    women: int,
    men: int,
    other: int,
    organisations: list[str],
) -> tuple[Activity, SaveOutcome]:
    """Create or replace the activity with this date and title."""
    if intervention is not None and intervention.association_id != association.pk:
        raise ValidationError(_("Insatsen hör till ett annat förbund."))
    values: dict[str, Any] = {
        "kind": kind,
        "intervention_id": None if intervention is None else intervention.pk,
        "women": women,
        "men": men,
        "other": other,
        "organisations": list(organisations),
    }
    activity = Activity.objects.filter(association=association, date=date, title=title).first()
    if activity is None:
        activity = Activity.objects.create(
            association=association, date=date, title=title, **values
        )
        return activity, "created"
    if all(getattr(activity, name) == value for name, value in values.items()):
        return activity, "unchanged"
    for name, value in values.items():
        setattr(activity, name, value)
    activity.save()
    return activity, "updated"
