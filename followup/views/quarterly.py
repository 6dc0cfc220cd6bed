"""Quarterly reports: the follow-up start page, an intervention's reports, one report (read,
fill in, review, reopen)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from followup.final_reports import FinalReportDue, final_report_due
from followup.forms import QuarterlyReportForm, ReopenForm, ReviewForm
from followup.models import Decision, Deviation, FinalReport, QuarterlyReport, ReportEvent
from followup.services import (
    DueReport,
    DueStatus,
    may_report,
    quarter_of,
    reopen,
    reports_due,
    review,
    save_draft,
    submit,
)
from followup.views.base import InterventionPage, QuarterPage
from interventions.models import Intervention
from tenancy.permissions import restrict
from tenancy.views.base import TenantView, htmx_redirect

# --- start page ---------------------------------------------------------------------------


@dataclass(frozen=True)
class InterventionRow:
    intervention: Intervention
    latest: DueReport | None
    late: int
    final: FinalReportDue
    undecided: int


class FollowupIndexView(TenantView):
    """Every intervention the user follows up: the office's readers see all, an
    insatsansvarig their own. Five queries whatever the number of interventions."""

    permission_required = "followup.view_followup"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        today = timezone.localdate()
        interventions = restrict(
            Intervention.objects.in_display_order(),
            request.user,
            self.association,
            "followup.view_followup",
        )
        interventions_list = list(interventions)
        reports: dict[int, list[QuarterlyReport]] = defaultdict(list)
        for report in QuarterlyReport.objects.filter(intervention__in=interventions_list):
            reports[report.intervention_id].append(report)
        finals = {
            f.intervention_id: f
            for f in FinalReport.objects.filter(intervention__in=interventions_list)
        }
        undecided = Counter(
            Deviation.objects.filter(
                intervention__in=interventions_list, decision=Decision.UNDECIDED
            ).values_list("intervention_id", flat=True)
        )
        rows = []
        for intervention in interventions_list:
            due = reports_due(intervention, today=today, reports=reports[intervention.pk])
            rows.append(
                InterventionRow(
                    intervention=intervention,
                    latest=due[0] if due else None,
                    late=sum(1 for d in due if d.status == DueStatus.LATE),
                    final=final_report_due(intervention, finals.get(intervention.pk), today=today),
                    undecided=undecided[intervention.pk],
                )
            )
        context = self.get_context_data(
            rows=rows,
            can_view_undecided=request.user.has_perm("followup.view_deviation", self.association),
        )
        return render(request, "followup/index.html", context)


# --- one intervention ---------------------------------------------------------------------


class InterventionReportsView(InterventionPage):
    """An intervention's due quarterly reports with their status, and its final report."""

    permission_required = "followup.view_report"
    template_name = "followup/intervention_reports.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        today = timezone.localdate()
        intervention = self.intervention
        due = reports_due(intervention, today=today)
        final = FinalReport.objects.filter(intervention=intervention).first()
        year, quarter = quarter_of(today)
        return self.render(
            request,
            due_reports=due,
            current=(year, quarter)
            if may_report(intervention, year, quarter, today=today)
            else None,
            final=final_report_due(intervention, final, today=today),
            can_fill=request.user.has_perm("followup.fill_report", intervention),
            can_view_deviations=request.user.has_perm("followup.view_deviation", intervention),
        )


# --- one report ---------------------------------------------------------------------------


class ReportDetailView(QuarterPage):
    """The answers of a report, its status, the office's review and its history."""

    permission_required = "followup.view_report"
    template_name = "followup/report_detail.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        report = self.get_report()
        due = next(
            (
                d
                for d in reports_due(self.intervention, today=timezone.localdate())
                if (d.year, d.quarter) == (self.year, self.quarter)
            ),
            None,
        )
        user = request.user
        submitted = report is not None and report.status == QuarterlyReport.Status.SUBMITTED
        form = QuarterlyReportForm(initial=QuarterlyReportForm.initial_from(report))
        events = (
            ReportEvent.objects.filter(report=report).select_related("user")
            if report is not None
            else ReportEvent.objects.none()
        )
        return self.render(
            request,
            report=report,
            due=due,
            submitted=submitted,
            answers=answer_sections(form),
            events=events,
            can_fill=not submitted and user.has_perm("followup.fill_report", self.intervention),
            can_review=submitted and user.has_perm("followup.review_report", self.intervention),
            can_reopen=submitted and user.has_perm("followup.reopen_report", self.intervention),
        )


def answer_sections(form: QuarterlyReportForm) -> list[tuple[str, list[tuple[str, str]]]]:
    """The questions with their answers as text ("–" when unanswered), per section."""
    sections = []
    for title, fields in form.sections():
        rows = []
        for field in fields:
            value = field.initial
            choices = dict(getattr(field.field, "choices", []))
            text = "–" if value in (None, "") else str(choices.get(value, value))
            rows.append((str(field.label), text))
        sections.append((title, rows))
    return sections


class ReportFillView(QuarterPage):
    """The insatsansvarig's form: save as a draft or submit. A submitted report is locked:
    the page says so (GET) and a change is refused (POST, 403)."""

    permission_required = "followup.fill_report"
    template_name = "followup/report_form.html"

    def locked(self, report: QuarterlyReport | None) -> bool:
        return report is not None and report.status == QuarterlyReport.Status.SUBMITTED

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        report = self.get_report()
        if self.locked(report):
            messages.info(
                request,
                _("Rapporten är inlämnad och låst. Kansliet kan öppna den igen vid behov."),
            )
            return htmx_redirect(request, self.url("report_detail"))
        form = QuarterlyReportForm(initial=QuarterlyReportForm.initial_from(report))
        return self.render(request, form=form, report=report)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        report = self.get_report()
        if self.locked(report):
            raise PermissionDenied
        form = QuarterlyReportForm(request.POST)
        submitting = request.POST.get("action") == "submit"
        if form.is_valid():
            arguments: dict[str, Any] = {
                "user": request.user,
                "intervention": self.intervention,
                "year": self.year,
                "quarter": self.quarter,
                "answers": form.cleaned_data,
                "today": timezone.localdate(),
            }
            try:
                report = submit(**arguments) if submitting else save_draft(**arguments)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if submitting:
                    messages.success(request, _("Rapporten är inlämnad."))
                    target = self.url("report_detail")
                else:
                    messages.success(request, _("Utkastet är sparat."))
                    target = reverse(
                        "followup:intervention", args=[self.association.slug, self.intervention.pk]
                    )
                return htmx_redirect(request, target)
        return self.render(request, form=form, report=report)


class ReportActionView(QuarterPage):
    """A form about a submitted report (review, reopen); 404 for any other report."""

    template_name = "followup/form.html"
    form_class: type[ReviewForm] | type[ReopenForm]
    title: StrOrPromise = ""
    report: QuarterlyReport

    def check_access(self) -> None:
        super().check_access()
        report = self.get_report()
        if report is None or report.status != QuarterlyReport.Status.SUBMITTED:
            raise Http404
        self.report = report

    def initial(self) -> dict[str, Any]:
        return {}

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.show(request, self.form_class(initial=self.initial()))

    def show(self, request: HttpRequest, form: Any) -> HttpResponse:
        return self.render(
            request,
            form=form,
            title=self.title,
            cancel_url=self.url("report_detail"),
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                self.act(form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return htmx_redirect(request, self.url("report_detail"))
        return self.show(request, form)

    def act(self, data: dict[str, Any]) -> None:
        raise NotImplementedError


class ReportReviewView(ReportActionView):
    """The office's assessment: green, yellow or red, with a comment."""

    permission_required = "followup.review_report"
    form_class = ReviewForm

    title = gettext_lazy("Granska kvartalsrapport")

    def initial(self) -> dict[str, Any]:
        return {"colour": self.report.colour, "comment": self.report.review_comment}

    def act(self, data: dict[str, Any]) -> None:
        review(
            user=self.request.user,
            report=self.report,
            colour=data["colour"],
            comment=data["comment"],
        )
        messages.success(self.request, _("Bedömningen är sparad."))


class ReportReopenView(ReportActionView):
    """The office opens a submitted report again; the reason is logged."""

    permission_required = "followup.reopen_report"
    form_class = ReopenForm

    title = gettext_lazy("Öppna kvartalsrapporten igen")

    def act(self, data: dict[str, Any]) -> None:
        reopen(user=self.request.user, report=self.report, comment=data["comment"])
        messages.success(self.request, _("Rapporten är öppnad igen och kan ändras."))
