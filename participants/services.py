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
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.models import AccessAction
from audit.services import log_access
from interventions.models import FollowUp, Intervention
from participants import crypto, personnummer
from participants.choices import WORK_REASONS, Gender
from participants.models import (
    OPEN_PARTICIPATION_EXISTS,
    Consent,
    IdentityRecord,
    Participation,
    ParticipationEvent,
    Person,
)
from participants.queries import officer_intervention_ids
from tenancy.models import Association

#: The Swedish texts shared by the pages, the import and the demo (one copy each).
ANONYMOUS_ONLY = gettext_lazy("Ett anonymt deltagande har bara kön och inskrivningsdatum.")
CONSENT_AFTER_ENTRY = gettext_lazy("Samtycke måste finnas senast på inskrivningsdagen.")
GENDER_REQUIRED = gettext_lazy("Ange kön: kvinna, man eller annat.")

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


def log_participation_access(
    user: Any, participation: Participation, action: str, purpose: str
) -> None:
    """The access-log row of one participation read or written (every service that reads or
    writes a participation's personal data writes it)."""
    log_access(
        user=user,
        association=participation.association,
        action=action,
        participation_ids=[participation.pk],
        intervention_ids=[participation.intervention_id],
        purpose=purpose,
    )


def require_officer(user: Any, intervention: Intervention) -> None:
    """Refuse anyone but a deltagaransvarig of the intervention (logged as denied)."""
    if not user.has_perm("participants.change_participation", intervention):
        raise PermissionDenied


def find_person(*, association: Association, number: personnummer.Personnummer) -> Person | None:
    """The association's matching key for this number. For the system only: nothing of it
    may reach an officer beyond what the number itself says (birth date, gender)."""
    return Person.objects.filter(
        association=association, pnr_hash=crypto.lookup_hash(number.canonical)
    ).first()


def _matching_person(*, association: Association, number: personnummer.Personnummer) -> Person:
    """The person with this number, created when new (race-safe through the unique index)."""
    person = find_person(association=association, number=number)
    if person is not None:
        return person
    try:
        with transaction.atomic():
            return Person.objects.create(
                association=association,
                pnr_hash=crypto.lookup_hash(number.canonical),
                birth_date=number.birth_date,
                gender=Gender(number.gender),
            )
    except IntegrityError:
        # Created by a concurrent request that has committed since we looked.
        person = find_person(association=association, number=number)
        if person is None:  # pragma: no cover - the unique index said it exists
            raise
        return person


def identity_for(
    *,
    intervention: Intervention,
    number: personnummer.Personnummer,
    name: str,
    consent_date: dt.date,
    consent_form_version: str,
    user: Any,
) -> IdentityRecord:
    """The person's identity as recorded in ``intervention``, created when the
    intervention has none yet, whatever other interventions hold: registering a person
    known elsewhere behaves exactly as registering a new one, and reads or changes nothing
    recorded in another intervention. A given name replaces the intervention's name; a
    consent of a new date is added to the intervention's consents."""
    association = intervention.association
    person = _matching_person(association=association, number=number)
    record = IdentityRecord.objects.filter(intervention=intervention, person=person).first()
    if record is None:
        try:
            with transaction.atomic():
                record = IdentityRecord.objects.create(
                    association=association,
                    intervention=intervention,
                    person=person,
                    pnr_encrypted=crypto.encrypt(number.canonical),
                    name_encrypted=crypto.encrypt(name) if name else "",
                )
        except IntegrityError:
            record = IdentityRecord.objects.filter(intervention=intervention, person=person).first()
            if record is None:  # pragma: no cover - the unique index said it exists
                raise
    elif name:
        record.name_encrypted = crypto.encrypt(name)
        record.save(update_fields=["name_encrypted"])
    if not record.consents.filter(given_on=consent_date, withdrawn_on__isnull=True).exists():
        Consent.objects.create(
            association=association,
            identity=record,
            given_on=consent_date,
            form_version=consent_form_version or "1",
            recorded_by=user if getattr(user, "is_authenticated", False) else None,
        )
    return record


def check_exit(
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


def check_personal_intervention(intervention: Intervention) -> None:
    if intervention.follow_up != FollowUp.PERSONAL_DATA:
        raise ValidationError(
            _("Insatsen följs upp med antal; deltagare registreras inte en och en.")
        )


def check_entry(
    *,
    consent_date: dt.date | None,
    entry_date: dt.date,
    exit_date: dt.date | None,
    exit_reason: str,
    work_extent: int | None,
) -> None:
    """The checks of a participation with consent: consent given by the entry, and the
    exit's rules (``check_exit``). Raises ValidationError (Swedish, per field)."""
    if consent_date is None or consent_date > entry_date:
        raise ValidationError({"consent_date": str(CONSENT_AFTER_ENTRY)})
    check_exit(
        entry_date=entry_date, exit_date=exit_date, exit_reason=exit_reason, work_extent=work_extent
    )


def check_anonymous(*, gender: str, has_more: bool = False) -> None:
    """An anonymous participation holds a gender and an entry date, nothing more
    (``has_more``: values beyond those were given)."""
    if gender not in Gender.values:
        raise ValidationError({"gender": str(GENDER_REQUIRED)})
    if has_more:
        raise ValidationError(str(ANONYMOUS_ONLY))


def _check_reference_free(association: Association, reference: str) -> None:
    """A participant id (deltagar-id) is unique in the association (also a constraint;
    checked first so that a duplicate is a field error, not another message or a 500)."""
    if (
        reference
        and Participation.objects.filter(association=association, reference=reference).exists()
    ):
        raise ValidationError({"reference": _("Deltagar-id:t används redan i förbundet.")})


def record_event(
    participation: Participation, user: Any, action: str, changes: dict[str, Any]
) -> None:
    ParticipationEvent.objects.create(
        association_id=participation.association_id,
        participation=participation,
        user=user if getattr(user, "is_authenticated", False) else None,
        action=action,
        changes=changes,
    )


def jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def create_participation(
    *, user: Any, values: dict[str, Any], conflict_field: str | None = None
) -> Participation:
    """Create a participation from ``values`` and record its history. A second open
    participation of the person in the intervention is refused (under ``conflict_field``,
    or for the whole row)."""
    try:
        with transaction.atomic():
            participation = Participation.objects.create(**values)
    except IntegrityError:
        message = str(OPEN_PARTICIPATION_EXISTS)
        raise ValidationError(
            message if conflict_field is None else {conflict_field: message}
        ) from None
    record_event(participation, user, ParticipationEvent.Action.CREATED, {})
    return participation


def save_changes(
    participation: Participation, *, user: Any, values: dict[str, Any], changes: dict[str, Any]
) -> None:
    """Write ``values`` to a stored participation and record ``changes`` in its history
    (an exit when it closes an open participation)."""
    was_open = participation.exit_date is None
    for name, value in values.items():
        setattr(participation, name, value)
    try:
        with transaction.atomic():
            participation.save()
    except IntegrityError:
        raise ValidationError(str(OPEN_PARTICIPATION_EXISTS)) from None
    action = (
        ParticipationEvent.Action.EXITED
        if was_open and participation.exit_date is not None
        else ParticipationEvent.Action.UPDATED
    )
    record_event(participation, user, action, changes)


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
    check_personal_intervention(intervention)
    try:
        parsed = personnummer.parse(number)
    except personnummer.InvalidPersonnummer as error:
        raise ValidationError({"personnummer": str(error)}) from None
    check_entry(
        consent_date=consent_date,
        entry_date=entry_date,
        exit_date=exit_date,
        exit_reason=exit_reason,
        work_extent=work_extent,
    )
    association = intervention.association
    _check_reference_free(association, reference)
    identity = identity_for(
        intervention=intervention,
        number=parsed,
        name=name,
        consent_date=consent_date,
        consent_form_version=consent_form_version,
        user=user,
    )
    person = identity.person
    details = details or EntryDetails()
    participation = create_participation(
        user=user,
        values={
            "association": association,
            "intervention": intervention,
            "person": person,
            "identity": identity,
            "reference": reference,
            "gender": person.gender,
            "entry_date": entry_date,
            "exit_date": exit_date,
            "exit_reason": exit_reason,
            "work_extent": work_extent,
            **vars(details),
        },
        conflict_field="personnummer",
    )
    log_participation_access(user, participation, AccessAction.CREATE, purpose)
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
    check_personal_intervention(intervention)
    check_anonymous(gender=gender)
    _check_reference_free(intervention.association, reference)
    participation = Participation.objects.create(
        association=intervention.association,
        intervention=intervention,
        person=None,
        reference=reference,
        gender=gender,
        entry_date=entry_date,
    )
    record_event(participation, user, ParticipationEvent.Action.CREATED, {})
    log_participation_access(user, participation, AccessAction.CREATE, purpose)
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
        raise ValidationError(str(ANONYMOUS_ONLY))
    allowed = set(HISTORY_FIELDS)
    unknown = set(values) - allowed
    if unknown:
        raise ValueError(f"Unknown fields: {sorted(unknown)}")
    merged = {name: values.get(name, getattr(participation, name)) for name in HISTORY_FIELDS}
    check_exit(
        entry_date=merged["entry_date"],
        exit_date=merged["exit_date"],
        exit_reason=merged["exit_reason"],
        work_extent=merged["work_extent"],
    )
    changes = {
        name: [jsonable(getattr(participation, name)), jsonable(merged[name])]
        for name in HISTORY_FIELDS
        if getattr(participation, name) != merged[name]
    }
    if not changes:
        return participation
    save_changes(participation, user=user, values=merged, changes=changes)
    log_participation_access(user, participation, AccessAction.UPDATE, purpose)
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
    participation.identity = None
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
    record_event(participation, user, ParticipationEvent.Action.ANONYMISED, {})


def _anonymise_identities(
    *, user: Any, association: Association, records: list[IdentityRecord], reason: str
) -> list[int]:
    """Make every participation of ``records`` anonymous, delete the records (identity,
    name, consents), and delete a person left without any record. Logged (anonymise)."""
    participations = list(Participation.objects.filter(identity__in=records).order_by("pk"))
    for participation in participations:
        anonymise_participation(participation, user=user)
    person_ids = {record.person_id for record in records}
    IdentityRecord.objects.filter(pk__in=[record.pk for record in records]).delete()
    Person.objects.filter(pk__in=person_ids).exclude(
        Exists(IdentityRecord.objects.filter(person=OuterRef("pk")))
    ).delete()
    ids = [p.pk for p in participations]
    log_access(
        user=user,
        association=association,
        action=AccessAction.ANONYMISE,
        participation_ids=ids,
        intervention_ids={p.intervention_id for p in participations}
        | {record.intervention_id for record in records},
        purpose=reason,
    )
    return ids


@transaction.atomic
def remove_identity(*, user: Any, person: Person, reason: str) -> list[int]:
    """Remove the person's identity from every intervention of the association and delete
    the person: retention (gallring), run by the system, not by an officer. Returns the
    ids of the participations made anonymous."""
    records = list(IdentityRecord.objects.filter(person=person))
    ids = _anonymise_identities(
        user=user, association=person.association, records=records, reason=reason
    )
    # Participations left pointing at the person without a record (none by the
    # constraint) and a person without any record go too.
    Person.objects.filter(pk=person.pk).delete()
    return ids


@transaction.atomic
def remove_identity_in_own_interventions(
    *, user: Any, participation: Participation, reason: str
) -> list[int]:
    """Remove the identity of the participation's person from the interventions where
    ``user`` is deltagaransvarig, and nowhere else: what another intervention recorded is
    neither read nor changed (a withdrawal in every intervention is an office-led
    procedure, see docs/privacy.md). Returns the ids of the participations made
    anonymous."""
    require_officer(user, participation.intervention)
    if participation.person_id is None:
        return []
    records = list(
        IdentityRecord.objects.filter(
            person_id=participation.person_id,
            intervention_id__in=officer_intervention_ids(user, participation.association),
        )
    )
    return _anonymise_identities(
        user=user, association=participation.association, records=records, reason=reason
    )


def withdraw_consent(*, user: Any, participation: Participation) -> list[int]:
    """The person withdrew consent: their participations in the officer's interventions
    become anonymous."""
    return remove_identity_in_own_interventions(
        user=user, participation=participation, reason="Samtycke återkallat"
    )


def mark_protected_identity(*, user: Any, participation: Participation) -> list[int]:
    """The person got protected identity (skyddad identitet): remove the identity from the
    officer's interventions."""
    return remove_identity_in_own_interventions(
        user=user, participation=participation, reason="Skyddad identitet"
    )


#: The purpose logged by the office-led withdrawal in every intervention.
OFFICE_WITHDRAWAL_PURPOSE = "Samtycke återkallat i alla insatser (kansliet)"


@transaction.atomic
def withdraw_consent_everywhere(*, user: Any, association: Association, number: str) -> None:
    """The office-led procedure: the person withdrew consent in every intervention of the
    association. Removes the identity everywhere and logs one row (action anonymise) with
    the participations made anonymous; an unknown number logs a row with none. Returns
    nothing, so the office learns neither whether nor where the person took part.
    Raises InvalidPersonnummer."""
    if not user.has_perm("participants.withdraw_consent_everywhere", association):
        raise PermissionDenied
    parsed = personnummer.parse(number)
    person = find_person(association=association, number=parsed)
    if person is not None:
        remove_identity(user=user, person=person, reason=OFFICE_WITHDRAWAL_PURPOSE)
        return
    log_access(
        user=user,
        association=association,
        action=AccessAction.ANONYMISE,
        purpose=OFFICE_WITHDRAWAL_PURPOSE,
    )


def reveal_personnummer(*, user: Any, participation: Participation) -> str:
    """The full personnummer, for a deltagaransvarig after a fresh second-factor check
    (the view checks freshness); the reveal is logged."""
    require_officer(user, participation.intervention)
    if participation.identity is None:
        raise ValidationError(_("Deltagandet är anonymt."))
    log_participation_access(
        user, participation, AccessAction.REVEAL, "Visa fullständigt personnummer"
    )
    return crypto.decrypt(participation.identity.pnr_encrypted)


def person_name(participation: Participation) -> str:
    """The name recorded in the participation's own intervention ("" for none)."""
    identity = participation.identity
    if identity is None or not identity.name_encrypted:
        return ""
    return crypto.decrypt(identity.name_encrypted)
