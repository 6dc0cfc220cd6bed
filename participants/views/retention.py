"""The retention page (gallring): the association's policy, editable by the
förbundsadministratör, and the reports of past runs."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from participants.models import RetentionPolicy, RetentionRun
from participants.retention import describe_policy, policy_for
from tenancy.forms import TenantModelForm
from tenancy.views.base import TenantView, htmx_redirect

#: Run reports shown on the page.
RUNS_SHOWN = 50


class RetentionPolicyForm(TenantModelForm):
    months_after_exit = forms.IntegerField(
        label=gettext_lazy("Personuppgifter sparas (månader efter utskrivning)"),
        validators=[MinValueValidator(1), MaxValueValidator(240)],
        help_text=gettext_lazy(
            "Räknas från personens senast avslutade deltagande. Pågående deltaganden gallras "
            "aldrig."
        ),
    )
    log_months = forms.IntegerField(
        label=gettext_lazy("Loggens koppling till deltaganden sparas (månader)"),
        validators=[MinValueValidator(1), MaxValueValidator(240)],
    )

    class Meta:
        model = RetentionPolicy
        fields = ["months_after_exit", "log_months", "decision_reference"]


class RetentionView(TenantView):
    permission_required = "participants.manage_retention"
    template_name = "participants/retention.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        policy = policy_for(self.association)
        form = RetentionPolicyForm(instance=policy, association=self.association)
        return self.page(policy, form)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        policy = policy_for(self.association)
        form = RetentionPolicyForm(request.POST, instance=policy, association=self.association)
        if not form.is_valid():
            return self.page(policy, form)
        form.save()
        messages.success(request, _("Gallringsregeln är sparad."))
        return htmx_redirect(
            request, reverse("participant_reports:retention", args=[self.association.slug])
        )

    def page(self, policy: RetentionPolicy, form: RetentionPolicyForm) -> HttpResponse:
        runs = RetentionRun.objects.filter(association=self.association)[:RUNS_SHOWN]
        context = self.get_context_data(
            policy=policy, policy_text=describe_policy(policy), form=form, runs=runs
        )
        return render(self.request, self.template_name, context)
