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
    CostOutcomeAction,
    CostOutcomeEvent,
)
from finsam.years import YEAR_MAX, YEAR_MIN, quarter_end, quarter_start
from interventions.models import Intervention
from tenancy.models import Association


def require(user: Any, permission: str, target: Any) -> None:
    if not user.has_perm(permission, target):
        raise PermissionDenied


def _check_quarter(year: int, quarter: int) -> None:
    if not YEAR_MIN <= year <= YEAR_MAX or quarter not in (1, 2, 3, 4):
        raise ValidationError(
            _("Ange ett år mellan %(min)s och %(max)s och ett kvartal 1–4.")
            % {"min": YEAR_MIN, "max": YEAR_MAX}
        )


# --- cost outcome -------------------------------------------------------------------------
#
# A quarter of an intervention has one cost row. It is never silently replaced:
# - "Rapportera utfall" refuses a quarter that already has a row (``CostExists``, naming
#   the row), so the user opens that row instead;
# - a submitted or rejected row is corrected explicitly (``correct_cost``, with a reason),
#   and the correction is kept in the row's history with the old and new amount;
# - an approved row is locked: no submission, correction or import changes it;
# - whoever entered the amount (submitted or corrected it) may not decide on it
#   (``four_eyes_refusal``);
# - the quarter must lie within the intervention's period (``cost_period_error``).


class CostExists(ValidationError):
    """A cost row for the intervention and quarter exists already: correct that one."""

    def __init__(self, cost: CostOutcome) -> None:
        self.cost = cost
        if cost.status == CostOutcome.Status.APPROVED:
            message = _(
                "Det finns redan ett godkänt utfall för %(year)s kvartal %(quarter)s "
                "(%(amount)s). Ett godkänt utfall är låst och kan inte ändras."
            )
        else:
            message = _(
                "Det finns redan ett utfall för %(year)s kvartal %(quarter)s (%(amount)s, "
                "%(status)s). Öppna det och rätta beloppet i stället för att rapportera igen."
            )
        super().__init__(
            message
            % {
                "year": cost.year,
                "quarter": cost.quarter,
                "amount": format_sek(cost.amount),
                "status": cost.get_status_display().lower(),
            },
            code="exists",
        )


def format_sek(amount: int) -> str:
    """``1 290 000 kr`` (narrow no-break space between thousands, as the pages show it)."""
    from tenancy.templatetags.finsam_format import sek

    return str(sek(amount))


def cost_period_error(
    *, start_date: dt.date, end_date: dt.date | None, year: int, quarter: int
) -> str | None:
    """Why a cost outcome for ``year`` / ``quarter`` is impossible for an intervention
    running ``start_date``..``end_date`` (no end: open), or None when the quarter overlaps
    the period. The one rule for the form, the import and the API."""
    if quarter_end(year, quarter) >= start_date and (
        end_date is None or quarter_start(year, quarter) <= end_date
    ):
        return None
    period = (
        _("%(start)s–%(end)s") % {"start": start_date.isoformat(), "end": end_date.isoformat()}
        if end_date is not None
        else _("från %(start)s") % {"start": start_date.isoformat()}
    )
    return _(
        "%(year)s kvartal %(quarter)s ligger utanför insatsens period (%(period)s); "
        "utfall kan bara rapporteras för kvartal inom perioden."
    ) % {"year": year, "quarter": quarter, "period": period}


def check_cost_period(intervention: Intervention, year: int, quarter: int) -> None:
    error = cost_period_error(
        start_date=intervention.start_date,
        end_date=intervention.end_date,
        year=year,
        quarter=quarter,
    )
    if error is not None:
        raise ValidationError({"quarter": error})


def four_eyes_refusal(*, user: Any, cost: CostOutcome) -> str | None:
    """Why ``user`` may not approve or reject ``cost`` although their role could: they
    submitted or corrected its amount themselves. None when someone else did."""
    user_id = getattr(user, "pk", None)
    if user_id is None:
        return None
    entered = cost.submitted_by_id == user_id or (
        cost.pk is not None
        and CostOutcomeEvent.objects.filter(
            cost=cost,
            user_id=user_id,
            action__in=[CostOutcomeAction.SUBMITTED, CostOutcomeAction.CORRECTED],
        ).exists()
    )
    if not entered:
        return None
    return _(
        "Du har själv rapporterat eller rättat det här utfallet och kan därför inte godkänna "
        "eller avslå det. En annan ekonom måste besluta (fyraögonsprincipen)."
    )


def cost_event(
    cost: CostOutcome,
    user: Any,
    action: str,
    *,
    old_amount: int | None = None,
    comment: str = "",
) -> None:
    CostOutcomeEvent.objects.create(
        association_id=cost.association_id,
        cost=cost,
        user=user if getattr(user, "pk", None) is not None else None,
        action=action,
        old_amount=old_amount,
        amount=cost.amount,
        comment=comment,
    )


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
    A quarter has one row: when it exists, ``CostExists`` names it (correct it instead)."""
    require(user, "finance.submit_cost", intervention)
    _check_quarter(year, quarter)
    check_cost_period(intervention, year, quarter)
    # Lock the intervention so that two submissions of the same quarter queue up.
    Intervention.objects.select_for_update().filter(pk=intervention.pk).first()
    existing = CostOutcome.objects.filter(
        intervention=intervention, year=year, quarter=quarter
    ).first()
    if existing is not None:
        raise CostExists(existing)
    cost = CostOutcome.objects.create(
        association_id=intervention.association_id,
        intervention=intervention,
        year=year,
        quarter=quarter,
        amount=amount,
        status=CostOutcome.Status.SUBMITTED,
        submitted_by=user,
        submitted_on=today or timezone.localdate(),
    )
    cost_event(cost, user, CostOutcomeAction.SUBMITTED)
    return cost


@transaction.atomic
def correct_cost(
    *, user: Any, cost: CostOutcome, amount: int, comment: str, today: dt.date | None = None
) -> CostOutcome:
    """An explicit correction of a submitted or rejected row (by whoever may submit it),
    with a reason: the row is submitted again with the new amount, and the old amount, who
    and when stay in its history. An approved row is locked."""
    require(user, "finance.submit_cost", cost)
    cost = CostOutcome.objects.select_for_update().get(pk=cost.pk)
    if cost.status == CostOutcome.Status.APPROVED:
        raise ValidationError(_("Utfallet är godkänt och därmed låst; det kan inte rättas."))
    errors: dict[str, str] = {}
    if not comment.strip():
        errors["comment"] = _("Skriv varför utfallet rättas.")
    if amount == cost.amount and cost.status == CostOutcome.Status.SUBMITTED:
        errors["amount"] = _("Beloppet är detsamma som det inlämnade; ange det rättade beloppet.")
    if errors:
        raise ValidationError(errors)
    old_amount = cost.amount
    cost.amount = amount
    cost.status = CostOutcome.Status.SUBMITTED
    cost.submitted_by = user
    cost.submitted_on = today or timezone.localdate()
    cost.approved_by = None
    cost.approved_on = None
    cost.decision_comment = ""
    cost.paid_on = None
    cost.save()
    cost_event(
        cost, user, CostOutcomeAction.CORRECTED, old_amount=old_amount, comment=comment.strip()
    )
    return cost


def _decide(
    *, user: Any, cost: CostOutcome, status: str, comment: str, today: dt.date | None
) -> CostOutcome:
    require(user, "finance.approve_cost", cost)
    if cost.status != CostOutcome.Status.SUBMITTED:
        raise ValidationError(_("Utfallet är redan beslutat."))
    refusal = four_eyes_refusal(user=user, cost=cost)
    if refusal is not None:
        raise ValidationError(refusal, code="four_eyes")
    cost.status = status
    cost.approved_by = user
    cost.approved_on = today or timezone.localdate()
    cost.decision_comment = comment
    cost.save(update_fields=["status", "approved_by", "approved_on", "decision_comment"])
    cost_event(cost, user, status, comment=comment)
    return cost


@transaction.atomic
def approve_cost(
    *, user: Any, cost: CostOutcome, comment: str = "", today: dt.date | None = None
) -> CostOutcome:
    """The ekonom approves a row someone else submitted: from now on it counts as
    outcome, and it is locked."""
    return _decide(
        user=user, cost=cost, status=CostOutcome.Status.APPROVED, comment=comment, today=today
    )


@transaction.atomic
def reject_cost(
    *, user: Any, cost: CostOutcome, comment: str, today: dt.date | None = None
) -> CostOutcome:
    """The ekonom rejects a row someone else submitted, saying why; it may then be
    corrected and so submitted again."""
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


def imported_cost_problem(stored: CostOutcome | None, amount: int) -> str | None:
    """Why an imported (approved) outcome may not be written over the row ``stored`` of
    the same insats + år + kvartal; None when there is no row or it is the same approved
    amount (then nothing changes)."""
    if stored is None:
        return None
    values = {
        "year": stored.year,
        "quarter": stored.quarter,
        "amount": format_sek(stored.amount),
    }
    if stored.status == CostOutcome.Status.APPROVED:
        if stored.amount == amount:
            return None
        return (
            _(
                "Utfallet för %(year)s kvartal %(quarter)s är redan godkänt med %(amount)s "
                "och är låst; importen kan inte ändra det."
            )
            % values
        )
    return _(
        "Det finns redan ett utfall för %(year)s kvartal %(quarter)s (%(amount)s, %(status)s) "
        "som inte är godkänt; besluta eller rätta det på sidan Utfall i stället för att "
        "importera."
    ) % {**values, "status": stored.get_status_display().lower()}


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


@transaction.atomic
def save_imported_cost_outcome(
    *,
    association: Association,
    intervention: Intervention,
    year: int,
    quarter: int,
    amount: int,
    today: dt.date | None = None,
    user: Any = None,
) -> tuple[CostOutcome, SaveOutcome]:
    """A row of the importmall's `Utfall` sheet: approved outcome of insats + år + kvartal.
    A row equal to the stored approved row is left as it is (its dates and approver too),
    so importing the same file twice changes nothing; any other stored row is never
    replaced (``imported_cost_problem``), and a quarter outside the intervention's period is
    refused (``cost_period_error``). The importer checks its own permission and reports
    these problems with their place before it writes; here they are a ValidationError."""
    _check_quarter(year, quarter)
    check_cost_period(intervention, year, quarter)
    stored = CostOutcome.objects.filter(
        intervention=intervention, year=year, quarter=quarter
    ).first()
    problem = imported_cost_problem(stored, amount)
    if problem is not None:
        raise ValidationError(problem)
    if stored is not None:
        return stored, "unchanged"
    today = today or timezone.localdate()
    cost = CostOutcome.objects.create(
        association=association,
        intervention=intervention,
        year=year,
        quarter=quarter,
        amount=amount,
        status=CostOutcome.Status.APPROVED,
        submitted_on=today,
        approved_on=today,
    )
    cost_event(cost, user, CostOutcomeAction.IMPORTED)
    return cost, "created"
