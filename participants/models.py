"""Persons, consent, participations (with consent or anonymous), monthly counts of
count-only interventions and activities with attendance.

Identity (personnummer, name) is stored only encrypted, with a keyed hash for look-up;
see ``participants.crypto``. Only the services in ``participants.services`` write here.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from interventions.models import Intervention
from participants.choices import (
    WORK_REASONS,
    ActivityType,
    Education,
    ExitReason,
    Gender,
    PublicSupportTime,
    Referrer,
)
from tenancy.models import Association, user_reference


class Person(models.Model):
    """The association's matching key for one person: the keyed hash of the personnummer
    and what the personnummer itself says (birth date, gender), for statistics that count
    distinct persons and ages. Holds nothing an officer types and nothing shown beyond what
    the officer's own number says: the identity an officer sees and changes (encrypted
    personnummer, name, consent, protected identity) is an ``IdentityRecord`` per
    intervention, so an officer of intervention A never reads or changes what intervention
    B recorded (docs/privacy.md)."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    pnr_hash = models.CharField(max_length=64, editable=False)
    birth_date = models.DateField(_("födelsedatum"))
    gender = models.CharField(_("kön"), max_length=10, choices=Gender.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(association="association")

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("personer")
        constraints = [
            models.UniqueConstraint(fields=["association", "pnr_hash"], name="unique_person"),
        ]

    def __str__(self) -> str:
        return f"{self.birth_date:%Y%m%d}-****"

    @property
    def masked_personnummer(self) -> str:
        return f"{self.birth_date:%Y%m%d}-****"


class IdentityRecord(models.Model):
    """A person's identity as recorded in one intervention: the encrypted personnummer,
    the name the intervention's officer typed, the protected-identity flag, and (through
    ``consents``) the consents given there. Never shown in full except after a fresh
    second-factor check (logged); read and changed only from the intervention's own
    participations."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    intervention = models.ForeignKey(
        Intervention, on_delete=models.CASCADE, related_name="identity_records"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="identity_records")
    pnr_encrypted = models.TextField(editable=False)
    name_encrypted = models.TextField(blank=True, editable=False)
    protected_identity = models.BooleanField(_("skyddad identitet"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(association="association")

    class Meta:
        verbose_name = _("identitetsuppgift")
        verbose_name_plural = _("identitetsuppgifter")
        constraints = [
            models.UniqueConstraint(
                fields=["intervention", "person"], name="unique_identity_record"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.intervention_id})"

    @property
    def masked_personnummer(self) -> str:
        return self.person.masked_personnummer


class Consent(models.Model):
    """Consent (samtycke) to store personal data, on a given form version, as recorded in
    one intervention (its ``identity``)."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    identity = models.ForeignKey(IdentityRecord, on_delete=models.CASCADE, related_name="consents")
    given_on = models.DateField(_("samtycke lämnat"))
    form_version = models.CharField(_("blankettversion"), max_length=40, default="1")
    recorded_by = user_reference()
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_on = models.DateField(_("samtycke återkallat"), null=True, blank=True)

    objects = ScopedManager(association="association")

    class Meta:
        verbose_name = _("samtycke")
        verbose_name_plural = _("samtycken")
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=models.F("given_on")),
                name="consent_withdrawn_after_given",
            ),
        ]

    def __str__(self) -> str:
        return f"Samtycke {self.given_on:%Y-%m-%d}"


#: The one text for a second open participation of a person in an intervention: the
#: constraint's message, also raised by ``participants.services``.
OPEN_PARTICIPATION_EXISTS = _("Personen har redan ett pågående deltagande i insatsen.")


class Participation(models.Model):
    """One entry of a person (or an anonymous participant) into one intervention.

    Anonymous participations (no person) carry gender and entry date only.
    """

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    intervention = models.ForeignKey(
        Intervention,
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("insats"),
    )
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="participations"
    )
    identity = models.ForeignKey(
        IdentityRecord,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participations",
    )
    reference = models.CharField(_("deltagar-id"), max_length=100, blank=True)
    gender = models.CharField(_("kön"), max_length=10, choices=Gender.choices)
    entry_date = models.DateField(_("inskrivningsdatum"))
    exit_date = models.DateField(_("utskrivningsdatum"), null=True, blank=True)
    exit_reason = models.CharField(
        _("avslutsanledning"), max_length=30, choices=ExitReason.choices, blank=True
    )
    work_extent = models.PositiveSmallIntegerField(
        _("arbetsgrad (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    education = models.CharField(
        _("utbildningsnivå"), max_length=20, choices=Education.choices, blank=True
    )
    income_before = models.JSONField(_("försörjning före"), default=list, blank=True)
    public_support_time = models.CharField(
        _("tid i offentlig försörjning"),
        max_length=10,
        choices=PublicSupportTime.choices,
        blank=True,
    )
    referrer = models.CharField(_("remittent"), max_length=20, choices=Referrer.choices, blank=True)
    action_plan_date = models.DateField(_("handlingsplan klar"), null=True, blank=True)
    income_after = models.JSONField(_("försörjning efter"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(association="association")

    class Meta:
        verbose_name = _("deltagande")
        verbose_name_plural = _("deltaganden")
        ordering = ["-entry_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "intervention"],
                condition=Q(exit_date__isnull=True, person__isnull=False),
                name="one_open_participation_per_person",
                violation_error_message=OPEN_PARTICIPATION_EXISTS,
            ),
            models.UniqueConstraint(
                fields=["association", "reference"],
                condition=~Q(reference=""),
                name="unique_participation_reference",
            ),
            models.CheckConstraint(
                condition=Q(exit_date__isnull=True) | Q(exit_date__gte=models.F("entry_date")),
                name="participation_exit_after_entry",
            ),
            models.CheckConstraint(
                condition=(Q(exit_date__isnull=True) & Q(exit_reason=""))
                | (Q(exit_date__isnull=False) & ~Q(exit_reason="")),
                name="participation_exit_has_reason",
            ),
            models.CheckConstraint(
                condition=(
                    Q(exit_reason__in=sorted(r.value for r in WORK_REASONS))
                    & Q(work_extent__gte=1, work_extent__lte=100)
                )
                | (
                    ~Q(exit_reason__in=sorted(r.value for r in WORK_REASONS))
                    & Q(work_extent__isnull=True)
                ),
                name="participation_work_extent_for_work_exits",
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False)
                | Q(
                    exit_date__isnull=True,
                    education="",
                    public_support_time="",
                    referrer="",
                    action_plan_date__isnull=True,
                ),
                name="participation_anonymous_is_minimal",
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=True, identity__isnull=True)
                | Q(person__isnull=False, identity__isnull=False),
                name="participation_identity_with_person",
            ),
        ]
        indexes = [
            models.Index(fields=["association", "entry_date"], name="participation_entry_idx"),
            models.Index(fields=["association", "exit_date"], name="participation_exit_idx"),
        ]

    def __str__(self) -> str:
        return f"Deltagande {self.pk}"

    @property
    def is_anonymous(self) -> bool:
        return self.person_id is None

    @property
    def is_ongoing(self) -> bool:
        return self.exit_date is None


class ParticipationEvent(models.Model):
    """History of a participation: who changed which closed-list field, and when. Holds no
    identity; on anonymisation the events of the participation are replaced by one."""

    class Action(models.TextChoices):
        CREATED = "created", _("Inskriven")
        UPDATED = "updated", _("Ändrad")
        EXITED = "exited", _("Utskriven")
        ANONYMISED = "anonymised", _("Anonymiserad")

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    participation = models.ForeignKey(
        Participation, on_delete=models.CASCADE, related_name="events"
    )
    at = models.DateTimeField(auto_now_add=True)
    user = user_reference()
    action = models.CharField(max_length=20, choices=Action.choices)
    changes = models.JSONField(default=dict, blank=True)

    objects = ScopedManager(association="association")

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%Y-%m-%d}"


class VolumeCount(models.Model):
    """People taking part in a count-only intervention in one month (`Volym` sheet)."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    intervention = models.ForeignKey(
        Intervention, on_delete=models.CASCADE, related_name="volume_counts"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    month = models.PositiveSmallIntegerField(
        _("månad"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    women = models.PositiveIntegerField(_("kvinnor"), default=0)
    men = models.PositiveIntegerField(_("män"), default=0)
    other = models.PositiveIntegerField(_("annat"), default=0)

    objects = ScopedManager(association="association")

    class Meta:
        verbose_name = _("antal deltagare per månad")
        verbose_name_plural = _("antal deltagare per månad")
        ordering = ["year", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["intervention", "year", "month"], name="unique_volume_month"
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12), name="volume_month_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.intervention} {self.year}-{self.month:02d}"

    @property
    def total(self) -> int:
        return self.women + self.men + self.other


class Activity(models.Model):
    """A competence-raising or structural activity with its attendance (`Aktiviteter`)."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    date = models.DateField(_("datum"))
    title = models.CharField(_("titel"), max_length=300)
    kind = models.CharField(_("typ"), max_length=20, choices=ActivityType.choices)
    intervention = models.ForeignKey(
        Intervention,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("insats"),
    )
    women = models.PositiveIntegerField(_("kvinnor"), default=0)
    men = models.PositiveIntegerField(_("män"), default=0)
    other = models.PositiveIntegerField(_("annat"), default=0)
    organisations = models.JSONField(_("organisationer"), default=list, blank=True)

    objects = ScopedManager(association="association")

    class Meta:
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        ordering = ["-date", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "date", "title"], name="unique_activity"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def attendees(self) -> int:
        return self.women + self.men + self.other


class RetentionPolicy(models.Model):
    """The association's decided retention schedule (gallringsbeslut)."""

    association = models.OneToOneField(
        Association, on_delete=models.CASCADE, related_name="retention_policy"
    )
    months_after_exit = models.PositiveSmallIntegerField(
        _("personuppgifter sparas (månader efter utskrivning)"), default=24
    )
    log_months = models.PositiveSmallIntegerField(
        _("loggens koppling till deltaganden sparas (månader)"), default=36
    )
    decision_reference = models.CharField(_("beslut (diarienummer)"), max_length=100, blank=True)

    objects = ScopedManager(association="association")

    class Meta:
        verbose_name = _("gallringsregel")
        verbose_name_plural = _("gallringsregler")

    def __str__(self) -> str:
        return f"Gallring efter {self.months_after_exit} månader"


class RetentionRun(models.Model):
    """The report of one retention run (gallring) for one association: what was removed.
    Holds counts only; a dry run records what would have been removed."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    started_at = models.DateTimeField(_("startad"))
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)
    persons_removed = models.PositiveIntegerField(_("borttagna personer"), default=0)
    participations_anonymised = models.PositiveIntegerField(
        _("anonymiserade deltaganden"), default=0
    )
    log_entries_pruned = models.PositiveIntegerField(_("rensade loggposter"), default=0)
    dry_run = models.BooleanField(_("provkörning"), default=False)

    objects = ScopedManager(association="association")

    class Meta:
        verbose_name = _("gallringskörning")
        verbose_name_plural = _("gallringskörningar")
        ordering = ["-started_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(finished_at__isnull=True) | Q(finished_at__gte=models.F("started_at")),
                name="retention_run_finished_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"Gallring {self.started_at:%Y-%m-%d %H:%M}"
