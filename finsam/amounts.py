"""The one upper bound on money: no amount in Finsam is larger than 10^11 kr (a hundred
billion kronor, far above any association's turnover and far below what the database's
64-bit integers hold). Forms, the import and the database check it; a value beyond it is a
typing error, never data.
"""

from __future__ import annotations

from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import BigIntegerField, CheckConstraint, Q
from django.utils.translation import gettext_lazy as _

MAX_AMOUNT = 10**11
#: ``100 000 000 000``, for messages.
MAX_AMOUNT_TEXT = f"{MAX_AMOUNT:,}".replace(",", " ")
#: Lazy (models import this before translations are ready), so the number is in the text.
TOO_LARGE = _("Beloppet får vara högst 100 000 000 000 kr.")
TOO_SMALL = _("Beloppet får vara lägst −100 000 000 000 kr.")


def amount_validators(*, signed: bool = False) -> list[Any]:
    """Validators of a money field: at most ``MAX_AMOUNT`` kr, and, when the amount may be
    negative (a repayment), at least ``-MAX_AMOUNT`` kr."""
    bound: list[Any] = [
        MaxValueValidator(
            MAX_AMOUNT,
            message=TOO_LARGE,
        )
    ]
    if signed:
        bound.append(
            MinValueValidator(
                -MAX_AMOUNT,
                message=TOO_SMALL,
            )
        )
    return bound


def amount_bound(field: str, *, name: str, signed: bool = False) -> CheckConstraint:
    """The database's check of the same bound (a NULL amount passes)."""
    condition = Q(**{f"{field}__lte": MAX_AMOUNT})
    if signed:
        condition &= Q(**{f"{field}__gte": -MAX_AMOUNT})
    return CheckConstraint(condition=Q(**{f"{field}__isnull": True}) | condition, name=name)


def bounded(field: Any, *, signed: bool = False) -> Any:
    """A form's ``IntegerField`` for an amount with the bound (also as the input's max)."""
    field.validators.extend(amount_validators(signed=signed))
    field.widget.attrs.setdefault("max", MAX_AMOUNT)
    if signed:
        field.widget.attrs.setdefault("min", -MAX_AMOUNT)
    return field


def amount_field(verbose_name: Any) -> BigIntegerField[Any, int]:
    """A model's amount in whole kronor that is never negative (a budget, an applied or
    granted sum); its table checks it with :func:`amount_constraints`."""
    return BigIntegerField(verbose_name, validators=[MinValueValidator(0), *amount_validators()])


def amount_constraints(prefix: str) -> list[CheckConstraint]:
    """The checks of an :func:`amount_field` named ``amount``: not negative
    (``<prefix>_amount_not_negative``) and at most ``MAX_AMOUNT``
    (``<prefix>_amount_upper_bound``)."""
    return [
        CheckConstraint(condition=Q(amount__gte=0), name=f"{prefix}_amount_not_negative"),
        amount_bound("amount", name=f"{prefix}_amount_upper_bound"),
    ]
