"""Money: cost outcome per intervention and quarter (requisitions, importmall sheet
`Utfall`), the association's own budget, and the budget status of an intervention
(suggested from its consumption ratio, or set by the office)."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from finsam.amounts import amount_bound, amount_validators
from finsam.years import year_validators
from interventions.models import Intervention
from tenancy.models import Association, user_reference

YEAR_VALIDATORS = year_validators()
QUARTER_VALIDATORS = [MinValueValidator(1), MaxValueValidator(4)]


class CostOutcome(models.Model):
    """An intervention's cost outcome (rekvisition/utfall) for one quarter, in whole SEK.
    Negative amounts are repayments. Only an approved row counts as outcome."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Inlämnad")
        APPROVED = "approved", _("Godkänd")
        REJECTED = "rejected", _("Avslagen")

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    intervention = models.ForeignKey(
        Intervention,
        on_delete=models.CASCADE,
        related_name="cost_outcomes",
        verbose_name=_("insats"),
    )
    year = models.PositiveSmallIntegerField(_("år"), validators=YEAR_VALIDATORS)
    quarter = models.PositiveSmallIntegerField(_("kvartal"), validators=QUARTER_VALIDATORS)
    amount = models.BigIntegerField(
        _("belopp (kr)"),
        help_text=_("Hela kronor; negativt belopp vid återbetalning."),
        validators=amount_validators(signed=True),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    submitted_by = user_reference(blank=True)
    submitted_on = models.DateField(_("inlämnad"))
    #: who approved or rejected the row (empty for rows imported as approved)
    approved_by = user_reference(blank=True)
    approved_on = models.DateField(_("beslutsdatum"), null=True, blank=True)
    decision_comment = models.TextField(_("kommentar till beslutet"), blank=True)
    paid_on = models.DateField(_("utbetald"), null=True, blank=True)

    objects = ScopedManager(association="association")

    class Meta:
        verbose_name = _("kostnadsutfall")
        verbose_name_plural = _("kostnadsutfall")
        ordering = ["year", "quarter", "intervention__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["intervention", "year", "quarter"], name="unique_cost_outcome"
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="cost_outcome_quarter_range"
            ),
            amount_bound("amount", name="cost_outcome_amount_bound", signed=True),
            models.CheckConstraint(
                condition=(Q(status="submitted") & Q(approved_on__isnull=True))
                | (~Q(status="submitted") & Q(approved_on__isnull=False)),
                name="cost_outcome_decision_has_date",
            ),
            models.CheckConstraint(
                condition=Q(paid_on__isnull=True) | Q(status="approved"),
                name="cost_outcome_paid_only_when_approved",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.intervention} {self.year} kv {self.quarter}"


class CostOutcomeAction(models.TextChoices):
    SUBMITTED = "submitted", _("Inlämnad")
    CORRECTED = "corrected", _("Rättad")
    APPROVED = "approved", _("Godkänd")
    REJECTED = "rejected", _("Avslagen")
    IMPORTED = "imported", _("Importerad")


class CostOutcomeEvent(models.Model):
    """The history of a cost row: its submission, every correction (old and new amount),
    every decision and an import, with who and when. Written by ``finance.services``;
    never edited, so nothing entered disappears unseen."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    cost = models.ForeignKey(CostOutcome, on_delete=models.CASCADE, related_name="events")
    user = user_reference()
    at = models.DateTimeField(_("tidpunkt"), auto_now_add=True)
    action = models.CharField(_("händelse"), max_length=10, choices=CostOutcomeAction.choices)
    #: the amount before a correction (empty for every other event)
    old_amount = models.BigIntegerField(_("tidigare belopp (kr)"), null=True, blank=True)
    amount = models.BigIntegerField(_("belopp (kr)"))
    comment = models.TextField(_("kommentar"), blank=True)

    objects = ScopedManager(association="association")

    class Meta:
        verbose_name = _("händelse för kostnadsutfall")
        verbose_name_plural = _("händelser för kostnadsutfall")
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(action="corrected") & Q(old_amount__isnull=False))
                | (~Q(action="corrected") & Q(old_amount__isnull=True)),
                name="cost_outcome_event_old_amount_only_for_correction",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cost}: {self.get_action_display()}"


class BudgetStatus(models.TextChoices):
    OK = "ok", _("Ok")
    WATCH = "bevakning", _("Under bevakning")
    ACTION = "atgard", _("Behov av åtgärd")


class BudgetStatusThresholds(models.Model):
    """An association's bands on the consumption ratio (whole percent), both ends included:

    - Ok: ``ok_low`` <= ratio <= ``ok_high``
    - Under bevakning: ``watch_low`` <= ratio < ``ok_low`` or ``ok_high`` < ratio <=
      ``watch_high``
    - Behov av åtgärd: every other ratio.
    """

    DEFAULTS = {"ok_low": 85, "ok_high": 115, "watch_low": 70, "watch_high": 130}

    association = models.OneToOneField(Association, on_delete=models.CASCADE, related_name="+")
    ok_low = models.PositiveSmallIntegerField(_("Ok från (%)"), default=DEFAULTS["ok_low"])
    ok_high = models.PositiveSmallIntegerField(_("Ok till (%)"), default=DEFAULTS["ok_high"])
    watch_low = models.PositiveSmallIntegerField(
        _("Under bevakning från (%)"), default=DEFAULTS["watch_low"]
    )
    watch_high = models.PositiveSmallIntegerField(
        _("Under bevakning till (%)"), default=DEFAULTS["watch_high"]
    )

    objects = ScopedManager(association="association")

    class Meta:
        verbose_name = _("gränsvärden för budgetstatus")
        verbose_name_plural = _("gränsvärden för budgetstatus")
        constraints = [
            models.CheckConstraint(
                condition=Q(watch_low__lte=F("ok_low"))
                & Q(ok_low__lte=F("ok_high"))
                & Q(ok_high__lte=F("watch_high")),
                name="budget_status_thresholds_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.association}: {self.ok_low}–{self.ok_high} %"

    def status_for(self, ratio: int | None) -> BudgetStatus | None:
        """The band ``ratio`` falls in; None when there is no ratio (no budget)."""
        if ratio is None:
            return None
        if self.ok_low <= ratio <= self.ok_high:
            return BudgetStatus.OK
        if self.watch_low <= ratio <= self.watch_high:
            return BudgetStatus.WATCH
        return BudgetStatus.ACTION


class BudgetStatusOverride(models.Model):
    """The office's own budget status of an intervention for a quarter; it takes
    precedence over the status suggested from the consumption ratio."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    intervention = models.ForeignKey(
        Intervention,
        on_delete=models.CASCADE,
        related_name="budget_status_overrides",
        verbose_name=_("insats"),
    )
    year = models.PositiveSmallIntegerField(_("år"), validators=YEAR_VALIDATORS)
    quarter = models.PositiveSmallIntegerField(_("kvartal"), validators=QUARTER_VALIDATORS)
    status = models.CharField(_("status"), max_length=10, choices=BudgetStatus.choices)
    comment = models.TextField(_("kommentar"))
    set_by = user_reference(blank=True)
    set_at = models.DateTimeField(_("ändrad"), auto_now=True)

    objects = ScopedManager(association="association")

    class Meta:
        verbose_name = _("fastställd budgetstatus")
        verbose_name_plural = _("fastställda budgetstatusar")
        ordering = ["year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["intervention", "year", "quarter"], name="unique_budget_status_override"
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4),
                name="budget_status_override_quarter_range",
            ),
            models.CheckConstraint(condition=~Q(comment=""), name="budget_status_override_comment"),
        ]

    def __str__(self) -> str:
        return f"{self.intervention} {self.year} kv {self.quarter}: {self.get_status_display()}"
