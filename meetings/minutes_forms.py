"""Forms of the minutes pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from finsam.years import YEAR_MAX, YEAR_MIN
from followup.models import Decision, Deviation
from funding.models import Application, Outcome
from tenancy.forms import DateInput
from tenancy.models import BoardMember


class ServingForm(forms.Form):
    """One row per member of the organ: did they serve, from which § to which §, and (a
    substitute) for whom. Plus the checker and the others present."""

    def __init__(
        self,
        *args: Any,
        members: list[BoardMember],
        ordinary: list[BoardMember],
        numbers: tuple[int, int],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.members = members
        low, high = numbers
        for member in members:
            prefix = f"m{member.pk}"
            self.fields[f"{prefix}_served"] = forms.BooleanField(
                label=_("%(name)s tjänstgjorde") % {"name": member.name}, required=False
            )
            self.fields[f"{prefix}_from"] = forms.IntegerField(
                label=_("%(name)s från §") % {"name": member.name},
                initial=low,
                min_value=low,
                max_value=high,
            )
            self.fields[f"{prefix}_to"] = forms.IntegerField(
                label=_("%(name)s till §") % {"name": member.name},
                initial=high,
                min_value=low,
                max_value=high,
            )
            if member not in ordinary:
                self.fields[f"{prefix}_for"] = forms.ModelChoiceField(
                    label=_("%(name)s tjänstgjorde för") % {"name": member.name},
                    queryset=BoardMember.objects.filter(pk__in=[m.pk for m in ordinary]),
                    required=False,
                )
        self.fields["checker"] = forms.ModelChoiceField(
            label=_("Justerare"),
            queryset=BoardMember.objects.filter(pk__in=[m.pk for m in members]),
            required=False,
        )
        self.fields["others_present"] = forms.CharField(
            label=_("Övriga närvarande"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text=_("Tjänstepersoner och gäster; inga uppgifter om deltagare."),
        )

    def rows(self) -> list[tuple[BoardMember, int, int, BoardMember | None]]:
        data = self.cleaned_data
        return [
            (m, data[f"m{m.pk}_from"], data[f"m{m.pk}_to"], data.get(f"m{m.pk}_for"))
            for m in self.members
            if data.get(f"m{m.pk}_served")
        ]


class ParagraphForm(forms.Form):
    decision = forms.CharField(
        label=_("Beslut"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("En beslutssats per rad."),
    )
    votes = forms.CharField(
        label=_("Omröstning"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    reservations = forms.CharField(
        label=_("Reservationer"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    conflicted: forms.ModelMultipleChoiceField[BoardMember] = forms.ModelMultipleChoiceField(
        label=_("Lämnade under paragrafen (jäv)"),
        queryset=BoardMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, members: list[BoardMember], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["conflicted"].queryset = BoardMember.objects.filter(  # type: ignore[attr-defined]  # a ModelMultipleChoiceField
            pk__in=[m.pk for m in members]
        )


class ApplicationDecisionForm(forms.Form):
    application: forms.ModelChoiceField[Application] = forms.ModelChoiceField(
        label=_("Ansökan"), queryset=Application.objects.none()
    )
    outcome = forms.ChoiceField(label=_("Beslut"), choices=Outcome.choices)
    start_date = forms.DateField(
        label=_("Beviljad period, start"), widget=DateInput(), required=False
    )
    end_date = forms.DateField(label=_("Beviljad period, slut"), widget=DateInput(), required=False)
    years = forms.CharField(
        label=_("Beviljat belopp per år"),
        required=False,
        help_text=_("Ett år per rad: ”2026 500000”."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    conditions = forms.CharField(
        label=_("Villkor"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, applications: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = applications  # type: ignore[attr-defined]  # a ModelChoiceField

    def clean_years(self) -> list[tuple[int, int]]:
        rows = []
        for number, line in enumerate(str(self.cleaned_data.get("years", "")).splitlines(), 1):
            parts = line.replace("\u00a0", " ").split()
            if not parts:
                continue
            try:
                year, amount = int(parts[0]), int("".join(parts[1:]))
            except ValueError:
                raise forms.ValidationError(
                    _("Rad %(n)s: skriv år och belopp i hela kronor, t.ex. ”2026 500000”.")
                    % {"n": number}
                ) from None
            rows.append((year, amount))
        return rows


class DeviationDecisionForm(forms.Form):
    deviation: forms.ModelChoiceField[Deviation] = forms.ModelChoiceField(
        label=_("Avvikelserapport"), queryset=Deviation.objects.none()
    )
    decision = forms.ChoiceField(
        label=_("Beslut"),
        choices=[
            (value, label) for value, label in Decision.choices if value != Decision.UNDECIDED
        ],
    )
    comment = forms.CharField(
        label=_("Kommentar"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, deviations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["deviation"].queryset = deviations  # type: ignore[attr-defined]  # a ModelChoiceField


class AdoptionForm(forms.Form):
    year = forms.IntegerField(
        label=_("Årsredovisning för år"), min_value=YEAR_MIN, max_value=YEAR_MAX
    )
