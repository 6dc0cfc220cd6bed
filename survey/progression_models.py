"""Progression measurement (spec/survey.md section 4): instruments an association defines
(versioned; an instrument in use does not change) and assessments per participation
(personal data: only the intervention's deltagaransvarig reads and writes them)."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from participants.models import Participation
from tenancy.models import Association, scoped


class Rater(models.TextChoices):
    DELTAGARE = "deltagare", _("Deltagaren")
    PERSONAL = "personal", _("Personalen")


class ProgressionInstrument(models.Model):
    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("namn"), max_length=100)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    rater = models.CharField(_("bedöms av"), max_length=10, choices=Rater.choices)

    objects = scoped()

    class Meta:
        verbose_name = _("progressionsinstrument")
        verbose_name_plural = _("progressionsinstrument")
        ordering = ["name", "rater", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "name", "rater", "version"],
                name="survey_progression_instrument_version",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version} ({self.get_rater_display()})"


class ProgressionItem(models.Model):
    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    instrument = models.ForeignKey(
        ProgressionInstrument, on_delete=models.CASCADE, related_name="items"
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    text = models.CharField(_("påstående"), max_length=300)
    scale_min = models.SmallIntegerField(_("lägsta värde"), default=1)
    scale_max = models.SmallIntegerField(_("högsta värde"), default=10)

    objects = scoped()

    class Meta:
        verbose_name = _("del i progressionsinstrument")
        verbose_name_plural = _("delar i progressionsinstrument")
        ordering = ["instrument", "number"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "number"], name="survey_item_number"),
            models.CheckConstraint(
                condition=Q(scale_max__gt=F("scale_min")), name="survey_item_scale"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"


class Assessment(models.Model):
    """One rating of a participation with one instrument on one day."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    participation = models.ForeignKey(Participation, on_delete=models.CASCADE, related_name="+")
    instrument = models.ForeignKey(
        ProgressionInstrument, on_delete=models.PROTECT, related_name="assessments"
    )
    date = models.DateField(_("datum"))

    objects = scoped()

    class Meta:
        verbose_name = _("progressionsbedömning")
        verbose_name_plural = _("progressionsbedömningar")
        ordering = ["date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["participation", "instrument", "date"], name="survey_assessment_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.instrument} {self.date}"


class AssessmentValue(models.Model):
    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="values")
    item = models.ForeignKey(ProgressionItem, on_delete=models.PROTECT, related_name="+")
    value = models.SmallIntegerField(_("värde"))

    objects = scoped()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item"], name="survey_assessment_item")
        ]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.value}"
