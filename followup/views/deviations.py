"""Deviation reports (avvikelserapporter): an intervention's list, registering a new one,
one deviation with its history, the decision, and the office's list of undecided ones.

Budgets are never changed here: the finance app computes money moved by an approved
transfer from the Deviation rows (``Deviation.moves_money``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from followup.forms import DecisionForm, DeviationForm
from followup.models import Decision, Deviation
from followup.services import (
    decide_deviation,
    deviation_four_eyes_refusal,
    register_deviation,
)
from followup.views.base import InterventionPage
from tenancy.views.base import TenantView, htmx_redirect


def deviation_list_url(association_slug: str, intervention_pk: int) -> str:
    return reverse("followup:deviation_list", args=[association_slug, intervention_pk])


class DeviationListView(InterventionPage):
    permission_required = "followup.view_deviation"
    template_name = "followup/deviation_list.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        intervention = self.intervention
        return self.render(
            request,
            deviations=Deviation.objects.filter(intervention=intervention),
            can_register=request.user.has_perm("followup.register_deviation", intervention),
        )


class DeviationCreateView(InterventionPage):
    """The insatsansvarig (for their intervention) or the office registers a deviation."""

    permission_required = "followup.register_deviation"
    template_name = "followup/form.html"

    def make_form(self, data: Any = None) -> DeviationForm:
        office = self.request.user.has_perm("followup.decide_deviation", self.intervention)
        initial = {"received_on": timezone.localdate()}
        return DeviationForm(data, initial=initial, association=self.association, office=office)

    def show(self, request: HttpRequest, form: DeviationForm) -> HttpResponse:
        return self.render(
            request,
            form=form,
            title=_("Ny avvikelserapport för %(name)s") % {"name": self.intervention.display_name},
            cancel_url=deviation_list_url(self.association.slug, self.intervention.pk),
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.show(request, self.make_form())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.make_form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                register_deviation(
                    user=request.user,
                    intervention=self.intervention,
                    received_on=data.get("received_on") or timezone.localdate(),
                    kind=data["kind"],
                    description=data["description"],
                    amount=data.get("amount"),
                    requested_start_date=data.get("requested_start_date"),
                    requested_end_date=data.get("requested_end_date"),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Avvikelserapporten är registrerad."))
                return htmx_redirect(
                    request, deviation_list_url(self.association.slug, self.intervention.pk)
                )
        return self.show(request, form)


class DeviationPage(TenantView):
    """A page about one deviation (``pk``), checked against the deviation."""

    deviation: Deviation
    template_name = ""

    def check_access(self) -> None:
        self.deviation = get_object_or_404(
            Deviation.objects.select_related("intervention"), pk=self.kwargs["pk"]
        )
        self.check_permission(self.deviation)

    def render(self, request: HttpRequest, **context: Any) -> HttpResponse:
        context = self.get_context_data(
            deviation=self.deviation, intervention=self.deviation.intervention, **context
        )
        return render(request, self.template_name, context)


class DeviationDetailView(DeviationPage):
    permission_required = "followup.view_deviation"
    template_name = "followup/deviation_detail.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render(
            request,
            events=self.deviation.events.select_related("user"),
            can_decide=request.user.has_perm("followup.decide_deviation", self.deviation),
        )


class DeviationDecideView(DeviationPage):
    """The office records the decision of the förbundschef or the board; a decided
    deviation may be decided again (both decisions stay in the history). Whoever registered
    the report is told why they may not record its decision, and offered no form."""

    permission_required = "followup.decide_deviation"
    template_name = "followup/form.html"

    def show(self, request: HttpRequest, form: DecisionForm) -> HttpResponse:
        return self.render(
            request,
            form=form,
            refusal=deviation_four_eyes_refusal(user=request.user, deviation=self.deviation),
            title=_("Beslut om avvikelserapport"),
            confirm=_("Registrera beslutet om avvikelserapporten? Beslutet sparas i historiken."),
            cancel_url=reverse(
                "followup:deviation_detail", args=[self.association.slug, self.deviation.pk]
            ),
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        deviation = self.deviation
        initial: dict[str, Any] = {"decided_on": timezone.localdate()}
        if deviation.decision != Decision.UNDECIDED:
            initial = {
                "decision": deviation.decision,
                "decided_on": deviation.decided_on,
                "decided_by": deviation.decided_by,
                "comment": deviation.decision_comment,
            }
        return self.show(request, DecisionForm(initial=initial))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = DecisionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                decide_deviation(
                    user=request.user,
                    deviation=self.deviation,
                    decision=data["decision"],
                    decided_on=data["decided_on"],
                    decided_by=data["decided_by"],
                    comment=data["comment"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Beslutet är sparat."))
                return htmx_redirect(
                    request,
                    reverse(
                        "followup:deviation_detail",
                        args=[self.association.slug, self.deviation.pk],
                    ),
                )
        return self.show(request, form)


def undecided_deviations() -> QuerySet[Deviation]:
    return (
        Deviation.objects.filter(decision=Decision.UNDECIDED)
        .select_related("intervention")
        .order_by("received_on", "id")
    )


class UndecidedDeviationListView(TenantView):
    """The office's work list: every deviation report not yet decided, oldest first."""

    permission_required = "followup.view_deviation"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        context = self.get_context_data(
            deviations=undecided_deviations(),
            can_decide=request.user.has_perm("followup.decide_deviation", self.association),
        )
        return render(request, "followup/deviation_undecided.html", context)
