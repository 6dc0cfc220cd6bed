"""The economic information (decision room) against figures computed by hand from the
seed-001-shaped workbook of ``stats/tests/economic_sample.py``."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django_scopes import scope, scopes_disabled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from funding.models import EquityBracket
from imports.tests.workbooks import run_import, xlsx_file
from ledger.services import import_sie
from ledger.tests.mapping_samples import mapping_sheets
from ledger.tests.report_sample import REPORT_SIE
from stats.economic import (
    EconomicError,
    PendingApplication,
    columns_for,
    economic_information,
)
from stats.tests.economic_sample import seed_sheets
from tenancy.models import Association
from testing.factories import AssociationFactory

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2023, 3, 31)
COLUMNS = ["2023_budget", "2023_prognos", "2024_budget", "2025_budget"]


def v(*values: int) -> dict[str, int]:
    return dict(zip(COLUMNS, values, strict=True))


@pytest.fixture
def seeded(tmp_path) -> Association:
    association = AssociationFactory.create(slug="uppsala")
    result = run_import(xlsx_file(tmp_path, seed_sheets()), association)
    assert result.problems == []
    return association


def compute(association: Association, **kwargs: Any) -> dict[str, Any]:
    with scope(association=association.pk):
        return economic_information(association, as_of=AS_OF, until=2025, **kwargs).json()


def test_economic_information_rows_are_own_budget_rows_with_prognosis_fallback(seeded):
    data = compute(seeded)

    assert data["columns"] == COLUMNS
    assert [(row["row"], row["values"]) for row in data["rows"]] == [
        ("medlem", v(23_036_000, 23_036_000, 23_036_000, 23_036_000)),
        ("smail", v(1_100_000, 1_100_000, 0, 0)),
        ("isa", v(0, 519_000, 0, 0)),
        ("fortroende", v(-800_000, -800_000, -800_000, -800_000)),
        ("forvaltning", v(-4_320_000, -3_801_000, -3_822_000, -3_822_000)),
        ("forv_esf", v(-180_000, -699_000, -778_000, -778_000)),
        ("esf_smail", v(-920_000, -920_000, 0, 0)),
        ("ekonom", v(-440_000, -440_000, -440_000, -440_000)),
        ("utvecklare", v(-440_000, -440_000, -440_000, -440_000)),
        ("kompetens", v(-150_000, -150_000, -150_000, -150_000)),
    ]
    assert data["rows"][0] == {
        "row": "medlem",
        "label": "Medlemsavgifter",
        "group": "intakter",
        "values": v(23_036_000, 23_036_000, 23_036_000, 23_036_000),
    }


def _intervention(
    code: str, owner: str, values: dict[str, int], transferred: dict[str, int]
) -> dict[str, Any]:
    """An intervention row of the economic information as ``compute`` returns it."""
    return {"intervention": code, "owner": owner, "values": values, "transferred": transferred}


def test_economic_information_interventions_with_granted_budget_and_transfers(seeded):
    data = compute(seeded)

    assert data["interventions"] == [
        _intervention(
            "JOBB", "Enköping", v(-10_000_000, -10_300_000, -7_000_000, 0), v(0, -300_000, 0, 0)
        ),
        _intervention("GAMLA", "Heby", v(0, -50_000, 0, 0), v(0, -50_000, 0, 0)),
        _intervention(
            "REG", "Region Uppsala", v(-1_782_000, -1_932_000, 0, 0), v(0, -150_000, 0, 0)
        ),
        _intervention(
            "LOKUS", "Älvkarleby", v(-8_000_000, -8_000_000, -7_638_000, -41_000), v(0, 0, 0, 0)
        ),
    ]


def test_economic_information_totals_match_seed_001_checks(seeded):
    data = compute(seeded)

    assert data["applications"] == [
        {
            "application": "BRY2",
            "name": "Bryggan främjar hälsa",
            "values": v(0, 620_000, 1_860_000, 1_860_000),
        }
    ]
    assert data["totals"] == {
        "income": v(24_136_000, 24_655_000, 23_036_000, 23_036_000),
        "interventions": v(19_782_000, 20_282_000, 14_638_000, 41_000),
        "other_joint": v(1_030_000, 1_030_000, 1_030_000, 1_030_000),
        "costs": v(27_032_000, 27_532_000, 21_068_000, 6_471_000),
        "result": v(-2_896_000, -2_877_000, 1_968_000, 16_565_000),
        "carried": v(6_863_817, 6_863_817, 3_986_817, 5_954_817),
        "room": v(3_967_817, 3_986_817, 5_954_817, 22_519_817),
        "applications": v(0, 620_000, 1_860_000, 1_860_000),
        # seed 001: 2024 = 5 954 - 620 - 1 860 = 3 474 TSEK; 2025 18 180 TSEK half up
        "room_after_applications": v(3_967_817, 3_366_817, 3_474_817, 18_179_817),
    }
    assert data["equity_limit"] is None
    assert (data["association"], data["as_of"]) == ("uppsala", "2023-03-31")


def test_economic_information_what_if_replaces_the_pending_applications(seeded):
    data = compute(
        seeded,
        applications=[PendingApplication("X", "Ny", {2023: 100_000, 2025: 1_000_000})],
    )

    assert data["totals"]["room_after_applications"] == v(
        3_967_817, 3_886_817, 5_854_817, 21_419_817
    )


def test_economic_information_carried_from_the_previous_years_ledger(tmp_path):
    association = AssociationFactory.create(organisation_number="222000-2576")
    assert run_import(xlsx_file(tmp_path, mapping_sheets()), association).problems == []
    with scope(association=association.pk):
        import_sie(association=association, data=REPORT_SIE.encode("cp437"))

    data = compute(association)

    # 2022 ledger: equity 910 + result not yet booked 94.90 -> 95; reservfond 100 restricted
    assert data["totals"]["carried"]["2023_budget"] == 1_005
    assert data["totals"]["carried"]["2023_prognos"] == 1_005


def test_economic_information_equity_limit_from_brackets(seeded):
    with scopes_disabled():
        EquityBracket.objects.create(association=seeded, lower=0, upper=24_000_000, max_share=20)
        EquityBracket.objects.create(association=seeded, lower=24_000_000, max_share=15)

    data = compute(seeded)

    # 24 136 000 x 15 %, 24 655 000 x 15 %, 23 036 000 x 20 %
    assert data["equity_limit"] == v(3_620_400, 3_698_250, 4_607_200, 4_607_200)


def test_columns_for_until_before_the_year_is_refused():
    with pytest.raises(EconomicError):
        columns_for(AS_OF, 2022)


def test_columns_for_until_the_same_year_gives_budget_and_prognosis():
    assert [c.key for c in columns_for(AS_OF, 2023)] == ["2023_budget", "2023_prognos"]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    amounts=st.lists(
        st.dictionaries(st.integers(2023, 2026), st.integers(0, 10**9), max_size=4), max_size=4
    )
)
def test_economic_information_room_chain_identities_hold_for_any_applications(seeded, amounts):
    pending = [PendingApplication(f"A{i}", "x", a) for i, a in enumerate(amounts)]

    data = compute(seeded, applications=pending)

    totals = data["totals"]
    chain = 0
    for index, key in enumerate(COLUMNS):
        assert totals["room"][key] == totals["carried"][key] + totals["result"][key]
        assert totals["applications"][key] == sum(a["values"][key] for a in data["applications"])
        if index:
            chain += totals["applications"][key]
        assert totals["room_after_applications"][key] == totals["room"][key] - chain
    assert totals["applications"]["2023_budget"] == 0


def test_economic_information_broken_mapping_falls_back_to_key_figures_with_warning(tmp_path):
    from ledger.models import KeyFigures, ReportLine

    association = AssociationFactory.create(organisation_number="222000-2576")
    assert run_import(xlsx_file(tmp_path, mapping_sheets()), association).problems == []
    with scope(association=association.pk):
        import_sie(association=association, data=REPORT_SIE.encode("cp437"))
    with scopes_disabled():
        ReportLine.objects.create(
            association=association,
            report="balans",
            code="bank2",
            label="Bank igen",
            group="kassa_och_bank",
            accounts="1930",
            position=99,
        )
        KeyFigures.objects.create(
            association=association, year=2022, income=1, result=1, equity=777
        )

    with scope(association=association.pk):
        information = economic_information(association, as_of=AS_OF, until=2023)

    assert information.totals["carried"]["2023_budget"] == 777
    assert information.warnings == ["Konto 1930 finns på flera rader: bank, bank2."]
