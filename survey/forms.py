"""The answer form (the anonymous link and the staff's paper entry) and the office's
forms for links."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from finsam.years import YEAR_MAX, YEAR_MIN
from interventions.models import Intervention
from survey.choices import INTERVENTION_FORMS, JA, Gender, Scale
from survey.models import Form, Question

#: The honeypot field: hidden from people by CSS, filled in by bots.
HONEYPOT = "webbplats"


def question_field(question: Question, total: int, labels: dict[str, str]) -> forms.Field:
    values = ("1", "0") if question.scale == Scale.JANEJ else ("1", "2", "3", "4", "5", "6")
    hint = ""
    if question.only_after_yes_on:
        hint = str(_("Svara bara om du svarade ja på fråga %(number)s.")) % {
            "number": question.only_after_yes_on
        }
    return forms.TypedChoiceField(
        label=_("Fråga %(number)s av %(total)s: %(wording)s")
        % {"number": question.number, "total": total, "wording": question.wording},
        choices=[(value, labels[value]) for value in values],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect(attrs={"class": "scale-choice"}),
        help_text=hint,
    )


class AnswerForm(forms.Form):
    """One returned form: a radio group per question (every question may be left empty)
    and the respondent's gender."""

    def __init__(self, *args: Any, form: Form, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.survey_form = form
        self.questions = list(form.questions.order_by("number"))
        for question in self.questions:
            labels = form.scale_labels[question.scale]
            self.fields[f"q{question.number}"] = question_field(
                question, len(self.questions), labels
            )
        self.fields["kon"] = forms.ChoiceField(
            label=_("Jag är"),
            choices=Gender.choices,
            initial=Gender.EJ_ANGIVET,
            required=False,
            widget=forms.RadioSelect(attrs={"class": "scale-choice"}),
        )

    def values(self) -> dict[int, int]:
        """The answered questions; 9-10 of the exit form only after ja on 8."""
        data = self.cleaned_data
        values = {
            question.number: data[f"q{question.number}"]
            for question in self.questions
            if data.get(f"q{question.number}") is not None
        }
        for question in self.questions:
            after = question.only_after_yes_on
            if after and values.get(after) != JA:
                values.pop(question.number, None)
        return values

    def gender(self) -> str:
        return str(self.cleaned_data.get("kon") or Gender.EJ_ANGIVET)


class PublicAnswerForm(AnswerForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT] = forms.CharField(
            label=_("Lämna detta fält tomt"),
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )

    @property
    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get(HONEYPOT))


class PaperAnswerForm(AnswerForm):
    """The staff's entry of a paper form: also the date and the intervention."""

    def __init__(self, *args: Any, interventions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["datum"] = forms.DateField(
            label=_("Datum då enkäten besvarades"),
            widget=forms.DateInput(attrs={"type": "date"}),
        )
        if self.survey_form.code in INTERVENTION_FORMS:
            self.fields["insats"] = forms.ModelChoiceField(
                label=_("Insats"), queryset=interventions
            )

    def date(self) -> dt.date:
        value: dt.date = self.cleaned_data["datum"]
        return value

    def intervention(self) -> Intervention | None:
        value: Intervention | None = self.cleaned_data.get("insats")
        return value


class LinkForm(forms.Form):
    form: forms.ModelChoiceField[Form] = forms.ModelChoiceField(
        label=_("Formulär"), queryset=Form.objects.none()
    )
    year = forms.IntegerField(label=_("Mätår"), min_value=YEAR_MIN, max_value=YEAR_MAX)
    intervention: forms.ModelChoiceField[Intervention] = forms.ModelChoiceField(
        label=_("Insats"),
        queryset=Intervention.objects.none(),
        required=False,
        help_text=_("För deltagar- och personalformulären."),
    )

    def __init__(self, *args: Any, forms_in_use: list[Form], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field = self.fields["form"]
        assert isinstance(form_field, forms.ModelChoiceField)  # noqa: S101  # declared above
        form_field.queryset = Form.objects.filter(pk__in=[f.pk for f in forms_in_use])
        intervention_field = self.fields["intervention"]
        assert isinstance(intervention_field, forms.ModelChoiceField)  # noqa: S101  # same
        intervention_field.queryset = Intervention.objects.order_by("code")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        form = data.get("form")
        if form is not None and form.code in INTERVENTION_FORMS and not data.get("intervention"):
            self.add_error("intervention", _("Formuläret besvaras per insats; välj insatsen."))
        return data


class CommentsForm(forms.Form):
    """The office's comments: on the responses (0) and on each indicator with questions."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from survey.indicators import INDICATOR_NAMES

        self.fields["0"] = forms.CharField(
            label=_("Kommentar till svarsfrekvensen"), required=False, widget=forms.Textarea
        )
        for number, name in INDICATOR_NAMES.items():
            if number == 11:
                continue
            self.fields[str(number)] = forms.CharField(
                label=_("Indikator %(number)s: %(name)s") % {"number": number, "name": name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def texts(self) -> dict[int, str]:
        return {int(name): str(value).strip() for name, value in self.cleaned_data.items()}
