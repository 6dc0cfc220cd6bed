"""Interventions (insatser), their goals, steering groups and budgets."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from finsam.amounts import amount_constraints, amount_field
from finsam.years import year_validators
from tenancy.models import Association, Organisation

CODE_VALIDATOR = RegexValidator(
    r"^[A-Za-z0-9_-]{1,40}$",
    _("Koden får bara innehålla bokstäverna A–Z, siffror, - och _ (högst 40 tecken)."),
)


class Kind(models.TextChoices):
    """Intervention kind; the board's 60-30-10 target splits money across the first three."""

    INDIVIDUAL = "individ", _("Individinsats")
    STRUCTURAL = "struktur", _("Strukturinsats")
    COMPETENCE = "kompetens", _("Kompetenshöjande insats")
    OTHER = "ovrig", _("Övrig insats")


#: The order interventions are listed in everywhere (kind, then name).
KIND_ORDER = [Kind.INDIVIDUAL, Kind.STRUCTURAL, Kind.COMPETENCE, Kind.OTHER]


class Aim(models.TextChoices):
    WORK = "arbete", _("Arbetsåtergång")
    PRE_REHABILITATION = "forrehabilitering", _("Förrehabilitering")


class FollowUp(models.TextChoices):
    PERSONAL_DATA = "personuppgifter", _("Deltagare registreras en och en")
    COUNTS = "antal", _("Endast antal")


class SteeringGroup(models.Model):
    """A steering group (styrgrupp, lokusgrupp) governing one or several interventions."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("namn"), max_length=200)

    objects = ScopedManager(association="association")

    class Meta:
        verbose_name = _("styrgrupp")
        verbose_name_plural = _("styrgrupper")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["association", "name"], name="unique_steering_group"),
        ]

    def __str__(self) -> str:
        return self.name


class SteeringGroupRole(models.TextChoices):
    CHAIR = "ordforande", _("Ordförande")
    MEMBER = "ledamot", _("Ledamot")
    CO_OPTED = "adjungerad", _("Adjungerad")


class SteeringGroupMember(models.Model):
    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    steering_group = models.ForeignKey(
        SteeringGroup, on_delete=models.CASCADE, related_name="members"
    )
    name = models.CharField(_("namn"), max_length=200)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("organisation"),
        related_name="+",
    )
    role = models.CharField(
        _("roll"),
        max_length=20,
        choices=SteeringGroupRole.choices,
        default=SteeringGroupRole.MEMBER,
    )

    objects = ScopedManager(association="association")

    class Meta:
        verbose_name = _("styrgruppsledamot")
        verbose_name_plural = _("styrgruppsledamöter")
        ordering = ["role", "name"]

    def __str__(self) -> str:
        return self.name


class InterventionQuerySet(models.QuerySet["Intervention"]):
    def in_display_order(self) -> InterventionQuerySet:
        """Kind (individual, structural, competence, other), then name."""
        return self.annotate(
            kind_rank=Case(
                *[When(kind=kind, then=Value(rank)) for rank, kind in enumerate(KIND_ORDER)],
                output_field=IntegerField(),
            )
        ).order_by("kind_rank", "name", "code")


InterventionManager = ScopedManager(
    association="association", _manager_class=models.Manager.from_queryset(InterventionQuerySet)
)


class Intervention(models.Model):
    """A funded intervention (insats): every field of the importmall's `Insatser` sheet."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(_("kod"), max_length=40, validators=[CODE_VALIDATOR])
    name = models.CharField(_("namn"), max_length=300)
    short_name = models.CharField(_("kortnamn"), max_length=100, blank=True)
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        verbose_name=_("insatsägare"),
        related_name="owned_interventions",
    )
    partners = models.ManyToManyField(
        Organisation,
        blank=True,
        verbose_name=_("samverkansparter"),
        related_name="partner_interventions",
    )
    kind = models.CharField(_("inriktning"), max_length=20, choices=Kind.choices)
    aim = models.CharField(_("syfte"), max_length=20, choices=Aim.choices, blank=True)
    follow_up = models.CharField(_("uppföljning"), max_length=20, choices=FollowUp.choices)
    start_date = models.DateField(_("startdatum"))
    end_date = models.DateField(_("slutdatum"), null=True, blank=True)
    expected_participants = models.PositiveIntegerField(
        _("förväntat antal deltagare"), null=True, blank=True
    )
    steering_group = models.ForeignKey(
        SteeringGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("styrgrupp"),
        related_name="interventions",
    )

    objects = InterventionManager

    class Meta:
        verbose_name = _("insats")
        verbose_name_plural = _("insatser")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "code"], name="unique_intervention_code"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="intervention_end_after_start",
            ),
            models.CheckConstraint(
                condition=(Q(kind=Kind.INDIVIDUAL) & ~Q(aim=""))
                | (~Q(kind=Kind.INDIVIDUAL) & Q(aim="")),
                name="intervention_aim_only_for_individual",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class GoalStatus(models.TextChoices):
    ONGOING = "pagaende", _("Pågående")
    MET = "uppnatt", _("Uppnått")
    PARTLY_MET = "delvis", _("Delvis uppnått")
    NOT_MET = "ej_uppnatt", _("Ej uppnått")


class Goal(models.Model):
    """A goal of an intervention with a measurable target."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    intervention = models.ForeignKey(Intervention, on_delete=models.CASCADE, related_name="goals")
    text = models.TextField(_("mål"))
    target = models.CharField(_("mätbart målvärde"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=GoalStatus.choices, default=GoalStatus.ONGOING
    )

    objects = ScopedManager(association="association")

    class Meta:
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text[:80]


class Budget(models.Model):
    """Granted budget of an intervention for a year, or for one quarter of it.

    A row without quarter is the whole year's budget, spread 25 % per quarter.
    """

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    intervention = models.ForeignKey(
        Intervention, on_delete=models.CASCADE, related_name="budgets", verbose_name=_("insats")
    )
    year = models.PositiveSmallIntegerField(_("år"), validators=year_validators())
    quarter = models.PositiveSmallIntegerField(
        _("kvartal"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text=_("Lämna tomt för helårsbudget."),
    )
    amount = amount_field(_("belopp (kr)"))

    objects = ScopedManager(association="association")

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgetar")
        ordering = ["year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["intervention", "year"],
                condition=Q(quarter__isnull=True),
                name="unique_yearly_budget",
            ),
            models.UniqueConstraint(
                fields=["intervention", "year", "quarter"],
                condition=Q(quarter__isnull=False),
                name="unique_quarterly_budget",
            ),
            models.CheckConstraint(
                condition=Q(quarter__isnull=True) | Q(quarter__gte=1, quarter__lte=4),
                name="budget_quarter_range",
            ),
            *amount_constraints("budget"),
        ]

    def __str__(self) -> str:
        period = f"{self.year} kv {self.quarter}" if self.quarter else str(self.year)
        return f"{self.intervention} {period}"
