"""Shared pieces of the participant pages: the intervention or participation a page is
about (looked up through the scoped manager, so another association's is a 404), the
permission check that logs a refusal, and the access-log row of a page that shows data."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import FormView

from audit.models import AccessAction, Outcome
from audit.services import log_access
from interventions.models import Intervention
from participants.models import Participation
from participants.services import person_name
from tenancy.views.base import ServiceFormMixin, TenantView

#: Purpose recorded in the access log when a page shows one participation.
READ_PURPOSE = "Visa deltagande"


class ParticipantView(TenantView):
    """A participant page. A refused request is logged (outcome "denied") before the 403,
    so log reviewers see attempts to reach other interventions' participants."""

    #: The access-log action a refusal is recorded under.
    access_action: str = AccessAction.READ

    def check_permission(self, target: Any) -> None:
        try:
            super().check_permission(target)
        except PermissionDenied:
            self.log_denied(target)
            raise

    def log_denied(self, target: Any) -> None:
        participation_ids: list[int] = []
        intervention_ids: list[int] = []
        if isinstance(target, Participation):
            participation_ids = [target.pk]
            intervention_ids = [target.intervention_id]
        elif isinstance(target, Intervention):
            intervention_ids = [target.pk]
        log_access(
            user=self.request.user,
            association=self.association,
            action=self.access_action,
            participation_ids=participation_ids,
            intervention_ids=intervention_ids,
            purpose="Nekad åtkomst",
            outcome=Outcome.DENIED,
        )


class InterventionParticipantsView(ParticipantView):
    """A page about the participants of one intervention (``intervention_pk`` in the URL);
    the intervention is the permission object."""

    intervention: Intervention

    def check_access(self) -> None:
        self.intervention = get_object_or_404(
            Intervention.objects.all(), pk=self.kwargs["intervention_pk"]
        )
        self.check_permission(self.intervention)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["intervention"] = self.intervention
        return context


class ParticipationView(ParticipantView):
    """A page about one participation (``pk`` in the URL); it is the permission object."""

    participation: Participation
    #: Whether the page shows the name (decrypted only for pages that show it).
    show_name = True

    def check_access(self) -> None:
        self.participation = get_object_or_404(
            Participation.objects.select_related("intervention", "person", "identity"),
            pk=self.kwargs["pk"],
        )
        self.check_permission(self.participation)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        participation = self.participation
        context["participation"] = participation
        context["intervention"] = participation.intervention
        context["person_name"] = person_name(participation) if self.show_name else ""
        return context

    def detail_url(self) -> str:
        return reverse("participants:detail", args=[self.association.slug, self.participation.pk])

    def log_read(self, purpose: str = READ_PURPOSE) -> None:
        log_access(
            user=self.request.user,
            association=self.association,
            action=AccessAction.READ,
            participation_ids=[self.participation.pk],
            intervention_ids=[self.participation.intervention_id],
            purpose=purpose,
        )


class ReadLoggedMixin(ParticipationView):
    """Every rendered page (a form, a confirmation) shows the participation: one read row."""

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        self.log_read()
        return super().render_to_response(context, **kwargs)  # type: ignore[misc]  # mixin: the template mixin comes later in the MRO


class ServiceFormView(ServiceFormMixin, FormView):
    """A form whose valid input goes to a service function (``save``); the service's
    ValidationError lands next to the fields, and nothing typed is lost."""

    def get_success_url_for(self, result: Any) -> str:
        raise NotImplementedError


def redirect_with_error(request: HttpRequest, url: str, message: str) -> HttpResponseRedirect:
    messages.error(request, message)
    return HttpResponseRedirect(url)
