"""Reading participant data: the start page (counts), an intervention's participants, one
participation with its history, and search by personnummer."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.db.models import Field
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.encoding import force_str
from django.views.generic import ListView

from audit.models import AccessAction
from audit.services import log_access
from interventions.models import FollowUp, Intervention
from interventions.views.base import vary_on_htmx, wants_partial
from participants.choices import IncomeSource
from participants.forms import ParticipationFilterForm, SearchForm
from participants.list_html import participation_rows_html
from participants.models import Participation, ParticipationEvent
from participants.queries import (
    ParticipationCounts,
    filter_participations,
    officer_interventions,
    participation_counts,
    participations_with_number,
)
from participants.services import person_name
from participants.views.base import InterventionParticipantsView, ParticipantView, ParticipationView
from stats.participants_page import published_page_counts
from stats.published import TOTAL_ROW, count_rows
from tenancy.views.base import TenantView

PAGE_SIZE = 50


@dataclass(frozen=True)
class CountRow:
    intervention: Intervention
    counts: ParticipationCounts


class ParticipantIndexView(TenantView):
    """A deltagaransvarig sees their interventions; everyone else counts per intervention,
    never a list of persons. Aggregates only: nothing here is logged."""

    permission_required = "participants.view_counts"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        year = timezone.localdate().year
        counts = participation_counts(year=year)
        own = list(officer_interventions(request.user, self.association))
        if own:
            interventions = own
        else:
            interventions = list(
                Intervention.objects.filter(follow_up=FollowUp.PERSONAL_DATA).in_display_order()
            )
        rows = [CountRow(i, counts.get(i.pk, ParticipationCounts())) for i in interventions]
        context = self.get_context_data(rows=rows, year=year, is_officer=bool(own))
        if not own:
            applied = not request.user.has_perm("stats.view_unsuppressed", self.association)
            if applied:
                context.update(self.memo_counts(interventions))
            else:
                context.update(self.published_counts(rows))
        return render(request, "participants/index.html", context)

    def memo_counts(self, interventions: list[Intervention]) -> dict[str, Any]:
        """For readers under disclosure control: the memo's figures of the last ended
        quarter with the memo's suppression (``stats.participants_page``), so that the
        page publishes nothing the memos do not."""
        counts = published_page_counts(self.association, today=timezone.localdate())
        return {
            "published_rows": [
                (i, counts.rows[i.code]) for i in interventions if i.code in counts.rows
            ],
            "published_total": counts.total,
            "suppression_note": counts.note,
            "suppressed": True,
            "memo_period": counts.period,
        }

    def published_counts(self, rows: list[CountRow]) -> dict[str, Any]:
        """Today's counts, for the office (which may see unsuppressed figures)."""
        figures, note = count_rows(
            {
                row.intervention.code: {
                    "entered": {
                        "women": row.counts.women,
                        "men": row.counts.men,
                        "total": row.counts.entered,
                    },
                    "ongoing": row.counts.ongoing,
                }
                for row in rows
            },
            k=self.association.disclosure_threshold,
            applied=False,
        )
        published = [(row.intervention, figures[row.intervention.code]) for row in rows]
        return {
            "published_rows": published,
            "published_total": figures.get(TOTAL_ROW),
            "suppression_note": note,
            "suppressed": False,
        }


@dataclass(frozen=True)
class ParticipationRow:
    participation: Participation
    name: str
    #: the labels of the gender and the exit reason (the list's columns)
    gender: str = ""
    exit_reason: str = ""


def choice_labels(name: str) -> dict[Any, str]:
    """A choice field's labels in the active language, as ``get_<name>_display`` gives them.
    ``get_<name>_display`` hashes every label of the field (translating each) for each
    call: per row of a list that was ~700 translations a page."""
    return {value: force_str(label) for value, label in _field(name).flatchoices}


def list_rows(shown: list[Participation]) -> list[ParticipationRow]:
    """The list's rows: the name and the gender and exit reason labels of each row."""
    genders, reasons = choice_labels("gender"), choice_labels("exit_reason")
    return [
        ParticipationRow(
            p,
            person_name(p),
            gender=genders.get(p.gender, p.gender),
            exit_reason=reasons.get(p.exit_reason, p.exit_reason),
        )
        for p in shown
    ]


class ParticipationListView(InterventionParticipantsView, ListView):
    """An intervention's participations, filtered (GET, the filter form works with and
    without htmx) and paginated; one access-log row with exactly the ids shown."""

    permission_required = "participants.view_participation"
    access_action = AccessAction.LIST
    template_name = "participants/participation_list.html"
    table_template_name = "participants/includes/participation_table.html"
    paginate_by = PAGE_SIZE
    page_kwarg = "sida"

    def get_template_names(self) -> list[str]:
        if wants_partial(self.request):
            return [self.table_template_name]
        return [self.template_name]

    @cached_property
    def filter_form(self) -> ParticipationFilterForm:
        return ParticipationFilterForm(self.request.GET or None)

    def get_queryset(self) -> Any:
        participations = Participation.objects.filter(
            intervention=self.intervention
        ).select_related("person", "identity")
        return filter_participations(participations, **self.filter_form.filters())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        shown: list[Participation] = list(context["object_list"])
        context["rows"] = list_rows(shown)
        context["rows_html"] = participation_rows_html(
            context["rows"],
            association_slug=self.association.slug,
            current_app=(
                self.request.resolver_match.namespace if self.request.resolver_match else None
            ),
        )
        context["filter_form"] = self.filter_form
        context["is_filtered"] = bool(self.filter_form.filters())
        log_access(
            user=self.request.user,
            association=self.association,
            action=AccessAction.LIST,
            participation_ids=[p.pk for p in shown],
            intervention_ids=[self.intervention.pk],
            purpose="Lista deltagare",
        )
        return context

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        return vary_on_htmx(super().render_to_response(context, **kwargs))


_INCOME_LABELS = dict(IncomeSource.choices)
_LIST_FIELDS = frozenset({"income_before", "income_after"})


def display_value(name: str, value: Any) -> str:
    """A history value as the page shows it: the label of a code, ISO dates, "–" for none."""
    if value in (None, "", []):
        return "–"
    if name in _LIST_FIELDS:
        return ", ".join(str(_INCOME_LABELS.get(code, code)) for code in value)
    choices = _field(name).choices
    if choices:
        return str(dict(choices).get(value, value))
    return str(value)


def _field(name: str) -> Field[Any, Any]:
    field = Participation._meta.get_field(name)
    assert isinstance(field, Field)  # noqa: S101 - history names concrete fields only
    return field


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryRow:
    event: ParticipationEvent
    changes: list[Change]


def history_rows(events: Any) -> list[HistoryRow]:
    rows = []
    for event in events:
        changes = [
            Change(
                label=str(_field(name).verbose_name),
                old=display_value(name, values[0]),
                new=display_value(name, values[1]),
            )
            for name, values in event.changes.items()
        ]
        rows.append(HistoryRow(event, changes))
    return rows


class ParticipationDetailView(ParticipationView):
    """All fields of a participation, its consent and history; masked personnummer."""

    permission_required = "participants.view_participation"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        participation = self.participation
        events = participation.events.select_related("user")
        consents = (
            list(participation.identity.consents.order_by("given_on"))
            if participation.identity
            else []
        )
        self.log_read()
        context = self.get_context_data(
            history=history_rows(events),
            consents=consents,
            income_before=display_value("income_before", participation.income_before),
            income_after=display_value("income_after", participation.income_after),
        )
        return render(request, "participants/participation_detail.html", context)


class ParticipantSearchView(ParticipantView):
    """Find a person's participations by personnummer, within the user's interventions.
    POST only (the number must not be in a URL); every search is logged with its hits."""

    permission_required = "participants.search_participants"
    access_action = AccessAction.SEARCH
    template_name = "participants/search.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.show(SearchForm())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = SearchForm(request.POST)
        if not form.is_valid():
            return self.show(form)
        hits = list(
            participations_with_number(
                request.user,
                self.association,
                canonical=form.cleaned_data["personnummer"].canonical,
            )
        )
        log_access(
            user=request.user,
            association=self.association,
            action=AccessAction.SEARCH,
            participation_ids=[p.pk for p in hits],
            intervention_ids=[p.intervention_id for p in hits],
            purpose="Sökning på personnummer",
        )
        rows = [ParticipationRow(p, person_name(p)) for p in hits]
        # A fresh, empty form: the number is not sent back to the browser.
        return self.show(SearchForm(), rows=rows, searched=True)

    def show(self, form: SearchForm, **extra: Any) -> HttpResponse:
        context = self.get_context_data(form=form, **extra)
        return render(self.request, self.template_name, context)
