"""Forms of the meeting pages. They validate input; the services make every change."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.attachments import generated_kinds
from meetings.models import (
    AttachmentDocument,
    Concerns,
    ItemKind,
    Organ,
    StaffMember,
)
from tenancy.forms import DateInput, TenantModelForm


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("format", "%H:%M")
        super().__init__(**kwargs)


class MeetingForm(forms.Form):
    organ: forms.ModelChoiceField[Organ] = forms.ModelChoiceField(
        label=_("Organ"), queryset=Organ.objects.none(), empty_label=None
    )
    date = forms.DateField(label=_("Datum"), widget=DateInput())
    start = forms.TimeField(label=_("Starttid"), widget=TimeInput())
    end = forms.TimeField(label=_("Sluttid"), widget=TimeInput(), required=False)
    place = forms.CharField(label=_("Plats"), max_length=300)
    remote_link = forms.URLField(
        label=_("Länk för distansdeltagande"), required=False, assume_scheme="https"
    )
    note = forms.CharField(
        label=_("Övrigt"),
        max_length=300,
        required=False,
        help_text=_("Till exempel ”Lunch serveras”."),
    )

    def __init__(self, *args: Any, organs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organ"].queryset = organs  # type: ignore[attr-defined]  # a ModelChoiceField

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end <= start:
            self.add_error("end", _("Sluttiden måste vara efter starttiden."))
        return data


class ItemForm(forms.Form):
    title = forms.CharField(label=_("Ärenderubrik"), max_length=300)
    kind = forms.ChoiceField(label=_("Typ av ärende"), choices=ItemKind.choices)
    presenter: forms.ModelChoiceField[StaffMember] = forms.ModelChoiceField(
        label=_("Föredragande"), queryset=StaffMember.objects.none(), required=False
    )
    proposal = forms.CharField(
        label=_("Förslag till beslut"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("En beslutssats per rad, var och en börjar med ”att”."),
    )
    background = forms.CharField(
        label=_("Ärende (bakgrund)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Skriv aldrig uppgifter om enskilda deltagare i ett ärende."),
    )
    concerns = forms.ChoiceField(label=_("Gäller"), choices=Concerns.choices, required=False)
    concerns_ref = forms.CharField(
        label=_("Gäller (referens)"),
        max_length=40,
        required=False,
        help_text=_("Ansökans eller insatsens id, år, period (2025H2) eller datum."),
    )

    def __init__(self, *args: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["presenter"].queryset = staff  # type: ignore[attr-defined]  # ModelChoiceField

    def item_fields(self) -> dict[str, Any]:
        """The cleaned fields as ``services.add_item`` and ``update_item`` take them."""
        data = self.cleaned_data
        fields = ("title", "kind", "presenter", "background", "concerns", "concerns_ref")
        return {
            **{name: data[name] for name in fields},
            "proposal": str(data.get("proposal", "")).splitlines(),
        }


def attachment_choices() -> list[tuple[str, str]]:
    offered = {*generated_kinds(), AttachmentDocument.FILE}
    return [(value, str(label)) for value, label in AttachmentDocument.choices if value in offered]


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Rubrik"), max_length=300)
    document = forms.ChoiceField(label=_("Handling"), choices=attachment_choices)
    reference = forms.CharField(
        label=_("Gäller"),
        max_length=40,
        required=False,
        help_text=_("För uppföljnings-PM: perioden, t.ex. 2025H2."),
    )
    file = forms.FileField(
        label=_("Fil (PDF eller Word)"),
        required=False,
        help_text=_("Endast för uppladdade handlingar."),
    )


class AttendanceForm(forms.Form):
    attending = forms.TypedChoiceField(
        label=_("Anmälan"),
        choices=[("1", _("Jag kommer")), ("0", _("Jag har förhinder"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )


class DelegatedDecisionForm(forms.Form):
    decided_on = forms.DateField(label=_("Beslutsdatum"), widget=DateInput())
    delegate = forms.CharField(label=_("Delegat"), max_length=200)
    point = forms.CharField(
        label=_("Delegationspunkt"), max_length=100, help_text=_("Punkten i delegationsordningen.")
    )
    text = forms.CharField(label=_("Beslut"), widget=forms.Textarea(attrs={"rows": 3}))


class StaffForm(TenantModelForm):
    class Meta:
        model = StaffMember
        fields = ["name", "title", "on_notice"]
