"""Forms of the follow-up pages. The forms only shape input; the rules (what submitting
requires, amount rules of a deviation) live in ``followup.services`` and come back as
field errors."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from finsam.amounts import bounded
from followup.final_reports import FINAL_TEXT_FIELDS
from followup.models import (
    Colour,
    DecidedBy,
    Decision,
    Deviation,
    DeviationKind,
    FinalReport,
    FinalReportSignature,
    Forecast,
    OnTrack,
    QuarterlyReport,
    YesPartlyNo,
)
from followup.services import CONDITION_FIELDS, GOAL_FIELDS, QUALITY_FIELDS, deviation_errors
from interventions.models import Goal, Intervention
from tenancy.forms import DateInput, TenantModelForm
from tenancy.models import Organisation

YES_NO = [("ja", _("Ja")), ("nej", _("Nej"))]


OPTIONAL = _("Frivillig.")


def yes_no_field(label: StrOrPromise, help_text: StrOrPromise = "") -> forms.TypedChoiceField:
    """A ja/nej question stored as a nullable boolean; empty while a draft."""
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=YES_NO,
        coerce=lambda value: value == "ja",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )


def choice_field(label: StrOrPromise, choices: list[tuple[str, Any]]) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=choices, required=False, widget=forms.RadioSelect)


def comment_field(label: StrOrPromise) -> forms.CharField:
    return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": 3}))


class QuarterlyReportForm(forms.Form):
    """The questions of the importmall's `Kvartalsrapporter` sheet, in three sections.
    Every answer may be empty in a draft; ``followup.services.submit`` requires the
    importmall's required ones."""

    # Mål (seed table 2)
    on_track = choice_field(_("Ligger insatsen i fas med målen?"), OnTrack.choices)
    forecast = choice_field(
        _("Vilken är styrgruppens prognos: kommer målen att nås?"), Forecast.choices
    )
    started_on_time = yes_no_field(_("Startade insatsen i tid?"), OPTIONAL)
    action_plan_share = forms.IntegerField(
        label=_("Hur stor andel av deltagarna har en handlingsplan (%)?"),
        min_value=0,
        max_value=100,
        required=False,
        help_text=OPTIONAL,
    )
    goals_comment = comment_field(_("Kommentar om målen"))
    # Förutsättningar (seed table 3)
    vacancy_funded = yes_no_field(
        _("Har det funnits vakanser i tjänster som finansieras av förbundet?")
    )
    vacancy_self_funded = yes_no_field(_("Har det funnits vakanser i egenfinansierade tjänster?"))
    conditions_comment = comment_field(_("Kommentar om förutsättningarna"))
    # Kvalitetssäkring (seed table 5)
    meetings_per_agreement = yes_no_field(_("Har styrgruppen haft möten enligt överenskommelsen?"))
    ordinary_representation = yes_no_field(
        _("Har alla ordinarie ledamöter deltagit i styrgruppens möten?")
    )
    follow_up_per_agreement = choice_field(
        _("Har uppföljningen skett enligt överenskommelsen?"), YesPartlyNo.choices
    )
    target_group_checked = yes_no_field(_("Har styrgruppen kontrollerat målgruppen?"))
    method_checked = yes_no_field(_("Har styrgruppen kontrollerat metoden?"))
    equality_discussed = yes_no_field(_("Har jämlikhet diskuterats i styrgruppen?"))
    gender_equality_discussed = yes_no_field(_("Har jämställdhet diskuterats i styrgruppen?"))
    implementation_discussed = yes_no_field(_("Har implementering diskuterats i styrgruppen?"))
    quality_comment = comment_field(_("Kommentar om kvalitetssäkringen"))
    comment = comment_field(_("Övrig kommentar"))

    SECTIONS = (
        (_("Mål"), GOAL_FIELDS),
        (_("Förutsättningar"), CONDITION_FIELDS),
        (_("Kvalitetssäkring"), QUALITY_FIELDS),
        (_("Övrigt"), ("comment",)),
    )

    @classmethod
    def initial_from(cls, report: QuarterlyReport | None) -> dict[str, Any]:
        if report is None:
            return {}
        initial: dict[str, Any] = {}
        for name in cls.base_fields:
            value = getattr(report, name)
            if isinstance(value, bool):
                value = "ja" if value else "nej"
            initial[name] = value
        return initial

    def sections(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(str(title), [self[name] for name in names]) for title, names in self.SECTIONS]


class ReviewForm(forms.Form):
    colour = forms.ChoiceField(
        label=_("Kansliets bedömning"), choices=Colour.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Kansliets kommentar"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class ReopenForm(forms.Form):
    comment = forms.CharField(
        label=_("Varför öppnas rapporten igen?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kommentaren sparas i rapportens historik."),
    )


class DeviationForm(TenantModelForm):
    """A new deviation report. The received date is set by the office; for an
    insatsansvarig it is the day the report is registered."""

    amount = bounded(
        forms.IntegerField(
            label=_("Belopp att föra över till nästa år (kr)"),
            required=False,
            help_text=_("Bara vid överföring till nästa år. Hela kronor."),
        )
    )

    class Meta:
        model = Deviation
        fields = [
            "received_on",
            "kind",
            "description",
            "amount",
            "requested_start_date",
            "requested_end_date",
        ]
        widgets = {
            "received_on": DateInput(),
            "requested_start_date": DateInput(),
            "requested_end_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "requested_start_date": _("Bara för avvikelser av typen startdatum."),
            "requested_end_date": _("Bara för avvikelser av typen slutdatum."),
        }

    def __init__(self, *args: Any, office: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not office:
            del self.fields["received_on"]
        kind = self.fields["kind"]
        kind.choices = [("", _("Välj typ")), *DeviationKind.choices]  # type: ignore[attr-defined]  # the field is a ChoiceField

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        kind = cleaned.get("kind")
        if kind:
            errors = deviation_errors(
                kind=kind,
                amount=cleaned.get("amount"),
                requested_start_date=cleaned.get("requested_start_date"),
                requested_end_date=cleaned.get("requested_end_date"),
            )
            for field, message in errors.items():
                if not self.has_error(field):
                    self.add_error(field, message)
        return cleaned

    def validate_unique(self) -> None:
        """Uniqueness is checked by the service (it knows the received date)."""


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Beslut"),
        choices=[
            (value, label) for value, label in Decision.choices if value != Decision.UNDECIDED
        ],
        widget=forms.RadioSelect,
    )
    decided_on = forms.DateField(label=_("Beslutsdatum"), widget=DateInput())
    decided_by = forms.ChoiceField(
        label=_("Beslutad av"), choices=DecidedBy.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Kommentar till beslutet"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


# --- final report ------------------------------------------------------------------------


class FinalReportForm(forms.ModelForm):
    """The text parts of the final report template (seed 002), in the template's order."""

    class Meta:
        model = FinalReport
        fields = list(FINAL_TEXT_FIELDS)
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in fields}


class FinalReportGoalForm(forms.Form):
    """The outcome of one goal of the intervention (prefix ``goal-<id>``)."""

    outcome = forms.CharField(
        label=_("Utfall/resultat"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    met = forms.ChoiceField(
        label=_("Har målet uppnåtts?"),
        choices=[("", _("Välj")), *YesPartlyNo.choices],
        required=False,
    )

    def __init__(self, *args: Any, goal: Goal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.goal = goal


class SignatureForm(TenantModelForm):
    class Meta:
        model = FinalReportSignature
        fields = ["organisation", "name", "place", "signed_on"]
        widgets = {"signed_on": DateInput()}

    def __init__(self, *args: Any, intervention: Intervention, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parties = [intervention.owner_id, *(p.pk for p in intervention.partners.all())]
        field = self.fields["organisation"]
        field.queryset = Organisation.objects.filter(pk__in=parties)  # type: ignore[attr-defined]  # the field is a ModelChoiceField
        field.help_text = _("Insatsägaren eller en samverkanspart.")


SignatureFormSet = forms.formset_factory(SignatureForm, extra=2, can_delete=True)
