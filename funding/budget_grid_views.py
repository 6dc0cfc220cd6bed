"""A grid for quick entry of the interventions' granted yearly budgets, one row per
intervention and one column per year (the as-of year and the years after it). A year with
quarterly budgets shows its sum and is changed on the intervention's budget page; an empty
cell changes nothing. Saved through ``interventions.services.save_budget``."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from interventions.models import Budget, Intervention
from interventions.services import save_budget
from tenancy.views.base import TenantView

YEARS = 3
MAX_AMOUNT = 10**11


def first_year(request: HttpRequest) -> int:
    text = request.GET.get("from", "") or request.POST.get("from", "")
    year = timezone.localdate().year
    if text.isdigit() and 2000 <= int(text) <= 2100 - YEARS:
        year = int(text)
    return year


def _interventions(years: list[int]) -> list[Intervention]:
    """Interventions running in any of the years (no end date counts as running)."""
    first, last = dt.date(years[0], 1, 1), dt.date(years[-1], 12, 31)
    return list(
        Intervention.objects.filter(start_date__lte=last)
        .exclude(end_date__lt=first)
        .in_display_order()
        .select_related("owner")
    )


def _cells(interventions: list[Intervention], years: list[int]) -> dict[tuple[int, int], Any]:
    """(intervention id, year) -> {"yearly": amount|None, "quarterly": sum|None}."""
    cells: dict[tuple[int, int], dict[str, int | None]] = defaultdict(
        lambda: {"yearly": None, "quarterly": None}
    )
    for intervention_id, year, quarter, amount in Budget.objects.filter(
        intervention__in=interventions, year__in=years
    ).values_list("intervention_id", "year", "quarter", "amount"):
        cell = cells[(intervention_id, year)]
        if quarter is None:
            cell["yearly"] = amount
        else:
            cell["quarterly"] = (cell["quarterly"] or 0) + amount
    return cells


class BudgetGridView(TenantView):
    permission_required = "interventions.change_budget"
    template_name = "funding/budget_grid.html"

    def page(self, years: list[int], errors: list[str], posted: dict[str, str]) -> HttpResponse:
        interventions = _interventions(years)
        cells = _cells(interventions, years)
        rows = []
        for intervention in interventions:
            row_cells = []
            for year in years:
                cell = cells.get((intervention.pk, year), {"yearly": None, "quarterly": None})
                name = f"budget-{intervention.pk}-{year}"
                value = posted.get(name, "" if cell["yearly"] is None else str(cell["yearly"]))
                row_cells.append(
                    {"name": name, "year": year, "value": value, "quarterly": cell["quarterly"]}
                )
            rows.append({"intervention": intervention, "cells": row_cells})
        context = self.get_context_data(years=years, rows=rows, errors=errors, first=years[0])
        return render(self.request, self.template_name, context)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        first = first_year(request)
        return self.page(list(range(first, first + YEARS)), [], {})

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        first = first_year(request)
        years = list(range(first, first + YEARS))
        interventions = _interventions(years)
        cells = _cells(interventions, years)
        changes: list[tuple[Intervention, int, int]] = []
        errors: list[str] = []
        for intervention in interventions:
            for year in years:
                text = request.POST.get(f"budget-{intervention.pk}-{year}", "")
                text = text.replace(" ", "").replace("\xa0", "")
                if not text:
                    continue
                if not text.isdigit() or int(text) > MAX_AMOUNT:
                    errors.append(
                        _("%(name)s %(year)s: ange ett belopp i hela kronor.")
                        % {"name": intervention.display_name, "year": year}
                    )
                elif cells.get((intervention.pk, year), {}).get("quarterly") is not None:
                    errors.append(
                        _("%(name)s %(year)s har kvartalsbudget; ändra den på insatsens sida.")
                        % {"name": intervention.display_name, "year": year}
                    )
                else:
                    changes.append((intervention, year, int(text)))
        if not errors:
            try:
                with transaction.atomic():
                    for intervention, year, amount in changes:
                        save_budget(
                            intervention=intervention, year=year, quarter=None, amount=amount
                        )
            except ValidationError as error:
                errors += error.messages
        if errors:
            return self.page(
                years, errors, {key: request.POST.get(key, "") for key in request.POST}
            )
        messages.success(request, _("Budgetarna är sparade."))
        return redirect(f"{request.path}?from={first}")
