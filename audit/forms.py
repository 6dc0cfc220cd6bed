"""The log reviewer's forms: log filters, the monthly sample, the anomaly period and the
review record. Query-string names are Swedish, like the rest of the site's URLs."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from audit.models import AccessAction, AccessLogEntry, LogReview, Outcome
from audit.queries import (
    DEFAULT_GRACE_DAYS,
    DEFAULT_SAMPLE_SIZE,
    DEFAULT_VOLUME_THRESHOLD,
    log_users,
)
from tenancy.forms import DateInput
from tenancy.models import Association, User

MAX_SEED = 999_999_999
MAX_SAMPLE_SIZE = 500


class UserChoiceField(forms.ModelChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        full_name = obj.get_full_name()
        return f"{full_name} ({obj.email})" if full_name else obj.email


class PeriodFormMixin(forms.Form):
    fran = forms.DateField(label=_("Från och med"), required=False, widget=DateInput())
    till = forms.DateField(label=_("Till och med"), required=False, widget=DateInput())

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        start, end = cleaned.get("fran"), cleaned.get("till")
        if start and end and start > end:
            raise forms.ValidationError(_("Periodens början ligger efter dess slut."))
        return cleaned


class LogFilterForm(PeriodFormMixin):
    anvandare = UserChoiceField(label=_("Användare"), queryset=User.objects.none(), required=False)
    # An id beyond the largest id (BigAutoField) is an empty answer, never an overflow.
    deltagande = forms.IntegerField(
        label=_("Deltagande (id)"), required=False, min_value=1, max_value=2**63 - 1
    )
    atgard = forms.ChoiceField(
        label=_("Åtgärd"), choices=[("", _("Alla")), *AccessAction.choices], required=False
    )
    utfall = forms.ChoiceField(
        label=_("Utfall"), choices=[("", _("Alla")), *Outcome.choices], required=False
    )
    field_order = ["anvandare", "deltagande", "atgard", "utfall", "fran", "till"]

    def __init__(self, *args: Any, association: Association, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["anvandare"].queryset = log_users(association)  # type: ignore[attr-defined]  # the field is a ModelChoiceField

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for ``audit.queries.filter_log``."""
        data = self.cleaned_data
        user = data.get("anvandare")
        return {
            "user_id": user.pk if user else None,
            "participation_id": data.get("deltagande"),
            "action": data.get("atgard") or "",
            "outcome": data.get("utfall") or "",
            "date_from": data.get("fran"),
            "date_to": data.get("till"),
        }

    def describe(self) -> str:
        """The filter in words, for the review record."""
        data = self.cleaned_data
        parts = [str(_("Åtkomstlogg"))]
        if user := data.get("anvandare"):
            parts.append(f"{_('användare')} {user.email}")
        if participation := data.get("deltagande"):
            parts.append(f"{_('deltagande')} {participation}")
        if action := data.get("atgard"):
            parts.append(f"{_('åtgärd')} {AccessAction(action).label}")
        if outcome := data.get("utfall"):
            parts.append(f"{_('utfall')} {Outcome(outcome).label}")
        if data.get("fran") or data.get("till"):
            start = data["fran"].isoformat() if data.get("fran") else ""
            end = data["till"].isoformat() if data.get("till") else ""
            parts.append(f"{_('period')} {start}–{end}")
        return ", ".join(parts)


class MonthInput(forms.DateInput):
    input_type = "month"

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("format", "%Y-%m")
        super().__init__(**kwargs)


class SampleForm(forms.Form):
    manad = forms.DateField(
        label=_("Månad"), input_formats=["%Y-%m"], widget=MonthInput(), help_text=_("ÅÅÅÅ-MM")
    )
    antal = forms.IntegerField(
        label=_("Urvalets storlek"),
        min_value=1,
        max_value=MAX_SAMPLE_SIZE,
        initial=DEFAULT_SAMPLE_SIZE,
    )
    fro = forms.IntegerField(
        label=_("Slumpfrö"),
        min_value=0,
        max_value=MAX_SEED,
        help_text=_("Samma månad, storlek och frö ger alltid samma urval."),
    )

    def describe(self) -> str:
        data = self.cleaned_data
        month: dt.date = data["manad"]
        return str(
            _("Stickprov %(month)s: %(size)s poster, slumpfrö %(seed)s")
            % {"month": f"{month:%Y-%m}", "size": data["antal"], "seed": data["fro"]}
        )


class AnomalyForm(PeriodFormMixin):
    marginal = forms.IntegerField(
        label=_("Marginal efter utskrivning (dagar)"),
        min_value=0,
        max_value=3650,
        initial=DEFAULT_GRACE_DAYS,
    )
    grans = forms.IntegerField(
        label=_("Gräns för antal deltaganden per användare"),
        min_value=1,
        initial=DEFAULT_VOLUME_THRESHOLD,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fran"].required = True
        self.fields["till"].required = True

    def describe(self) -> str:
        data = self.cleaned_data
        return str(
            _("Avvikelser %(start)s–%(end)s, marginal %(grace)s dagar, gräns %(limit)s")
            % {
                "start": data["fran"].isoformat(),
                "end": data["till"].isoformat(),
                "grace": data["marginal"],
                "limit": data["grans"],
            }
        )


class ReviewForm(forms.Form):
    scope = forms.CharField(label=_("Granskat urval"), max_length=200)
    entry_ids = forms.CharField(required=False, widget=forms.HiddenInput())
    conclusion = forms.ChoiceField(label=_("Slutsats"), choices=LogReview.Conclusion.choices)
    comment = forms.CharField(label=_("Kommentar"), required=False, widget=forms.Textarea)

    def clean(self) -> dict[str, Any]:
        # The ids travel in a hidden field: report problems as form errors, visibly.
        cleaned: dict[str, Any] = super().clean() or {}
        raw = cleaned.get("entry_ids") or ""
        if not re.fullmatch(r"\s*(\d+\s*(,\s*\d+\s*)*)?", raw):
            raise forms.ValidationError(_("Ogiltig lista över loggposter."))
        ids = sorted({int(part) for part in raw.split(",") if part.strip()})
        # The scoped manager sees this association's rows only.
        if AccessLogEntry.objects.filter(id__in=ids).count() != len(ids):
            raise forms.ValidationError(_("Granskningen nämner loggposter som inte finns."))
        cleaned["entry_ids"] = ids
        return cleaned
