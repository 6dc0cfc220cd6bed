"""Forms of the money pages. Forms that change state only collect input; the view hands it
to a function in ``finance.services``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from finance.models import BudgetStatus
from finsam.amounts import bounded
from finsam.years import year_validators
from interventions.models import Intervention
from stats.periods import Period
from tenancy.forms import DateInput

QUARTER_CHOICES = [
    (1, gettext_lazy("Kvartal 1")),
    (2, gettext_lazy("Kvartal 2")),
    (3, gettext_lazy("Kvartal 3")),
    (4, gettext_lazy("Kvartal 4")),
]


class PeriodForm(forms.Form):
    period = forms.CharField(
        label=gettext_lazy("Period"),
        max_length=10,
        help_text=gettext_lazy("År (2022), halvår (2022H2) eller kvartal (2022Q3)."),
    )

    def clean_period(self) -> Period:
        try:
            return Period.parse(self.cleaned_data["period"])
        except ValueError as error:
            raise forms.ValidationError(str(error), code="invalid") from None


class YearForm(forms.Form):
    ar = forms.IntegerField(label=gettext_lazy("År"), validators=year_validators())


class CostSubmitForm(forms.Form):
    intervention: forms.ModelChoiceField[Intervention] = forms.ModelChoiceField(
        label=gettext_lazy("Insats"), queryset=Intervention.objects.none()
    )
    year = forms.IntegerField(label=gettext_lazy("År"), validators=year_validators())
    quarter = forms.TypedChoiceField(
        label=gettext_lazy("Kvartal"), choices=QUARTER_CHOICES, coerce=int
    )
    amount = bounded(
        forms.IntegerField(
            label=gettext_lazy("Belopp (kr)"),
            help_text=gettext_lazy("Hela kronor. Ange ett negativt belopp vid återbetalning."),
        ),
        signed=True,
    )

    def __init__(self, *args: Any, interventions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["intervention"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - narrows the type
        field.queryset = interventions


class CostCorrectionForm(forms.Form):
    amount = forms.IntegerField(
        label=gettext_lazy("Rättat belopp (kr)"),
        help_text=gettext_lazy("Hela kronor. Ange ett negativt belopp vid återbetalning."),
    )
    comment = forms.CharField(
        label=gettext_lazy("Varför rättas utfallet?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Syns i utfallets historik tillsammans med det tidigare beloppet."),
    )


class CostDecisionForm(forms.Form):
    APPROVE = "approve"
    REJECT = "reject"

    decision = forms.ChoiceField(
        label=gettext_lazy("Beslut"),
        choices=[(APPROVE, gettext_lazy("Godkänn")), (REJECT, gettext_lazy("Avslå"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=gettext_lazy("Kommentar"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Krävs vid avslag."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if cleaned.get("decision") == self.REJECT and not cleaned.get("comment", "").strip():
            self.add_error("comment", _("Skriv varför utfallet avslås."))
        return cleaned


class PaymentForm(forms.Form):
    paid_on = forms.DateField(
        label=gettext_lazy("Utbetald"),
        required=False,
        widget=DateInput(),
        help_text=gettext_lazy("Lämna tomt om utbetalningen inte är gjord."),
    )


class ThresholdsForm(forms.Form):
    watch_low = forms.IntegerField(label=gettext_lazy("Under bevakning från (%)"), min_value=0)
    ok_low = forms.IntegerField(label=gettext_lazy("Ok från (%)"), min_value=0)
    ok_high = forms.IntegerField(label=gettext_lazy("Ok till (%)"), min_value=0)
    watch_high = forms.IntegerField(label=gettext_lazy("Under bevakning till (%)"), min_value=0)

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        values = [cleaned.get(name) for name in ("watch_low", "ok_low", "ok_high", "watch_high")]
        if None not in values and values != sorted(values):  # type: ignore[type-var]  # None is ruled out just before
            raise forms.ValidationError(
                _(
                    "Gränserna måste ligga i ordning: bevakning från ≤ ok från ≤ ok till ≤ "
                    "bevakning till."
                )
            )
        return cleaned


class StatusOverrideForm(forms.Form):
    SUGGESTED = ""

    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        choices=[
            (SUGGESTED, gettext_lazy("Föreslagen status (ingen fastställd)")),
            *BudgetStatus.choices,
        ],
        required=False,
    )
    comment = forms.CharField(
        label=gettext_lazy("Kommentar"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Krävs när en status fastställs."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if cleaned.get("status") and not cleaned.get("comment", "").strip():
            self.add_error("comment", _("Skriv varför statusen fastställs."))
        return cleaned
