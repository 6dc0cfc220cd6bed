"""A workbook shaped like seed 001's "Ekonomisk information per 2023-03-31" (amounts in SEK,
the seed's TSEK times 1 000; the starting equity 6 863 817 SEK from `Nyckeltal`), with the
figures the contract lists computed by hand in ``stats/tests/test_economic.py``."""

from __future__ import annotations

from typing import Any

from funding.tests.test_workbook_applications import AMOUNT_HEADER, APPLICATION_HEADER
from imports.tests.office_workbooks import AVVIKELSER_HEADER
from imports.tests.workbooks import BUDGET_HEADER, INSATSER_HEADER
from ledger.tests.mapping_samples import NYCKELTAL_HEADER

Sheets = dict[str, list[list[Any]]]


def _insats(code: str, name: str, owner: str) -> list[Any]:
    return [code, name, "", owner, "", "struktur", "", "antal", "2021-01-01", "2025-12-31", ""]


def seed_sheets() -> Sheets:
    return {
        "Insatser": [
            INSATSER_HEADER,
            _insats("JOBB", "Jobbcentrum", "Enköping"),
            _insats("LOKUS", "Lokussamordnare", "Älvkarleby"),
            _insats("REG", "RegExPro", "Region Uppsala"),
            _insats("GAMLA", "Avslutad insats", "Heby"),
        ],
        "Budget": [
            BUDGET_HEADER,
            ["JOBB", 2022, "", 9_000_000],  # not a column's year
            ["JOBB", 2023, "", 10_000_000],
            ["JOBB", 2024, "", 7_000_000],
            ["LOKUS", 2023, 1, 2_000_000],  # quarters add up to the year
            ["LOKUS", 2023, 2, 2_000_000],
            ["LOKUS", 2023, 3, 2_000_000],
            ["LOKUS", 2023, 4, 2_000_000],
            ["LOKUS", 2024, "", 7_638_000],
            ["LOKUS", 2025, "", 41_000],
            ["REG", 2023, "", 1_782_000],
        ],
        "Avvikelser": [
            AVVIKELSER_HEADER,
            # granted transfers received in 2022: into the 2023 prognosis
            [
                "JOBB",
                "2022-11-01",
                "overforing",
                "Till 2023",
                300_000,
                "beviljad",
                "2022-12-01",
                "styrelse",
            ],
            [
                "REG",
                "2022-12-01",
                "overforing",
                "Till 2023",
                150_000,
                "delvis",
                "2022-12-20",
                "forbundschef",
            ],
            [
                "GAMLA",
                "2022-10-01",
                "overforing",
                "Till 2023",
                50_000,
                "beviljad",
                "2022-10-20",
                "forbundschef",
            ],
            # not counted: rejected, undecided, received in another year, not a transfer
            ["JOBB", "2022-12-15", "overforing", "Mer", 99_000, "avslag", "2023-01-10", "styrelse"],
            ["LOKUS", "2022-12-15", "overforing", "Mer", 98_000, "ej_beslutad", "", ""],
            [
                "LOKUS",
                "2021-12-15",
                "overforing",
                "Förr",
                97_000,
                "beviljad",
                "2022-01-10",
                "styrelse",
            ],
            ["LOKUS", "2022-06-15", "budget", "Budget", "", "beviljad", "2022-07-10", "styrelse"],
        ],
        "Driftrader": [
            ["rad", "rubrik", "grupp", "konton", "objekt", "insats"],
            ["medlem", "Medlemsavgifter", "intakter", "3000", "", ""],
            ["smail", "ESF medel SMAIL", "intakter", "3100", "", ""],
            ["isa", "ESF medel ISA", "intakter", "3200", "", ""],
            ["fortroende", "Förtroendevalda", "administration", "4000", "", ""],
            ["forvaltning", "Förvaltning", "administration", "5000", "", ""],
            ["forv_esf", "Förvaltning ESF", "administration", "5100", "", ""],
            ["esf_smail", "ESF SMAIL", "administration", "5200", "", ""],
            ["ekonom", "Ekonom projektstöd", "ovriga_samverkansinsatser", "6000", "", ""],
            ["utvecklare", "Verksamhetsutvecklare", "ovriga_samverkansinsatser", "6100", "", ""],
            ["kompetens", "Kompetenshöjande insatser", "ovriga_samverkansinsatser", "6200", "", ""],
            ["jobb", "Jobbcentrum", "individ", "6300", "", "JOBB"],  # not an own row
            ["ranta", "Ränteintäkter", "intakter", "8300", "", ""],  # no budget: not shown
        ],
        "Förbundsbudget": [
            ["rad", "år", "version", "belopp"],
            *[["medlem", year, "budget", 23_036_000] for year in (2023, 2024, 2025)],
            ["medlem", 2022, "budget", 1],  # not a column's year
            ["smail", 2023, "budget", 1_100_000],  # no prognos: the budget counts
            ["isa", 2023, "budget", 0],
            ["isa", 2023, "prognos", 519_000],
            *[["fortroende", year, "budget", 800_000] for year in (2023, 2024, 2025)],
            ["forvaltning", 2023, "budget", 4_320_000],
            ["forvaltning", 2023, "prognos", 3_801_000],
            ["forvaltning", 2024, "budget", 3_822_000],
            ["forvaltning", 2025, "budget", 3_822_000],
            ["forv_esf", 2023, "budget", 180_000],
            ["forv_esf", 2023, "prognos", 699_000],
            ["forv_esf", 2024, "budget", 778_000],
            ["forv_esf", 2025, "budget", 778_000],
            ["esf_smail", 2023, "budget", 920_000],
            ["jobb", 2023, "budget", 5],  # an intervention's row: not an own row
            *[
                [code, year, "budget", amount]
                for code, amount in (
                    ("ekonom", 440_000),
                    ("utvecklare", 440_000),
                    ("kompetens", 150_000),
                )
                for year in (2023, 2024, 2025)
            ],
        ],
        "Nyckeltal": [
            NYCKELTAL_HEADER,
            [2022, 24_000_000, 500_000, "", 53, 213, 7_063_817, 6_863_817],
        ],
        "Ansökningar": [
            APPLICATION_HEADER,
            [
                "BRY2",
                "Bryggan främjar hälsa",
                "Östhammar",
                "",
                "individ",
                "arbete",
                "personuppgifter",
                "2023-04-01",
                "2025-12-31",
                "Unga vuxna",
                30,
                "",
                "2023-03-01",
                "",
                "",
            ],
            [
                "GAMMAL",
                "Beviljad förr",
                "Tierp",
                "",
                "struktur",
                "",
                "antal",
                "2023-01-01",
                "2024-12-31",
                "Handläggare",
                "",
                "",
                "2022-09-01",
                "beviljad",
                "2022-10-10",
            ],
        ],
        "Ansökningsbelopp": [
            AMOUNT_HEADER,
            ["BRY2", 2023, 620_000],
            ["BRY2", 2024, 1_860_000],
            ["BRY2", 2025, 1_860_000],
            ["GAMMAL", 2023, 500_000],
        ],
    }
