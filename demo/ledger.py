"""The demo association's ledger: SIE files for two years written from the demo's own
money (member contributions = the year's granted budgets plus the office; each
intervention's cost = its approved cost outcome, else 95 % of its budget; the office's
staff, rent and other costs; interest), imported through the same service as an upload,
with the Kommun-Bas preset, a drift row per intervention and the association's own budget,
key figures of three earlier years and staff. The report is complete in ``make demo``."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db.models import Sum

from finance.models import CostOutcome
from interventions.models import Budget, Intervention
from ledger.presets import copy_preset
from ledger.services import (
    import_sie,
    save_key_figures,
    save_operating_row,
    save_own_budget,
    save_report_text,
    save_staff_year,
)
from ledger.sie.parser import SieFile, SieRow, SieVoucher
from ledger.sie.writer import write_sie
from tenancy.models import Association

LEDGER_YEARS = (2024, 2025)
OFFICE = "KANSLI"
ACCOUNTS = {
    "1930": "Bank",
    "1510": "Kundfordringar",
    "1790": "Förutbetalda kostnader",
    "2010": "Eget kapital",
    "2099": "Årets resultat",
    "2440": "Leverantörsskulder",
    "2990": "Upplupna kostnader",
    "3010": "Medlemsbidrag",
    "4590": "Kostnader för samverkansinsatser",
    "5010": "Löner",
    "6010": "Lokalhyra",
    "6550": "Konsulttjänster",
    "8310": "Ränteintäkter",
    "8999": "Årets resultat",
}
ZERO = Decimal(0)


def _year_costs(
    association: Association, interventions: list[Intervention], year: int, rng: random.Random
) -> dict[str, int]:
    approved = dict(
        CostOutcome.objects.filter(
            association=association, year=year, status=CostOutcome.Status.APPROVED
        )
        .values_list("intervention__code")
        .annotate(total=Sum("amount"))
        .values_list("intervention__code", "total")
    )
    budgets = dict(
        Budget.objects.filter(association=association, year=year)
        .values_list("intervention__code")
        .annotate(total=Sum("amount"))
        .values_list("intervention__code", "total")
    )
    costs = {}
    for intervention in interventions:
        if intervention.code in approved:
            costs[intervention.code] = int(approved[intervention.code])
        elif budgets.get(intervention.code):
            costs[intervention.code] = int(budgets[intervention.code] * rng.uniform(0.85, 1.0))
    return costs


def _sie(
    association: Association,
    year: int,
    costs: dict[str, int],
    opening: dict[str, Decimal],
    rng: random.Random,
    *,
    closed: bool,
) -> tuple[SieFile, dict[str, Decimal]]:
    sie = SieFile(
        encoding="cp437",
        sie_type="4",
        program="Finsam demo",
        organisation_number=association.organisation_number,
        company_name=association.name,
    )
    sie.years = {0: (dt.date(year, 1, 1), dt.date(year, 12, 31))}
    sie.accounts = dict(ACCOUNTS)
    sie.dimensions = {1: "Kostnadsställe"}
    sie.objects = {(1, code): code for code in costs} | {(1, OFFICE): "Kansli"}
    staff, rent, consultants = (
        2_400_000 + 100_000 * (year - 2024),
        240_000,
        rng.randint(80_000, 160_000),
    )
    contributions = (
        sum(costs.values()) + staff + rent + consultants + rng.randint(-300_000, 600_000)
    )
    vouchers: list[tuple[str, list[tuple[str, str, float]]]] = [
        ("Medlemsbidrag", [("1930", "", contributions), ("3010", "", -contributions)]),
        ("Löner", [("5010", f"1:{OFFICE}", staff), ("1930", "", -staff)]),
        ("Lokalhyra", [("6010", f"1:{OFFICE}", rent), ("1930", "", -rent)]),
        ("Konsulter", [("6550", f"1:{OFFICE}", consultants), ("2440", "", -consultants)]),
        ("Ränta", [("1930", "", 18_452.75), ("8310", "", -18_452.75)]),
    ]
    for code, amount in costs.items():
        vouchers.append(
            (f"Rekvisition {code}", [("4590", f"1:{code}", amount), ("1930", "", -amount)])
        )
    moved: dict[str, Decimal] = {}
    for number, (text, rows) in enumerate(vouchers, start=1):
        parsed = [SieRow(a, o, Decimal(str(v)).quantize(Decimal("0.01"))) for a, o, v in rows]
        day = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
        sie.vouchers.append(SieVoucher(0, "A", str(number), day, text, parsed))
    result = sum((r.amount for v in sie.vouchers for r in v.rows if r.account[0] in "345678"), ZERO)
    if closed:
        sie.vouchers.append(
            SieVoucher(
                0,
                "B",
                "1",
                dt.date(year, 12, 31),
                "Bokslut",
                [SieRow("8999", "", -result), SieRow("2099", "", result)],
            )
        )
    for voucher in sie.vouchers:
        for row in voucher.rows:
            moved[row.account] = moved.get(row.account, ZERO) + row.amount
    closing: dict[str, Decimal] = {}
    for account in ACCOUNTS:
        if account[0] in "12":
            sie.balances[("IB", 0, account, "")] = opening.get(account, ZERO)
            closing[account] = opening.get(account, ZERO) + moved.get(account, ZERO)
            sie.balances[("UB", 0, account, "")] = closing[account]
        elif account in moved:
            sie.balances[("RES", 0, account, "")] = moved[account]
    for account in ("3010", "5010", "6010", "4590"):
        budget = moved.get(account, ZERO) * Decimal("1.03")
        sie.period_balances[("PBUDGET", 0, year * 100 + 1, account, "")] = budget.quantize(
            Decimal(1)
        )
    return sie, closing


def load_ledger_data(*, association: Association, seed: int = 12) -> None:
    """Two ledger years (the first closed, the second not yet), mapping and figures."""
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    interventions = list(Intervention.objects.filter(association=association).order_by("code"))
    copy_preset(association=association, preset="kommun-bas")
    save_operating_row(
        association=association,
        code="medlemsbidrag",
        label="Medlemsbidrag",
        group="intakter",
        accounts="3000-3999",
        object_list="",
        intervention=None,
        position=1,
    )
    save_operating_row(
        association=association,
        code="kansli",
        label="Förbundets kansli",
        group="administration",
        accounts="4000-7999",
        object_list=f"1:{OFFICE}",
        intervention=None,
        position=2,
    )
    for position, intervention in enumerate(interventions, start=3):
        save_operating_row(
            association=association,
            code=intervention.code.lower().replace("-", "_")[:40],
            label=intervention.display_name,
            group=intervention.kind,
            accounts="4000-7999",
            object_list=f"1:{intervention.code}",
            intervention=intervention,
            position=position,
        )
    opening = {
        "1930": Decimal("6500000.00"),
        "2010": Decimal("-6300000.00"),
        "2440": Decimal("-200000.00"),
    }
    for year in LEDGER_YEARS:
        costs = _year_costs(association, interventions, year, rng)
        sie, closing = _sie(association, year, costs, opening, rng, closed=year != LEDGER_YEARS[-1])
        import_sie(
            association=association, data=write_sie(sie, checksum=True), file_name=f"demo-{year}.se"
        )
        if year != LEDGER_YEARS[-1]:
            equity = closing.pop("2010", ZERO) + closing.pop("2099", ZERO)
            opening = {**closing, "2010": equity}
    from ledger.models import OperatingRow

    for row_code, amount in (("medlemsbidrag", 9_500_000), ("kansli", 2_900_000)):
        row = OperatingRow.objects.get(association=association, code=row_code)
        for year in LEDGER_YEARS:
            save_own_budget(
                association=association, row=row, year=year, version="budget", amount=amount
            )
    for year, income, result in (
        (2021, 8_900_000, 420_000),
        (2022, 9_100_000, -250_000),
        (2023, 9_300_000, 310_000),
    ):
        save_key_figures(
            association=association,
            year=year,
            income=income,
            result=result,
            costs=None,
            equity_ratio=None,
            quick_ratio=None,
            equity=None,
            unrestricted_equity=None,
        )
    for year, employees, left in (
        (2023, Decimal("3.5"), 0),
        (2024, Decimal("4.0"), 1),
        (2025, Decimal("4.0"), 0),
    ):
        save_staff_year(
            association=association, year=year, employees=employees, left=left, changed_post=0
        )
    for section, text in DEMO_TEXTS.items():
        save_report_text(association=association, year=LEDGER_YEARS[-1], section=section, text=text)


#: The office's texts of the demo's latest annual report (the others keep their defaults).
DEMO_TEXTS = {
    "foreword": (
        "{året} var ett år då fler deltagare än någonsin gick vidare till arbete eller "
        "studier. Samverkan mellan medlemmarna har fördjupats i alla kommuner.\n\n"
        "Tack till alla som arbetat i förbundets insatser under året."
    ),
    "events": (
        "- Styrelsen antog en ny verksamhetsplan för de kommande tre åren.\n"
        "- En ny individinsats startade i samverkan med Arbetsförmedlingen."
    ),
    "expected": (
        "Medlemmarnas bidrag väntas vara oförändrade kommande år. Förbundet planerar att "
        "använda en del av det egna kapitalet till nya insatser."
    ),
}
