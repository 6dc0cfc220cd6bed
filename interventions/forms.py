"""Forms for interventions, goals, steering groups and budgets. Every message is Swedish and
lands next to the field it is about (or above the form when it concerns several fields)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from finsam.amounts import bounded
from finsam.years import YEAR_MAX, YEAR_MIN
from interventions.models import (
    Budget,
    Goal,
    Intervention,
    Kind,
    SteeringGroup,
    SteeringGroupMember,
)
from interventions.queries import PeriodStatus
from interventions.services import (
    CODE_TAKEN,
    END_BEFORE_START,
    aim_problem,
    budget_period_conflict,
    save_budget,
    save_intervention,
)
from tenancy.forms import DateInput, TenantModelForm


def stored_row(form: forms.ModelForm[Any], *, commit: bool) -> Any:
    """The row a page edits as stored (the form has already changed its instance), or None
    for a new row. A form that saves through a service cannot save later (``commit``)."""
    if not commit:  # pragma: no cover - no page saves later
        raise ValueError("This form saves through its service only.")
    if form.instance.pk is None:
        return None
    return type(form.instance)._default_manager.get(pk=form.instance.pk)


#: The plan of an intervention, asked for alike by its own form and by the application that
#: proposes it (``funding.forms.ApplicationForm``): owner, partners, kind, aim, follow-up,
#: period and expected participants.
PLAN_FIELDS = [
    "owner",
    "partners",
    "kind",
    "aim",
    "follow_up",
    "start_date",
    "end_date",
    "expected_participants",
]


def add_plan_errors(form: forms.BaseForm, cleaned: dict[str, Any], end_before_start: Any) -> None:
    """The checks of a plan (``PLAN_FIELDS``) that span fields: the aim fits the kind, and
    the period does not end before it starts (refused with ``end_before_start``)."""
    problem = aim_problem(kind=cleaned.get("kind"), aim=cleaned.get("aim"))
    if problem:
        form.add_error("aim", problem)
    start, end = cleaned.get("start_date"), cleaned.get("end_date")
    if start and end and end < start:
        form.add_error("end_date", end_before_start)


class InterventionForm(TenantModelForm):
    class Meta:
        model = Intervention
        fields = [
            "code",
            "name",
            "short_name",
            *PLAN_FIELDS,
            "steering_group",
        ]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}
        help_texts = {
            "code": gettext_lazy("Bokstäver A–Z, siffror, - och _; unik inom förbundet."),
            "short_name": gettext_lazy("Visas i tabeller; lämna tomt för att använda namnet."),
            "aim": gettext_lazy("Anges för individinsatser och bara för dem."),
            "expected_participants": gettext_lazy("För hela insatsperioden."),
        }

    def save(self, commit: bool = True) -> Intervention:
        """Saved through ``interventions.services.save_intervention``, as the import does."""
        data = self.cleaned_data
        self.instance, _outcome = save_intervention(
            association=self.association,
            code=data["code"],
            name=data["name"],
            short_name=data["short_name"],
            owner=data["owner"],
            partners=list(data["partners"]),
            kind=data["kind"],
            aim=data["aim"],
            follow_up=data["follow_up"],
            start_date=data["start_date"],
            end_date=data["end_date"],
            expected_participants=data["expected_participants"],
            steering_group=data["steering_group"],
            stored=stored_row(self, commit=commit),
        )
        return self.instance

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"].strip()
        duplicates = Intervention.objects.filter(code=code)
        if self.instance.pk is not None:
            duplicates = duplicates.exclude(pk=self.instance.pk)
        if duplicates.exists():
            raise forms.ValidationError(
                CODE_TAKEN % {"code": code},
                code="duplicate",
            )
        return code

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        add_plan_errors(self, cleaned, str(END_BEFORE_START))
        return cleaned


class InterventionFilterForm(forms.Form):
    """The list page's filters (GET): kind and period status; empty means all."""

    inriktning = forms.ChoiceField(
        label=gettext_lazy("Inriktning"),
        required=False,
        choices=[("", gettext_lazy("Alla inriktningar")), *Kind.choices],
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("Alla")), *PeriodStatus.choices],
    )


class BudgetYearForm(forms.Form):
    """The budget overview's year selector (GET ``?ar=``)."""

    ar = forms.IntegerField(label=gettext_lazy("År"), min_value=YEAR_MIN, max_value=YEAR_MAX)


class GoalForm(TenantModelForm):
    class Meta:
        model = Goal
        fields = ["text", "target", "status"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, intervention: Intervention, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.intervention = intervention


class SteeringGroupForm(TenantModelForm):
    class Meta:
        model = SteeringGroup
        fields = ["name"]

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        duplicates = SteeringGroup.objects.filter(name=name)
        if self.instance.pk is not None:
            duplicates = duplicates.exclude(pk=self.instance.pk)
        if duplicates.exists():
            raise forms.ValidationError(
                _("Det finns redan en styrgrupp som heter %(name)s.") % {"name": name},
                code="duplicate",
            )
        return name


class SteeringGroupMemberForm(TenantModelForm):
    class Meta:
        model = SteeringGroupMember
        fields = ["name", "organisation", "role"]

    def __init__(self, *args: Any, steering_group: SteeringGroup, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.steering_group = steering_group


class BudgetForm(TenantModelForm):
    # Declared rather than derived so the browser's bounds match the model's validators.
    year = forms.IntegerField(label=gettext_lazy("År"), min_value=YEAR_MIN, max_value=YEAR_MAX)
    quarter = forms.IntegerField(
        label=gettext_lazy("Kvartal"),
        min_value=1,
        max_value=4,
        required=False,
        help_text=gettext_lazy("1–4. Lämna tomt för helårsbudget."),
    )
    amount = bounded(
        forms.IntegerField(
            label=gettext_lazy("Belopp (kr)"), min_value=0, help_text=gettext_lazy("Hela kronor.")
        )
    )

    class Meta:
        model = Budget
        fields = ["year", "quarter", "amount"]

    def __init__(self, *args: Any, intervention: Intervention, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.intervention = intervention
        self.instance.intervention = intervention

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        year, quarter = cleaned.get("year"), cleaned.get("quarter")
        if year is None or self.has_error("quarter"):
            return cleaned
        exclude_pk = self.instance.pk
        # quarter=None matches the yearly row (IS NULL)
        same_period = Budget.objects.filter(
            intervention=self.intervention, year=year, quarter=quarter
        )
        if exclude_pk is not None:
            same_period = same_period.exclude(pk=exclude_pk)
        if same_period.exists():
            if quarter is None:
                message = _("Det finns redan en helårsbudget för %(year)s.") % {"year": year}
            else:
                message = _("Det finns redan en budget för %(year)s kvartal %(quarter)s.") % {
                    "year": year,
                    "quarter": quarter,
                }
            raise forms.ValidationError(message, code="duplicate")
        conflict = budget_period_conflict(
            intervention=self.intervention, year=year, quarter=quarter, exclude_pk=exclude_pk
        )
        if conflict:
            raise forms.ValidationError(conflict, code="period_conflict")
        return cleaned

    def save(self, commit: bool = True) -> Budget:
        """Saved through ``interventions.services.save_budget``, as the import does."""
        data = self.cleaned_data
        self.instance, _outcome = save_budget(
            intervention=self.intervention,
            year=data["year"],
            quarter=data["quarter"],
            amount=data["amount"],
            stored=stored_row(self, commit=commit),
        )
        return self.instance
