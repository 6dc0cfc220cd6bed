"""Which participant survey form is due, for the deltagaransvarig (spec/survey.md section 2,
"Reminders"): participants are offered the ``deltagare_pagaende`` form after three months
in the intervention and the ``deltagare_avslut`` form at exit.

The staff see, per intervention and form, the participations for which the offer is due:
the pågående form in the :data:`OFFER_WINDOW_DAYS` days after the participation's first
three months (while it is still ongoing at that mark), the avslut form in the
:data:`OFFER_WINDOW_DAYS` days after the exit. Like the house reminders
(``followup.reminders``) a due offer stays listed for a catch-up window and then drops
off. Nothing here says whether anyone answered or what: answers are never linked to a
participation or a person, so the list is the same whether or not the form was returned.
Only the deltagaransvarig of an intervention sees its participations, and every listing
writes one access-log row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from audit.models import AccessAction
from audit.services import log_access
from interventions.models import Intervention
from participants.models import Participation
from participants.queries import officer_intervention_ids
from survey.choices import FormCode
from tenancy.models import Association

#: The pågående form is offered after three months in the intervention.
OFFER_AFTER_DAYS = 91
#: How long a due offer stays listed.
OFFER_WINDOW_DAYS = 30


@dataclass(frozen=True)
class FormDue:
    """The participations of one intervention for which one form is due."""

    intervention: Intervention
    form: str
    participations: list[Participation]

    @property
    def form_label(self) -> str:
        return str(FormCode(self.form).label)


def forms_due(user: Any, association: Association, today: dt.date) -> list[FormDue]:
    """The forms due in the user's own interventions on ``today`` (inside the scope), by
    intervention code and form; logged when anything is listed."""
    ids = officer_intervention_ids(user, association)
    if not ids:
        return []
    window = dt.timedelta(days=OFFER_WINDOW_DAYS)
    after = dt.timedelta(days=OFFER_AFTER_DAYS)
    mine = Participation.objects.filter(
        intervention_id__in=ids, person__isnull=False
    ).select_related("intervention")
    three_months = mine.filter(
        entry_date__gt=today - after - window, entry_date__lte=today - after
    ).order_by("entry_date", "pk")
    # Still in the intervention at the three-month mark (compared in Python: date
    # arithmetic in SQL differs between SQLite and PostgreSQL).
    ongoing = [
        p for p in three_months if p.exit_date is None or p.exit_date >= p.entry_date + after
    ]
    exited = mine.filter(exit_date__gt=today - window, exit_date__lte=today)
    found: dict[tuple[str, str], FormDue] = {}
    for form, rows in (
        (FormCode.DELTAGARE_PAGAENDE, ongoing),
        (FormCode.DELTAGARE_AVSLUT, list(exited.order_by("exit_date", "pk"))),
    ):
        for participation in rows:
            key = (participation.intervention.code, form.value)
            if key not in found:
                found[key] = FormDue(participation.intervention, form.value, [])
            found[key].participations.append(participation)
    due = [found[key] for key in sorted(found)]
    listed = [p for item in due for p in item.participations]
    if listed:
        log_access(
            user=user,
            association=association,
            action=AccessAction.LIST,
            participation_ids=sorted({p.pk for p in listed}),
            intervention_ids=sorted({p.intervention_id for p in listed}),
            purpose="Påminnelse om enkät till deltagare",
        )
    return due
