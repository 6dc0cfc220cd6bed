"""The demo association's economic information (decision room): the office's own budget
rows for 2026-2028 with a prognosis for 2026, the starting equity of 2025 (`Nyckeltal`),
a second granted transfer into 2026 and a second application waiting for the board (the
follow-up demo data has the first of each). Written through the same services as the
pages and the workbook import."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from followup.workbook import import_deviation
from funding.models import Application
from funding.services import GoalText, YearAmount, save_application
from interventions.models import FollowUp, Intervention, Kind
from interventions.services import organisation_named
from ledger.services import save_key_figures, save_operating_row, save_own_budget
from tenancy.models import Association

#: The demo's "today" is 2026-11-22: the room is shown for 2026 and the two years after.
YEAR = 2026

#: (rad, rubrik, grupp, konton, {year: budget}, prognos of YEAR or None)
OWN_ROWS = (
    (
        "medlemsavgifter",
        "Medlemsavgifter",
        "intakter",
        "3000-3099",
        {2026: 14_400_000, 2027: 14_400_000, 2028: 14_800_000},
        None,
    ),
    ("esf", "ESF-medel", "intakter", "3100-3199", {2026: 600_000, 2027: 400_000}, 750_000),
    (
        "fortroendevalda",
        "Förtroendevalda",
        "administration",
        "4000-4099",
        {2026: 450_000, 2027: 460_000, 2028: 470_000},
        None,
    ),
    (
        "kansli",
        "Kansli och förvaltning",
        "administration",
        "5000-6999",
        {2026: 2_900_000, 2027: 2_980_000, 2028: 3_050_000},
        2_780_000,
    ),
    (
        "kompetens",
        "Kompetenshöjande insatser",
        "ovriga_samverkansinsatser",
        "7000-7099",
        {2026: 300_000, 2027: 300_000, 2028: 300_000},
        250_000,
    ),
)

#: (intervention kod, received, amount): a granted transfer from 2025 into 2026 (the
#: follow-up demo data has STEG-24's already)
TRANSFERS = (("IPS-23", dt.date(2025, 12, 2), 95_000),)


def load_economy_data(*, association: Association, interventions: dict[str, Intervention]) -> None:
    """Call inside the association's scope, after the interventions exist."""
    for position, (code, label, group, accounts, budgets, prognosis) in enumerate(OWN_ROWS):
        row, _outcome = save_operating_row(
            association=association,
            code=code,
            label=label,
            group=group,
            accounts=accounts,
            position=position,
        )
        for year, amount in budgets.items():
            save_own_budget(
                association=association, row=row, year=year, version="budget", amount=amount
            )
        if prognosis is not None:
            save_own_budget(
                association=association, row=row, year=YEAR, version="prognos", amount=prognosis
            )
    save_key_figures(
        association=association,
        year=YEAR - 1,
        income=14_950_000,
        result=-420_000,
        equity=4_310_000,
        unrestricted_equity=4_310_000,
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
