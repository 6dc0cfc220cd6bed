"""The funding process: applications (ansökan), the office's assessment (beredning) and the
board's decision (beslut). A granted application becomes or extends an intervention; the
decision keeps a frozen copy of what was granted."""

from __future__ import annotations

from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from finsam.amounts import amount_constraints, amount_field
from interventions.models import CODE_VALIDATOR, Aim, FollowUp, Intervention, Kind
from tenancy.models import Association, Organisation, user_reference

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class ApplicationStatus(models.TextChoices):
    """Where an application stands; derived from its assessment and decision."""

    RECEIVED = "inkommen", _("Inkommen")
    ASSESSED = "beredd", _("Beredd")
    GRANTED = "beviljad", _("Beviljad")
    PARTLY_GRANTED = "delvis", _("Delvis beviljad")
    REJECTED = "avslag", _("Avslag")


class Application(models.Model):
    """An application for funding of a new intervention, or of an extension (förlängning)
    of an existing one (``extends``). It can be changed until the board has decided."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("insatsens namn"), max_length=300)
    code = models.CharField(_("kodförslag"), max_length=40, blank=True, validators=[CODE_VALIDATOR])
    extends = models.ForeignKey(
        Intervention,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("förlängning av insats"),
        related_name="extension_applications",
    )
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        verbose_name=_("insatsägare"),
        related_name="owned_applications",
    )
    partners = models.ManyToManyField(
        Organisation,
        blank=True,
        verbose_name=_("samverkansparter"),
        related_name="partner_applications",
    )
    kind = models.CharField(_("inriktning"), max_length=20, choices=Kind.choices)
    aim = models.CharField(_("syfte"), max_length=20, choices=Aim.choices, blank=True)
    follow_up = models.CharField(_("uppföljning"), max_length=20, choices=FollowUp.choices)
    start_date = models.DateField(_("periodens start"))
    end_date = models.DateField(_("periodens slut"))
    target_group = models.TextField(_("målgrupp"))
    method = models.TextField(_("metod och arbetssätt"), blank=True)
    follow_up_plan = models.TextField(_("plan för uppföljning och utvärdering"), blank=True)
    expected_participants = models.PositiveIntegerField(
        _("förväntat antal deltagare"), null=True, blank=True
    )
    received_on = models.DateField(_("inkom"), default=timezone.localdate)

    objects = ScopedManager(association="association")

    class Meta:
        verbose_name = _("ansökan")
        verbose_name_plural = _("ansökningar")
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="application_end_after_start"
            ),
            models.CheckConstraint(
                condition=(Q(kind=Kind.INDIVIDUAL) & ~Q(aim=""))
                | (~Q(kind=Kind.INDIVIDUAL) & Q(aim="")),
                name="application_aim_only_for_individual",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_extension(self) -> bool:
        return self.extends_id is not None

    @property
    def assessment_or_none(self) -> Assessment | None:
        return getattr(self, "assessment", None)

    @property
    def decision_or_none(self) -> FundingDecision | None:
        return getattr(self, "decision", None)

    @property
    def is_decided(self) -> bool:
        return self.decision_or_none is not None

    @property
    def status(self) -> ApplicationStatus:
        decision = self.decision_or_none
        if decision is not None:
            return ApplicationStatus(decision.outcome)
        if self.assessment_or_none is not None:
            return ApplicationStatus.ASSESSED
        return ApplicationStatus.RECEIVED


class ApplicationYear(models.Model):
    """The amount applied for one calendar year of the period, in whole SEK."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField(_("år"), validators=YEAR_VALIDATORS)
    amount = amount_field(_("sökt belopp (kr)"))

    objects = ScopedManager(association="association")

    class Meta:
        verbose_name = _("sökt belopp per år")
        verbose_name_plural = _("sökta belopp per år")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["application", "year"], name="unique_application_year"),
            *amount_constraints("application_year"),
        ]

    def __str__(self) -> str:
        return f"{self.application} {self.year}"


class ApplicationGoal(models.Model):
    """A goal of the application with a measurable target; becomes a Goal when granted."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="goals")
    text = models.TextField(_("mål"))
    target = models.CharField(_("mätbart målvärde"), max_length=300, blank=True)

    objects = ScopedManager(association="association")

    class Meta:
        verbose_name = _("mål i ansökan")
        verbose_name_plural = _("mål i ansökan")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text[:80]


class Recommendation(models.TextChoices):
    GRANT = "bevilja", _("Bevilja")
    GRANT_PARTLY = "bevilja_delvis", _("Bevilja delvis")
    REJECT = "avsla", _("Avslå")


class Assessment(models.Model):
    """The office's assessment (beredning) with its proposal to the board."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="assessment"
    )
    text = models.TextField(_("bedömning"))
    recommendation = models.CharField(
        _("förslag till beslut"), max_length=20, choices=Recommendation.choices
    )
    assessed_by = user_reference(blank=True, verbose_name=_("beredd av"))
    assessed_on = models.DateField(_("beredd"), default=timezone.localdate)

    objects = ScopedManager(association="association")

    class Meta:
        verbose_name = _("beredning")
        verbose_name_plural = _("beredningar")

    def __str__(self) -> str:
        return f"{self.application}: {self.get_recommendation_display()}"


class Outcome(models.TextChoices):
    """The board's decision; the values are also ApplicationStatus values."""

    GRANTED = "beviljad", _("Beviljad")
    PARTLY_GRANTED = "delvis", _("Delvis beviljad")
    REJECTED = "avslag", _("Avslag")


class FundingDecision(models.Model):
    """The board's decision on an application, as recorded by the office. It cannot be
    changed; ``granted_snapshot`` is the application as granted, frozen at decision time."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="decision"
    )
    outcome = models.CharField(_("beslut"), max_length=20, choices=Outcome.choices)
    decided_on = models.DateField(_("beslutsdatum"))
    meeting_reference = models.CharField(
        _("paragraf/ärende"),
        max_length=100,
        blank=True,
        help_text=_("Till exempel ”§ 7, styrelsemöte 2023-04-14”."),
    )
    conditions = models.TextField(_("villkor"), blank=True)
    start_date = models.DateField(_("beviljad period, start"), null=True, blank=True)
    end_date = models.DateField(_("beviljad period, slut"), null=True, blank=True)
    granted_snapshot: models.JSONField[Any, Any] = models.JSONField(
        _("beviljad version"), default=dict, blank=True
    )
    intervention = models.ForeignKey(
        Intervention,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("insats"),
        related_name="funding_decisions",
    )
    recorded_by = user_reference(blank=True, verbose_name=_("registrerat av"))
    recorded_at = models.DateTimeField(_("registrerat"), auto_now_add=True)
    #: Recorded by the workbook import (sheet `Ansökningar`): a decision of the past, kept as
    #: a record; it created no intervention and may be replaced by a later import.
    imported = models.BooleanField(_("importerat"), default=False)

    objects = ScopedManager(association="association")

    class Meta:
        verbose_name = _("beslut om finansiering")
        verbose_name_plural = _("beslut om finansiering")
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(outcome=Outcome.REJECTED)
                    & Q(start_date__isnull=True, end_date__isnull=True, intervention__isnull=True)
                )
                | (
                    Q(outcome__in=[Outcome.GRANTED, Outcome.PARTLY_GRANTED])
                    & Q(
                        start_date__isnull=False,
                        end_date__isnull=False,
                        end_date__gte=F("start_date"),
                    )
                    & (Q(intervention__isnull=False) | Q(imported=True))
                ),
                name="decision_period_and_intervention_match_outcome",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application}: {self.get_outcome_display()}"

    @property
    def is_granted(self) -> bool:
        return self.outcome != Outcome.REJECTED


class DecisionYear(models.Model):
    """The amount granted for one calendar year, in whole SEK."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    decision = models.ForeignKey(FundingDecision, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField(_("år"), validators=YEAR_VALIDATORS)
    amount = amount_field(_("beviljat belopp (kr)"))

    objects = ScopedManager(association="association")

    class Meta:
        verbose_name = _("beviljat belopp per år")
        verbose_name_plural = _("beviljade belopp per år")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "year"], name="unique_decision_year"),
            *amount_constraints("decision_year"),
        ]

    def __str__(self) -> str:
        return f"{self.decision} {self.year}"


class EquityBracket(models.Model):
    """One step of the association's recommendation for reasonable equity (Nationella
    rådet's staircase of 2013-10-02): when the member contributions of a year lie in
    [``lower``, ``upper``) SEK, equity should be at most ``max_share`` percent of them.
    No brackets ship by default; without brackets the decision room shows no limit."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    lower = models.BigIntegerField(_("från (kr)"), validators=[MinValueValidator(0)])
    upper = models.BigIntegerField(_("till (kr)"), null=True, blank=True)
    max_share = models.PositiveSmallIntegerField(
        _("högsta andel (%)"), validators=[MaxValueValidator(100)]
    )

    objects = ScopedManager(association="association")

    class Meta:
        verbose_name = _("intervall för eget kapital")
        verbose_name_plural = _("intervall för eget kapital")
        ordering = ["lower"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "lower"], name="unique_equity_bracket_lower"
            ),
            models.CheckConstraint(
                condition=Q(lower__gte=0) & (Q(upper__isnull=True) | Q(upper__gt=F("lower"))),
                name="equity_bracket_upper_above_lower",
            ),
            models.CheckConstraint(
                condition=Q(max_share__lte=100), name="equity_bracket_share_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lower}–{self.upper or ''}: {self.max_share} %"
