"""Reads of intervention data used by several pages. Must run inside an association scope."""

from __future__ import annotations

from django.db.models import Sum

from interventions.models import Budget


def budget_for_year(year: int) -> int:
    """Granted budget of all interventions for a year (yearly and quarterly rows), in SEK."""
    total = Budget.objects.filter(year=year).aggregate(total=Sum("amount"))["total"]
    return int(total or 0)
