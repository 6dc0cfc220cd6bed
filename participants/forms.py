"""Forms of the participant pages. They check the shape of the input (dates, closed-list
codes, numbers); the rules (consent before entry, work extent for work exits, one open
participation, valid personnummer) live in ``participants.services`` and come back as
field errors through ``tenancy.forms.add_service_errors``.

A personnummer is only ever posted (never in a URL); error messages never repeat it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from participants.choices import (
    Education,
    ExitReason,
    Gender,
    IncomeSource,
    PublicSupportTime,
    Referrer,
)
from participants.models import Participation
from participants.personnummer import InvalidPersonnummer, Personnummer, parse
from participants.queries import ListStatus, PeriodOn
from participants.services import HISTORY_FIELDS, EntryDetails
from tenancy.forms import DateInput

_BLANK: list[tuple[str, str]] = [("", "–")]
#: Attributes of inputs that hold identity: no autofill, no spell-check (which may send
#: the text to a service), digits keyboard on phones.
_IDENTITY_ATTRS = {"autocomplete": "off", "spellcheck": "false"}


def _choices(choices: Any) -> list[tuple[str, str]]:
    return [*_BLANK, *choices]


def personnummer_field(**kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=_("Personnummer"),
        max_length=20,
        help_text=_("ÅÅÅÅMMDD-NNNN, eller samordningsnummer."),
        widget=forms.TextInput(attrs={**_IDENTITY_ATTRS, "inputmode": "numeric"}),
        **kwargs,
    )


def reference_field() -> forms.CharField:
    """The participant's own running number (deltagar-id), never personnummer or name."""
    return forms.CharField(
        label=_("Deltagar-id"),
        max_length=100,
        required=False,
        help_text=_("Frivilligt löpnummer inom förbundet. Inte personnummer eller namn."),
    )


class EntryDetailsForm(forms.Form):
    """The closed-list variables of the importmall's `Deltagare` sheet."""

    education = forms.ChoiceField(
        label=_("Utbildningsnivå"), choices=_choices(Education.choices), required=False
    )
    income_before = forms.MultipleChoiceField(
        label=_("Försörjning före inskrivning"),
        choices=IncomeSource.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    public_support_time = forms.ChoiceField(
        label=_("Tid i offentlig försörjning"),
        choices=_choices(PublicSupportTime.choices),
        required=False,
    )
    referrer = forms.ChoiceField(
        label=_("Remittent"), choices=_choices(Referrer.choices), required=False
    )
    action_plan_date = forms.DateField(
        label=_("Handlingsplan klar"), required=False, widget=DateInput()
    )

    def details(self) -> EntryDetails:
        data = self.cleaned_data
        return EntryDetails(
            education=data["education"],
            income_before=list(data["income_before"]),
            public_support_time=data["public_support_time"],
            referrer=data["referrer"],
            action_plan_date=data["action_plan_date"],
        )


class EntryForm(EntryDetailsForm):
    """Entry of a participant who has given consent."""

    field_order = [
        "personnummer",
        "name",
        "consent_date",
        "consent_form_version",
        "entry_date",
        "reference",
    ]

    personnummer = personnummer_field()
    name = forms.CharField(
        label=_("Namn"),
        max_length=200,
        required=False,
        help_text=_("Frivilligt. Visas bara för deltagaransvariga i insatsen."),
        widget=forms.TextInput(attrs=_IDENTITY_ATTRS),
    )
    consent_date = forms.DateField(label=_("Samtycke lämnat"), widget=DateInput())
    consent_form_version = forms.CharField(label=_("Blankettversion"), max_length=40, initial="1")
    entry_date = forms.DateField(label=_("Inskrivningsdatum"), widget=DateInput())
    reference = reference_field()


class AnonymousEntryForm(forms.Form):
    """Entry without consent (or with protected identity): gender and entry date only."""

    gender = forms.ChoiceField(label=_("Kön"), choices=_choices(Gender.choices))
    entry_date = forms.DateField(label=_("Inskrivningsdatum"), widget=DateInput())
    reference = reference_field()


class ExitFieldsForm(forms.Form):
    exit_date = forms.DateField(label=_("Utskrivningsdatum"), widget=DateInput())
    exit_reason = forms.ChoiceField(
        label=_("Avslutsanledning"), choices=_choices(ExitReason.choices)
    )
    work_extent = forms.IntegerField(
        label=_("Arbetsgrad (%)"),
        min_value=1,
        max_value=100,
        required=False,
        help_text=_("Anges bara vid arbete, subventionerad anställning eller eget företag."),
    )
    income_after = forms.MultipleChoiceField(
        label=_("Försörjning efter utskrivning"),
        choices=IncomeSource.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class ExitForm(ExitFieldsForm):
    """Exit of an ongoing participation."""

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "exit_date": data["exit_date"],
            "exit_reason": data["exit_reason"],
            "work_extent": data["work_extent"],
            "income_after": list(data["income_after"]),
        }


class ParticipationUpdateForm(EntryDetailsForm, ExitFieldsForm):
    """Change entry, exit and the closed-list variables of a participation with consent."""

    field_order = ["entry_date", "exit_date", "exit_reason", "work_extent"]

    entry_date = forms.DateField(label=_("Inskrivningsdatum"), widget=DateInput())

    def __init__(self, *args: Any, participation: Participation, **kwargs: Any) -> None:
        initial = {name: getattr(participation, name) for name in HISTORY_FIELDS}
        kwargs["initial"] = {**initial, **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        # An ongoing participation is edited without exit; the exit page sets it.
        for name in ("exit_date", "exit_reason"):
            self.fields[name].required = False

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "entry_date": data["entry_date"],
            "exit_date": data["exit_date"],
            "exit_reason": data["exit_reason"],
            "work_extent": data["work_extent"],
            "education": data["education"],
            "income_before": list(data["income_before"]),
            "public_support_time": data["public_support_time"],
            "referrer": data["referrer"],
            "action_plan_date": data["action_plan_date"],
            "income_after": list(data["income_after"]),
        }


class ParticipationFilterForm(forms.Form):
    """The list's filters (GET). Field names are the query parameters."""

    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Alla")), *ListStatus.choices],
        required=False,
    )
    avser = forms.ChoiceField(label=_("Perioden avser"), choices=PeriodOn.choices, required=False)
    fran = forms.DateField(label=_("Från och med"), required=False, widget=DateInput())
    till = forms.DateField(label=_("Till och med"), required=False, widget=DateInput())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start: dt.date | None = data.get("fran")
        end: dt.date | None = data.get("till")
        if start and end and end < start:
            self.add_error("till", _("Slutdatum kan inte vara före startdatum."))
        return data

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for ``filter_participations`` (none when invalid)."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "status": data["status"],
            "period_on": data["avser"],
            "date_from": data["fran"],
            "date_to": data["till"],
        }


class SearchForm(forms.Form):
    """Search by personnummer (POST only, so the number never appears in a URL)."""

    personnummer = personnummer_field()

    def clean_personnummer(self) -> Personnummer:
        try:
            return parse(self.cleaned_data["personnummer"])
        except InvalidPersonnummer as error:
            raise ValidationError(str(error), code="invalid") from None
