"""Goals of an intervention, added and edited on their own pages. The intervention in the
URL is the permission object; a goal of another intervention is a 404."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from interventions.forms import GoalForm
from interventions.models import Goal
from interventions.views.base import InterventionChildView
from tenancy.views.base import TenantCreateView, TenantUpdateView


class GoalCreateView(InterventionChildView, TenantCreateView):
    permission_required = "interventions.change_intervention"
    form_class = GoalForm
    template_name = "interventions/form.html"
    extra_context = {"title": _("Nytt mål")}


class GoalUpdateView(InterventionChildView, TenantUpdateView):
    permission_required = "interventions.change_intervention"
    form_class = GoalForm
    template_name = "interventions/form.html"
    extra_context = {"title": _("Ändra mål")}

    def get_queryset(self) -> Any:
        return Goal.objects.filter(intervention=self.parent)
