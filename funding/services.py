"""State changes of the funding process: save an application, assess it, record the board's
decision. Pages (and later imports) call these so each rule exists once. Call inside the
association's scope; every refusal is a ValidationError with a Swedish message."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from funding.models import (
    Application,
    ApplicationGoal,
    ApplicationYear,
    Assessment,
    DecisionYear,
    EquityBracket,
    FundingDecision,
    Outcome,
    Recommendation,
)
from interventions.models import Budget, Intervention, Kind
from interventions.services import add_goal, save_budget, save_intervention, set_end_date
from tenancy.models import Organisation, User


@dataclass(frozen=True)
class YearAmount:
    year: int
    amount: int


@dataclass(frozen=True)
class GoalText:
    text: str
    target: str


def _refuse_if_decided(application: Application) -> None:
    if (
        application.pk is not None
        and FundingDecision.objects.filter(application_id=application.pk).exists()
    ):
        raise ValidationError(
            _("Ansökan är beslutad och kan inte ändras. Gör en ny ansökan i stället.")
        )


def _check_years(years: Sequence[YearAmount], *, start_date: dt.date, end_date: dt.date) -> None:
    """Each year once, within the period, amounts not negative."""
    seen: set[int] = set()
    for row in years:
        if row.year in seen:
            raise ValidationError(_("Året %(year)s finns flera gånger.") % {"year": row.year})
        seen.add(row.year)
        if not start_date.year <= row.year <= end_date.year:
            raise ValidationError(
                _("Året %(year)s ligger utanför perioden %(start)s–%(end)s.")
                % {"year": row.year, "start": start_date.isoformat(), "end": end_date.isoformat()}
            )
        if row.amount < 0:
            raise ValidationError(_("Belopp får inte vara negativa."))


def check_application(application: Application) -> None:
    """The rules of an application's own fields (also checked by the form)."""
    if application.end_date < application.start_date:
        raise ValidationError(_("Periodens slut får inte vara före dess start."))
    if application.kind == Kind.INDIVIDUAL and not application.aim:
        raise ValidationError(_("Ange syfte för en individinsats."))
    if application.kind != Kind.INDIVIDUAL and application.aim:
        raise ValidationError(_("Syfte anges bara för individinsatser."))
    if application.extends_id is None and not application.code:
        raise ValidationError(_("Ange ett kodförslag för den nya insatsen."))


@transaction.atomic
def save_application(
    *,
    application: Application,
    partners: Sequence[Organisation],
    years: Sequence[YearAmount],
    goals: Sequence[GoalText],
) -> Application:
    """Create or change an application with its amounts per year and goals (replacing the
    stored ones). Refused once the application is decided."""
    _refuse_if_decided(application)
    check_application(application)
    _check_years(years, start_date=application.start_date, end_date=application.end_date)
    application.save()
    application.partners.set(partners)
    association_id = application.association_id
    ApplicationYear.objects.filter(application=application).delete()
    ApplicationYear.objects.bulk_create(
        ApplicationYear(
            association_id=association_id, application=application, year=y.year, amount=y.amount
        )
        for y in sorted(years, key=lambda y: y.year)
    )
    ApplicationGoal.objects.filter(application=application).delete()
    ApplicationGoal.objects.bulk_create(
        ApplicationGoal(
            association_id=association_id, application=application, text=g.text, target=g.target
        )
        for g in goals
    )
    return application


@transaction.atomic
def assess_application(
    *,
    application: Application,
    text: str,
    recommendation: Recommendation | str,
    assessed_by: User | None,
    assessed_on: dt.date,
) -> Assessment:
    """Record (or revise, until the decision) the office's assessment."""
    _refuse_if_decided(application)
    assessment, _created = Assessment.objects.update_or_create(
        application=application,
        defaults={
            "association_id": application.association_id,
            "text": text,
            "recommendation": recommendation,
            "assessed_by": assessed_by,
            "assessed_on": assessed_on,
        },
    )
    return assessment


def _snapshot(
    *,
    application: Application,
    start_date: dt.date,
    end_date: dt.date,
    years: Sequence[YearAmount],
    conditions: str,
    extension: dict[str, Any] | None,
) -> dict[str, Any]:
    """The application as granted, in plain JSON: what the board decided on stays visible
    however the intervention changes later."""
    return {
        "code": application.code,
        "name": application.name,
        "owner": application.owner.name,
        "partners": sorted(partner.name for partner in application.partners.all()),
        "kind": application.kind,
        "aim": application.aim,
        "follow_up": application.follow_up,
        "start_date": start_date.isoformat(),
        "end_date": end_date.isoformat(),
        "expected_participants": application.expected_participants,
        "target_group": application.target_group,
        "years": [{"year": y.year, "amount": y.amount} for y in years],
        "total": sum(y.amount for y in years),
        "goals": [{"text": g.text, "target": g.target} for g in application.goals.all()],
        "conditions": conditions,
        "extension": extension,
    }


def _create_intervention(
    application: Application, *, start_date: dt.date, end_date: dt.date
) -> Intervention:
    if Intervention.objects.filter(code=application.code).exists():
        raise ValidationError(
            _(
                "Det finns redan en insats med koden %(code)s. Ändra ansökans kodförslag "
                "innan beslutet registreras."
            )
            % {"code": application.code}
        )
    intervention, _outcome = save_intervention(
        association=application.association,
        code=application.code,
        name=application.name,
        short_name="",
        owner=application.owner,
        partners=list(application.partners.all()),
        kind=application.kind,
        aim=application.aim,
        follow_up=application.follow_up,
        start_date=start_date,
        end_date=end_date,
        expected_participants=application.expected_participants,
    )
    for goal in application.goals.all():
        add_goal(intervention=intervention, text=goal.text, target=goal.target)
    return intervention


def _extend_intervention(
    intervention_id: int, *, end_date: dt.date, years: Sequence[YearAmount]
) -> tuple[Intervention, dict[str, Any]]:
    """New end date; each granted year's amount is added to the year's budget (a new row
    when the year has none). Years not in the decision are left alone."""
    intervention = Intervention.objects.select_for_update().get(pk=intervention_id)
    budget_before: dict[str, int | None] = {}
    for row in years:
        existing = Budget.objects.filter(
            intervention=intervention, year=row.year, quarter__isnull=True
        ).first()
        if Budget.objects.filter(
            intervention=intervention, year=row.year, quarter__isnull=False
        ).exists():
            raise ValidationError(
                _(
                    "Insatsen har kvartalsbudget för %(year)s; beviljade belopp kan bara "
                    "läggas till en helårsbudget. Ändra insatsens budget först."
                )
                % {"year": row.year}
            )
        budget_before[str(row.year)] = existing.amount if existing else None
        total = row.amount + (existing.amount if existing else 0)
        save_budget(intervention=intervention, year=row.year, quarter=None, amount=total)
    extension = {
        "intervention_code": intervention.code,
        "intervention_name": intervention.name,
        "previous_end_date": (intervention.end_date.isoformat() if intervention.end_date else None),
        "budget_before": budget_before,
    }
    set_end_date(intervention=intervention, end_date=end_date)
    return intervention, extension


@transaction.atomic
def record_decision(
    *,
    application: Application,
    outcome: Outcome | str,
    decided_on: dt.date,
    meeting_reference: str,
    conditions: str,
    start_date: dt.date | None,
    end_date: dt.date | None,
    years: Sequence[YearAmount],
    recorded_by: User | None,
) -> FundingDecision:
    """Record the board's decision, once. A grant (full or partial) of a new application
    creates the intervention with its goals and a yearly budget per granted year; a grant
    of an extension moves the intervention's end date and adds the granted years. A
    rejection creates nothing; its period and years are ignored.

    The board decides on a prepared matter, so an assessment is required first."""
    application = (
        Application.objects.select_for_update()
        .select_related("owner", "association")
        .get(pk=application.pk)
    )
    _refuse_if_decided(application)
    if not Assessment.objects.filter(application=application).exists():
        raise ValidationError(
            _("Ansökan måste beredas av kansliet innan beslutet kan registreras.")
        )
    intervention: Intervention | None = None
    snapshot: dict[str, Any] = {}
    granted_years: list[YearAmount] = []
    if outcome == Outcome.REJECTED:
        start_date = end_date = None
    else:
        if start_date is None or end_date is None:
            raise ValidationError(_("Ange den beviljade perioden."))
        if end_date < start_date:
            raise ValidationError(_("Periodens slut får inte vara före dess start."))
        granted_years = sorted(years, key=lambda y: y.year)
        if not granted_years:
            raise ValidationError(_("Ange beviljat belopp för minst ett år."))
        _check_years(granted_years, start_date=start_date, end_date=end_date)
        extension: dict[str, Any] | None = None
        extends_id = application.extends_id
        if extends_id is None:
            intervention = _create_intervention(
                application, start_date=start_date, end_date=end_date
            )
            for row in granted_years:
                save_budget(
                    intervention=intervention, year=row.year, quarter=None, amount=row.amount
                )
        else:
            intervention, extension = _extend_intervention(
                extends_id, end_date=end_date, years=granted_years
            )
        snapshot = _snapshot(
            application=application,
            start_date=start_date,
            end_date=end_date,
            years=granted_years,
            conditions=conditions,
            extension=extension,
        )
    decision = FundingDecision.objects.create(
        association_id=application.association_id,
        application=application,
        outcome=outcome,
        decided_on=decided_on,
        meeting_reference=meeting_reference,
        conditions=conditions,
        start_date=start_date,
        end_date=end_date,
        granted_snapshot=snapshot,
        intervention=intervention,
        recorded_by=recorded_by,
    )
    DecisionYear.objects.bulk_create(
        DecisionYear(
            association_id=application.association_id,
            decision=decision,
            year=row.year,
            amount=row.amount,
        )
        for row in granted_years
    )
    return decision


# --- the workbook import (sheets `Ansökningar` and `Ansökningsbelopp`) ----------------------


@dataclass(frozen=True)
class ImportedApplication:
    """One `Ansökningar` row. ``outcome`` is empty for an application not yet decided."""

    code: str
    name: str
    owner: Organisation
    partners: tuple[Organisation, ...]
    kind: str
    aim: str
    follow_up: str
    start_date: dt.date
    end_date: dt.date
    target_group: str
    expected_participants: int | None
    extends: Intervention | None
    received_on: dt.date
    outcome: str
    decided_on: dt.date | None


#: The kod the export gives an application made without one (``ansokan-<id>``).
EXPORTED_CODE = r"ansokan-(\d+)"


def application_with_code(code: str) -> Application | None:
    """The application with this kod (the import's natural key); ``ValidationError`` when
    several stored applications share it (made in the web form, where the kod is only a
    proposal)."""
    found = list(Application.objects.filter(code=code)[:2])
    exported = re.fullmatch(EXPORTED_CODE, code)
    if not found and exported is not None:
        # An application without kod, exported as ``ansokan-<id>``: the same row again.
        found = list(Application.objects.filter(pk=int(exported[1]), code=""))
    if len(found) > 1:
        raise ValidationError(
            _("Flera ansökningar har koden %(code)s; ändra koden på en av dem i Finsam först.")
            % {"code": code}
        )
    return found[0] if found else None


def _decided_in_finsam(application: Application | None) -> bool:
    decision = None if application is None else application.decision_or_none
    return decision is not None and not decision.imported


def _application_state(application: Application) -> tuple[Any, ...]:
    decision = application.decision_or_none
    return (
        application.name,
        application.owner_id,
        sorted(partner.pk for partner in application.partners.all()),
        application.kind,
        application.aim,
        application.follow_up,
        application.start_date,
        application.end_date,
        application.target_group,
        application.expected_participants,
        application.extends_id,
        application.received_on,
        decision.outcome if decision else "",
        decision.decided_on if decision else None,
    )


@transaction.atomic
def import_application(
    *, association_id: int, data: ImportedApplication
) -> tuple[Application, str]:
    """Create or replace the application with ``data.code`` and record its decision as
    imported (``imported=True``): a decided application creates or changes no intervention;
    a grant is linked to the intervention with the same kod (or the one it extends) when
    there is one. An application the board's decision was recorded for in Finsam cannot be
    changed; importing it unchanged is allowed. Returns the outcome created/updated/
    unchanged."""
    stored = application_with_code(data.code)
    application = stored or Application(association_id=association_id, code=data.code)
    before = _application_state(stored) if stored is not None else None
    application.name = data.name
    application.owner = data.owner
    application.kind = data.kind
    application.aim = data.aim
    application.follow_up = data.follow_up
    application.start_date = data.start_date
    application.end_date = data.end_date
    application.target_group = data.target_group
    application.expected_participants = data.expected_participants
    application.extends = data.extends
    application.received_on = data.received_on
    decision = stored.decision_or_none if stored is not None else None
    wanted = (
        application.name,
        data.owner.pk,
        sorted(partner.pk for partner in data.partners),
        data.kind,
        data.aim,
        data.follow_up,
        data.start_date,
        data.end_date,
        data.target_group,
        data.expected_participants,
        data.extends.pk if data.extends else None,
        data.received_on,
        data.outcome,
        data.decided_on if data.outcome else None,
    )
    if before == wanted:
        return application, "unchanged"
    if _decided_in_finsam(stored):
        raise ValidationError(
            _(
                "Ansökan %(code)s är beslutad i Finsam och kan inte ändras genom import. "
                "Ta bort raden eller ange samma uppgifter som i Finsam."
            )
            % {"code": data.code}
        )
    check_application(application)
    application.save()
    application.partners.set(data.partners)
    if decision is not None:
        decision.delete()
    if data.outcome:
        _import_decision(application, data)
    return application, "updated" if stored is not None else "created"


def _import_decision(application: Application, data: ImportedApplication) -> FundingDecision:
    if data.decided_on is None:
        raise ValidationError(_("Ange beslutsdatum för en beslutad ansökan."))
    granted = data.outcome != Outcome.REJECTED
    intervention = None
    if granted:
        intervention = Intervention.objects.filter(code=data.code).first() or data.extends
    return FundingDecision.objects.create(
        association_id=application.association_id,
        application=application,
        outcome=data.outcome,
        decided_on=data.decided_on,
        start_date=data.start_date if granted else None,
        end_date=data.end_date if granted else None,
        intervention=intervention,
        imported=True,
    )


@transaction.atomic
def import_application_year(
    *, application: Application, year: int, amount: int
) -> tuple[ApplicationYear, str]:
    """Create or replace the amount applied for ``year`` (`Ansökningsbelopp`, natural key
    ansökan + år); refused for an application decided in Finsam unless unchanged."""
    if amount < 0:
        raise ValidationError(_("Belopp får inte vara negativa."))
    if not application.start_date.year <= year <= application.end_date.year:
        raise ValidationError(
            _("Året %(year)s ligger utanför ansökans period %(start)s–%(end)s.")
            % {
                "year": year,
                "start": application.start_date.isoformat(),
                "end": application.end_date.isoformat(),
            }
        )
    stored = ApplicationYear.objects.filter(application=application, year=year).first()
    if stored is not None and stored.amount == amount:
        return stored, "unchanged"
    if _decided_in_finsam(application):
        raise ValidationError(
            _("Ansökan %(code)s är beslutad i Finsam och dess belopp kan inte ändras.")
            % {"code": application.code}
        )
    if stored is None:
        created = ApplicationYear.objects.create(
            association_id=application.association_id,
            application=application,
            year=year,
            amount=amount,
        )
        return created, "created"
    stored.amount = amount
    stored.save(update_fields=["amount"])
    return stored, "updated"


# --- the equity recommendation (decision room) ----------------------------------------------


@dataclass(frozen=True)
class Bracket:
    lower: int
    upper: int | None
    max_share: int


@transaction.atomic
def save_equity_brackets(*, association_id: int, brackets: Sequence[Bracket]) -> None:
    """Replace the association's brackets; they must not overlap (an open upper end only
    on the highest), shares 0-100 %."""
    ordered = sorted(brackets, key=lambda b: b.lower)
    for index, bracket in enumerate(ordered):
        if bracket.lower < 0 or not 0 <= bracket.max_share <= 100:
            raise ValidationError(_("Från ska vara minst 0 och andelen mellan 0 och 100 %."))
        if bracket.upper is not None and bracket.upper <= bracket.lower:
            raise ValidationError(_("Till ska vara större än från."))
        following = ordered[index + 1] if index + 1 < len(ordered) else None
        if following is not None and (bracket.upper is None or bracket.upper > following.lower):
            raise ValidationError(
                _("Intervallen får inte överlappa (%(lower)s kr).") % {"lower": following.lower}
            )
    EquityBracket.objects.filter(association_id=association_id).delete()
    EquityBracket.objects.bulk_create(
        EquityBracket(
            association_id=association_id,
            lower=bracket.lower,
            upper=bracket.upper,
            max_share=bracket.max_share,
        )
        for bracket in ordered
    )
