"""Forms of the overview pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stats.periods import Period


class QuarterForm(forms.Form):
    """``?kvartal=2022Q3``: the quarter the overview shows."""

    kvartal = forms.CharField(
        label=gettext_lazy("Kvartal"),
        max_length=10,
        help_text=gettext_lazy("Till exempel 2022 kv 3 eller 2022Q3."),
    )

    def clean_kvartal(self) -> Period:
        try:
            period = Period.parse(self.cleaned_data["kvartal"])
        except ValueError as error:
            raise forms.ValidationError(str(error), code="invalid") from None
        if period.first_quarter != period.last_quarter:
            raise forms.ValidationError(
                _("Ange ett kvartal, till exempel 2022Q3."), code="not_quarter"
            )
        return period
