"""Attacks on the disclosure control of the suppressed memo JSON (spec/reports.md, "Shared
rules": no hidden count may be recomputed from the figures shown, across tables too).

Each test builds a small association, takes the suppressed memo for 2024H1 (period
2024-01-01..2024-06-30 = ytd, E = 2024-06-30) and recomputes a count shown as ".." from
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

import copy
import datetime as dt
import random
from typing import Any

import pytest

from interventions.models import Aim, FollowUp, Intervention, Kind
from participants.choices import Education, ExitReason, Gender, PublicSupportTime
from participants.models import Participation
from stats.memo import compute_memo, memo_json
from stats.periods import Period, round_half_up
from stats.tests import attacker
from stats.tests.participations import join
from tenancy.models import Association
from testing.factories import AssociationFactory, InterventionFactory
from testing.personas import World

pytestmark = pytest.mark.django_db
D = dt.date
PERIOD = "2024H1"
HIDDEN = ".."
GENDER_KEYS = ("women", "men", "total")
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
    support: str = "",
    plan: dt.date | None = None,
) -> None:
    """A participation with personal data (dummy identity strings: statistics only)."""
    join(
        intervention,
        gender,
        born,
        entry,
        exit_date,
        reason,
        extent=extent,
        plan=plan,
        education=education,
        support=support,
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
    goal's interventions) and show ".." when either is hidden or from 1 to k-1."""
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


# -- Regression: an independent attacker (stats/tests/attacker.py) on whole memos -----------
#
# The tests above pin the attacks found so far; these run the attacker, which writes down
# every identity between the memo's tables, on random small associations, so that a change
# to the statistics cannot bring a cross-table leak back unnoticed.

#: Periods attacked per association: two halves of one year (H2 carries ytd over H1).
RANDOM_PERIODS = ("2024H1", "2024H2")
#: Start dates: before the year, in the year before the first entries, in H1, in H2.
RANDOM_STARTS = (D(2022, 1, 1), D(2023, 3, 1), D(2024, 1, 1), D(2024, 2, 1), D(2024, 8, 1))
WORK_EXITS = (ExitReason.WORK_UNSUBSIDISED, ExitReason.WORK_SUBSIDISED, ExitReason.OWN_BUSINESS)


def _random_day(first: dt.date, last: dt.date, rng: random.Random) -> dt.date:
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


def _random_participation(intervention: Intervention, rng: random.Random) -> None:
    """A participation with random gender (a few annat), entry from the intervention's
    start (at the earliest 2023) to 2024-11-30, half of them exited, and a random profile."""
    gender = rng.choices((Gender.WOMAN, Gender.MAN, Gender.OTHER), (10, 10, 1))[0]
    entry = _random_day(max(intervention.start_date, D(2023, 1, 1)), D(2024, 11, 30), rng)
    exit_date, reason, extent = None, "", None
    if rng.random() < 0.5:
        exit_date = _random_day(entry, D(2024, 12, 31), rng)
        reason = rng.choice([r for r in ExitReason if r != ExitReason.MISTAKE])
        extent = rng.choice((25, 50, 100)) if reason in WORK_EXITS else None
    born = D(rng.randint(1965, 2004), 1, 1)
    education = rng.choice(Education.values)
    support = rng.choice(PublicSupportTime.values)
    plan = entry + dt.timedelta(days=30) if rng.random() < 0.7 else None
    _join(
        intervention,
        gender,
        entry=entry,
        exit_date=exit_date,
        reason=reason,
        extent=extent,
        born=born,
        education=education,
        support=support,
        plan=plan,
    )


def _random_association(seed: int) -> Association:
    """1-3 interventions (work-directed or pre-rehabilitation) with 3-30 participations
    each (so every share's denominator is at most 90 and a share gives its count) and a
    few anonymous ones; threshold k from 3 to 5."""
    rng = random.Random(seed)
    association = AssociationFactory.create(
        slug=f"attack-{seed}", disclosure_threshold=rng.choice((3, 4, 5, 5))
    )
    for index in range(rng.randint(1, 3)):
        intervention = InterventionFactory.create(
            association=association,
            code=f"R{index}",
            name=f"Insats R{index}",
            start_date=rng.choice(RANDOM_STARTS),
            aim=rng.choice((Aim.WORK, Aim.PRE_REHABILITATION)),
        )
        for _ in range(rng.randint(3, 30)):
            _random_participation(intervention, rng)
        for _ in range(rng.choice((0, 0, 1, 3))):
            Participation.objects.create(
                association=association,
                intervention=intervention,
                gender=rng.choice((Gender.WOMAN, Gender.MAN)),
                entry_date=_random_day(
                    max(intervention.start_date, D(2024, 1, 1)), D(2024, 11, 30), rng
                ),
            )
    return association


def _facts(association: Association) -> dict[str, attacker.Facts]:
    """What the memo's interventions table tells the reader."""
    return {
        i.code: attacker.Facts(i.start_date, i.kind, i.aim)
        for i in Intervention.objects.filter(association=association)
    }


def _memo_pair(association: Association, period: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The suppressed memo JSON and the unsuppressed one (the truth)."""
    parsed = Period.parse(period)
    return (
        compute_memo(association, parsed, suppress=True).json,
        compute_memo(association, parsed, suppress=False).json,
    )


@pytest.mark.parametrize(
    "seed",
    [
        *range(20),
        220,  # attack 6 below
    ],
)
def test_memo_random_association_has_no_recomputable_small_count(seed: int) -> None:
    """Whatever the data, no count from 1 to k-1 that the suppressed memo does not show
    can be recomputed from what it shows (within and across its tables, shares included),
    and every identity the attacker relies on holds (else the attacker would be blind)."""
    association = _random_association(seed)
    facts = _facts(association)

    found = {}
    for period in RANDOM_PERIODS:
        shown, truth = _memo_pair(association, period)
        attack = attacker.build(shown, truth, facts)
        found[period] = (attack.leaks(), attack.dropped)

    assert found == {period: ([], []) for period in RANDOM_PERIODS}


def _primary_only(memo: dict[str, Any]) -> dict[str, Any]:
    """``memo`` (unsuppressed) with every count and share from 1 to k-1 of the person
    tables shown as ".." and nothing else hidden: suppression without secondary cells."""
    k = memo["suppression"]["threshold"]
    labels = {"intervention", "reason", "extent", "expected"}

    def hide(value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            return {name: hide(item, name) for name, item in value.items()}
        if isinstance(value, list):
            return [hide(item) for item in value]
        if isinstance(value, int) and key not in labels and 1 <= value < k:
            return ".."
        return value

    person_tables = {"participants", "outcomes", "exit_reasons", "target_group", "expected"}
    tables = {
        name: hide(table) if name in person_tables else table
        for name, table in memo["tables"].items()
    }
    return {**memo, "suppression": {"applied": True, "threshold": k}, "tables": tables}


#: A's exits (W3 M1 T4) as the attacker recomputes them when they are not protected.
A_EXITS = {
    ("participants", "A", "exited", "women"): 3,
    ("participants", "A", "exited", "men"): 1,
    ("participants", "A", "exited", "total"): 4,
}


def _exits_of_a(leaks: list[attacker.Leak]) -> dict[attacker.Cell, int]:
    """The recovered cells of A's exits among ``leaks``."""
    return {
        leak.cell: leak.value for leak in leaks if leak.cell[:3] == ("participants", "A", "exited")
    }


def test_attacker_recomputes_counts_behind_primary_only_suppression(exits_world: World) -> None:
    """The oracle can fail: with the small counts hidden but no secondary cell, the
    attacker recomputes A's exits (W3 M1 T4) from the target group's active W11 M9 T20 minus
    the ongoing W8 M8 T16 (attack 1 above)."""
    truth = memo_json(exits_world.association, PERIOD, suppress=False)
    shown = _primary_only(truth)

    leaks = attacker.attack_memo(shown, truth, _facts(exits_world.association))

    assert _exits_of_a(leaks) == A_EXITS


def _unhide_large(shown: Any, truth: Any, marker: str) -> Any:
    """``shown`` with every hidden figure whose true value is k or more put back: the
    cells hidden only to protect small counts (secondary suppression)."""
    if isinstance(shown, dict):
        return {key: _unhide_large(value, truth[key], marker) for key, value in shown.items()}
    if isinstance(shown, list):
        return [_unhide_large(value, truth[i], marker) for i, value in enumerate(shown)]
    if shown == marker and isinstance(truth, int) and truth >= 5:
        return truth
    return shown


def test_attacker_recomputes_counts_when_the_protecting_cells_are_shown(
    exits_world: World,
) -> None:
    """The oracle can fail on a real suppressed memo: showing again the cells hidden only
    to protect A's small exits (W3 M1 T4) lets the attacker recompute them."""
    shown, truth = _memo_pair(exits_world.association, PERIOD)
    assert attacker.attack_memo(shown, truth, _facts(exits_world.association)) == []
    planted = copy.deepcopy(shown)
    planted["tables"] = _unhide_large(shown["tables"], truth["tables"], HIDDEN)
    assert planted != shown

    leaks = attacker.attack_memo(planted, truth, _facts(exits_world.association))

    assert _exits_of_a(leaks) == A_EXITS


@pytest.fixture
def plan_share_association(db: None) -> Association:
    """Threshold k = 4. C (pre-rehabilitation, start 2023-03-01): 4 women and 4 men active
    in 2024H1, 2 women and 2 men of them with an action plan; one of the men exits
    2024-02-09 to subsidised work, the others are ongoing at E. N (work-directed, start
    2024-02-01, in the year): one woman enters 2024-02-28 and exits 2024-04-26 to
    subsidised work, without a plan. True figures: active C 8, N 1, total 9; with a plan
    C 4, N 0, total 4 (44 %)."""
    association = AssociationFactory.create(slug="plan-share", disclosure_threshold=4)
    c = InterventionFactory.create(
        association=association,
        code="C",
        name="Insats C",
        aim=Aim.PRE_REHABILITATION,
        start_date=D(2023, 3, 1),
    )
    n = InterventionFactory.create(
        association=association, code="N", name="Insats N", start_date=D(2024, 2, 1)
    )
    subsidised = ExitReason.WORK_SUBSIDISED
    _join(c, Gender.WOMAN, entry=D(2023, 3, 7))
    _join(c, Gender.WOMAN, entry=D(2023, 4, 29), plan=D(2023, 5, 29))
    _join(c, Gender.MAN, entry=D(2023, 5, 24), plan=D(2023, 6, 23))
    _join(c, Gender.WOMAN, entry=D(2023, 9, 15))
    _join(c, Gender.MAN, entry=D(2023, 12, 6))
    _join(
        c,
        Gender.MAN,
        entry=D(2024, 1, 4),
        exit_date=D(2024, 2, 9),
        plan=D(2024, 2, 3),
        reason=subsidised,
        extent=25,
    )
    _join(c, Gender.WOMAN, entry=D(2024, 2, 23), plan=D(2024, 3, 1))
    _join(c, Gender.MAN, entry=D(2024, 4, 28))
    _join(
        n,
        Gender.WOMAN,
        entry=D(2024, 2, 28),
        exit_date=D(2024, 4, 26),
        reason=subsidised,
        extent=25,
    )
    return association


def test_memo_hidden_exits_not_recomputable_from_action_plan_share_denominator(
    plan_share_association: Association,
) -> None:
    """Attack 6 (found by the random attacker above: seeds 75, 220, 365, 369 and 427 of
    ``_random_association``, all in 2024H1). The share with an action plan is planned /
    active ytd; ``stats.published`` hides it when planned or active is hidden or small,
    and treats planned as revealed by the share. But a shown share whose numerator is
    known reveals its denominator too, and active ytd is an unpublished count that
    ``stats.published`` protects only through its sums:

    1. C's active women = ongoing 4 + exited 0; active men = the target group's 4 (N's men
       are 0 everywhere); nobody is annat, so C's active is 8 and C's 50 % is 4 planned.
    2. The total share is 44 % = (4 + planned N) / (8 + active N). N started in the year,
       so active N = registered N <= the shown total registered 4, and planned N <=
       active N: only active N = 1, planned N = 0 gives 44 % (4/9).
    3. N is ongoing 0, so N's hidden exits are W1 T1, and with them the total's exits,
       the exit reason and N's ``expected``.

    Fix (``stats.published``): when a share is shown, its denominator must not become
    determined through it (e.g. add, per shown share, the denominator as a cell known
    once the numerator is, or hide the share when its denominator would give a hidden
    count away)."""
    shown, truth = _memo_pair(plan_share_association, PERIOD)
    outcomes, participants = shown["tables"]["outcomes"], shown["tables"]["participants"]
    assert (
        _row(participants, "N")["exited"],
        _row(truth["tables"]["participants"], "N")["exited"],
    ) == (
        {"women": "..", "men": 0, "total": ".."},
        {"women": 1, "men": 0, "total": 1},
    )
    parts_c = (
        _row(participants, "C")["ongoing"]["women"],
        shown["tables"]["target_group"]["active"]["men"],
    )
    active_c = sum(parts_c) if all(isinstance(part, int) for part in parts_c) else None
    planned_c = _count_from_share(_row(outcomes, "C")["share_with_action_plan"], active_c)
    share = outcomes["total"]["share_with_action_plan"]
    registered = participants["total"]["registered"]["total"]

    candidates = [
        (active_n, planned_n)
        for active_n in range(registered + 1 if isinstance(registered, int) else 0)
        for planned_n in range(active_n + 1)
        if isinstance(share, int)
        and isinstance(planned_c, int)
        and isinstance(active_c, int)
        and round_half_up(planned_c + planned_n, active_c + active_n) == share
    ]
    leaks = attacker.attack_memo(shown, truth, _facts(plan_share_association))

    assert (candidates if len(candidates) == 1 else None, leaks) == (None, []), (
        f"N's active recomputed: {candidates}; attacker: {leaks}"
    )
