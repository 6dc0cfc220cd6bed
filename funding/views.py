"""Application pages under ``/f/<association>/ansokningar/``: list with status filter,
detail (with assessment, decision and the granted version), create/edit with amounts per
year and goals, the office's assessment and the board's decision.

Once decided an application is locked: its pages for changes send the user back to the
detail page with a message (a new application is the way to change what was granted)."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic.base import TemplateResponseMixin

from funding.forms import (
    ApplicationFilterForm,
    ApplicationForm,
    AssessmentForm,
    BaseGoalFormSet,
    BaseYearFormSet,
    DecisionForm,
    goal_formset,
    initial_for_extension,
    raw_values,
    year_formset,
)
from funding.models import Application, ApplicationGoal, Outcome, Recommendation
from funding.queries import applications_for_list, granted_version
from funding.services import assess_application, record_decision, save_application
from interventions.models import Intervention
from tenancy.views.base import TenantDetailView, TenantListView, TenantView, htmx_redirect

#: Rows added to a form with the "add a row" buttons.
ADD_YEAR = "lagg_till_ar"
ADD_GOAL = "lagg_till_mal"

RECOMMENDED_OUTCOME = {
    Recommendation.GRANT: Outcome.GRANTED,
    Recommendation.GRANT_PARTLY: Outcome.PARTLY_GRANTED,
    Recommendation.REJECT: Outcome.REJECTED,
}


def detail_url(application: Application) -> str:
    return reverse("funding:detail", args=[application.association.slug, application.pk])


class ApplicationListView(TenantListView):
    """All applications, newest first; ``?status=`` filters undecided, granted, rejected."""

    permission_required = "funding.view_application"
    change_permission = "funding.change_application"
    template_name = "funding/application_list.html"

    @cached_property
    def filter_form(self) -> ApplicationFilterForm:
        return ApplicationFilterForm(self.request.GET or None)

    def get_queryset(self) -> QuerySet[Application]:
        form = self.filter_form
        status = form.cleaned_data.get("status", "") if form.is_valid() else ""
        return applications_for_list(status=status)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        return context


class ApplicationDetailView(TenantDetailView):
    permission_required = "funding.view_application"
    template_name = "funding/application_detail.html"

    def get_queryset(self) -> QuerySet[Application]:
        return Application.objects.select_related(
            "owner",
            "extends",
            "assessment",
            "assessment__assessed_by",
            "decision",
            "decision__intervention",
            "decision__recorded_by",
        ).prefetch_related(
            "partners",
            "years",
            Prefetch("goals", queryset=ApplicationGoal.objects.order_by("id")),
            "decision__years",
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        application: Application = self.object
        user = self.request.user
        decided = application.is_decided
        decision = application.decision_or_none
        context["assessment"] = application.assessment_or_none
        context["decision"] = decision
        context["granted"] = granted_version(decision) if decision else None
        context["applied_total"] = sum(year.amount for year in application.years.all())
        context["granted_total"] = (
            sum(year.amount for year in decision.years.all()) if decision else 0
        )
        context["can_change"] = not decided and user.has_perm(
            "funding.change_application", application
        )
        context["can_assess"] = not decided and user.has_perm(
            "funding.assess_application", application
        )
        context["can_decide"] = (
            not decided
            and context["assessment"] is not None
            and user.has_perm("funding.record_decision", application)
        )
        return context


class ApplicationStepView(TemplateResponseMixin, TenantView):
    """A form page about one application (edit, assess, decide): the permission is checked
    against the application; a decided application cannot be changed."""

    application: Application

    def check_access(self) -> None:
        self.application = get_object_or_404(
            Application.objects.select_related(
                "owner", "extends", "association", "assessment", "decision"
            ),
            pk=self.kwargs["pk"],
        )
        self.check_permission(self.application)

    def locked(self) -> HttpResponse | None:
        """The answer when the application is already decided, else None."""
        if not self.application.is_decided:
            return None
        messages.error(
            self.request,
            _("Ansökan är beslutad och kan inte ändras. Gör en ny ansökan i stället."),
        )
        return HttpResponseRedirect(detail_url(self.application))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["application"] = self.application
        context["cancel_url"] = detail_url(self.application)
        return context


# --- create and edit --------------------------------------------------------------------------


class ApplicationEditMixin(TemplateResponseMixin, TenantView):
    """The application form with its formsets of amounts per year and goals. The "add a
    row" buttons show the page again with what was typed and one more empty row."""

    template_name = "funding/application_form.html"
    title: Any = ""

    def editing(self) -> Application | None:
        """The application being changed; None on the create page."""
        return None

    def make_form(self, data: Any = None, initial: dict[str, Any] | None = None) -> ApplicationForm:
        instance = self.editing() or Application(association=self.association)
        return ApplicationForm(
            data=data, initial=initial, instance=instance, association=self.association
        )

    def initial_forms(self) -> tuple[ApplicationForm, BaseYearFormSet, BaseGoalFormSet]:
        application = self.editing()
        if application is None:
            form = self.make_form(initial=self.create_initial())
            return form, year_formset(extra=3), goal_formset(extra=3)
        years = [{"year": y.year, "amount": y.amount} for y in application.years.all()]
        goals = [{"text": g.text, "target": g.target} for g in application.goals.all()]
        return self.make_form(), year_formset(initial=years), goal_formset(initial=goals)

    def create_initial(self) -> dict[str, Any]:
        return {"received_on": timezone.localdate()}

    def render_forms(
        self, form: ApplicationForm, years: BaseYearFormSet, goals: BaseGoalFormSet
    ) -> HttpResponse:
        return self.render_to_response(
            self.get_context_data(
                form=form,
                years=years,
                goals=goals,
                title=self.title,
                add_year=ADD_YEAR,
                add_goal=ADD_GOAL,
            )
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render_forms(*self.initial_forms())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.make_form(data=request.POST)
        years = year_formset(data=request.POST)
        goals = goal_formset(data=request.POST)
        if ADD_YEAR in request.POST or ADD_GOAL in request.POST:
            return self.render_forms(
                self.make_form(initial=raw_values(form)),
                year_formset(
                    initial=[raw_values(f) for f in years.forms],
                    extra=1 if ADD_YEAR in request.POST else 0,
                ),
                goal_formset(
                    initial=[raw_values(f) for f in goals.forms],
                    extra=1 if ADD_GOAL in request.POST else 0,
                ),
            )
        if form.is_valid() and years.is_valid() and goals.is_valid():
            try:
                application = save_application(
                    application=form.save(commit=False),
                    partners=list(form.cleaned_data["partners"]),
                    years=years.rows(),
                    goals=goals.rows(),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Sparat: %(what)s.") % {"what": application.name})
                return htmx_redirect(request, detail_url(application))
        return self.render_forms(form, years, goals)


class ApplicationCreateView(ApplicationEditMixin):
    """A new application; ``?forlangning=<intervention>`` fills it in as an extension."""

    permission_required = "funding.change_application"
    title = gettext_lazy("Ny ansökan")

    def create_initial(self) -> dict[str, Any]:
        initial = super().create_initial()
        extends = self.request.GET.get("forlangning", "")
        if extends.isascii() and extends.isdigit():  # int() refuses digits like ²
            intervention: Intervention = get_object_or_404(
                Intervention.objects.prefetch_related("partners"), pk=int(extends)
            )
            initial.update(initial_for_extension(intervention))
        return initial

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = reverse("funding:list", args=[self.association.slug])
        return context


class ApplicationUpdateView(ApplicationEditMixin, ApplicationStepView):
    permission_required = "funding.change_application"
    title = gettext_lazy("Ändra ansökan")

    def editing(self) -> Application:
        return self.application

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.locked() or super().get(request, *args, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.locked() or super().post(request, *args, **kwargs)


# --- assessment and decision ------------------------------------------------------------------


class AssessmentView(ApplicationStepView):
    """The office's assessment; it can be revised until the decision is recorded."""

    permission_required = "funding.assess_application"
    template_name = "funding/assessment_form.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if response := self.locked():
            return response
        assessment = self.application.assessment_or_none
        initial: dict[str, Any] = {"assessed_on": timezone.localdate()}
        if assessment is not None:
            initial = {
                "text": assessment.text,
                "recommendation": assessment.recommendation,
                "assessed_on": assessment.assessed_on,
            }
        return self.render_to_response(self.get_context_data(form=AssessmentForm(initial=initial)))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if response := self.locked():
            return response
        form = AssessmentForm(data=request.POST)
        if form.is_valid():
            try:
                assess_application(
                    application=self.application,
                    text=form.cleaned_data["text"],
                    recommendation=form.cleaned_data["recommendation"],
                    assessed_by=self.user,
                    assessed_on=form.cleaned_data["assessed_on"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Bedömningen är sparad."))
                return htmx_redirect(request, detail_url(self.application))
        return self.render_to_response(self.get_context_data(form=form))


class DecisionView(ApplicationStepView):
    """Records the board's decision. It cannot be changed afterwards."""

    permission_required = "funding.record_decision"
    template_name = "funding/decision_form.html"

    def initial_forms(self) -> tuple[DecisionForm, BaseYearFormSet]:
        application = self.application
        assessment = application.assessment_or_none
        initial: dict[str, Any] = {
            "start_date": application.start_date,
            "end_date": application.end_date,
        }
        if assessment is not None:
            initial["outcome"] = RECOMMENDED_OUTCOME.get(
                Recommendation(assessment.recommendation), Outcome.GRANTED
            )
        years = [{"year": y.year, "amount": y.amount} for y in application.years.all()]
        return DecisionForm(initial=initial), year_formset(initial=years)

    def render_forms(self, form: DecisionForm, years: BaseYearFormSet) -> HttpResponse:
        return self.render_to_response(
            self.get_context_data(form=form, years=years, add_year=ADD_YEAR)
        )

    def not_ready(self) -> HttpResponse | None:
        """Decided already, or not assessed yet: back to the application with a message."""
        if response := self.locked():
            return response
        if self.application.assessment_or_none is not None:
            return None
        messages.error(
            self.request,
            _("Ansökan måste beredas av kansliet innan beslutet kan registreras."),
        )
        return HttpResponseRedirect(detail_url(self.application))

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.not_ready() or self.render_forms(*self.initial_forms())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if response := self.not_ready():
            return response
        form = DecisionForm(data=request.POST)
        years = year_formset(data=request.POST)
        if ADD_YEAR in request.POST:
            return self.render_forms(
                DecisionForm(initial=raw_values(form)),
                year_formset(initial=[raw_values(f) for f in years.forms]),
            )
        if form.is_valid() and years.is_valid():
            data = form.cleaned_data
            try:
                record_decision(
                    application=self.application,
                    outcome=data["outcome"],
                    decided_on=data["decided_on"],
                    meeting_reference=data["meeting_reference"],
                    conditions=data["conditions"],
                    start_date=data["start_date"],
                    end_date=data["end_date"],
                    years=years.rows(),
                    recorded_by=self.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Beslutet är registrerat."))
                return htmx_redirect(request, detail_url(self.application))
        return self.render_forms(form, years)
