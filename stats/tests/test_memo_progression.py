"""The progression aggregates in the memo (issue 15, ``stats.memo_progression``): the
figures, and no hidden small count recomputed from the year's memos."""

from __future__ import annotations

import datetime as dt
import random

import jsonschema
import pytest
from django_scopes import scope

from participants.models import Participation
from stats.memo import compute_memo
from stats.memo_schema import MEMO_SCHEMA
from stats.periods import Period
from stats.tests import attacker_year
from stats.tests.test_disclosure_attack import _facts, _random_association
from stats.tests.test_disclosure_year import YEAR_2024, _pairs
from survey.progression import define_instrument
from survey.progression_models import Assessment, AssessmentValue, ProgressionInstrument
from tenancy.models import Association

pytestmark = pytest.mark.django_db
D = dt.date
ITEMS = [("Jag klarar min vardag", 1, 10), ("Jag kan arbeta några timmar", 1, 10)]


def _assess(
    instrument: ProgressionInstrument, participation: Participation, day: dt.date, values: list[int]
) -> None:
    assessment = Assessment.objects.create(
        association=participation.association,
        participation=participation,
        instrument=instrument,
        date=day,
    )
    for item, value in zip(instrument.items.order_by("number"), values, strict=True):
        AssessmentValue.objects.create(
            association=participation.association, assessment=assessment, item=item, value=value
        )


def _with_assessments(association: Association, seed: int) -> ProgressionInstrument:
    """Random assessments in 2024 for most participations with a person."""
    rng = random.Random(seed)
    instrument = define_instrument(
        association=association, name="Stegen", rater="deltagare", items=ITEMS
    )
    with scope(association=association.pk):
        participations = list(Participation.objects.filter(person__isnull=False).order_by("pk"))
    for participation in participations:
        days = sorted(rng.sample(range(1, 360), rng.choice((0, 1, 2, 2, 3))))
        for number in days:
            day = D(2024, 1, 1) + dt.timedelta(days=number)
            _assess(instrument, participation, day, [rng.randint(1, 10), rng.randint(1, 10)])
    return instrument


def test_memo_progression_counts_participations_with_two_assessments() -> None:
    association = _random_association(0)
    instrument = define_instrument(
        association=association, name="Stegen", rater="personal", items=ITEMS
    )
    with scope(association=association.pk):
        first, second, third = list(
            Participation.objects.filter(person__isnull=False).order_by("pk")[:3]
        )
    _assess(instrument, first, D(2024, 2, 1), [2, 2])
    _assess(instrument, first, D(2024, 5, 1), [4, 4])
    _assess(instrument, second, D(2024, 2, 1), [5, 5])
    _assess(instrument, second, D(2024, 5, 1), [5, 5])
    _assess(instrument, third, D(2024, 2, 1), [5, 5])
    code = first.intervention.code

    table = compute_memo(association, Period.parse("2024H1"), suppress=False).json["tables"][
        "progression"
    ]

    rows = {row["intervention"]: row for row in table["instruments"][0]["rows"]}
    assert (table["instruments"][0]["rater"], rows[code]["participations"]) == (
        "personal",
        2 if second.intervention == first.intervention else 1,
    )
    assert table["instruments"][0]["total"] == {
        "participations": 2,
        "improved": 1,
        "unchanged": 1,
        "fell": 0,
        "shares": {"improved": 50, "unchanged": 50, "fell": 0},
        "mean_change": None,
    }


def test_memo_progression_suppressed_hides_small_counts_and_means() -> None:
    association = _random_association(2)
    _with_assessments(association, 2)

    shown = compute_memo(association, Period.parse("2024"), suppress=True).json["tables"]
    truth = compute_memo(association, Period.parse("2024"), suppress=False).json["tables"]

    k = association.disclosure_threshold
    pairs = [
        (s_row, u_row)
        for s_i, u_i in zip(
            shown["progression"]["instruments"], truth["progression"]["instruments"], strict=True
        )
        for s_row, u_row in zip(
            [*s_i["rows"], s_i["total"]], [*u_i["rows"], u_i["total"]], strict=True
        )
    ]
    wrong = [
        (measure, s_row[measure], u_row[measure])
        for s_row, u_row in pairs
        for measure in ("participations", "improved", "unchanged", "fell")
        if s_row[measure] not in ((u_row[measure], "..") if u_row[measure] >= k else ("..",))
        and u_row[measure] != 0
    ]
    means = [s_row["mean_change"] for s_row, _ in pairs if s_row["participations"] == ".."]

    assert (len(pairs) > 1, wrong, set(means) <= {None}) == (True, [], True)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_year_of_memos_with_progression_reveals_no_small_count(seed: int) -> None:
    association = _random_association(seed)
    _with_assessments(association, seed)
    pairs = _pairs(association, YEAR_2024)

    attack = attacker_year.merge(pairs, _facts(association))

    assert (
        [len(shown["tables"]["progression"]["instruments"]) for shown, _ in pairs][-1],
        attack.leaks(),
    ) == (1, [])


def test_memo_with_progression_validates_against_the_contract() -> None:
    association = _random_association(1)
    _with_assessments(association, 1)

    shown = compute_memo(association, Period.parse("2024H1"), suppress=True).json
    truth = compute_memo(association, Period.parse("2024H1"), suppress=False).json

    jsonschema.validate(shown, MEMO_SCHEMA)
    jsonschema.validate(truth, MEMO_SCHEMA)
    assert [len(memo["tables"]["progression"]["instruments"]) for memo in (shown, truth)] == [1, 1]
