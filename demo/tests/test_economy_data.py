"""The demo association's decision room is alive: three budget years, a prognosis,
transfers into the year and two pending applications."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django_scopes import scope

from stats.economic import economic_information, unrestricted_equity_at_end
from tenancy.models import Association

pytestmark = pytest.mark.django_db


def test_load_demo_gives_exempel_a_decision_room_with_pending_applications() -> None:
    call_command("load_demo", stdout=StringIO())
    association = Association.objects.get(slug="exempel")

    with scope(association=association.pk):
        data = economic_information(association, as_of=dt.date(2026, 11, 22), until=2028).json()

    assert data["columns"] == ["2026_budget", "2026_prognos", "2027_budget", "2028_budget"]
    assert [a["application"] for a in data["applications"]] == ["NATVERK-26", "HALSA-27"]
    transferred = {
        i["intervention"]: i["transferred"]["2026_prognos"]
        for i in data["interventions"]
        if i["transferred"]["2026_prognos"]
    }
    assert transferred == {"STEG-24": -150_000, "IPS-23": -95_000}
    assert data["totals"]["income"] == {
        "2026_budget": 9_800_000,
        "2026_prognos": 9_800_000,
        "2027_budget": 10_000_000,
        "2028_budget": 10_200_000,
    }
    assert data["totals"]["other_joint"]["2026_prognos"] == 250_000
    with scope(association=association.pk):
        equity = unrestricted_equity_at_end(association.pk, 2025)
    assert equity is not None and equity > 0  # from the demo's 2025 ledger
    assert data["totals"]["carried"]["2026_budget"] == equity
    granted = data["totals"]["interventions"]
    assert min(granted["2026_budget"], granted["2026_prognos"], granted["2027_budget"]) > 0
    assert granted["2026_prognos"] - granted["2026_budget"] == 245_000  # the two transfers
