"""Attacks on the disclosure control of the suppressed memo JSON (spec/reports.md, "Shared
rules": no hidden count may be recomputed from the figures shown, across tables too).

Each test builds a small association, takes the suppressed memo for 2024H1 (period
2024-01-01..2024-06-30 = ytd, E = 2024-06-30) and recomputes a count shown as "<5" from
figures the same memo shows, using an identity that holds by definition (spec/reports.md
sections 9-17) or from public facts (the interventions table shows start dates):

1. active ytd = ongoing at E + exited ytd (per gender), and ``target_group.active`` is
   active ytd over every listed intervention: it is suppressed on its own.
2. ``expected.registered_to_date`` = exited from start to E + ongoing at E (every entry is
   on or after the intervention's start): the expected table is suppressed on its own.
3. For an intervention that started in the year, registered ytd = exited ytd + ongoing at
   E: the participants table has no sum across its measures.
4. Target-group shares: a share times its shown denominator is its count (exact for
   denominators up to 100), and the counts obey total = women + men (+ annat, 0 here) and
   sum over education levels = active. The numerators are unpublished cells with no sums.
5. ``association_goals`` outcomes are shares that are never suppressed; with one
   work-directed (or one pre-rehabilitation) intervention they are that row's hidden share.

These tests fail while the leaks exist: each asserts what a fix must guarantee (another
figure of the derivation is hidden), and the failure shows the recomputed true counts.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest

from interventions.models import Aim, FollowUp, Intervention, Kind
from participants.choices import Education, ExitReason, Gender
from participants.models import Participation, Person
from stats.memo import memo_json
from stats.periods import round_half_up
from testing.factories import InterventionFactory
from testing.personas import World

pytestmark = pytest.mark.django_db
D = dt.date
PERIOD = "2024H1"
HIDDEN = "<5"
GENDER_KEYS = ("women", "men", "total")
_serials = itertools.count()
#: Defaults of ``_join``: entered before the year, born 1980 (over 30 at entry).
BEFORE_THE_YEAR = D(2023, 6, 1)
OVER_30 = D(1980, 1, 1)


def _join(
    intervention: Intervention,
    gender: str,
    *,
    entry: dt.date = BEFORE_THE_YEAR,
    exit_date: dt.date | None = None,
    reason: str = "",
    extent: int | None = None,
    born: dt.date = OVER_30,
    education: str = "",
    plan: dt.date | None = None,
) -> None:
    """A participation with personal data (dummy identity strings: statistics only)."""
    serial = next(_serials)
    person = Person.objects.create(
        association=intervention.association,
        pnr_hash=f"attack-hash-{serial}",
        pnr_encrypted=f"attack-encrypted-{serial}",
        birth_date=born,
        gender=gender,
    )
    Participation.objects.create(
        association=intervention.association,
        intervention=intervention,
        person=person,
        gender=gender,
        entry_date=entry,
        exit_date=exit_date,
        exit_reason=reason,
        work_extent=extent,
        education=education,
        action_plan_date=plan,
    )


def _tables(world: World, *, suppress: bool = True) -> dict[str, Any]:
    tables: dict[str, Any] = memo_json(world.association, PERIOD, suppress=suppress)["tables"]
    return tables


def _row(table: dict[str, Any], code: str) -> dict[str, Any]:
    return next(row for row in table["rows"] if row["intervention"] == code)


def _difference(minuend: dict[str, Any], subtrahend: dict[str, Any]) -> dict[str, int]:
    """minuend - subtrahend for every gender where both are shown."""
    return {
        key: minuend[key] - subtrahend[key]
        for key in GENDER_KEYS
        if isinstance(minuend[key], int) and isinstance(subtrahend[key], int)
    }


def _count_from_share(share: object, denominator: object) -> int | None:
    """The only count c in 0..denominator whose rounded share is ``share``, if unique."""
    if not isinstance(share, int) or not isinstance(denominator, int):
        return None
    counts = [c for c in range(denominator + 1) if round_half_up(c, denominator) == share]
    return counts[0] if len(counts) == 1 else None


def _goal(tables: dict[str, Any], code: str) -> object:
    return next(row for row in tables["association_goals"]["rows"] if row["goal"] == code)[
        "outcome"
    ]


@pytest.fixture
def exits_world(world: World) -> World:
    """Intervention A (start 2022-01-01): 8 women and 8 men ongoing since 2023-06-01; 3
    women and 1 man who entered 2023-06-01 exit 2024-03-01 to job-seeking. B: no data.

    True figures: exited ytd (= exited to date) W3 M1 T4, ongoing W8 M8 T16, active ytd
    W11 M9 T20, registered from A's start to E: 20."""
    a = world.intervention_a
    for gender in (Gender.WOMAN, Gender.MAN):
        for _ in range(8):
            _join(a, gender)
    for gender in (Gender.WOMAN, Gender.WOMAN, Gender.WOMAN, Gender.MAN):
        _join(a, gender, exit_date=D(2024, 3, 1), reason=ExitReason.JOB_SEEKING)
    return world


def test_memo_hidden_exits_not_recomputable_from_target_group_active(exits_world: World) -> None:
    """Attack 1. active ytd = ongoing at E + exited ytd: a participation active in the
    year either is still ongoing at E or exited in the year. The memo shows
    ``target_group.active`` W11 M9 T20 and ``participants.total.ongoing`` W8 M8 T16, so the
    hidden ``participants.total.exited`` is W 11-8 = 3, M 9-8 = 1, T 20-16 = 4, and from
    it (``exit_reasons.groups.all`` is the same cell) the hidden exit-reason counts.
    The texts even print both: "bland de {aktiva} (20) deltagare" and "{pågående} (16)
    deltagare var inskrivna". In the demo association (2025H1): men 53 - 52 = 1.

    Fix: suppress ``target_group.active`` in the participants' table (stats.published.
    participant_tables) with the sums (row, active, g) = (row, ongoing, g) + (row, exited,
    g) and sum over rows of (row, active, g) = target_group active g."""
    truth = _tables(exits_world, suppress=False)["participants"]["total"]["exited"]
    tables = _tables(exits_world)
    exited = tables["participants"]["total"]["exited"]
    assert (truth, exited) == (
        {"women": 3, "men": 1, "total": 4},
        {"women": HIDDEN, "men": HIDDEN, "total": HIDDEN},
    )

    recomputed = _difference(
        tables["target_group"]["active"], tables["participants"]["total"]["ongoing"]
    )

    assert recomputed == {}, f"hidden exits recomputed: {recomputed}"


def test_memo_hidden_exits_to_date_not_recomputable_from_expected(exits_world: World) -> None:
    """Attack 2. Every participation registered from A's start to E has either exited by
    E (after A's start, so in ``exited_to_date``) or is ongoing at E. The memo shows
    ``expected`` A registered_to_date 20 and ``participants`` A ongoing total 16, so the
    hidden A ``exited_to_date`` total is 20 - 16 = 4. In the demo association (2025Q3)
    this recomputes exited_to_date of STEG-24 (4), IPS-23 (4), LOTSEN-24 (2), UNGA-25 (3).

    Fix: put ``expected.registered_to_date`` in the participants' table with the sum
    (row, registered_to_date) = (row, exited_to_date, total) + (row, ongoing, total)
    (added only when it holds, like ``_sum_if_consistent``)."""
    truth = _row(_tables(exits_world, suppress=False)["participants"], "A")
    tables = _tables(exits_world)
    participants_a = _row(tables["participants"], "A")
    assert (truth["exited_to_date"]["total"], participants_a["exited_to_date"]["total"]) == (
        4,
        HIDDEN,
    )

    shown = (
        _row(tables["expected"], "A")["registered_to_date"],
        participants_a["ongoing"]["total"],
    )

    assert HIDDEN in shown, f"hidden exits to date recomputed: {shown[0]} - {shown[1]}"


@pytest.fixture
def new_intervention_world(world: World) -> World:
    """Intervention N starts 2024-01-01 (in the year): 11 women and 10 men enter
    2024-02-01; one of the women exits 2024-04-01 to job-seeking. True figures for N:
    registered ytd W11 M10 T21, exited ytd W1 M0 T1, ongoing W10 M10 T20."""
    n = InterventionFactory.create(
        association=world.association, code="N", name="Ny insats", start_date=D(2024, 1, 1)
    )
    for gender in (Gender.WOMAN, Gender.MAN):
        for _ in range(10):
            _join(n, gender, entry=D(2024, 2, 1))
    _join(
        n, Gender.WOMAN, entry=D(2024, 2, 1), exit_date=D(2024, 4, 1), reason=ExitReason.JOB_SEEKING
    )
    return world


def test_memo_hidden_exits_of_new_intervention_not_recomputable(
    new_intervention_world: World,
) -> None:
    """Attack 3. N started 2024-01-01 (the interventions table shows it), so nobody was
    in N before the year: registered ytd = exited ytd + ongoing at E, per gender. The
    participants row shows registered W11 T21 and ongoing W10 T20, so the hidden exited
    is W 11-10 = 1, T 21-20 = 1 (inside one table). In the demo association (2025H1):
    UNGA-25 registered W7 T25, ongoing W6 T24 -> exited W1 T1.

    Fix: in ``stats.published._add_participants_outcomes`` add, per row and gender, an
    unpublished cell "ongoing at ytd_start - 1" (carried) with carried + registered =
    active = ongoing + exited; carried is 0 for an intervention that starts in the year,
    and the disclosure model already treats unpublished zeros as known. Likewise an
    unpublished "exited before the year" with exited_to_date = exited + that cell."""
    truth = _row(_tables(new_intervention_world, suppress=False)["participants"], "N")
    row = _row(_tables(new_intervention_world)["participants"], "N")
    assert (truth["exited"], row["exited"]) == (
        {"women": 1, "men": 0, "total": 1},
        {"women": HIDDEN, "men": 0, "total": HIDDEN},
    )

    recomputed = _difference(row["registered"], row["ongoing"])

    assert {key: value for key, value in recomputed.items() if value} == {}, (
        f"hidden exits recomputed: {recomputed}"
    )


@pytest.fixture
def profile_world(world: World) -> World:
    """Intervention A: 11 women (3 under 30 at entry; 8 gymnasium, 3 eftergymnasial) and 9
    men (6 under 30; all gymnasium), all ongoing since 2023-06-01; nobody is annat."""
    a = world.intervention_a
    for index in range(11):
        _join(
            a,
            Gender.WOMAN,
            born=D(2000, 1, 1) if index < 3 else D(1980, 1, 1),
            education=Education.POST_SECONDARY if index < 3 else Education.UPPER_SECONDARY,
        )
    for index in range(9):
        _join(
            a,
            Gender.MAN,
            born=D(2000, 1, 1) if index < 6 else D(1980, 1, 1),
            education=Education.UPPER_SECONDARY,
        )
    return world


def test_memo_hidden_under_30_share_not_recomputable_from_gender_split(
    profile_world: World,
) -> None:
    """Attack 4a. Active W11 M9 T20 are shown. The under-30 share of all is 45 %: of 20,
    only 9 rounds to 45 %. Of men 67 %: of 9, only 6. Active annat = 20-11-9 = 0, so
    women under 30 = 9 - 6 = 3, the count behind the hidden women's share.

    Fix: in ``stats.published.target_group`` add the share numerators as cells with the
    gender identity (and share them with the active G), so that a second share of the
    split is hidden."""
    tables = _tables(profile_world)
    active = tables["target_group"]["active"]
    under_30 = tables["target_group"]["shares"]["under_30"]
    assert (active, under_30["women"]) == ({"women": 11, "men": 9, "total": 20}, HIDDEN)

    total = _count_from_share(under_30["total"], active["total"])
    men = _count_from_share(under_30["men"], active["men"])

    assert total is None or men is None, f"women under 30 recomputed: {total} - {men}"


def test_memo_hidden_education_share_not_recomputable_from_other_levels(
    profile_world: World,
) -> None:
    """Attack 4b. Every participation has an education level (``okand`` exists for the
    unknown ones), so the women's levels add up to the 11 active women. Shown women's
    shares: saknas 0 %, grundskola 0 %, gymnasium 73 % (of 11 only 8 rounds to 73 %),
    okand 0 %; so eftergymnasial women = 11 - 8 = 3, the count behind the hidden share.

    Fix: in ``stats.published.target_group`` add the sum over education levels plus an
    unpublished "no level" cell = active, per gender."""
    tables = _tables(profile_world)
    education = tables["target_group"]["shares"]["education"]
    women = {level: split["women"] for level, split in education.items()}
    assert women[Education.POST_SECONDARY] == HIDDEN

    shown = {
        level: _count_from_share(share, 11)
        for level, share in women.items()
        if level != Education.POST_SECONDARY
    }

    assert None in shown.values(), f"eftergymnasial women recomputed: 11 - {shown}"


@pytest.fixture
def goals_world(world: World) -> World:
    """A (individual, work-directed): 5 women and 5 men entered 2023-06-01 exit
    2024-03-01, one woman and one man to unsubsidised work (100 %), 8 to job-seeking. B
    (work-directed) has no data. C (individual, pre-rehabilitation): 5 women and 5 men
    ongoing since 2023-06-01, one woman and one man with an action plan."""
    a = world.intervention_a
    for gender in (Gender.WOMAN, Gender.MAN):
        _join(a, gender, exit_date=D(2024, 3, 1), reason=ExitReason.WORK_UNSUBSIDISED, extent=100)
        for _ in range(4):
            _join(a, gender, exit_date=D(2024, 3, 1), reason=ExitReason.JOB_SEEKING)
    c = InterventionFactory.create(
        association=world.association,
        code="C",
        name="Insats C",
        kind=Kind.INDIVIDUAL,
        aim=Aim.PRE_REHABILITATION,
        follow_up=FollowUp.PERSONAL_DATA,
    )
    for gender in (Gender.WOMAN, Gender.MAN):
        _join(c, gender, plan=D(2023, 7, 1))
        for _ in range(4):
            _join(c, gender)
    return world


def test_memo_goal_share_not_shown_when_its_count_is_hidden(goals_world: World) -> None:
    """Attack 5a. The only work-directed individual intervention with exits is A, so the
    goal "work_directed_to_work_or_studies" is A's share of exits to work or studies,
    hidden in ``outcomes`` because 2 is hidden; the goal shows it: 20 % of A's shown 10
    exits is 2.

    Fix: in ``stats.memo._association_goals`` treat each participant goal as a share whose
    numerator and denominator are cells of the participants' table (sums over the
    goal's interventions) and show "<5" when either is hidden or from 1 to k-1."""
    tables = _tables(goals_world)
    outcomes_a = _row(tables["outcomes"], "A")
    assert (outcomes_a["to_work_or_studies"]["total"], outcomes_a["share_to_work_or_studies"]) == (
        HIDDEN,
        {"women": HIDDEN, "men": HIDDEN, "total": HIDDEN},
    )

    recomputed = _count_from_share(
        _goal(tables, "work_directed_to_work_or_studies"),
        _row(tables["participants"], "A")["exited"]["total"],
    )

    assert recomputed is None, f"A's exits to work or studies recomputed: {recomputed}"


def test_memo_action_plan_goal_not_shown_when_its_share_is_hidden(goals_world: World) -> None:
    """Attack 5b. C is the only pre-rehabilitation intervention, so the goal
    "prerehab_action_plan" is C's share with an action plan, hidden in ``outcomes``
    because 2 have a plan; the goal shows 20 %, and C's active = exited 0 + ongoing 10
    (both shown), so 2 have a plan."""
    tables = _tables(goals_world)
    assert _row(tables["outcomes"], "C")["share_with_action_plan"] == HIDDEN
    participants_c = _row(tables["participants"], "C")
    active = participants_c["exited"]["total"] + participants_c["ongoing"]["total"]

    recomputed = _count_from_share(_goal(tables, "prerehab_action_plan"), active)

    assert recomputed is None, f"C's participations with an action plan recomputed: {recomputed}"
