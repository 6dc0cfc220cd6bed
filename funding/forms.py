"""Forms of the funding pages: the application with its amounts per year and goals
(formsets), the assessment and the decision. Messages are Swedish and land next to the
field they are about."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.forms import BaseFormSet, formset_factory
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from finsam.amounts import bounded
from funding.models import Application, Outcome, Recommendation
from funding.queries import ListFilter
from funding.services import GoalText, YearAmount
from interventions.forms import PLAN_FIELDS, add_plan_errors
from interventions.models import Intervention
from interventions.services import CODE_TAKEN
from tenancy.forms import DateInput, TenantModelForm

YEAR_PREFIX = "ar"
GOAL_PREFIX = "mal"


class ApplicationFilterForm(forms.Form):
    """The list page's filter (GET); empty means all applications."""

    status = forms.ChoiceField(
        label=gettext_lazy("Visa"),
        required=False,
        choices=[("", gettext_lazy("Alla ansökningar")), *ListFilter.choices],
    )


class ApplicationForm(TenantModelForm):
    class Meta:
        model = Application
        fields = [
            "name",
            "extends",
            "code",
            *PLAN_FIELDS,
            "target_group",
            "method",
            "follow_up_plan",
            "received_on",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "received_on": DateInput(),
            "target_group": forms.Textarea(attrs={"rows": 3}),
            "method": forms.Textarea(attrs={"rows": 5}),
            "follow_up_plan": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "extends": gettext_lazy(
                "Välj insatsen om ansökan gäller en förlängning; lämna tomt för en ny insats."
            ),
            "code": gettext_lazy(
                "Den nya insatsens kod om ansökan beviljas: bokstäver A–Z, siffror, - och _."
            ),
            "aim": gettext_lazy("Anges för individinsatser och bara för dem."),
            "target_group": gettext_lazy(
                "Beskriv gruppen, t.ex. ”unga 16–29 år utan sysselsättning”. "
                "Skriv aldrig om enskilda personer."
            ),
            "expected_participants": gettext_lazy("För hela perioden."),
        }

    def clean_code(self) -> str:
        return str(self.cleaned_data.get("code") or "").strip()

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        add_plan_errors(self, cleaned, _("Periodens slut får inte vara före dess start."))
        start = cleaned.get("start_date")
        extends: Intervention | None = cleaned.get("extends")
        code = cleaned.get("code", "")
        if extends is None:
            if not code and not self.has_error("code"):
                self.add_error("code", _("Ange ett kodförslag för den nya insatsen."))
            elif code and Intervention.objects.filter(code=code).exists():
                self.add_error("code", CODE_TAKEN % {"code": code})
        elif extends.end_date is None:
            self.add_error("extends", _("Insatsen har inget slutdatum och kan inte förlängas."))
        elif start and start <= extends.end_date:
            self.add_error(
                "start_date",
                _("En förlängning börjar efter insatsens nuvarande slutdatum, %(end)s.")
                % {"end": extends.end_date.isoformat()},
            )
        return cleaned


def initial_for_extension(intervention: Intervention) -> dict[str, Any]:
    """A new application's form filled in from the intervention it would extend."""
    start = intervention.end_date + dt.timedelta(days=1) if intervention.end_date else None
    return {
        "extends": intervention.pk,
        "name": intervention.name,
        "code": intervention.code,
        "owner": intervention.owner_id,
        "partners": [partner.pk for partner in intervention.partners.all()],
        "kind": intervention.kind,
        "aim": intervention.aim,
        "follow_up": intervention.follow_up,
        "start_date": start,
        "expected_participants": intervention.expected_participants,
    }


# --- rows: amounts per year and goals --------------------------------------------------------


class YearForm(forms.Form):
    """One year's amount; a row left empty is ignored (and removes a stored year)."""

    year = forms.IntegerField(
        label=gettext_lazy("År"), min_value=2000, max_value=2100, required=False
    )
    amount = bounded(
        forms.IntegerField(label=gettext_lazy("Belopp (kr)"), min_value=0, required=False)
    )

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        year, amount = cleaned.get("year"), cleaned.get("amount")
        if year is None and amount is not None and not self.has_error("year"):
            self.add_error("year", _("Ange år."))
        if year is not None and amount is None and not self.has_error("amount"):
            self.add_error("amount", _("Ange belopp."))
        return cleaned


if TYPE_CHECKING:
    YearFormSetBase = BaseFormSet[YearForm]
else:  # BaseFormSet is generic for the type checker only
    YearFormSetBase = BaseFormSet


class BaseYearFormSet(YearFormSetBase):
    def clean(self) -> None:
        if any(self.errors):
            return
        years = [row.year for row in self.rows()]
        duplicates = sorted({year for year in years if years.count(year) > 1})
        if duplicates:
            raise forms.ValidationError(
                _("Året %(year)s finns flera gånger.") % {"year": duplicates[0]}
            )

    def rows(self) -> list[YearAmount]:
        """The filled-in rows (call after is_valid)."""
        return [
            YearAmount(year=form.cleaned_data["year"], amount=form.cleaned_data["amount"])
            for form in self.forms
            if form.cleaned_data.get("year") is not None
        ]


class GoalForm(forms.Form):
    """One goal with its measurable target; a row left empty is ignored."""

    text = forms.CharField(
        label=gettext_lazy("Mål"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    target = forms.CharField(label=gettext_lazy("Mätbart målvärde"), max_length=300, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if cleaned.get("target") and not cleaned.get("text"):
            self.add_error("text", _("Skriv målet som målvärdet gäller."))
        return cleaned


if TYPE_CHECKING:
    GoalFormSetBase = BaseFormSet[GoalForm]
else:  # BaseFormSet is generic for the type checker only
    GoalFormSetBase = BaseFormSet


class BaseGoalFormSet(GoalFormSetBase):
    def rows(self) -> list[GoalText]:
        return [
            GoalText(text=form.cleaned_data["text"], target=form.cleaned_data.get("target", ""))
            for form in self.forms
            if form.cleaned_data.get("text")
        ]


def year_formset(
    *, data: Any = None, initial: list[dict[str, Any]] | None = None, extra: int = 1
) -> BaseYearFormSet:
    formset_class = formset_factory(YearForm, formset=BaseYearFormSet, extra=extra)
    return cast(BaseYearFormSet, formset_class(data=data, initial=initial, prefix=YEAR_PREFIX))


def goal_formset(
    *, data: Any = None, initial: list[dict[str, Any]] | None = None, extra: int = 1
) -> BaseGoalFormSet:
    formset_class = formset_factory(GoalForm, formset=BaseGoalFormSet, extra=extra)
    return cast(BaseGoalFormSet, formset_class(data=data, initial=initial, prefix=GOAL_PREFIX))


def raw_values(form: forms.BaseForm) -> dict[str, Any]:
    """A bound form's submitted values as initial data, so the page can be shown again
    (with one more row) without error messages for what is not filled in yet."""
    return {
        name: field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
        for name, field in form.fields.items()
    }


# --- assessment and decision ------------------------------------------------------------------


class AssessmentForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Bedömning"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=gettext_lazy(
            "Kansliets bedömning av ansökan: förbundets inriktning, målgrupp, mål och uppföljning."
        ),
    )
    recommendation = forms.ChoiceField(
        label=gettext_lazy("Förslag till beslut"), choices=Recommendation.choices
    )
    assessed_on = forms.DateField(label=gettext_lazy("Beredd"), widget=DateInput())


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=gettext_lazy("Styrelsens beslut"), choices=Outcome.choices)
    decided_on = forms.DateField(label=gettext_lazy("Beslutsdatum"), widget=DateInput())
    meeting_reference = forms.CharField(
        label=gettext_lazy("Paragraf/ärende"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("Till exempel ”§ 7, styrelsemöte 2023-04-14”."),
    )
    start_date = forms.DateField(
        label=gettext_lazy("Beviljad period, start"), widget=DateInput(), required=False
    )
    end_date = forms.DateField(
        label=gettext_lazy("Beviljad period, slut"),
        widget=DateInput(),
        required=False,
        help_text=gettext_lazy("Vid avslag sparas varken period eller belopp."),
    )
    conditions = forms.CharField(
        label=gettext_lazy("Villkor"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=gettext_lazy("Beslutets att-satser om villkor för finansieringen."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if cleaned.get("outcome") == Outcome.REJECTED:
            return cleaned
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start is None and not self.has_error("start_date"):
            self.add_error("start_date", _("Ange när den beviljade perioden börjar."))
        if end is None and not self.has_error("end_date"):
            self.add_error("end_date", _("Ange när den beviljade perioden slutar."))
        if start and end and end < start:
            self.add_error("end_date", _("Periodens slut får inte vara före dess start."))
        return cleaned
