"""State changes for interventions and budgets. Pages, imports and the demo loader call
these so that each rule exists once. Call inside the association's scope."""

from __future__ import annotations

from django.utils.translation import gettext as _

from interventions.models import Budget, Intervention
from tenancy.models import Association, Organisation


def budget_period_conflict(
    *, intervention: Intervention, year: int, quarter: int | None, exclude_pk: int | None = None
) -> str | None:
    """A year's budget is either one yearly row or quarterly rows, never both (they would be
    counted twice). Returns the Swedish reason when the new row would mix them."""
    rows = Budget.objects.filter(intervention=intervention, year=year)
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    if quarter is None and rows.filter(quarter__isnull=False).exists():
        return _("%(year)s har redan kvartalsbudgetar; ange kvartal eller ändra dem.") % {
            "year": year
        }
    if quarter is not None and rows.filter(quarter__isnull=True).exists():
        return _("%(year)s har redan en helårsbudget; ändra den i stället.") % {"year": year}
    return None


def organisation_named(*, association: Association, name: str) -> Organisation:
    """The association's organisation with this name, created if it does not exist."""
    organisation, _created = Organisation.objects.get_or_create(
        association=association, name=name.strip()
    )
    return organisation
