"""A grid for the association's own budget (sheet `Förbundsbudget`): the drift rows of the
decision room (income, administration, other joint efforts) against the as-of year's
budget and prognosis and the budgets of the two years after. An empty cell changes
nothing. Saved through ``ledger.services.save_own_budget``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from funding.budget_grid_views import MAX_AMOUNT, YEARS, first_year
from ledger.models import OperatingRow, OwnBudgetAmount
from ledger.services import save_own_budget
from stats.economic import BUDGET, OWN_GROUPS, PROGNOSIS
from tenancy.views.base import TenantView


def _columns(first: int) -> list[tuple[int, str]]:
    return [(first, BUDGET), (first, PROGNOSIS)] + [
        (year, BUDGET) for year in range(first + 1, first + YEARS)
    ]


class OwnBudgetGridView(TenantView):
    permission_required = "funding.change_own_budget"
    template_name = "funding/own_budget_grid.html"

    def page(self, first: int, errors: list[str], posted: dict[str, str]) -> HttpResponse:
        columns = _columns(first)
        order = {group: index for index, group in enumerate(OWN_GROUPS)}
        rows = sorted(
            OperatingRow.objects.filter(group__in=OWN_GROUPS).order_by("position", "code"),
            key=lambda row: order[row.group],
        )
        stored = {
            (row_id, year, version): amount
            for row_id, year, version, amount in OwnBudgetAmount.objects.filter(
                row__in=rows, year__in={year for year, _v in columns}
            ).values_list("row_id", "year", "version", "amount")
        }
        table = []
        for row in rows:
            cells = []
            for year, version in columns:
                name = f"own-{row.pk}-{year}-{version}"
                amount = stored.get((row.pk, year, version))
                value = posted.get(name, "" if amount is None else str(amount))
                cells.append({"name": name, "value": value, "label": f"{year} {version}"})
            table.append({"row": row, "cells": cells})
        context = self.get_context_data(
            columns=columns, rows=table, errors=errors, first=first, prognosis=PROGNOSIS
        )
        return render(self.request, self.template_name, context)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.page(first_year(request), [], {})

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        first = first_year(request)
        rows = list(OperatingRow.objects.filter(group__in=OWN_GROUPS))
        changes: list[tuple[OperatingRow, int, str, int]] = []
        errors: list[str] = []
        for row in rows:
            for year, version in _columns(first):
                text = request.POST.get(f"own-{row.pk}-{year}-{version}", "")
                text = text.replace(" ", "").replace("\xa0", "")
                if not text:
                    continue
                if not text.isdigit() or int(text) > MAX_AMOUNT:
                    errors.append(
                        _("%(row)s %(year)s: ange ett belopp i hela kronor, noll eller mer.")
                        % {"row": row.label, "year": year}
                    )
                else:
                    changes.append((row, year, version, int(text)))
        if errors:
            return self.page(
                first, errors, {key: request.POST.get(key, "") for key in request.POST}
            )
        with transaction.atomic():
            for row, year, version, amount in changes:
                save_own_budget(
                    association=self.association, row=row, year=year, version=version, amount=amount
                )
        messages.success(request, _("Förbundets budget är sparad."))
        return redirect(f"{request.path}?from={first}")
