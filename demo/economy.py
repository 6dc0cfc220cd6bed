"""The demo association's economic information (decision room): the office's own budget
for 2026-2028 with a prognosis for 2026 (on the drift rows of ``demo.ledger``, whose 2025
ledger gives the starting equity), a second granted transfer into 2026 and a second
application waiting for the board (the follow-up demo data has the first of each).
Written through the same services as the pages and the workbook import."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from followup.workbook import import_deviation
from funding.models import Application
from funding.services import GoalText, YearAmount, save_application
from interventions.models import FollowUp, Intervention, Kind
from interventions.services import organisation_named
from ledger.models import OperatingRow
from ledger.services import save_operating_row, save_own_budget
from tenancy.models import Association

#: The demo's "today" is 2026-11-22: the room is shown for 2026 and the two years after.
YEAR = 2026

#: Budgets of the drift rows that ``demo.ledger`` creates (their ledger years are 2024 and
#: 2025, whose unrestricted equity is the room's starting point): {year: budget}, prognos.
OWN_BUDGETS = (
    ("medlemsbidrag", {2026: 9_800_000, 2027: 10_000_000, 2028: 10_200_000}, None),
    ("kansli", {2026: 3_000_000, 2027: 3_100_000, 2028: 3_200_000}, 2_850_000),
    ("kompetens", {2026: 300_000, 2027: 300_000, 2028: 300_000}, 250_000),
)
#: An own row of the other joint efforts; its object takes no amounts in the demo ledger.
COMPETENCE_ROW = {
    "label": "Kompetenshöjande insatser",
    "group": "ovriga_samverkansinsatser",
    "accounts": "4000-7999",
    "object_list": "1:KOMPETENS",
    "intervention": None,
    "position": 900,
}

#: (intervention kod, received, amount): a granted transfer from 2025 into 2026 (the
#: follow-up demo data has STEG-24's already)
TRANSFERS = (("IPS-23", dt.date(2025, 12, 2), 95_000),)


def load_economy_data(*, association: Association, interventions: dict[str, Intervention]) -> None:
    """Call inside the association's scope, after the interventions and the ledger demo
    (``demo.ledger.load_ledger_data``) exist."""
    save_operating_row(association=association, code="kompetens", **COMPETENCE_ROW)
    rows = {row.code: row for row in OperatingRow.objects.filter(association=association)}
    for code, budgets, prognosis in OWN_BUDGETS:
        row = rows.get(code)
        if row is None:  # the ledger demo is not loaded
            continue
        for year, amount in budgets.items():
            save_own_budget(
                association=association, row=row, year=year, version="budget", amount=amount
            )
        if prognosis is not None:
            save_own_budget(
                association=association, row=row, year=YEAR, version="prognos", amount=prognosis
            )
    for code, received_on, amount in TRANSFERS:
        intervention = interventions.get(code)
        if intervention is None:
            continue
        import_deviation(
            user=None,
            intervention=intervention,
            received_on=received_on,
            kind="overforing",
            description=_("Medel som inte använts %(year)s förs över till %(next)s.")
            % {"year": YEAR - 1, "next": YEAR},
            amount=amount,
            decision="beviljad",
            decided_on=received_on + dt.timedelta(days=21),
            decided_by="styrelse",
        )
    _pending_applications(association)


def _pending_applications(association: Association) -> None:
    save_application(
        application=Application(
            association=association,
            code="NATVERK-26",
            name="Nätverk för arbetsgivarkontakter",
            owner=organisation_named(association=association, name="Exempel kommun"),
            kind=Kind.STRUCTURAL,
            aim="",
            follow_up=FollowUp.COUNTS,
            start_date=dt.date(2026, 9, 1),
            end_date=dt.date(2027, 12, 31),
            target_group=_("Handläggare och arbetsgivare i Exempel."),
            received_on=dt.date(YEAR, 10, 15),
        ),
        partners=[],
        years=[YearAmount(2026, 120_000), YearAmount(2027, 360_000)],
        goals=[GoalText(_("Fler arbetsgivare tar emot deltagare."), "20 arbetsgivare")],
    )
