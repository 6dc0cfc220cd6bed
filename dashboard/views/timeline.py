"""The timeline of one intervention (``overview:timeline``)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from dashboard.timeline import intervention_timeline
from interventions.models import Intervention
from interventions.views.base import ParentObjectView


class TimelineView(ParentObjectView):
    """Decisions, quarterly reports, deviation reports and the final report of an
    intervention in date order, and its money per year. Another association's
    intervention is a 404, a missing permission a 403."""

    permission_required = "dashboard.view_timeline"
    parent_kwarg = "pk"
    parent: Intervention

    def get_parent_queryset(self) -> QuerySet[Intervention]:
        return Intervention.objects.select_related("owner")

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        intervention = self.parent
        context = self.get_context_data(
            intervention=intervention,
            timeline=intervention_timeline(intervention, today=timezone.localdate()),
            can_view_funding=user.has_perm("funding.view_application", self.association),
            can_view_overview=user.has_perm("dashboard.view_board_quarter", self.association),
        )
        return render(request, "dashboard/timeline.html", context)
