"""Factories for money tests (cost rows, deviation reports that move money)."""

from __future__ import annotations

import datetime as dt

import factory

from finance.models import CostOutcome
from followup.models import DecidedBy, Decision, Deviation, DeviationKind
from testing.factories import InterventionRowFactory


class CostOutcomeFactory(InterventionRowFactory):
    """An approved cost row (what counts as outcome) unless told otherwise."""

    class Meta:
        model = CostOutcome

    year = 2022
    quarter = 1
    amount = 100_000
    status = CostOutcome.Status.APPROVED
    submitted_on = dt.date(2022, 4, 10)
    approved_on = factory.Maybe(
        factory.LazyAttribute(lambda o: o.status != CostOutcome.Status.SUBMITTED),
        yes_declaration=dt.date(2022, 4, 20),
        no_declaration=None,
    )


class TransferFactory(InterventionRowFactory):
    """A deviation report asking to move money to next year, granted by default."""

    class Meta:
        model = Deviation

    received_on = dt.date(2022, 11, 15)
    kind = DeviationKind.TRANSFER
    description = "Personalen började senare än planerat; pengarna behövs nästa år."
    amount = 150_000
    decision = Decision.GRANTED
    decided_on = factory.Maybe(
        factory.LazyAttribute(lambda o: o.decision != Decision.UNDECIDED),
        yes_declaration=dt.date(2022, 12, 1),
        no_declaration=None,
    )
    decided_by = factory.Maybe(
        factory.LazyAttribute(lambda o: o.decision != Decision.UNDECIDED),
        yes_declaration=DecidedBy.BOARD,
        no_declaration="",
    )
