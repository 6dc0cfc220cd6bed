"""The memo JSON end to end: a small hand-made association, every figure checked against
hand-computed values for a half-year and a year, the contract's schema, and disclosure
control on the suppressed version."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
from django_scopes import scope

from finance.tests.factories import CostOutcomeFactory
from followup.tests.factories import SubmittedReportFactory
from interventions.models import Aim
from participants.choices import ExitReason, Gender
from participants.services import register_anonymous, update_participation
from stats.memo import memo_json
from stats.memo_schema import MEMO_SCHEMA
from testing.factories import BudgetFactory, CountedInterventionFactory
from testing.participants import make_personnummer, stored_entry
from testing.personas import World

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def memo_world(world: World) -> World:
    """Intervention A (individual, work-directed): 6 women and 6 men enter 2022-02-01; 5
    women leave for unsubsidised work (100 %) 2022-05-15, 1 man for studies 2022-09-10; 2
    anonymous entries 2022-03-01. A structural intervention reports "in phase" for Q2.
    A's 2022 budget is 1 000 000 kr; costs 200 000 (Q1) and 300 000 (Q2)."""
    a = world.intervention_a
    with scope(association=world.association.pk):
        entries = []
        for serial in range(6):
            for gender_digit in (0, 1):  # even = kvinna, odd = man
                number = make_personnummer(D(1990, 1, 1 + serial), 200 + 10 * serial + gender_digit)
                entries.append(stored_entry(a, number, D(2022, 2, 1)))
        women = [p for p in entries if p.gender == Gender.WOMAN]
        men = [p for p in entries if p.gender == Gender.MAN]
        for participation in women[:5]:
            _exit(participation, D(2022, 5, 15), ExitReason.WORK_UNSUBSIDISED, 100)
        _exit(men[0], D(2022, 9, 10), ExitReason.STUDIES, None)
        for gender in (Gender.WOMAN, Gender.OTHER):
            register_anonymous(
                user=None,
                intervention=a,
                gender=gender,
                entry_date=D(2022, 3, 1),
                check_access=False,
            )
    structural = CountedInterventionFactory.create(
        association=world.association, code="S", name="Strukturinsats S"
    )
    SubmittedReportFactory.create(
        intervention=structural, year=2022, quarter=2, submitted_on=D(2022, 7, 20)
    )
    BudgetFactory.create(intervention=a, year=2022, amount=1_000_000)
    CostOutcomeFactory.create(intervention=a, year=2022, quarter=1, amount=200_000)
    CostOutcomeFactory.create(intervention=a, year=2022, quarter=2, amount=300_000)
    return world


def _exit(participation: Any, day: dt.date, reason: str, extent: int | None) -> None:
    update_participation(
        user=None,
        participation=participation,
        values={"exit_date": day, "exit_reason": reason, "work_extent": extent},
        check_access=False,
    )


def g(women: int | str, men: int | str, total: int | str) -> dict[str, int | str]:
    return {"women": women, "men": men, "total": total}


def test_memo_json_validates_against_the_contract(memo_world: World) -> None:
    for period in ("2022H1", "2022H2", "2022"):
        for suppress in (True, False):
            jsonschema.validate(
                memo_json(memo_world.association, period, suppress=suppress), MEMO_SCHEMA
            )


def test_memo_header_states_period_and_suppression(memo_world: World) -> None:
    data = memo_json(memo_world.association, "2022H2", suppress=True)

    assert {key: data[key] for key in ("association", "period", "start", "end", "ytd_start")} == {
        "association": "exempel",
        "period": "2022H2",
        "start": "2022-07-01",
        "end": "2022-12-31",
        "ytd_start": "2022-01-01",
    }
    assert data["suppression"] == {
        "applied": True,
        "threshold": 5,
        "note": "..: uppgiften visas inte eftersom den kan röja enskilda personer: antal 1–4 "
        "och antal som annars skulle kunna räknas fram.",
    }


def test_memo_participants_first_half_year_unsuppressed(memo_world: World) -> None:
    tables = memo_json(memo_world.association, "2022H1", suppress=False)["tables"]

    a_row = next(row for row in tables["participants"]["rows"] if row["intervention"] == "A")
    assert a_row == {
        "intervention": "A",
        "registered": g(6, 6, 12),
        "exited": g(5, 0, 5),
        "exited_to_date": g(5, 0, 5),
        "ongoing": g(1, 6, 7),
    }
    a_outcome = next(row for row in tables["outcomes"]["rows"] if row["intervention"] == "A")
    assert a_outcome == {
        "intervention": "A",
        "to_work_or_studies": g(5, 0, 5),
        "share_to_work_or_studies": g(100, None, 100),  # type: ignore[arg-type]  # a share cell may be None in the contract
        "share_with_action_plan": 0,
    }
    assert tables["anonymous"]["rows"] == [
        {"intervention": "A", "count": 2},
        {"intervention": "B", "count": 0},
    ]


@pytest.mark.parametrize("period", ["2022H2", "2022"])
def test_memo_participants_whole_year_unsuppressed(memo_world: World, period: str) -> None:
    tables = memo_json(memo_world.association, period, suppress=False)["tables"]

    a_row = next(row for row in tables["participants"]["rows"] if row["intervention"] == "A")
    assert a_row["exited"] == g(5, 1, 6)
    assert a_row["ongoing"] == g(1, 5, 6)
    groups = tables["exit_reasons"]["groups"]
    assert (groups["work"], groups["studies"], groups["work_or_studies"], groups["all"]) == (
        g(5, 0, 5),
        g(0, 1, 1),
        g(5, 1, 6),
        g(5, 1, 6),
    )
    assert tables["exit_reasons"]["work_extent"] == [{"extent": 100, "counts": g(5, 0, 5)}]


def test_memo_budget_first_half_year(memo_world: World) -> None:
    tables = memo_json(memo_world.association, "2022H1", suppress=True)["tables"]

    a_row = next(row for row in tables["budget"]["rows"] if row["intervention"] == "A")
    assert a_row == {
        "intervention": "A",
        "period_outcome": 500_000,
        "period_budget": 500_000,
        "ytd_outcome": 500_000,
        "ytd_budget": 500_000,
        "consumption_ratio": 100,
        "transferred": 0,
    }


def test_memo_goal_status_and_structural_goal(memo_world: World) -> None:
    tables = memo_json(memo_world.association, "2022H1", suppress=True)["tables"]

    s_row = next(row for row in tables["goal_status"]["rows"] if row["intervention"] == "S")
    assert s_row == {"intervention": "S", "on_track": "ja", "forecast": "ja", "colour": None}
    goals = {row["goal"]: row for row in tables["association_goals"]["rows"]}
    assert goals["structural_on_track"] == {
        "goal": "structural_on_track",
        "target": 75,
        "outcome": 100,
        "met": True,
    }
    unsuppressed = memo_json(memo_world.association, "2022H1", suppress=False)["tables"]
    office = {row["goal"]: row for row in unsuppressed["association_goals"]["rows"]}
    # 5 of A's 5 exits went to work: hidden like the outcomes' share, since the 2022Q1 memo
    # shows A's 6 women registered by March (none after), so the 5 exits would give the
    # one woman still ongoing (stats.year_suppression).
    assert (
        goals["work_directed_to_work_or_studies"],
        tables["outcomes"]["total"]["share_to_work_or_studies"]["total"],
        office["work_directed_to_work_or_studies"]["outcome"],
    ) == (
        {"goal": "work_directed_to_work_or_studies", "target": 35, "outcome": "..", "met": True},
        "..",
        100,
    )


def _counts(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Every count of the participant tables (not money, shares, means or targets)."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _counts(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _counts(item, f"{path}[{index}]")
    else:
        yield path, value


COUNT_TABLES = ("participants", "anonymous", "exit_reasons", "expected")


@pytest.mark.parametrize("period", ["2022H1", "2022H2", "2022"])
def test_suppressed_memo_publishes_no_count_from_1_to_4(memo_world: World, period: str) -> None:
    tables = memo_json(memo_world.association, period, suppress=True)["tables"]

    small = [
        (path, value)
        for name in COUNT_TABLES
        for path, value in _counts(tables[name], name)
        if isinstance(value, int)
        and not isinstance(value, bool)
        and 1 <= value <= 4
        and not path.endswith((".extent", ".expected"))
    ]
    outcome_counts = [
        (path, value)
        for path, value in _counts(tables["outcomes"], "outcomes")
        if ".to_work_or_studies." in path and isinstance(value, int) and 1 <= value <= 4
    ]
    attendees = [
        v for v in tables["activities"]["attendees"].values() if isinstance(v, int) and 1 <= v <= 4
    ]
    assert (small, outcome_counts, attendees) == ([], [], [])


def test_suppressed_memo_hides_the_small_anonymous_count(memo_world: World) -> None:
    tables = memo_json(memo_world.association, "2022H1", suppress=True)["tables"]

    assert tables["anonymous"] == {
        "rows": [{"intervention": "A", "count": ".."}, {"intervention": "B", "count": 0}],
        "total": "..",
    }


def test_suppressed_share_is_hidden_with_its_count(memo_world: World) -> None:
    tables = memo_json(memo_world.association, "2022H2", suppress=True)["tables"]

    a_outcome = next(row for row in tables["outcomes"]["rows"] if row["intervention"] == "A")
    # 1 man left for studies: his count is hidden, and so is the men's share.
    assert a_outcome["to_work_or_studies"]["men"] == ".."
    assert a_outcome["share_to_work_or_studies"]["men"] == ".."


def test_memo_threshold_follows_the_association(memo_world: World) -> None:
    memo_world.association.disclosure_threshold = 3
    memo_world.association.save()

    data = memo_json(memo_world.association, "2022H1", suppress=True)

    assert data["suppression"]["threshold"] == 3
    assert data["tables"]["anonymous"]["total"] == ".."


def test_memo_unknown_period_is_refused(memo_world: World) -> None:
    with pytest.raises(ValueError):
        memo_json(memo_world.association, "2022H3")


def test_memo_ignores_other_associations_data(memo_world: World) -> None:
    other = memo_json(memo_world.other_association, "2022H1", suppress=False)["tables"]

    assert [row["intervention"] for row in other["participants"]["rows"]] == ["X"]
    assert other["participants"]["total"]["registered"] == g(0, 0, 0)


def test_memo_kinds_listed_in_display_order(memo_world: World) -> None:
    codes = [
        row["intervention"]
        for row in memo_json(memo_world.association, "2022H1")["tables"]["budget"]["rows"]
    ]

    assert codes == ["A", "B", "S"]


def test_memo_aim_of_fixture_is_work(memo_world: World) -> None:
    assert memo_world.intervention_a.aim == Aim.WORK


@pytest.mark.parametrize("period", ["2022H1", "2022H2", "2022"])
def test_suppressed_tables_agree_on_shared_figures(memo_world: World, period: str) -> None:
    """Exits "all" are the participants' exits ytd, exits to work or studies the outcomes'
    total: suppressed together, the tables never show one and hide the other."""
    tables = memo_json(memo_world.association, period, suppress=True)["tables"]

    groups = tables["exit_reasons"]["groups"]
    assert groups["all"] == tables["participants"]["total"]["exited"]
    assert groups["work_or_studies"] == tables["outcomes"]["total"]["to_work_or_studies"]
