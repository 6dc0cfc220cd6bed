"""The mapping sheets for the sample ledger of ``sie_samples`` (importmall rows)."""

from __future__ import annotations

from typing import Any

RAPPORTRADER: list[list[Any]] = [
    ["rapport", "rad", "rubrik", "grupp", "konton", "not", "specifikation", "bunden"],
    [
        "resultat",
        "intakter",
        "Verksamhetens intäkter",
        "verksamhetens_intakter",
        "3000-3999",
        1,
        "konto",
        "",
    ],
    [
        "resultat",
        "kostnader",
        "Verksamhetens kostnader",
        "verksamhetens_kostnader",
        "4000-7699",
        2,
        "objekt:1",
        "",
    ],
    ["resultat", "avskrivningar", "Avskrivningar", "avskrivningar", "7700-7899", "", "", ""],
    [
        "resultat",
        "fin_intakter",
        "Finansiella intäkter",
        "finansiella_intakter",
        "8000-8399",
        3,
        "",
        "",
    ],
    [
        "resultat",
        "fin_kostnader",
        "Finansiella kostnader",
        "finansiella_kostnader",
        "8400-8799",
        3,
        "",
        "",
    ],
    [
        "balans",
        "inventarier",
        "Inventarier",
        "materiella_anlaggningstillgangar",
        "1200-1299",
        "",
        "",
        "",
    ],
    ["balans", "fordringar", "Kortfristiga fordringar", "fordringar", "1500-1799", "", "", ""],
    ["balans", "bank", "Kassa och bank", "kassa_och_bank", "1900-1999", 4, "konto", ""],
    ["balans", "reservfond", "Bunden reservfond", "eget_kapital", "2080", "", "", "ja"],
    ["balans", "eget_kapital", "Eget kapital", "eget_kapital", "2000-2079;2081-2098", "", "", ""],
    ["balans", "arets_resultat", "Årets resultat", "eget_kapital", "2099", "", "", ""],
    [
        "balans",
        "skulder",
        "Kortfristiga skulder",
        "kortfristiga_skulder",
        "2400-2999",
        5,
        "konto",
        "",
    ],
]
DRIFTRADER: list[list[Any]] = [
    ["rad", "rubrik", "grupp", "konton", "objekt", "insats"],
    ["medlemsbidrag", "Medlemsbidrag", "intakter", "3000-3999", "", ""],
    ["kansli", "Kansli", "administration", "4000-7999", "1:10", ""],
    ["jobbcentrum", "Jobbcentrum", "individ", "4000-7999", "1:20", "ARB"],
]
FORBUNDSBUDGET_HEADER = ["rad", "år", "version", "belopp"]
FORBUNDSBUDGET: list[list[Any]] = [
    FORBUNDSBUDGET_HEADER,
    ["medlemsbidrag", 2022, "budget", 1100],
    ["kansli", 2022, "", 450],
    ["kansli", 2022, "prognos", 460],
]
NYCKELTAL_HEADER = [
    "år",
    "intakter",
    "arets_resultat",
    "kostnader",
    "soliditet",
    "kassalikviditet",
    "eget_kapital",
    "obundet_eget_kapital",
]
NYCKELTAL: list[list[Any]] = [
    NYCKELTAL_HEADER,
    [2019, 800, 50, "", 60, 200, 700, 700],
    [2020, 850, -50, -900, "", "", "", ""],
]
PERSONAL: list[list[Any]] = [
    ["år", "anstallda", "slutat", "bytt_tjanst"],
    [2021, "2,5", 0, 0],
    [2022, "3,5", 1, 0],
]


def mapping_sheets(**replace: list[list[Any]]) -> dict[str, list[list[Any]]]:
    from imports.tests.workbooks import good_sheets

    insatser = [list(row) for row in good_sheets()["Insatser"]]
    # The sample ledger is of 2022: ARB runs from then, so its 2022 costs are in its period.
    arb = next(row for row in insatser if row[0] == "ARB")
    arb[8] = "2022-01-01"
    sheets = {"Insatser": insatser}
    sheets.update(
        {
            "Rapportrader": RAPPORTRADER,
            "Driftrader": DRIFTRADER,
            "Förbundsbudget": FORBUNDSBUDGET,
            "Nyckeltal": NYCKELTAL,
            "Personal": PERSONAL,
        }
    )
    sheets.update(replace)
    return sheets
