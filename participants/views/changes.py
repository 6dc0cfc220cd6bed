"""Changing participant data: entry (with consent or anonymous), edit, exit, consent
withdrawal and protected identity. Each page calls one service function, which checks
access again, writes the history and the access log."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.models import AccessAction
from participants import services
from participants.forms import AnonymousEntryForm, EntryForm, ExitForm, ParticipationUpdateForm
from participants.models import Participation
from participants.views.base import (
    InterventionParticipantsView,
    ParticipationView,
    ReadLoggedMixin,
    ServiceFormView,
    redirect_with_error,
)
from tenancy.views.base import htmx_redirect

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

FORM_TEMPLATE = "participants/participation_form.html"


class EntryCreateBase(InterventionParticipantsView, ServiceFormView):
    """Shows only the intervention until saved: nothing of a participant is read, so only
    the service's "create" row is logged."""

    permission_required = "participants.change_participation"
    access_action = AccessAction.CREATE
    template_name = FORM_TEMPLATE

    def get_success_url_for(self, result: Participation) -> str:
        return reverse("participants:detail", args=[self.association.slug, result.pk])

    def success_message(self) -> str:
        return _("Deltagaren är inskriven.")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = reverse(
            "participants:list", args=[self.association.slug, self.intervention.pk]
        )
        return context


class EntryCreateView(EntryCreateBase):
    form_class = EntryForm
    extra_context = {"title": gettext_lazy("Skriv in deltagare med samtycke")}

    def save(self, form: EntryForm) -> Participation:
        data = form.cleaned_data
        return services.register_entry(
            user=self.request.user,
            intervention=self.intervention,
            number=data["personnummer"],
            name=data["name"].strip(),
            consent_date=data["consent_date"],
            consent_form_version=data["consent_form_version"],
            entry_date=data["entry_date"],
            reference=data["reference"].strip(),
            details=form.details(),
        )


class AnonymousEntryCreateView(EntryCreateBase):
    form_class = AnonymousEntryForm
    extra_context = {"title": gettext_lazy("Skriv in anonym deltagare")}

    def save(self, form: AnonymousEntryForm) -> Participation:
        data = form.cleaned_data
        return services.register_anonymous(
            user=self.request.user,
            intervention=self.intervention,
            gender=data["gender"],
            entry_date=data["entry_date"],
            reference=data["reference"].strip(),
        )


class ParticipationFormBase(ReadLoggedMixin, ServiceFormView):
    """Edit or exit of a participation with consent. The form page shows the
    participation (one "read" row); a valid post writes one "update" row."""

    permission_required = "participants.change_participation"
    access_action = AccessAction.UPDATE
    template_name = FORM_TEMPLATE

    def unavailable(self) -> str:
        """Why this page does not apply to the participation ("" when it does)."""
        if self.participation.is_anonymous:
            return str(services.ANONYMOUS_ONLY)
        return ""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if reason := self.unavailable():
            return redirect_with_error(request, self.detail_url(), reason)
        return super().get(request, *args, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if reason := self.unavailable():
            return redirect_with_error(request, self.detail_url(), reason)
        return super().post(request, *args, **kwargs)

    def get_success_url_for(self, result: Participation) -> str:
        return self.detail_url()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = self.detail_url()
        return context


class ParticipationUpdateView(ParticipationFormBase):
    form_class = ParticipationUpdateForm
    extra_context = {"title": gettext_lazy("Ändra deltagande")}

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["participation"] = self.participation
        return kwargs

    def save(self, form: ParticipationUpdateForm) -> Participation:
        return services.update_participation(
            user=self.request.user, participation=self.participation, values=form.values()
        )

    def success_message(self) -> str:
        return _("Deltagandet är ändrat.")


class ExitView(ParticipationFormBase):
    form_class = ExitForm
    extra_context = {"title": gettext_lazy("Skriv ut deltagare")}

    def unavailable(self) -> str:
        if not self.participation.is_ongoing:
            return _("Deltagaren är redan utskriven. Ändra utskrivningen under Ändra.")
        return super().unavailable()

    def save(self, form: ExitForm) -> Participation:
        values = form.values()
        return services.register_exit(
            user=self.request.user,
            participation=self.participation,
            exit_date=values["exit_date"],
            exit_reason=values["exit_reason"],
            work_extent=values["work_extent"],
            income_after=values["income_after"],
        )

    def success_message(self) -> str:
        return _("Deltagaren är utskriven.")


class IdentityRemovalView(ParticipationView):
    """Asks for confirmation (GET, a "read" row: it shows whom it is about) and removes the
    person's identity from their participations in the officer's interventions (POST, an
    "anonymise" row); other interventions' records are not touched."""

    permission_required = "participants.change_participation"
    access_action = AccessAction.ANONYMISE
    template_name = "participants/confirm_identity_removal.html"
    title: StrOrPromise = ""
    question: StrOrPromise = ""
    done: StrOrPromise = ""

    def remove(self) -> list[int]:
        raise NotImplementedError

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.participation.is_anonymous:
            return redirect_with_error(
                request, self.detail_url(), _("Deltagandet är redan anonymt.")
            )
        self.log_read()
        context = self.get_context_data(
            title=self.title, question=self.question, cancel_url=self.detail_url()
        )
        return render(request, self.template_name, context)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.participation.is_anonymous:
            return redirect_with_error(
                request, self.detail_url(), _("Deltagandet är redan anonymt.")
            )
        self.remove()
        messages.success(request, self.done)
        return htmx_redirect(request, self.detail_url())


class WithdrawConsentView(IdentityRemovalView):
    title = gettext_lazy("Återkalla samtycke")
    question = gettext_lazy(
        "Deltagaren har återkallat sitt samtycke. Personnummer, namn och samtycke tas bort, "
        "och personens deltaganden i dina insatser blir anonyma: bara kön och "
        "inskrivningsdatum sparas. Det går inte att ångra."
    )
    done = gettext_lazy("Samtycket är återkallat. Deltagandet är nu anonymt.")

    def remove(self) -> list[int]:
        return services.withdraw_consent(user=self.request.user, participation=self.participation)


class ProtectedIdentityView(IdentityRemovalView):
    title = gettext_lazy("Skyddad identitet")
    question = gettext_lazy(
        "Deltagaren har fått skyddad identitet. Personnummer, namn och samtycke tas bort, "
        "och personens deltaganden i dina insatser blir anonyma: bara kön och "
        "inskrivningsdatum sparas. Det går inte att ångra."
    )
    done = gettext_lazy("Identiteten är borttagen. Deltagandet är nu anonymt.")

    def remove(self) -> list[int]:
        return services.mark_protected_identity(
            user=self.request.user, participation=self.participation
        )
