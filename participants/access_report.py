"""The access report (registerutdrag) for one person: what the association stores about
them and who has accessed it.

A deltagaransvarig produces it for the interventions they are assigned to, and no others
(the rule that an officer reads only their own interventions' participants holds here
too); the report says so. ``access_report_for`` finds the person, assembles one plain dict
and logs the access; ``render_pdf`` and ``render_json`` only render that dict.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from django.db import connection
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from audit.models import AccessAction, AccessLogEntry
from audit.services import SYSTEM_ROLE, log_access
from participants import personnummer
from participants.choices import IncomeSource
from participants.models import Consent, Participation, ParticipationEvent, Person
from participants.queries import officer_intervention_ids, participations_for
from participants.retention import describe_policy, policy_for
from participants.services import HISTORY_FIELDS, find_person, person_name
from tenancy.models import Association, Role

ACCESS_REPORT_PURPOSE = "Registerutdrag"

#: The variables of a participation, in the order of the importmall's `Deltagare` sheet.
VARIABLES = ("reference", "gender", *HISTORY_FIELDS)


def purposes() -> list[str]:
    """Why the association processes the data (fixed text)."""
    return [
        _(
            "Uppföljning av insatsen: in- och utskrivning och de uppgifter som behövs för att "
            "följa deltagarens väg mot arbete eller studier."
        ),
        _(
            "Statistik till förbundets styrelse och medlemmar, redovisad så att ingen enskild "
            "person kan pekas ut."
        ),
        _(
            "Nationell uppföljning av finansiell samordning (Uppföljning Finsam), som bara tar "
            "emot antal deltagare per kön."
        ),
        _(
            "Behandlingen sker med stöd av deltagarens samtycke och i enlighet med det. "
            "Samtycket kan återkallas; då tas personuppgifterna bort och deltagandet sparas "
            "bara som antal."
        ),
    ]


def _date(value: dt.date | dt.datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date()
    return value.isoformat()


def _display(participation_field: Any, value: Any) -> Any:
    """A stored value as a person reads it: choice labels, ISO dates, income lists."""
    if value in (None, "", []):
        return None
    if participation_field.name in ("income_before", "income_after"):
        labels = dict(IncomeSource.choices)
        return ", ".join(str(labels.get(code, code)) for code in value)
    if participation_field.choices:
        return str(dict(participation_field.flatchoices).get(value, value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _field(name: str) -> Any:
    return Participation._meta.get_field(name)


def _label(name: str) -> str:
    return capfirst(str(_field(name).verbose_name))


def _variables(participation: Participation) -> list[dict[str, Any]]:
    return [
        {
            "label": _label(name),
            "value": _display(_field(name), getattr(participation, name)),
        }
        for name in VARIABLES
    ]


def _change_value(name: str, raw: Any) -> Any:
    """A history value (stored JSON-ready: dates as ISO text) as a person reads it."""
    if name in ("entry_date", "exit_date", "action_plan_date"):
        return raw or None
    return _display(_field(name), raw)


def _history(events: Iterable[ParticipationEvent]) -> list[dict[str, Any]]:
    return [
        {
            "date": _date(event.at),
            "action": str(event.get_action_display()),
            "changes": [
                {
                    "label": _label(name),
                    "before": _change_value(name, event.changes[name][0]),
                    "after": _change_value(name, event.changes[name][1]),
                }
                for name in VARIABLES
                if name in event.changes
            ],
        }
        for event in events
    ]


def role_display(role: str) -> str:
    """A log row's role text (codes, comma-separated) in Swedish; never a user's name."""
    if role == SYSTEM_ROLE:
        return _("System (automatisk körning)")
    labels = dict(Role.choices)
    return ", ".join(str(labels.get(code, code)) for code in role.split(",") if code)


def _log_entries(association: Association, participation_ids: list[int]) -> list[AccessLogEntry]:
    entries = AccessLogEntry.objects.filter(association=association)
    if connection.features.supports_json_field_contains:
        condition = Q()
        for participation_id in participation_ids:
            condition |= Q(participation_ids__contains=[participation_id])
        return list(entries.filter(condition).order_by("at", "id"))
    # SQLite cannot look inside JSON lists: filter here, from the first participation on.
    wanted = set(participation_ids)
    first = min(
        Participation.objects.filter(pk__in=participation_ids).values_list("created_at", flat=True)
    )
    return [
        entry
        for entry in entries.filter(at__gte=first).order_by("at", "id")
        if wanted.intersection(entry.participation_ids)
    ]


def _accesses(association: Association, participation_ids: list[int]) -> list[dict[str, Any]]:
    return [
        {
            "date": _date(entry.at),
            "role": role_display(entry.role),
            "action": str(entry.get_action_display()),
            "purpose": entry.purpose,
        }
        for entry in _log_entries(association, participation_ids)
    ]


def assemble_access_report(
    *,
    association: Association,
    person: Person,
    participations: list[Participation],
    intervention_names: list[str],
    today: dt.date,
) -> dict[str, Any]:
    """The report's content, a plain dict (JSON-ready): the identity and consents as
    recorded in the participations' own interventions, nothing from any other."""
    identity_ids = {p.identity_id for p in participations}
    consents = Consent.objects.filter(identity_id__in=identity_ids).order_by("given_on", "pk")
    names = sorted({person_name(p) for p in participations} - {""})
    return {
        "title": _("Registerutdrag"),
        "association": association.name,
        "produced_on": today.isoformat(),
        "interventions": intervention_names,
        "scope": _(
            "Utdraget omfattar de uppgifter som finns om personen i insatserna: %(names)s. "
            "Uppgifter i förbundets andra insatser lämnas av deltagaransvarig för respektive "
            "insats och begärs där."
        )
        % {"names": ", ".join(intervention_names)},
        "person": {
            "personnummer": person.masked_personnummer,
            "name": " / ".join(names) or None,
            "birth_date": person.birth_date.isoformat(),
            "gender": str(person.get_gender_display()),
        },
        "consents": [
            {
                "given_on": consent.given_on.isoformat(),
                "form_version": consent.form_version,
                "withdrawn_on": _date(consent.withdrawn_on),
            }
            for consent in consents
        ],
        "participations": [
            {
                "intervention": participation.intervention.display_name,
                "variables": _variables(participation),
                "history": _history(participation.events.all()),
            }
            for participation in participations
        ],
        "purposes": purposes(),
        "retention": describe_policy(policy_for(association)),
        "accesses": _accesses(association, [p.pk for p in participations]),
    }


def access_report_for(
    *, user: Any, association: Association, number: str, today: dt.date | None = None
) -> dict[str, Any] | None:
    """The access report for the person with this personnummer, limited to the user's
    interventions, or None when the person has no participation there. Either way the
    look-up is logged (action access_report). Raises InvalidPersonnummer."""
    parsed = personnummer.parse(number)
    intervention_ids = officer_intervention_ids(user, association)
    person = find_person(association=association, number=parsed)
    participations: list[Participation] = []
    if person is not None:
        participations = list(
            participations_for(user, association)
            .filter(person=person)
            .select_related("intervention", "identity")
            .prefetch_related("events")
            .order_by("entry_date", "pk")
        )
    log_access(
        user=user,
        association=association,
        action=AccessAction.ACCESS_REPORT,
        participation_ids=[p.pk for p in participations],
        intervention_ids=intervention_ids,
        purpose=ACCESS_REPORT_PURPOSE,
    )
    if person is None or not participations:
        return None
    names = sorted({p.intervention.display_name for p in participations})
    return assemble_access_report(
        association=association,
        person=person,
        participations=participations,
        intervention_names=names,
        today=today or timezone.localdate(),
    )


def render_json(report: dict[str, Any]) -> bytes:
    return json.dumps(report, ensure_ascii=False, indent=2).encode("utf-8")


def render_pdf(report: dict[str, Any]) -> bytes:
    """The report as an A4 tagged PDF (PDF/UA: headings, tables with header cells, Swedish,
    titled) with page numbers; the person it is for may read it with a screen reader."""
    from django.template.loader import render_to_string
    from weasyprint import HTML

    html = render_to_string("participants/access_report_pdf.html", {"report": report})
    return bytes(HTML(string=html).write_pdf(pdf_variant="pdf/ua-1"))
