"""The steering groups' quarterly reports and deviation reports (importmall sheets
`Kvartalsrapporter` and `Avvikelser`). Field values are the importmall's codes."""

from __future__ import annotations

import datetime as dt

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from finsam.amounts import amount_bound, amount_validators
from finsam.years import quarter_end
from interventions.models import Intervention
from tenancy.models import Association, Organisation, user_reference


class OnTrack(models.TextChoices):
    """`i_fas`: is the intervention in phase with its goals?"""

    YES = "ja", _("Ja")
    PARTLY = "delvis", _("Delvis")
    NO = "nej", _("Nej")
    TOO_EARLY = "for_tidigt", _("För tidigt att bedöma")
    NOT_GIVEN = "ej_angivet", _("Ej angivet")


class Forecast(models.TextChoices):
    """`prognos`: will the goals be reached?"""

    YES = "ja", _("Ja")
    PARTLY = "delvis", _("Delvis")
    NO = "nej", _("Nej")
    NOT_APPLICABLE = "ej_aktuellt", _("Ej aktuellt")


class YesPartlyNo(models.TextChoices):
    YES = "ja", _("Ja")
    PARTLY = "delvis", _("Delvis")
    NO = "nej", _("Nej")


class Colour(models.TextChoices):
    """The office's assessment of a report."""

    GREEN = "green", _("Grön – i fas")
    YELLOW = "yellow", _("Gul – bevakas")
    RED = "red", _("Röd – behov av åtgärd")


#: The quality questions of a quarterly report (seed table 5, memo section 7), in form
#: order: the one list the form, the import, the statistics and the memo schema use. All
#: are yes/no except ``follow_up_per_agreement`` (ja/delvis/nej).
QUALITY_QUESTIONS = (
    "meetings_per_agreement",
    "ordinary_representation",
    "follow_up_per_agreement",
    "target_group_checked",
    "method_checked",
    "equality_discussed",
    "gender_equality_discussed",
    "implementation_discussed",
)


class QuarterlyReport(models.Model):
    """A steering group's report for one intervention and quarter, due one month after
    the quarter ends. A row exists from the first save (draft) on; a report with no row is
    "not started". Answers may be empty while a draft; submitting requires them."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        SUBMITTED = "submitted", _("Inlämnad")

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    intervention = models.ForeignKey(
        Intervention, on_delete=models.CASCADE, related_name="quarterly_reports"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    quarter = models.PositiveSmallIntegerField(
        _("kvartal"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    submitted_on = models.DateField(_("inlämnad"), null=True, blank=True)
    submitted_by = user_reference(blank=True)

    # Goals (seed table 2)
    on_track = models.CharField(
        _("i fas med målen"), max_length=12, choices=OnTrack.choices, blank=True
    )
    forecast = models.CharField(
        _("prognos att nå målen"), max_length=12, choices=Forecast.choices, blank=True
    )
    started_on_time = models.BooleanField(_("startade i tid"), null=True, blank=True)
    action_plan_share = models.PositiveSmallIntegerField(
        _("andel deltagare med handlingsplan (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
    )
    goals_comment = models.TextField(_("kommentar om mål"), blank=True)
    # Conditions (seed table 3)
    vacancy_funded = models.BooleanField(
        _("vakanser i förbundsfinansierade tjänster"), null=True, blank=True
    )
    vacancy_self_funded = models.BooleanField(
        _("vakanser i egenfinansierade tjänster"), null=True, blank=True
    )
    conditions_comment = models.TextField(_("kommentar om förutsättningar"), blank=True)
    # Quality (seed table 5)
    meetings_per_agreement = models.BooleanField(
        _("styrgruppsmöten enligt avtal"), null=True, blank=True
    )
    ordinary_representation = models.BooleanField(
        _("ordinarie representation"), null=True, blank=True
    )
    follow_up_per_agreement = models.CharField(
        _("uppföljning enligt avtal"), max_length=10, choices=YesPartlyNo.choices, blank=True
    )
    target_group_checked = models.BooleanField(_("kontroll av målgrupp"), null=True, blank=True)
    method_checked = models.BooleanField(_("kontroll av metod"), null=True, blank=True)
    equality_discussed = models.BooleanField(_("jämlikhet diskuterad"), null=True, blank=True)
    gender_equality_discussed = models.BooleanField(
        _("jämställdhet diskuterad"), null=True, blank=True
    )
    implementation_discussed = models.BooleanField(
        _("implementering diskuterad"), null=True, blank=True
    )
    quality_comment = models.TextField(_("kommentar om kvalitet"), blank=True)
    comment = models.TextField(_("övrig kommentar"), blank=True)

    # The office's review
    colour = models.CharField(
        _("kansliets bedömning"), max_length=10, choices=Colour.choices, blank=True
    )
    review_comment = models.TextField(_("kansliets kommentar"), blank=True)
    reviewed_by = user_reference(blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(association="association")

    class Meta:
        verbose_name = _("kvartalsrapport")
        verbose_name_plural = _("kvartalsrapporter")
        ordering = ["year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["intervention", "year", "quarter"], name="unique_quarterly_report"
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="quarterly_report_quarter_range"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_on__isnull=False),
                name="quarterly_report_submitted_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.intervention} {self.year} kv {self.quarter}"

    @property
    def deadline(self) -> dt.date:
        return report_deadline(self.year, self.quarter)


def report_deadline(year: int, quarter: int) -> dt.date:
    """One month after the quarter ends: the last day of the month after the quarter."""
    end = quarter_end(year, quarter)
    following = dt.date(end.year + (end.month == 12), end.month % 12 + 1, 1)
    after = dt.date(following.year + (following.month == 12), following.month % 12 + 1, 1)
    return after - dt.timedelta(days=1)


class DeviationKind(models.TextChoices):
    BUDGET = "budget", _("Budget")
    TRANSFER = "overforing", _("Överföring till nästa år")
    GOAL = "mal", _("Mål")
    TARGET_GROUP = "malgrupp", _("Målgrupp")
    METHOD = "metod", _("Metod")
    START_DATE = "startdatum", _("Startdatum")
    END_DATE = "slutdatum", _("Slutdatum")
    VACANCY = "vakans", _("Vakans")
    OTHER = "ovrigt", _("Övrigt")


class Decision(models.TextChoices):
    GRANTED = "beviljad", _("Beviljad")
    PARTLY = "delvis", _("Delvis beviljad")
    REJECTED = "avslag", _("Avslag")
    UNDECIDED = "ej_beslutad", _("Ej beslutad")


class DecidedBy(models.TextChoices):
    DIRECTOR = "forbundschef", _("Förbundschef")
    BOARD = "styrelse", _("Styrelsen")


class Deviation(models.Model):
    """A deviation report (avvikelserapport): a change request and its decision."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    intervention = models.ForeignKey(
        Intervention, on_delete=models.CASCADE, related_name="deviations", verbose_name=_("insats")
    )
    received_on = models.DateField(_("inkommen"))
    kind = models.CharField(_("typ"), max_length=12, choices=DeviationKind.choices)
    description = models.TextField(_("beskrivning"))
    amount = models.BigIntegerField(
        _("belopp att föra över (kr)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), *amount_validators()],
    )
    requested_start_date = models.DateField(_("begärt nytt startdatum"), null=True, blank=True)
    requested_end_date = models.DateField(_("begärt nytt slutdatum"), null=True, blank=True)
    decision = models.CharField(
        _("beslut"), max_length=12, choices=Decision.choices, default=Decision.UNDECIDED
    )
    decided_on = models.DateField(_("beslutsdatum"), null=True, blank=True)
    decided_by = models.CharField(
        _("beslutad av"), max_length=12, choices=DecidedBy.choices, blank=True
    )
    decision_comment = models.TextField(_("beslutskommentar"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(association="association")

    class Meta:
        verbose_name = _("avvikelserapport")
        verbose_name_plural = _("avvikelserapporter")
        ordering = ["received_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["intervention", "received_on", "kind"], name="unique_deviation"
            ),
            models.CheckConstraint(
                condition=(Q(kind="overforing") & Q(amount__gt=0))
                | (~Q(kind="overforing") & Q(amount__isnull=True)),
                name="deviation_amount_only_for_transfer",
            ),
            amount_bound("amount", name="deviation_amount_upper_bound"),
            models.CheckConstraint(
                condition=(
                    Q(decision="ej_beslutad") & Q(decided_on__isnull=True) & Q(decided_by="")
                )
                | (~Q(decision="ej_beslutad") & Q(decided_on__isnull=False) & ~Q(decided_by="")),
                name="deviation_decision_has_date_and_decider",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.intervention}: {self.get_kind_display()} {self.received_on:%Y-%m-%d}"

    @property
    def moves_money(self) -> bool:
        """An approved transfer moves its amount to next year's budget."""
        return self.kind == DeviationKind.TRANSFER and self.decision in (
            Decision.GRANTED,
            Decision.PARTLY,
        )


# --- history, reminders -------------------------------------------------------------------


class ReportAction(models.TextChoices):
    SUBMITTED = "submitted", _("Inlämnad")
    REOPENED = "reopened", _("Öppnad igen")
    REVIEWED = "reviewed", _("Granskad")


class ReportEvent(models.Model):
    """Something that happened to a quarterly report: who submitted, reopened or reviewed
    it, and when. Written by ``followup.services``; never edited."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    report = models.ForeignKey(QuarterlyReport, on_delete=models.CASCADE, related_name="events")
    user = user_reference()
    at = models.DateTimeField(_("tidpunkt"), auto_now_add=True)
    action = models.CharField(_("händelse"), max_length=10, choices=ReportAction.choices)
    comment = models.TextField(_("kommentar"), blank=True)

    objects = ScopedManager(association="association")

    class Meta:
        verbose_name = _("rapporthändelse")
        verbose_name_plural = _("rapporthändelser")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.report}: {self.get_action_display()}"


class DeviationAction(models.TextChoices):
    REGISTERED = "registered", _("Registrerad")
    DECIDED = "decided", _("Beslutad")
    REDECIDED = "redecided", _("Nytt beslut")


class DeviationEvent(models.Model):
    """Registration and every decision of a deviation report, with the decision taken."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    deviation = models.ForeignKey(Deviation, on_delete=models.CASCADE, related_name="events")
    user = user_reference()
    at = models.DateTimeField(_("tidpunkt"), auto_now_add=True)
    action = models.CharField(_("händelse"), max_length=10, choices=DeviationAction.choices)
    decision = models.CharField(_("beslut"), max_length=12, choices=Decision.choices)
    comment = models.TextField(_("kommentar"), blank=True)

    objects = ScopedManager(association="association")

    class Meta:
        verbose_name = _("avvikelsehändelse")
        verbose_name_plural = _("avvikelsehändelser")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.deviation}: {self.get_action_display()}"


class ReminderKind(models.TextChoices):
    BEFORE = "before", _("7 dagar före sista dag")
    AFTER = "after", _("Dagen efter sista dag")


class ReminderSent(models.Model):
    """A reminder e-mail sent for one intervention's quarterly report; the unique constraint
    makes sure the same reminder is never sent twice."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    intervention = models.ForeignKey(
        Intervention, on_delete=models.CASCADE, related_name="report_reminders"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    quarter = models.PositiveSmallIntegerField(
        _("kvartal"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    kind = models.CharField(_("typ"), max_length=10, choices=ReminderKind.choices)
    sent_on = models.DateField(_("skickad"))
    recipients = models.PositiveSmallIntegerField(_("antal mottagare"))

    objects = ScopedManager(association="association")

    class Meta:
        verbose_name = _("skickad påminnelse")
        verbose_name_plural = _("skickade påminnelser")
        ordering = ["sent_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["intervention", "year", "quarter", "kind"], name="unique_report_reminder"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.intervention} {self.year} kv {self.quarter}: {self.get_kind_display()}"


# --- final report (slutrapport, seed 002) -------------------------------------------------


class FinalReport(models.Model):
    """The owner's report when an intervention ends, following the association's template
    (seed 002). The period and the figures come from the intervention and the finance app."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        SUBMITTED = "submitted", _("Inlämnad")

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    intervention = models.OneToOneField(
        Intervention, on_delete=models.CASCADE, related_name="final_report"
    )
    purpose = models.TextField(_("Beskriv syftet med insatsen"), blank=True)
    results = models.TextField(_("Beskriv målen med insatsen samt utfall/resultat"), blank=True)
    gender_perspective = models.TextField(
        _("Påverkas utfall/resultat av ett jämställdhetsperspektiv?"), blank=True
    )
    background = models.TextField(_("Beskriv bakgrunden till/behovet av insatsen"), blank=True)
    need_changed = models.TextField(
        _("Har detta behov förändrats i och med insatsens genomförande?"), blank=True
    )
    target_group = models.TextField(_("Beskriv målgrupp för insatsen"), blank=True)
    methods = models.TextField(
        _("Beskriv metod/metoder ni använt och aktiviteter som skett"), blank=True
    )
    follow_up = models.TextField(_("Beskriv uppföljning och utvärdering av målen"), blank=True)
    implementation = models.TextField(
        _(
            "Beskriv hur insatsen kommer att implementeras "
            "(organisatoriskt, finansiellt och innehållsmässigt)"
        ),
        blank=True,
    )
    budget_outcome = models.TextField(_("Redogör för utfall av budget/finansiering"), blank=True)
    returned_funds = models.TextField(
        _(
            "Om medel har återförts till förbundet, vad har detta fått för konsekvenser "
            "för innehållet och utfallet av insatsen?"
        ),
        blank=True,
    )
    lessons = models.TextField(
        _("Beskriv tillvaratagna erfarenheter och lärdomar från insatsen"), blank=True
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    submitted_on = models.DateField(_("inlämnad"), null=True, blank=True)
    submitted_by = user_reference(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(association="association")

    class Meta:
        verbose_name = _("slutrapport")
        verbose_name_plural = _("slutrapporter")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_on__isnull=False),
                name="final_report_submitted_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.intervention}: slutrapport"


class FinalReportGoal(models.Model):
    """The outcome of one of the intervention's goals, as told in the final report."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    final_report = models.ForeignKey(FinalReport, on_delete=models.CASCADE, related_name="goals")
    goal = models.ForeignKey("interventions.Goal", on_delete=models.CASCADE, related_name="+")
    outcome = models.TextField(_("utfall/resultat"), blank=True)
    met = models.CharField(_("uppnått"), max_length=10, choices=YesPartlyNo.choices, blank=True)

    objects = ScopedManager(association="association")

    class Meta:
        verbose_name = _("mål i slutrapport")
        verbose_name_plural = _("mål i slutrapport")
        ordering = ["goal_id"]
        constraints = [
            models.UniqueConstraint(fields=["final_report", "goal"], name="unique_final_goal"),
        ]

    def __str__(self) -> str:
        return f"{self.final_report}: {self.goal}"


class FinalReportSignature(models.Model):
    """A signature (underskrift) of the owner or a partner organisation."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    final_report = models.ForeignKey(
        FinalReport, on_delete=models.CASCADE, related_name="signatures"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    name = models.CharField(_("namnförtydligande"), max_length=200)
    place = models.CharField(_("ort"), max_length=100, blank=True)
    signed_on = models.DateField(_("datum"))

    objects = ScopedManager(association="association")

    class Meta:
        verbose_name = _("underskrift")
        verbose_name_plural = _("underskrifter")
        ordering = ["signed_on", "id"]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.name}"
