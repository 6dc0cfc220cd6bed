"""The final report (slutrapport): the read page for the office and the board, the
insatsansvarig's form, and the office's reopening."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from followup.final_reports import (
    GoalOutcome,
    SignatureInput,
    final_report_due,
    reopen_final_report,
    save_final_report,
)
from followup.forms import FinalReportForm, FinalReportGoalForm, SignatureFormSet
from followup.models import FinalReport, FinalReportGoal
from followup.views.base import InterventionPage
from interventions.models import Goal
from tenancy.views.base import htmx_redirect


class FinalReportPage(InterventionPage):
    def get_report(self) -> FinalReport | None:
        return (
            FinalReport.objects.filter(intervention=self.intervention)
            .prefetch_related("goals", "signatures__organisation")
            .first()
        )

    def goals(self) -> list[Goal]:
        return list(Goal.objects.filter(intervention=self.intervention).order_by("id"))

    def detail_url(self) -> str:
        return reverse(
            "followup:final_report_detail", args=[self.association.slug, self.intervention.pk]
        )


class FinalReportDetailView(FinalReportPage):
    permission_required = "followup.view_report"
    template_name = "followup/final_report_detail.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        report = self.get_report()
        outcomes: dict[int, FinalReportGoal] = (
            {g.goal_id: g for g in report.goals.all()} if report is not None else {}
        )
        user = request.user
        submitted = report is not None and report.status == FinalReport.Status.SUBMITTED
        return self.render(
            request,
            report=report,
            due=final_report_due(self.intervention, report, today=timezone.localdate()),
            texts=report_texts(report) if report is not None else [],
            goal_rows=[(goal, outcomes.get(goal.pk)) for goal in self.goals()],
            partners=list(self.intervention.partners.all()),
            can_fill=not submitted and user.has_perm("followup.fill_report", self.intervention),
            can_reopen=submitted and user.has_perm("followup.reopen_report", self.intervention),
        )


def report_texts(report: FinalReport) -> list[tuple[str, str]]:
    """The template's questions (labels) with the answers, in the template's order."""
    return [
        (str(FinalReportForm.base_fields[name].label), getattr(report, name))
        for name in FinalReportForm.Meta.fields
    ]


class FinalReportFillView(FinalReportPage):
    """The insatsansvarig writes the final report: save as a draft or submit (then it is
    locked until the office opens it again)."""

    permission_required = "followup.fill_report"
    template_name = "followup/final_report_form.html"

    def forms(
        self, report: FinalReport | None, data: Any = None
    ) -> tuple[FinalReportForm, list[FinalReportGoalForm], Any]:
        main = FinalReportForm(data, instance=report)
        outcomes = {g.goal_id: g for g in report.goals.all()} if report is not None else {}
        goal_forms = []
        for goal in self.goals():
            saved = outcomes.get(goal.pk)
            initial = {"outcome": saved.outcome, "met": saved.met} if saved else {}
            goal_forms.append(
                FinalReportGoalForm(data, prefix=f"goal-{goal.pk}", initial=initial, goal=goal)
            )
        signatures = (
            [
                {
                    "organisation": s.organisation_id,
                    "name": s.name,
                    "place": s.place,
                    "signed_on": s.signed_on,
                }
                for s in report.signatures.all()
            ]
            if report is not None
            else []
        )
        formset = SignatureFormSet(
            data,
            prefix="signatures",
            initial=signatures,
            form_kwargs={"association": self.association, "intervention": self.intervention},
        )
        return main, goal_forms, formset

    def locked(self, report: FinalReport | None) -> bool:
        return report is not None and report.status == FinalReport.Status.SUBMITTED

    def show(
        self,
        request: HttpRequest,
        forms: tuple[FinalReportForm, list[FinalReportGoalForm], Any],
        signature_errors: list[str] | None = None,
    ) -> HttpResponse:
        main, goal_forms, formset = forms
        return self.render(
            request,
            form=main,
            goal_forms=goal_forms,
            formset=formset,
            signature_errors=signature_errors or [],
            cancel_url=self.detail_url(),
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        report = self.get_report()
        if self.locked(report):
            messages.info(
                request,
                _("Slutrapporten är inlämnad och låst. Kansliet kan öppna den igen vid behov."),
            )
            return htmx_redirect(request, self.detail_url())
        return self.show(request, self.forms(report))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        report = self.get_report()
        if self.locked(report):
            raise PermissionDenied
        main, goal_forms, formset = forms = self.forms(report, request.POST)
        valid = [main.is_valid(), formset.is_valid(), *(f.is_valid() for f in goal_forms)]
        if not all(valid):
            return self.show(request, forms)
        submitting = request.POST.get("action") == "submit"
        signatures = [
            SignatureInput(
                organisation_id=f.cleaned_data["organisation"].pk,
                name=f.cleaned_data["name"],
                place=f.cleaned_data.get("place", ""),
                signed_on=f.cleaned_data["signed_on"],
            )
            for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        try:
            save_final_report(
                user=request.user,
                intervention=self.intervention,
                texts=main.cleaned_data,
                goals=[
                    GoalOutcome(
                        goal_id=f.goal.pk,
                        outcome=f.cleaned_data["outcome"],
                        met=f.cleaned_data["met"],
                    )
                    for f in goal_forms
                ],
                signatures=signatures,
                submit=submitting,
                today=timezone.localdate(),
            )
        except ValidationError as error:
            return self.show(request, forms, self.distribute(error, main, goal_forms))
        if submitting:
            messages.success(request, _("Slutrapporten är inlämnad."))
            return htmx_redirect(request, self.detail_url())
        messages.success(request, _("Utkastet är sparat."))
        return htmx_redirect(
            request,
            reverse("followup:intervention", args=[self.association.slug, self.intervention.pk]),
        )

    @staticmethod
    def distribute(
        error: ValidationError, main: FinalReportForm, goal_forms: list[FinalReportGoalForm]
    ) -> list[str]:
        """Put each message next to its part; returns the signature messages."""
        by_goal = {f"goal_{f.goal.pk}": f for f in goal_forms}
        signature_errors: list[str] = []
        if not hasattr(error, "error_dict"):
            main.add_error(None, error)
            return signature_errors
        for key, errors in error.message_dict.items():
            if key == "signatures":
                signature_errors.extend(errors)
            elif key in by_goal:
                by_goal[key].add_error(None, errors)
            else:
                main.add_error(key if key in main.fields else None, errors)
        return signature_errors


class FinalReportReopenView(FinalReportPage):
    """The office opens a submitted final report again (POST; GET asks for confirmation)."""

    permission_required = "followup.reopen_report"
    template_name = "followup/final_report_reopen.html"

    def submitted_report(self) -> FinalReport:
        report = self.get_report()
        if report is None or report.status != FinalReport.Status.SUBMITTED:
            raise Http404
        return report

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.submitted_report()
        return self.render(request, cancel_url=self.detail_url())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        reopen_final_report(user=request.user, report=self.submitted_report())
        messages.success(request, _("Slutrapporten är öppnad igen och kan ändras."))
        return htmx_redirect(request, self.detail_url())
