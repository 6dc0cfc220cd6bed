"""State changes of money. Every function checks the user's permission itself, so pages,
imports and scripts share one rule; a refused user gets PermissionDenied, a refused change
a ValidationError with a Swedish message."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from finance.models import (
    BudgetStatus,
    BudgetStatusOverride,
    BudgetStatusThresholds,
    CostOutcome,
)
from interventions.models import Intervention
from tenancy.models import Association


def require(user: Any, permission: str, target: Any) -> None:
    if not user.has_perm(permission, target):
        raise PermissionDenied


def _check_quarter(year: int, quarter: int) -> None:
    if not 2000 <= year <= 2100 or quarter not in (1, 2, 3, 4):
        raise ValidationError(_("Ange ett år mellan 2000 och 2100 och ett kvartal 1–4."))


# --- cost outcome -------------------------------------------------------------------------


@transaction.atomic
def submit_cost(
    *,
    user: Any,
    intervention: Intervention,
    year: int,
    quarter: int,
    amount: int,
    today: dt.date | None = None,
) -> CostOutcome:
    """The intervention's insatsansvarig or the ekonom reports a quarter's cost outcome.
    A quarter has one row: a submitted or rejected row is replaced (resubmitted), an
    approved one cannot be changed."""
    require(user, "finance.submit_cost", intervention)
    _check_quarter(year, quarter)
    today = today or timezone.localdate()
    existing = (
        CostOutcome.objects.select_for_update()
        .filter(intervention=intervention, year=year, quarter=quarter)
        .first()
    )
    if existing is not None and existing.status == CostOutcome.Status.APPROVED:
        raise ValidationError(
            _("Utfallet för %(year)s kvartal %(quarter)s är redan godkänt och kan inte ändras.")
            % {"year": year, "quarter": quarter}
        )
    cost = existing or CostOutcome(
        association_id=intervention.association_id,
        intervention=intervention,
        year=year,
        quarter=quarter,
    )
    cost.amount = amount
    cost.status = CostOutcome.Status.SUBMITTED
    cost.submitted_by = user
    cost.submitted_on = today
    cost.approved_by = None
    cost.approved_on = None
    cost.decision_comment = ""
    cost.paid_on = None
    cost.save()
    return cost


def _decide(
    *, user: Any, cost: CostOutcome, status: str, comment: str, today: dt.date | None
) -> CostOutcome:
    require(user, "finance.approve_cost", cost)
    if cost.status != CostOutcome.Status.SUBMITTED:
        raise ValidationError(_("Utfallet är redan beslutat."))
    cost.status = status
    cost.approved_by = user
    cost.approved_on = today or timezone.localdate()
    cost.decision_comment = comment
    cost.save(update_fields=["status", "approved_by", "approved_on", "decision_comment"])
    return cost


def approve_cost(
    *, user: Any, cost: CostOutcome, comment: str = "", today: dt.date | None = None
) -> CostOutcome:
    """The ekonom approves a submitted row: from now on it counts as outcome."""
    return _decide(
        user=user, cost=cost, status=CostOutcome.Status.APPROVED, comment=comment, today=today
    )


def reject_cost(
    *, user: Any, cost: CostOutcome, comment: str, today: dt.date | None = None
) -> CostOutcome:
    """The ekonom rejects a submitted row, saying why; it may then be submitted again."""
    if not comment.strip():
        raise ValidationError({"comment": _("Skriv varför utfallet avslås.")})
    return _decide(
        user=user, cost=cost, status=CostOutcome.Status.REJECTED, comment=comment, today=today
    )


def record_payment(*, user: Any, cost: CostOutcome, paid_on: dt.date | None) -> CostOutcome:
    """The ekonom records (or clears) the day an approved row was paid out."""
    require(user, "finance.approve_cost", cost)
    if cost.status != CostOutcome.Status.APPROVED:
        raise ValidationError(_("Bara ett godkänt utfall kan betalas ut."))
    if paid_on is not None and cost.approved_on is not None and paid_on < cost.approved_on:
        raise ValidationError({"paid_on": _("Utbetalningen kan inte ske före godkännandet.")})
    cost.paid_on = paid_on
    cost.save(update_fields=["paid_on"])
    return cost


def import_cost_outcome(
    *,
    association: Association,
    intervention: Intervention,
    year: int,
    quarter: int,
    amount: int,
    today: dt.date | None = None,
) -> CostOutcome:
    """A row of the importmall's `Utfall` sheet: approved outcome, replacing the row with
    the same insats + år + kvartal. The importer checks its own permission."""
    today = today or timezone.localdate()
    cost, _created = CostOutcome.objects.update_or_create(
        intervention=intervention,
        year=year,
        quarter=quarter,
        defaults={
            "association": association,
            "amount": amount,
            "status": CostOutcome.Status.APPROVED,
            "submitted_on": today,
            "approved_on": today,
            "submitted_by": None,
            "approved_by": None,
        },
    )
    return cost


# --- budget status ------------------------------------------------------------------------


def set_thresholds(
    *,
    user: Any,
    association: Association,
    ok_low: int,
    ok_high: int,
    watch_low: int,
    watch_high: int,
) -> BudgetStatusThresholds:
    require(user, "finance.set_thresholds", association)
    if not watch_low <= ok_low <= ok_high <= watch_high:
        raise ValidationError(
            _(
                "Gränserna måste ligga i ordning: bevakning från ≤ ok från ≤ ok till ≤ "
                "bevakning till."
            )
        )
    thresholds, _created = BudgetStatusThresholds.objects.update_or_create(
        association=association,
        defaults={
            "ok_low": ok_low,
            "ok_high": ok_high,
            "watch_low": watch_low,
            "watch_high": watch_high,
        },
    )
    return thresholds


def override_status(
    *,
    user: Any,
    intervention: Intervention,
    year: int,
    quarter: int,
    status: BudgetStatus | str,
    comment: str,
) -> BudgetStatusOverride:
    """The office sets an intervention's budget status for a quarter, with a reason."""
    require(user, "finance.override_status", intervention)
    _check_quarter(year, quarter)
    if not comment.strip():
        raise ValidationError({"comment": _("Skriv varför statusen fastställs.")})
    override, _created = BudgetStatusOverride.objects.update_or_create(
        intervention=intervention,
        year=year,
        quarter=quarter,
        defaults={
            "association_id": intervention.association_id,
            "status": status,
            "comment": comment.strip(),
            "set_by": user,
        },
    )
    return override


def clear_override(*, user: Any, intervention: Intervention, year: int, quarter: int) -> None:
    """Back to the suggested status."""
    require(user, "finance.override_status", intervention)
    BudgetStatusOverride.objects.filter(
        intervention=intervention, year=year, quarter=quarter
    ).delete()


# --- import (importmall sheet `Utfall`) ---------------------------------------------------

from interventions.services import SaveOutcome  # noqa: E402 - appended section, see above


def save_imported_cost_outcome(
    *,
    association: Association,
    intervention: Intervention,
    year: int,
    quarter: int,
    amount: int,
    today: dt.date | None = None,
) -> tuple[CostOutcome, SaveOutcome]:
    """``import_cost_outcome``, saying what it did. A row equal to the stored approved row
    of the same insats + år + kvartal is left as it is (its dates and approver too), so
    importing the same file twice changes nothing. The importer checks its own
    permission."""
    _check_quarter(year, quarter)
    stored = CostOutcome.objects.filter(
        intervention=intervention, year=year, quarter=quarter
    ).first()
    if (
        stored is not None
        and stored.status == CostOutcome.Status.APPROVED
        and stored.amount == amount
    ):
        return stored, "unchanged"
    cost = import_cost_outcome(
        association=association,
        intervention=intervention,
        year=year,
        quarter=quarter,
        amount=amount,
        today=today,
    )
    return cost, "created" if stored is None else "updated"
