"""Progression pages: the association's instruments (office), a participation's
assessments with the radar chart (deltagaransvarig only, every read logged), who is due
(deltagaransvarig), and the published aggregates per intervention (office)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from finsam.years import YEAR_MAX, YEAR_MIN
from interventions.models import Intervention
from participants.models import Participation
from stats.memo_progression import progression_json
from stats.periods import Period
from stats.progression import progress_of
from survey.progression import (
    assessments_for,
    define_instrument,
    due_for_assessment,
    record_assessment,
)
from survey.progression_models import ProgressionInstrument, Rater
from survey.radar import radar
from survey.reminders import forms_due
from tenancy.views.base import TenantView


class InstrumentForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Namn"), max_length=100)
    rater = forms.ChoiceField(label=gettext_lazy("Bedöms av"), choices=Rater.choices)
    items = forms.CharField(
        label=gettext_lazy("Delar"),
        widget=forms.Textarea,
        help_text=gettext_lazy(
            "En del per rad: påstående;lägsta;högsta, t.ex. ”Jag har rutiner;1;10”. "
            "Samma namn som ett befintligt instrument ger en ny version."
        ),
    )

    def clean_items(self) -> list[tuple[str, int, int]]:
        items = []
        for line in str(self.cleaned_data["items"]).splitlines():
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split(";")]
            try:
                text, low, high = parts[0], int(parts[1]), int(parts[2])
            except (IndexError, ValueError):
                raise ValidationError(_("Skriv varje rad som påstående;lägsta;högsta.")) from None
            items.append((text, low, high))
        return items


class InstrumentListView(TenantView, TemplateView):
    permission_required = "survey.manage_progression"
    template_name = "survey/progression_instruments.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["instruments"] = ProgressionInstrument.objects.prefetch_related("items")
        context.setdefault("form", InstrumentForm())
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = InstrumentForm(request.POST)
        if form.is_valid():
            try:
                define_instrument(
                    association=self.association,
                    name=form.cleaned_data["name"],
                    rater=form.cleaned_data["rater"],
                    items=form.cleaned_data["items"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Instrumentet är sparat."))
                return HttpResponseRedirect(request.path)
        return self.render_to_response(self.get_context_data(form=form))


class AssessmentForm(forms.Form):
    date = forms.DateField(
        label=gettext_lazy("Datum"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, instrument: ProgressionInstrument, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for item in instrument.items.all():
            self.fields[f"item{item.number}"] = forms.IntegerField(
                label=f"{item.number}. {item.text} ({item.scale_min}–{item.scale_max})",
                min_value=item.scale_min,
                max_value=item.scale_max,
            )

    def values(self) -> dict[int, int]:
        return {
            int(name[4:]): int(value)
            for name, value in self.cleaned_data.items()
            if name.startswith("item")
        }


class ParticipationProgressView(TenantView, TemplateView):
    """Assessments of one participation; the participation is the permission object."""

    permission_required = "participants.view_participation"
    template_name = "survey/progression_participation.html"
    participation: Participation

    def check_access(self) -> None:
        self.participation = get_object_or_404(
            Participation.objects.select_related("intervention"), pk=self.kwargs["pk"]
        )
        self.check_permission(self.participation)

    def instrument(self) -> ProgressionInstrument | None:
        pk = self.request.GET.get("instrument") or self.request.POST.get("instrument")
        if not pk or not str(pk).isdigit():
            return None
        return get_object_or_404(ProgressionInstrument, pk=int(pk))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        assessments = assessments_for(self.request.user, self.participation)
        charts = []
        by_instrument: dict[int, list[Any]] = {}
        for assessment in assessments:
            by_instrument.setdefault(assessment.instrument_id, []).append(assessment)
        for group in by_instrument.values():
            ratings = [(a.date, {v.item.number: v.value for v in a.values.all()}) for a in group]
            progress = progress_of(ratings)
            items = sorted({v.item for a in group for v in a.values.all()}, key=lambda i: i.number)
            chart = None
            if progress is not None:
                chart = radar(
                    [progress.first[1][i.number] for i in items],
                    [progress.latest[1][i.number] for i in items],
                    [i.scale_min for i in items],
                    [i.scale_max for i in items],
                )
            charts.append(
                {
                    "instrument": group[0].instrument,
                    "assessments": group,
                    "items": items,
                    "progress": progress,
                    "chart": chart,
                }
            )
        instrument = self.instrument()
        context.update(
            participation=self.participation,
            charts=charts,
            instruments=ProgressionInstrument.objects.all(),
            chosen=instrument,
        )
        if instrument is not None:
            context.setdefault(
                "form",
                AssessmentForm(instrument=instrument, initial={"date": timezone.localdate()}),
            )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        instrument = self.instrument()
        if instrument is None:
            return HttpResponseRedirect(request.path)
        form = AssessmentForm(request.POST, instrument=instrument)
        if form.is_valid():
            try:
                record_assessment(
                    user=request.user,
                    participation=self.participation,
                    instrument=instrument,
                    date=form.cleaned_data["date"],
                    values=form.values(),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Bedömningen är sparad."))
                return HttpResponseRedirect(request.path)
        return self.render_to_response(self.get_context_data(form=form))


class DueView(TenantView, TemplateView):
    permission_required = "survey.assess_progression"
    template_name = "survey/progression_due.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["due"] = due_for_assessment(
            self.request.user, self.association, timezone.localdate()
        )
        # The participant survey forms due (survey.reminders): which form to offer.
        context["forms_due"] = forms_due(self.request.user, self.association, timezone.localdate())
        return context


class SummaryView(TenantView, TemplateView):
    """The progression aggregates per instrument and intervention for one year: the
    memo's ``progression`` table of that year (``stats.memo_progression``), so the page
    shows exactly what the memo shows, suppressed with the year's snapshots."""

    permission_required = "survey.view_survey"
    template_name = "survey/progression_summary.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        try:
            year = int(self.request.GET.get("ar", ""))
        except ValueError:
            year = timezone.localdate().year
        year = year if YEAR_MIN <= year <= YEAR_MAX else timezone.localdate().year
        table, note = progression_json(self.association, Period.parse(str(year)))
        names = {i.code: i.display_name for i in Intervention.objects.all()}
        instruments = [
            {
                **instrument,
                "rows": [
                    {
                        **row,
                        "name": names.get(row["intervention"], row["intervention"]),
                        "mean": _decimal_comma(row["mean_change"]),
                    }
                    for row in instrument["rows"]
                ],
                "total": {
                    **instrument["total"],
                    "mean": _decimal_comma(instrument["total"]["mean_change"]),
                },
            }
            for instrument in table["instruments"]
        ]
        context.update(year=year, instruments=instruments, note=note)
        return context


def _decimal_comma(value: str | None) -> str:
    """ "0.4" as Swedish "0,4" (a minus sign for negatives); "–" when left out."""
    return "–" if value is None else value.replace("-", "−").replace(".", ",")
