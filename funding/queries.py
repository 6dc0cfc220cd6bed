"""Reads of funding data used by the pages. Must run inside an association scope."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from funding.models import Application, FundingDecision, Outcome
from interventions.models import Aim, FollowUp, Intervention, Kind


class ListFilter(models.TextChoices):
    """The application list's status filter (``?status=``)."""

    UNDECIDED = "obeslutade", _("Obeslutade")
    GRANTED = "beviljade", _("Beviljade")
    REJECTED = "avslagna", _("Avslagna")


def applications_for_list(*, status: str = "") -> QuerySet[Application]:
    """Applications newest first, with what the list shows in the same query."""
    queryset = Application.objects.select_related("owner", "extends", "assessment", "decision")
    if status == ListFilter.UNDECIDED:
        queryset = queryset.filter(decision__isnull=True)
    elif status == ListFilter.GRANTED:
        queryset = queryset.filter(decision__outcome__in=[Outcome.GRANTED, Outcome.PARTLY_GRANTED])
    elif status == ListFilter.REJECTED:
        queryset = queryset.filter(decision__outcome=Outcome.REJECTED)
    return queryset


def decisions_for_intervention(intervention: Intervention) -> QuerySet[FundingDecision]:
    """The decisions that created or extended the intervention, oldest first."""
    return (
        FundingDecision.objects.filter(intervention=intervention)
        .select_related("application")
        .order_by("decided_on", "id")
    )


# --- the granted version, read back from the decision's snapshot ---------------------------


@dataclass(frozen=True)
class GrantedYear:
    year: int
    amount: int


@dataclass(frozen=True)
class GrantedGoal:
    text: str
    target: str


@dataclass(frozen=True)
class GrantedVersion:
    """What the board granted, as frozen in ``FundingDecision.granted_snapshot``."""

    code: str
    name: str
    owner: str
    partners: list[str]
    kind_label: str
    aim_label: str
    follow_up_label: str
    start_date: dt.date
    end_date: dt.date
    expected_participants: int | None
    target_group: str
    years: list[GrantedYear]
    total: int
    goals: list[GrantedGoal]
    conditions: str
    #: for an extension: the intervention's end date before the decision
    previous_end_date: dt.date | None
    is_extension: bool


def _label(choices: type[models.TextChoices], value: str) -> str:
    """The Swedish label of a stored code; the code itself if the list has changed since."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def granted_version(decision: FundingDecision) -> GrantedVersion | None:
    """The granted version of a decision; None for a rejection."""
    data: dict[str, Any] = decision.granted_snapshot or {}
    if not decision.is_granted or not data:
        return None
    extension = data.get("extension") or None
    previous_end = extension.get("previous_end_date") if extension else None
    return GrantedVersion(
        code=data.get("code", ""),
        name=data.get("name", ""),
        owner=data.get("owner", ""),
        partners=list(data.get("partners", [])),
        kind_label=_label(Kind, data.get("kind", "")),
        aim_label=_label(Aim, data["aim"]) if data.get("aim") else "",
        follow_up_label=_label(FollowUp, data.get("follow_up", "")),
        start_date=dt.date.fromisoformat(data["start_date"]),
        end_date=dt.date.fromisoformat(data["end_date"]),
        expected_participants=data.get("expected_participants"),
        target_group=data.get("target_group", ""),
        years=[GrantedYear(int(y["year"]), int(y["amount"])) for y in data.get("years", [])],
        total=int(data.get("total", 0)),
        goals=[GrantedGoal(g["text"], g.get("target", "")) for g in data.get("goals", [])],
        conditions=data.get("conditions", ""),
        previous_end_date=dt.date.fromisoformat(previous_end) if previous_end else None,
        is_extension=extension is not None,
    )
