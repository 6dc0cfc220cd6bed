"""Shared pieces of the follow-up pages: a page about one intervention (the permission
object), and the rendering helpers."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from followup.models import QuarterlyReport
from followup.services import may_report
from interventions.models import Intervention
from interventions.views.base import ParentObjectView


class InterventionPage(ParentObjectView):
    """A follow-up page of the intervention named by ``intervention_pk``: another
    association's intervention is a 404, a missing permission a 403."""

    parent_kwarg = "intervention_pk"
    parent: Intervention
    template_name: str = ""

    def get_parent_queryset(self) -> QuerySet[Intervention]:
        return Intervention.objects.select_related("owner")

    @property
    def intervention(self) -> Intervention:
        return self.parent

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["intervention"] = self.parent
        return context

    def render(self, request: HttpRequest, status: int = 200, **context: Any) -> HttpResponse:
        return render(request, self.template_name, self.get_context_data(**context), status=status)


class QuarterPage(InterventionPage):
    """A page about one quarter's report (``year``, ``quarter`` in the URL); a quarter the
    intervention cannot report for is a 404."""

    year: int
    quarter: int

    def check_access(self) -> None:
        super().check_access()
        self.year, self.quarter = int(self.kwargs["year"]), int(self.kwargs["quarter"])
        if not may_report(self.parent, self.year, self.quarter, today=timezone.localdate()):
            raise Http404

    def get_report(self) -> QuarterlyReport | None:
        return QuarterlyReport.objects.filter(
            intervention=self.parent, year=self.year, quarter=self.quarter
        ).first()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["year"] = self.year
        context["quarter"] = self.quarter
        context["url_args"] = [self.association.slug, self.parent.pk, self.year, self.quarter]
        return context

    def url(self, name: str) -> str:
        """A page of this quarter's report."""
        return reverse(
            f"followup:{name}",
            args=[self.association.slug, self.parent.pk, self.year, self.quarter],
        )
