"""State changes of participant data. Every page, import and job goes through these
functions, which validate, write, keep the history and write the access log in one
transaction.

Personal data rules enforced here: consent before identity is stored, one open
participation per person and intervention (also a database constraint), anonymous rows
minimal, work extent only for work exits, identity removed on withdrawal or protected
identity.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from audit.models import AccessAction
from audit.services import log_access
from interventions.models import FollowUp, Intervention
from participants import crypto, personnummer
from participants.choices import WORK_REASONS, Gender
from participants.models import Consent, Participation, ParticipationEvent, Person
from participants.queries import officer_intervention_ids
from tenancy.models import Association

#: Fields of a participation a deltagaransvarig fills in beyond entry and exit.
DETAIL_FIELDS = (
    "education",
    "income_before",
    "public_support_time",
    "referrer",
    "action_plan_date",
    "income_after",
)
#: Fields recorded in the history (all closed-list values or dates; no identity).
HISTORY_FIELDS = (
    "entry_date",
    "exit_date",
    "exit_reason",
    "work_extent",
    *DETAIL_FIELDS,
)


@dataclass
class EntryDetails:
    """The closed-list variables of an entry (importmall `Deltagare`)."""

    education: str = ""
    income_before: list[str] = field(default_factory=list)
    public_support_time: str = ""
    referrer: str = ""
    action_plan_date: dt.date | None = None
    income_after: list[str] = field(default_factory=list)


def require_officer(user: Any, intervention: Intervention) -> None:
    """Refuse anyone but a deltagaransvarig of the intervention (logged as denied)."""
    if intervention.pk not in officer_intervention_ids(user, intervention.association):
        raise PermissionDenied


def find_person(*, association: Association, number: personnummer.Personnummer) -> Person | None:
    return Person.objects.filter(
        association=association, pnr_hash=crypto.lookup_hash(number.canonical)
    ).first()


def _person_for(
    *,
    association: Association,
    number: personnummer.Personnummer,
    name: str,
    consent_date: dt.date,
    consent_form_version: str,
    user: Any,
) -> Person:
    person = find_person(association=association, number=number)
    if person is None:
        try:
            with transaction.atomic():
                person = Person.objects.create(
                    association=association,
                    pnr_hash=crypto.lookup_hash(number.canonical),
                    pnr_encrypted=crypto.encrypt(number.canonical),
                    name_encrypted=crypto.encrypt(name) if name else "",
                    birth_date=number.birth_date,
                    gender=Gender(number.gender),
                )
        except IntegrityError:
            # Created by a concurrent request that has committed since we looked.
            person = find_person(association=association, number=number)
            if person is None:  # pragma: no cover - the unique index said it exists
                raise
    elif name:
        person.name_encrypted = crypto.encrypt(name)
        person.save(update_fields=["name_encrypted"])
    if not person.consents.filter(given_on=consent_date, withdrawn_on__isnull=True).exists():
        Consent.objects.create(
            association=association,
            person=person,
            given_on=consent_date,
            form_version=consent_form_version or "1",
            recorded_by=user if getattr(user, "is_authenticated", False) else None,
        )
    return person


def _check_exit(
    *, entry_date: dt.date, exit_date: dt.date | None, exit_reason: str, work_extent: int | None
) -> None:
    errors: dict[str, str] = {}
    if exit_date is None:
        if exit_reason:
            errors["exit_reason"] = _("Avslutsanledning anges bara när deltagaren skrivs ut.")
    else:
        if exit_date < entry_date:
            errors["exit_date"] = _("Utskrivningsdatum kan inte vara före inskrivningsdatum.")
        if not exit_reason:
            errors["exit_reason"] = _("Ange avslutsanledning.")
    if exit_reason in WORK_REASONS and work_extent is None:
        errors["work_extent"] = _("Ange arbetsgrad (1–100 %) när deltagaren går till arbete.")
    if exit_reason not in WORK_REASONS and work_extent is not None:
        errors["work_extent"] = _("Arbetsgrad anges bara när deltagaren går till arbete.")
    if work_extent is not None and not 1 <= work_extent <= 100:
        errors["work_extent"] = _("Arbetsgrad är en hel procentsats 1–100.")
    if errors:
        raise ValidationError(errors)


def _check_personal_intervention(intervention: Intervention) -> None:
    if intervention.follow_up != FollowUp.PERSONAL_DATA:
        raise ValidationError(
            _("Insatsen följs upp med antal; deltagare registreras inte en och en.")
        )


def _check_reference_free(association: Association, reference: str) -> None:
    """A participant id (deltagar-id) is unique in the association (also a constraint;
    checked first so that a duplicate is a field error, not another message or a 500)."""
    if (
        reference
        and Participation.objects.filter(association=association, reference=reference).exists()
    ):
        raise ValidationError({"reference": _("Deltagar-id:t används redan i förbundet.")})


def _record(participation: Participation, user: Any, action: str, changes: dict[str, Any]) -> None:
    ParticipationEvent.objects.create(
        association_id=participation.association_id,
        participation=participation,
        user=user if getattr(user, "is_authenticated", False) else None,
        action=action,
        changes=changes,
    )


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


@transaction.atomic
def register_entry(
    *,
    user: Any,
    intervention: Intervention,
    number: str,
    consent_date: dt.date,
    entry_date: dt.date,
    name: str = "",
    consent_form_version: str = "1",
    reference: str = "",
    details: EntryDetails | None = None,
    exit_date: dt.date | None = None,
    exit_reason: str = "",
    work_extent: int | None = None,
    purpose: str = "Registrering av deltagare",
    check_access: bool = True,
) -> Participation:
    """Register a participation with consent. Raises ValidationError (Swedish, per field)."""
    if check_access:
        require_officer(user, intervention)
    _check_personal_intervention(intervention)
    try:
        parsed = personnummer.parse(number)
    except personnummer.InvalidPersonnummer as error:
        raise ValidationError({"personnummer": str(error)}) from None
    if consent_date > entry_date:
        raise ValidationError(
            {"consent_date": _("Samtycke måste finnas senast på inskrivningsdagen.")}
        )
    _check_exit(
        entry_date=entry_date, exit_date=exit_date, exit_reason=exit_reason, work_extent=work_extent
    )
    association = intervention.association
    _check_reference_free(association, reference)
    person = _person_for(
        association=association,
        number=parsed,
        name=name,
        consent_date=consent_date,
        consent_form_version=consent_form_version,
        user=user,
    )
    details = details or EntryDetails()
    try:
        with transaction.atomic():
            participation = Participation.objects.create(
                association=association,
                intervention=intervention,
                person=person,
                reference=reference,
                gender=person.gender,
                entry_date=entry_date,
                exit_date=exit_date,
                exit_reason=exit_reason,
                work_extent=work_extent,
                **vars(details),
            )
    except IntegrityError:
        raise ValidationError(
            {"personnummer": _("Personen har redan ett pågående deltagande i insatsen.")}
        ) from None
    _record(participation, user, ParticipationEvent.Action.CREATED, {})
    log_access(
        user=user,
        association=association,
        action=AccessAction.CREATE,
        participation_ids=[participation.pk],
        intervention_ids=[intervention.pk],
        purpose=purpose,
    )
    return participation


@transaction.atomic
def register_anonymous(
    *,
    user: Any,
    intervention: Intervention,
    gender: str,
    entry_date: dt.date,
    reference: str = "",
    purpose: str = "Registrering av anonym deltagare",
    check_access: bool = True,
) -> Participation:
    if check_access:
        require_officer(user, intervention)
    _check_personal_intervention(intervention)
    if gender not in Gender.values:
        raise ValidationError({"gender": _("Ange kön: kvinna, man eller annat.")})
    _check_reference_free(intervention.association, reference)
    participation = Participation.objects.create(
        association=intervention.association,
        intervention=intervention,
        person=None,
        reference=reference,
        gender=gender,
        entry_date=entry_date,
    )
    _record(participation, user, ParticipationEvent.Action.CREATED, {})
    log_access(
        user=user,
        association=intervention.association,
        action=AccessAction.CREATE,
        participation_ids=[participation.pk],
        intervention_ids=[intervention.pk],
        purpose=purpose,
    )
    return participation


@transaction.atomic
def update_participation(
    *,
    user: Any,
    participation: Participation,
    values: dict[str, Any],
    purpose: str = "Ändring av deltagande",
    check_access: bool = True,
) -> Participation:
    """Change entry/exit and the closed-list variables of a participation with consent."""
    if check_access:
        require_officer(user, participation.intervention)
    if participation.is_anonymous:
        raise ValidationError(_("Ett anonymt deltagande har bara kön och inskrivningsdatum."))
    allowed = set(HISTORY_FIELDS)
    unknown = set(values) - allowed
    if unknown:
        raise ValueError(f"Unknown fields: {sorted(unknown)}")
    merged = {name: values.get(name, getattr(participation, name)) for name in HISTORY_FIELDS}
    _check_exit(
        entry_date=merged["entry_date"],
        exit_date=merged["exit_date"],
        exit_reason=merged["exit_reason"],
        work_extent=merged["work_extent"],
    )
    changes = {
        name: [_jsonable(getattr(participation, name)), _jsonable(merged[name])]
        for name in HISTORY_FIELDS
        if getattr(participation, name) != merged[name]
    }
    if not changes:
        return participation
    was_open = participation.exit_date is None
    for name, value in merged.items():
        setattr(participation, name, value)
    try:
        with transaction.atomic():
            participation.save()
    except IntegrityError:
        raise ValidationError(_("Personen har redan ett pågående deltagande i insatsen.")) from None
    action = (
        ParticipationEvent.Action.EXITED
        if was_open and participation.exit_date is not None
        else ParticipationEvent.Action.UPDATED
    )
    _record(participation, user, action, changes)
    log_access(
        user=user,
        association=participation.association,
        action=AccessAction.UPDATE,
        participation_ids=[participation.pk],
        intervention_ids=[participation.intervention_id],
        purpose=purpose,
    )
    return participation


def register_exit(
    *,
    user: Any,
    participation: Participation,
    exit_date: dt.date,
    exit_reason: str,
    work_extent: int | None = None,
    income_after: list[str] | None = None,
) -> Participation:
    values: dict[str, Any] = {
        "exit_date": exit_date,
        "exit_reason": exit_reason,
        "work_extent": work_extent,
    }
    if income_after is not None:
        values["income_after"] = income_after
    return update_participation(
        user=user, participation=participation, values=values, purpose="Utskrivning"
    )


def anonymise_participation(participation: Participation, *, user: Any) -> None:
    """Keep gender and entry date; remove everything else, the history included."""
    participation.events.all().delete()
    participation.person = None
    participation.reference = ""
    participation.exit_date = None
    participation.exit_reason = ""
    participation.work_extent = None
    participation.education = ""
    participation.income_before = []
    participation.public_support_time = ""
    participation.referrer = ""
    participation.action_plan_date = None
    participation.income_after = []
    participation.save()
    _record(participation, user, ParticipationEvent.Action.ANONYMISED, {})


@transaction.atomic
def remove_identity(*, user: Any, person: Person, reason: str) -> list[int]:
    """Turn all of a person's participations into anonymous ones and delete the person
    (identity, name, consents). Used on consent withdrawal, protected identity and
    retention. Returns the ids of the participations made anonymous."""
    participations = list(Participation.objects.filter(person=person))
    for participation in participations:
        anonymise_participation(participation, user=user)
    ids = [p.pk for p in participations]
    person.delete()
    log_access(
        user=user,
        association=person.association,
        action=AccessAction.ANONYMISE,
        participation_ids=ids,
        intervention_ids={p.intervention_id for p in participations},
        purpose=reason,
    )
    return ids


def withdraw_consent(*, user: Any, participation: Participation) -> list[int]:
    """The person withdrew consent: every participation of theirs becomes anonymous."""
    require_officer(user, participation.intervention)
    if participation.person is None:
        return []
    return remove_identity(user=user, person=participation.person, reason="Samtycke återkallat")


def mark_protected_identity(*, user: Any, participation: Participation) -> list[int]:
    """The person got protected identity (skyddad identitet): remove the identity."""
    require_officer(user, participation.intervention)
    if participation.person is None:
        return []
    return remove_identity(user=user, person=participation.person, reason="Skyddad identitet")


def reveal_personnummer(*, user: Any, participation: Participation) -> str:
    """The full personnummer, for a deltagaransvarig after a fresh second-factor check
    (the view checks freshness); the reveal is logged."""
    require_officer(user, participation.intervention)
    if participation.person is None:
        raise ValidationError(_("Deltagandet är anonymt."))
    log_access(
        user=user,
        association=participation.association,
        action=AccessAction.REVEAL,
        participation_ids=[participation.pk],
        intervention_ids=[participation.intervention_id],
        purpose="Visa fullständigt personnummer",
    )
    return crypto.decrypt(participation.person.pnr_encrypted)


def person_name(person: Person | None) -> str:
    if person is None or not person.name_encrypted:
        return ""
    return crypto.decrypt(person.name_encrypted)


# --- The importmall: `Deltagare`, `Volym` and `Aktiviteter` (imports.workbook) ----------
# Appended as one section, with its own imports, so that concurrent work on the rest of the
# module does not collide; the imports can move to the top of the module later.
from audit.models import AccessLogEntry, Outcome  # noqa: E402 - appended section, see above
from interventions.services import SaveOutcome  # noqa: E402 - appended section, see above
from participants.models import Activity, VolumeCount  # noqa: E402 - appended section
from participants.queries import participations_for  # noqa: E402 - appended section

#: The role of the access-log rows written by the host's administrator's commands.
SYSTEM_ROLE = "system"
IMPORT_PURPOSE = "Import från fil"
EXPORT_PURPOSE = "Export till fil"


def log_access_as(
    *,
    user: Any,
    association: Association,
    action: AccessAction | str,
    participation_ids: list[int] | set[int],
    intervention_ids: list[int] | set[int],
    purpose: str,
) -> AccessLogEntry:
    """``log_access``; for the host's administrator running a command (``user`` None) the
    row carries the role "system" instead of the user's roles."""
    if user is not None:
        return log_access(
            user=user,
            association=association,
            action=action,
            participation_ids=participation_ids,
            intervention_ids=intervention_ids,
            purpose=purpose,
        )
    return AccessLogEntry.objects.create(
        association=association,
        user=None,
        role=SYSTEM_ROLE,
        action=action,
        participation_ids=sorted({int(i) for i in participation_ids}),
        intervention_ids=sorted({int(i) for i in intervention_ids}),
        purpose=purpose[:200],
        outcome=Outcome.OK,
    )


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
    _check_personal_intervention(record.intervention)
    if record.number is None:
        if record.gender not in Gender.values:
            raise ValidationError({"gender": _("Ange kön: kvinna, man eller annat.")})
        if (
            record.consent_date is not None
            or record.exit_date is not None
            or record.exit_reason
            or record.work_extent is not None
            or record.details != EntryDetails()
        ):
            raise ValidationError(_("Ett anonymt deltagande har bara kön och inskrivningsdatum."))
        return
    if record.consent_date is None or record.consent_date > record.entry_date:
        raise ValidationError(
            {"consent_date": _("Samtycke måste finnas senast på inskrivningsdagen.")}
        )
    _check_exit(
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
    if number is not None and record.consent_date is not None:
        person = _person_for(
            association=association,
            number=number,
            name="",
            consent_date=record.consent_date,
            consent_form_version="1",
            user=user,
        )
    values: dict[str, Any] = {
        "intervention_id": record.intervention.pk,
        "person_id": None if person is None else person.pk,
        "gender": record.gender if person is None else person.gender,
        "entry_date": record.entry_date,
        "exit_date": record.exit_date,
        "exit_reason": record.exit_reason,
        "work_extent": record.work_extent,
        **vars(record.details),
    }
    if stored is None:
        try:
            with transaction.atomic():
                participation = Participation.objects.create(
                    association=association, reference=record.reference, **values
                )
        except IntegrityError:
            raise ValidationError(
                _("Personen har redan ett pågående deltagande i insatsen.")
            ) from None
        used.add(participation.pk)
        _record(participation, user, ParticipationEvent.Action.CREATED, {})
        return participation, "created", None
    used.add(stored.pk)
    previous_intervention = stored.intervention_id
    changes: dict[str, Any] = {}
    for name, value in values.items():
        old = getattr(stored, name)
        if old == value:
            continue
        if name == "person_id":
            changes["person"] = [
                _identity_label(old),
                _identity_label(value, other=old is not None),
            ]
        else:
            changes[name.removesuffix("_id")] = [_jsonable(old), _jsonable(value)]
    if not changes:
        return stored, "unchanged", previous_intervention
    was_open = stored.exit_date is None
    for name, value in values.items():
        setattr(stored, name, value)
    try:
        with transaction.atomic():
            stored.save()
    except IntegrityError:
        raise ValidationError(_("Personen har redan ett pågående deltagande i insatsen.")) from None
    action = (
        ParticipationEvent.Action.EXITED
        if was_open and stored.exit_date is not None
        else ParticipationEvent.Action.UPDATED
    )
    _record(stored, user, action, changes)
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
        log_access_as(
            user=user,
            association=association,
            action=AccessAction.IMPORT,
            participation_ids=participation_ids,
            intervention_ids=intervention_ids,
            purpose=purpose,
        )
    return [outcomes[index] for index in range(len(records))]


def _consent_date_for(person: Person, entry_date: dt.date) -> dt.date | None:
    """The latest consent given on or before the entry (the importmall's samtycke_datum)."""
    consents = list(person.consents.all())
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
        participations.select_related("intervention", "person")
        .prefetch_related("person__consents")
        .order_by("intervention__code", "entry_date", "reference", "pk")
    )
    records = [
        ParticipationRecord(
            intervention=participation.intervention,
            entry_date=participation.entry_date,
            gender=participation.gender,
            number=None
            if participation.person is None
            else personnummer.Personnummer(crypto.decrypt(participation.person.pnr_encrypted)),
            consent_date=None
            if participation.person is None
            else _consent_date_for(participation.person, participation.entry_date),
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
    log_access_as(
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
