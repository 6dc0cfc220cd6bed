"""The national indicator survey (spec/survey.md): the instruments (forms and questions,
shipped as versioned data that nobody edits), the answers (never linked to a person),
the national figures, earlier years' own results, how many were asked, and the
anonymous collection links."""

from __future__ import annotations

import operator
from functools import reduce
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from interventions.models import Intervention
from survey.choices import FormCode, Gender, KeyFigure, Scale
from tenancy.models import Association, scoped

LOCKED_MESSAGE = _("Enkätens formulär och frågor är låsta och kan inte ändras.")


class LockedQuerySet(models.QuerySet[Any]):
    """Instruments ship with the product (a data migration); bulk changes are refused."""

    def update(self, **kwargs: Any) -> int:
        raise ValidationError(LOCKED_MESSAGE)

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ValidationError(LOCKED_MESSAGE)


class LockedModel(models.Model):
    """Rows created by migrations only: saving or deleting through the ORM is refused (a
    new wording is a new instrument version, shipped as a new migration)."""

    objects: ClassVar[Any] = LockedQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        raise ValidationError(LOCKED_MESSAGE)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValidationError(LOCKED_MESSAGE)


class Form(LockedModel):
    """One version of one questionnaire (formulär). The highest version of a code is the
    one in use; answers keep the version they were given on."""

    code = models.CharField(_("formulär"), max_length=30, choices=FormCode.choices)
    version = models.PositiveSmallIntegerField(_("version"))
    name = models.CharField(_("namn"), max_length=120)
    position = models.PositiveSmallIntegerField(_("ordning"))
    #: {"frekvens": ["Aldrig", ...6 labels], "omfattning": [...], "janej": ["Ja", "Nej"]}
    scale_labels = models.JSONField(_("skalans etiketter"))

    class Meta:
        verbose_name = _("enkätformulär")
        verbose_name_plural = _("enkätformulär")
        ordering = ["position", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="survey_form_code_version")
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"


class Question(LockedModel):
    form = models.ForeignKey(Form, on_delete=models.PROTECT, related_name="questions")
    number = models.PositiveSmallIntegerField(_("fråga"))
    indicator = models.PositiveSmallIntegerField(_("indikator"))
    scale = models.CharField(_("skala"), max_length=20, choices=Scale.choices)
    key_figure = models.CharField(_("nyckeltal"), max_length=10, choices=KeyFigure.choices)
    wording = models.TextField(_("formulering"))
    #: The question is asked only after ja on this question number (deltagare_avslut 9-10).
    only_after_yes_on = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("enkätfråga")
        verbose_name_plural = _("enkätfrågor")
        ordering = ["form__position", "number"]
        constraints = [
            models.UniqueConstraint(fields=["form", "number"], name="survey_question_number"),
            models.CheckConstraint(
                condition=Q(indicator__gte=1, indicator__lte=16), name="survey_question_indicator"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.form.code} {self.number}"

    @property
    def allowed_values(self) -> tuple[int, ...]:
        return (0, 1) if self.scale == Scale.JANEJ else (1, 2, 3, 4, 5, 6)


class Response(models.Model):
    """One returned form. Nothing here identifies the respondent: no user, no
    participation, no address, no time finer than the day."""

    class Source(models.TextChoices):
        LINK = "lank", _("Webbformulär")
        PAPER = "papper", _("Pappersenkät")
        IMPORT = "import", _("Import")

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    form = models.ForeignKey(Form, on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("datum"))
    gender = models.CharField(
        _("kön"), max_length=12, choices=Gender.choices, default=Gender.EJ_ANGIVET
    )
    intervention = models.ForeignKey(
        Intervention, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    #: The office's own reference (sheet Enkätsvar); empty for answers given through a link.
    reference = models.CharField(_("svar_id"), max_length=40, blank=True)
    source = models.CharField(_("källa"), max_length=10, choices=Source.choices)

    objects = scoped()

    class Meta:
        verbose_name = _("enkätsvar")
        verbose_name_plural = _("enkätsvar")
        ordering = ["date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "reference"],
                condition=~Q(reference=""),
                name="survey_response_reference_unique",
            ),
        ]
        indexes = [models.Index(fields=["association", "date"])]

    def __str__(self) -> str:
        return f"{self.form.code} {self.date}"


class Answer(models.Model):
    """The value given to one question: 1-6 on the scales, 1 = ja and 0 = nej."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    value = models.PositiveSmallIntegerField(_("svar"))

    objects = scoped()

    class Meta:
        verbose_name = _("svar på fråga")
        verbose_name_plural = _("svar på frågor")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="survey_answer_once"),
            models.CheckConstraint(condition=Q(value__lte=6), name="survey_answer_range"),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.value}"


class QuestionFigure(models.Model):
    """A figure of one question of one form in one measurement year: the base of the
    national figures and the association's earlier results."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("år"))
    form_code = models.CharField(_("formulär"), max_length=30, choices=FormCode.choices)
    question = models.PositiveSmallIntegerField(_("fråga"))

    objects = scoped()

    class Meta:
        abstract = True
        ordering = ["year", "form_code", "question"]

    def __str__(self) -> str:
        return f"{self.year} {self.form_code} {self.question}"


def question_constraints(prefix: str, percentages: Q) -> list[models.BaseConstraint]:
    """One figure per question, form and year of an association (``<prefix>_unique``), and
    the check of its percentages (``<prefix>_percent``)."""
    return [
        models.UniqueConstraint(
            fields=["association", "year", "form_code", "question"], name=f"{prefix}_unique"
        ),
        models.CheckConstraint(condition=percentages, name=f"{prefix}_percent"),
    ]


def percentages(*optional: str, required: tuple[str, ...] = ()) -> Q:
    """The named fields are percentages (at most 100); the optional ones may be empty."""
    parts = [Q(**{f"{field}__lte": 100}) for field in required]
    parts += [Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__lte": 100}) for field in optional]
    return reduce(operator.and_, parts)


def optional_count(verbose_name: Any) -> models.PositiveSmallIntegerField[Any, Any]:
    """A percentage or count that may be empty (masked or unknown)."""
    return models.PositiveSmallIntegerField(verbose_name, null=True, blank=True)


class NationalFigure(QuestionFigure):
    """Riksnittet of one question in one measurement year (sheet Riksnitt)."""

    total = models.PositiveSmallIntegerField(_("alla"))
    women = optional_count(_("kvinnor"))
    men = optional_count(_("män"))
    response_rate = optional_count(_("svarsfrekvens"))

    class Meta(QuestionFigure.Meta):
        verbose_name = _("riksnitt")
        verbose_name_plural = _("riksnitt")
        constraints = question_constraints(
            "survey_national", percentages("women", "men", "response_rate", required=("total",))
        )


class EarlierResult(QuestionFigure):
    """The association's own result of an earlier year (sheet Enkätresultat), from before
    the answers were kept here. Empty values are masked or unknown."""

    n = models.PositiveIntegerField(_("antal svar"), null=True, blank=True)
    total = optional_count(_("alla"))
    women = optional_count(_("kvinnor"))
    men = optional_count(_("män"))

    class Meta(QuestionFigure.Meta):
        verbose_name = _("tidigare enkätresultat")
        verbose_name_plural = _("tidigare enkätresultat")
        constraints = question_constraints("survey_earlier", percentages("total", "women", "men"))


class AskedCount(models.Model):
    """How many were asked to answer a form in a measurement year (sheet Enkätunderlag),
    per intervention for the participant and staff forms."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("år"))
    form_code = models.CharField(_("formulär"), max_length=30, choices=FormCode.choices)
    intervention = models.ForeignKey(
        Intervention, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    asked = models.PositiveIntegerField(_("tillfrågade"))

    objects = scoped()

    class Meta:
        verbose_name = _("antal tillfrågade")
        verbose_name_plural = _("antal tillfrågade")
        ordering = ["year", "form_code", "intervention__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "year", "form_code", "intervention"],
                name="survey_asked_unique",
            ),
            models.UniqueConstraint(
                fields=["association", "year", "form_code"],
                condition=Q(intervention__isnull=True),
                name="survey_asked_unique_without_intervention",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.form_code}: {self.asked}"


class CollectionLink(models.Model):
    """An anonymous link (and QR code) to one form for one measurement year, per
    intervention for the participant and staff forms. The token is the only key."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    form = models.ForeignKey(Form, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("mätår"))
    intervention = models.ForeignKey(
        Intervention, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    token = models.CharField(max_length=64, unique=True)
    closed_on = models.DateField(_("stängd"), null=True, blank=True)

    objects = scoped()

    class Meta:
        verbose_name = _("enkätlänk")
        verbose_name_plural = _("enkätlänkar")
        ordering = ["-year", "form__position", "intervention__code"]

    def __str__(self) -> str:
        return f"{self.form.code} {self.year}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


class ReportComment(models.Model):
    """The office's comment in the survey report of a year: on the responses (indicator 0)
    or on one indicator."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("mätår"))
    indicator = models.PositiveSmallIntegerField(_("indikator"))
    text = models.TextField(_("kommentar"), blank=True)

    objects = scoped()

    class Meta:
        verbose_name = _("kommentar i enkätrapporten")
        verbose_name_plural = _("kommentarer i enkätrapporten")
        constraints = [
            models.UniqueConstraint(
                fields=["association", "year", "indicator"], name="survey_comment_unique"
            ),
            models.CheckConstraint(condition=Q(indicator__lte=16), name="survey_comment_indicator"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.indicator}"


# Progression measurement lives in its own module; imported here so Django finds it.
from survey.progression_models import (  # noqa: E402  # after the survey's own models
    Assessment,
    AssessmentValue,
    ProgressionInstrument,
    ProgressionItem,
    Rater,
)

__all__ = [
    "Answer",
    "AskedCount",
    "Assessment",
    "AssessmentValue",
    "CollectionLink",
    "EarlierResult",
    "Form",
    "NationalFigure",
    "ProgressionInstrument",
    "ProgressionItem",
    "Question",
    "Rater",
    "ReportComment",
    "Response",
]
