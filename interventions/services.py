"""State changes for interventions and budgets. Pages, imports and the demo loader call
these so that each rule exists once. Call inside the association's scope."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Final, Literal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from interventions.models import Budget, Goal, Intervention, Kind, SteeringGroup
from tenancy.models import Association, Organisation

#: The Swedish texts of an intervention's rules, shared by its pages, the application's
#: pages and the import (one copy each).
END_BEFORE_START = gettext_lazy("Slutdatum får inte vara före startdatum.")
CODE_TAKEN = gettext_lazy("Det finns redan en insats med koden %(code)s.")


def aim_problem(*, kind: str | None, aim: str | None) -> str | None:
    """Why the aim does not fit the kind on a form (an aim for individual interventions and
    only for them), or None."""
    if kind == Kind.INDIVIDUAL and not aim:
        return _("Ange syfte för en individinsats.")
    if kind and kind != Kind.INDIVIDUAL and aim:
        return _("Syfte anges bara för individinsatser; lämna fältet tomt.")
    return None


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


#: What a save-by-natural-key did: the import reports these per sheet.
SaveOutcome = Literal["created", "updated", "unchanged"]


#: ``save_intervention``'s default for the steering group: keep the stored one (the
#: import's sheet has no steering group; a page sets it).
KEEP: Final = "keep"


def save_intervention(
    *,
    association: Association,
    code: str,
    name: str,
    short_name: str,
    owner: Organisation,
    partners: Sequence[Organisation],
    kind: str,
    aim: str,
    follow_up: str,
    start_date: dt.date,
    end_date: dt.date | None,
    expected_participants: int | None,
    steering_group: SteeringGroup | Literal["keep"] | None = KEEP,
    stored: Intervention | None = None,
) -> tuple[Intervention, SaveOutcome]:
    """Create the intervention with this code, or replace the stored one's fields and
    partners (its goals are kept, and its steering group unless one is given).
    ``stored`` is the intervention a page edits (its code may change); without it the
    stored intervention is the one with ``code``."""
    values: dict[str, Any] = {
        "code": code,
        "name": name,
        "short_name": short_name,
        "owner_id": owner.pk,
        "kind": kind,
        "aim": aim,
        "follow_up": follow_up,
        "start_date": start_date,
        "end_date": end_date,
        "expected_participants": expected_participants,
    }
    if steering_group is None or isinstance(steering_group, SteeringGroup):
        values["steering_group_id"] = None if steering_group is None else steering_group.pk
    partner_ids = {partner.pk for partner in partners}
    intervention = stored or Intervention.objects.filter(association=association, code=code).first()
    if intervention is None:
        intervention = Intervention.objects.create(association=association, **values)
        intervention.partners.set(partner_ids)
        return intervention, "created"
    changed = any(getattr(intervention, field) != value for field, value in values.items())
    if changed:
        for field, value in values.items():
            setattr(intervention, field, value)
        intervention.save()
    if set(intervention.partners.values_list("pk", flat=True)) != partner_ids:
        intervention.partners.set(partner_ids)
        changed = True
    return intervention, "updated" if changed else "unchanged"


def save_budget(
    *,
    intervention: Intervention,
    year: int,
    quarter: int | None,
    amount: int,
    stored: Budget | None = None,
) -> tuple[Budget, SaveOutcome]:
    """Create or replace the budget row of this intervention and period. ``stored`` is the
    row a page edits (its period may change); without it the stored row is the one of the
    period. Refuses to mix a yearly row with quarterly rows for the same year."""
    budget = stored
    if budget is None:
        rows = Budget.objects.filter(intervention=intervention, year=year)
        budget = (
            rows.filter(quarter__isnull=True) if quarter is None else rows.filter(quarter=quarter)
        ).first()
    if budget is None or (budget.year, budget.quarter) != (year, quarter):
        reason = budget_period_conflict(
            intervention=intervention,
            year=year,
            quarter=quarter,
            exclude_pk=None if budget is None else budget.pk,
        )
        if reason is not None:
            raise ValidationError(reason)
    if budget is None:
        budget = Budget.objects.create(
            association_id=intervention.association_id,
            intervention=intervention,
            year=year,
            quarter=quarter,
            amount=amount,
        )
        return budget, "created"
    values = {"year": year, "quarter": quarter, "amount": amount}
    changed = [field for field, value in values.items() if getattr(budget, field) != value]
    if not changed:
        return budget, "unchanged"
    for field in changed:
        setattr(budget, field, values[field])
    budget.save(update_fields=changed)
    return budget, "updated"


def add_goal(*, intervention: Intervention, text: str, target: str) -> Goal:
    """Add a goal with its measurable target to the intervention."""
    return Goal.objects.create(
        association_id=intervention.association_id,
        intervention=intervention,
        text=text,
        target=target,
    )


def set_end_date(*, intervention: Intervention, end_date: dt.date | None) -> None:
    """Move the intervention's end date (an extension); refuses an end before the start."""
    if end_date is not None and end_date < intervention.start_date:
        raise ValidationError(_("Slutdatum får inte vara före insatsens startdatum."))
    intervention.end_date = end_date
    intervention.save(update_fields=["end_date"])
