"""Hand-built examples of spec/reports.md sections 2, 3, 4, 5, 7 and 8 (the memo tables
built from interventions, reports and money). Period 2022H2 unless told: 2022-07-01 to
2022-12-31, ytd from 2022-01-01."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django_scopes import scope
from hypothesis import given
from hypothesis import strategies as st
from pytest_django import DjangoAssertNumQueries

from finance.models import CostOutcome
from finance.tests.factories import CostOutcomeFactory, TransferFactory
from followup.models import (
    Decision,
    Deviation,
    DeviationKind,
    FinalReport,
    FinalReportGoal,
    QuarterlyReport,
)
from followup.tests.factories import (
    DeviationFactory,
    QuarterlyReportFactory,
    SubmittedReportFactory,
)
from funding.models import FundingDecision, Outcome
from funding.tests.factories import ApplicationFactory
from interventions.models import Budget, Intervention, Kind
from stats import followup_tables as tables
from stats.models import DEFAULT_TARGETS
from stats.periods import Period
from tenancy.models import Association
from testing.factories import (
    AssociationFactory,
    BudgetFactory,
    GoalFactory,
    InterventionFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db

H2 = Period.parse("2022H2")


@pytest.fixture
def association() -> Association:
    return AssociationFactory.create(slug="exempel")


def make(association: Association, code: str, **fields: Any) -> Intervention:
    """An intervention; ``kind`` other than individ gets no aim."""
    if fields.get("kind", Kind.INDIVIDUAL) != Kind.INDIVIDUAL:
        fields.setdefault("aim", "")
    return InterventionFactory.create(association=association, code=code, name=code, **fields)


def report(intervention: Intervention, quarter: int, **fields: Any) -> QuarterlyReport:
    """A submitted report of 2022 (every answer ja/no vacancy unless told)."""
    fields.setdefault("submitted_on", dt.date(2022, quarter * 3, 28))
    return SubmittedReportFactory.create(
        intervention=intervention, year=2022, quarter=quarter, **fields
    )


def deviation(intervention: Intervention, received_on: dt.date, kind: str) -> Deviation:
    return DeviationFactory.create(intervention=intervention, received_on=received_on, kind=kind)


def extension(
    intervention: Intervention, decided_on: dt.date, *, extends: bool = True
) -> FundingDecision:
    """A granted decision on an application for ``intervention`` (an extension unless
    ``extends`` is False)."""
    application = ApplicationFactory.create(
        association=intervention.association, extends=intervention if extends else None
    )
    return FundingDecision.objects.create(
        association=intervention.association,
        application=application,
        outcome=Outcome.GRANTED,
        decided_on=decided_on,
        start_date=dt.date(2023, 1, 1),
        end_date=dt.date(2024, 12, 31),
        intervention=intervention,
    )


def everything() -> dict[str, Any]:
    return {
        "interventions": Intervention.objects.all(),
        "reports": QuarterlyReport.objects.all(),
        "deviations": Deviation.objects.all(),
    }


# --- section 2: interventions -------------------------------------------------------------


def test_interventions_table_lists_active_in_display_order(association: Association) -> None:
    make(association, "STRUKT", kind=Kind.STRUCTURAL, start_date=dt.date(2020, 1, 1))
    make(
        association,
        "IND",
        start_date=dt.date(2018, 3, 1),
        end_date=dt.date(2022, 7, 1),  # ends on the period's first day: still active
    )
    make(association, "KOMP", kind=Kind.COMPETENCE, end_date=None)
    make(association, "ENDED", end_date=dt.date(2022, 6, 30))
    make(association, "LATER", start_date=dt.date(2023, 1, 1))

    result = tables.interventions_table(
        H2, interventions=Intervention.objects.all(), decisions=FundingDecision.objects.all()
    )

    assert result.rows == [
        tables.InterventionRow(
            "IND", "IND", "individ", dt.date(2018, 3, 1), dt.date(2022, 7, 1), False
        ),
        tables.InterventionRow(
            "STRUKT", "STRUKT", "struktur", dt.date(2020, 1, 1), dt.date(2024, 12, 31), False
        ),
        tables.InterventionRow("KOMP", "KOMP", "kompetens", dt.date(2022, 1, 1), None, False),
    ]


def test_interventions_table_marks_extension_decided_in_period(
    association: Association,
) -> None:
    extended, early, new = (make(association, code) for code in ("A", "B", "C"))
    extension(extended, dt.date(2022, 10, 14))
    extension(early, dt.date(2022, 6, 30))  # decided just before the period
    extension(new, dt.date(2022, 10, 14), extends=False)  # a new intervention, not extended

    result = tables.interventions_table(
        H2, interventions=Intervention.objects.all(), decisions=FundingDecision.objects.all()
    )

    assert [(row.intervention, row.extended_in_period) for row in result.rows] == [
        ("A", True),
        ("B", False),
        ("C", False),
    ]


# --- section 3: goal status ---------------------------------------------------------------


def test_goal_status_takes_latest_report_across_quarters(association: Association) -> None:
    intervention = make(association, "A")
    report(intervention, 3, on_track="nej", forecast="nej", colour="red")
    report(
        intervention,
        4,
        on_track="delvis",
        forecast="ja",
        colour="yellow",
        review_comment="Färre deltagare än väntat.",
    )
    report(intervention, 2, on_track="ja", forecast="ja", colour="green")  # before the period

    result = tables.goal_status_table(
        H2, interventions=Intervention.objects.all(), reports=QuarterlyReport.objects.all()
    )

    assert result.rows == [
        tables.GoalStatusRow(
            intervention="A",
            on_track="delvis",
            forecast="ja",
            colour="yellow",
            comment="Färre deltagare än väntat.",
            report_quarter="2022Q4",
        )
    ]


def test_goal_status_ignores_draft_report(association: Association) -> None:
    intervention = make(association, "A")
    report(intervention, 3, on_track="for_tidigt", forecast="ej_aktuellt")
    QuarterlyReportFactory.create(
        intervention=intervention, year=2022, quarter=4, on_track="nej", forecast="nej"
    )

    result = tables.goal_status_table(
        H2, interventions=Intervention.objects.all(), reports=QuarterlyReport.objects.all()
    )

    # Q3 is the latest submitted report; it is not reviewed, so it has no colour
    assert result.rows == [
        tables.GoalStatusRow("A", "for_tidigt", "ej_aktuellt", None, "", "2022Q3")
    ]


def test_goal_status_active_intervention_without_report_has_empty_row(
    association: Association,
) -> None:
    make(association, "A")
    ended = make(association, "OLD", end_date=dt.date(2022, 6, 30))
    report(ended, 3, colour="green")  # data in the period lists an inactive intervention

    result = tables.goal_status_table(
        H2, interventions=Intervention.objects.all(), reports=QuarterlyReport.objects.all()
    )

    assert result.rows == [
        tables.GoalStatusRow("A", None, None, None, "", None),
        tables.GoalStatusRow("OLD", "ja", "ja", "green", "", "2022Q3"),
    ]


# --- section 4: ended interventions -------------------------------------------------------


def test_ended_table_summarises_submitted_final_report(association: Association) -> None:
    owner = OrganisationFactory.create(association=association, name="Uppsala kommun")
    partners = [
        OrganisationFactory.create(association=association, name=name)
        for name in ("Försäkringskassan", "Arbetsförmedlingen")
    ]
    digital = make(
        association,
        "DIGI",
        kind=Kind.STRUCTURAL,
        owner=owner,
        start_date=dt.date(2021, 1, 1),
        end_date=dt.date(2022, 12, 31),
    )
    digital.partners.set(partners)
    goal = GoalFactory.create(intervention=digital, text="Bygga ett digitalt stöd.", target="")
    final = FinalReport.objects.create(
        association=association,
        intervention=digital,
        purpose="Fler elever fullföljer vuxenutbildningen.",
        results="Målen är uppnådda.",
        lessons="Tjänstedesign fungerade väl.",
        status=FinalReport.Status.SUBMITTED,
        submitted_on=dt.date(2023, 1, 20),
    )
    FinalReportGoal.objects.create(
        association=association, final_report=final, goal=goal, outcome="Uppnått.", met="ja"
    )

    result = tables.ended_table(
        H2, interventions=Intervention.objects.all(), final_reports=FinalReport.objects.all()
    )

    assert result.rows == [
        tables.EndedRow(
            intervention="DIGI",
            name="DIGI",
            kind="struktur",
            start=dt.date(2021, 1, 1),
            end=dt.date(2022, 12, 31),
            owner="Uppsala kommun",
            partners=["Arbetsförmedlingen", "Försäkringskassan"],
            final_report_status="submitted",
            submitted_on=dt.date(2023, 1, 20),
            purpose="Fler elever fullföljer vuxenutbildningen.",
            results="Målen är uppnådda.",
            lessons="Tjänstedesign fungerade väl.",
            goals=[tables.FinalGoalRow("Bygga ett digitalt stöd.", "", "Uppnått.", "ja")],
        )
    ]


def test_ended_table_hides_draft_text_and_skips_other_end_dates(
    association: Association,
) -> None:
    draft = make(association, "DRAFT", end_date=dt.date(2022, 9, 30))
    make(association, "NONE", end_date=dt.date(2022, 7, 1))
    make(association, "H1", end_date=dt.date(2022, 6, 30))
    make(association, "NEXT", end_date=dt.date(2023, 1, 1))
    FinalReport.objects.create(association=association, intervention=draft, lessons="Utkast.")

    result = tables.ended_table(
        H2, interventions=Intervention.objects.all(), final_reports=FinalReport.objects.all()
    )

    assert [(row.intervention, row.final_report_status, row.lessons) for row in result.rows] == [
        ("DRAFT", "draft", ""),
        ("NONE", None, ""),
    ]


# --- section 5: conditions ----------------------------------------------------------------


def test_conditions_vacancy_if_any_report_says_yes(association: Association) -> None:
    intervention = make(association, "A")
    report(intervention, 3, vacancy_funded=True, vacancy_self_funded=False)
    report(intervention, 4, vacancy_funded=False, vacancy_self_funded=None)
    QuarterlyReportFactory.create(  # a draft saying yes counts nowhere
        intervention=make(association, "B"), year=2022, quarter=3, vacancy_self_funded=True
    )

    result = tables.conditions_table(H2, **everything())

    assert result.rows == [
        tables.ConditionsRow("A", True, False, False, 2),
        tables.ConditionsRow("B", False, False, False, 0),
    ]


def test_conditions_budget_deviation_received_in_period_whatever_decision(
    association: Association,
) -> None:
    budget, transfer, outside, goal = (make(association, code) for code in "ABCD")
    deviation(budget, dt.date(2022, 12, 31), DeviationKind.BUDGET)  # undecided
    TransferFactory.create(
        intervention=transfer, received_on=dt.date(2022, 7, 1), decision=Decision.REJECTED
    )
    deviation(outside, dt.date(2022, 6, 30), DeviationKind.BUDGET)  # just before the period
    deviation(outside, dt.date(2023, 1, 1), DeviationKind.BUDGET)  # just after it
    deviation(goal, dt.date(2022, 10, 1), DeviationKind.GOAL)  # not about money

    result = tables.conditions_table(H2, **everything())

    assert [(row.intervention, row.budget_deviation) for row in result.rows] == [
        ("A", True),
        ("B", True),
        ("C", False),
        ("D", False),
    ]


# --- section 7: quality -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ([True, True], "ja"),
        ([False, False], "nej"),
        ([True, False], "delvis"),
        ([True, None], "ja"),
        ([None, None], None),
        ([], None),
        (["ja", "ja"], "ja"),
        (["nej", "nej"], "nej"),
        (["ja", "delvis"], "delvis"),
        (["delvis", "delvis"], "delvis"),
        (["ja", "nej"], "delvis"),
        (["ja", ""], "ja"),
    ],
)
def test_combine_answers_all_ja_all_nej_else_delvis(
    answers: list[bool | str | None], expected: str | None
) -> None:
    assert tables.combine_answers(answers) == expected


def test_quality_mixes_answers_over_period_reports(association: Association) -> None:
    intervention = make(association, "A")
    report(
        intervention,
        3,
        ordinary_representation=False,
        follow_up_per_agreement="ja",
        target_group_checked=True,
        equality_discussed=None,
    )
    report(
        intervention,
        4,
        ordinary_representation=False,
        follow_up_per_agreement="delvis",
        target_group_checked=False,
    )
    QuarterlyReportFactory.create(  # a draft saying nej changes nothing
        intervention=intervention, year=2022, quarter=2, meetings_per_agreement=False
    )

    result = tables.quality_table(H2, **everything())

    assert result.rows == [
        tables.QualityRow(
            intervention="A",
            meetings_per_agreement="ja",
            ordinary_representation="nej",
            follow_up_per_agreement="delvis",
            target_group_checked="delvis",
            method_checked="ja",
            equality_discussed="ja",
            gender_equality_discussed="ja",
            implementation_discussed="ja",
            deviation_goals=False,
            reports=2,
        )
    ]


def test_quality_deviation_goals_received_in_period(association: Association) -> None:
    method, target_group, outside = (make(association, code) for code in "ABC")
    deviation(method, dt.date(2022, 8, 15), DeviationKind.METHOD)
    deviation(target_group, dt.date(2022, 7, 1), DeviationKind.TARGET_GROUP)
    deviation(outside, dt.date(2023, 1, 1), DeviationKind.GOAL)  # just after the period
    deviation(outside, dt.date(2022, 9, 1), DeviationKind.BUDGET)  # not about goals

    result = tables.quality_table(H2, **everything())

    assert [(row.intervention, row.deviation_goals, row.reports) for row in result.rows] == [
        ("A", True, 0),
        ("B", True, 0),
        ("C", False, 0),
    ]
    assert result.rows[2].meetings_per_agreement is None  # no report: no answer


# --- section 8: funds by kind -------------------------------------------------------------


def funds(targets: dict[str, int] | None = None) -> tables.FundsByKindTable:
    return tables.funds_by_kind_table(
        H2,
        interventions=Intervention.objects.all(),
        budgets=Budget.objects.all(),
        deviations=Deviation.objects.all(),
        costs=CostOutcome.objects.all(),
        targets=targets or DEFAULT_TARGETS,
    )


def test_funds_by_kind_shares_sum_to_100(association: Association) -> None:
    individual_a, individual_b = make(association, "IA"), make(association, "IB")
    structural = make(association, "S", kind=Kind.STRUCTURAL)
    competence = make(association, "K", kind=Kind.COMPETENCE)
    other = make(association, "O", kind=Kind.OTHER)
    for intervention, amount in [
        (individual_a, 1_000_000),
        (individual_b, 250_000),
        (structural, 550_000),
        (competence, 200_000),
        (other, 300_000),
    ]:
        BudgetFactory.create(intervention=intervention, year=2022, amount=amount)
    for intervention, amount in [(individual_a, 400_000), (structural, 585_000)]:
        CostOutcomeFactory.create(intervention=intervention, quarter=3, amount=amount)
    CostOutcomeFactory.create(intervention=individual_b, quarter=1, amount=15_000)
    CostOutcomeFactory.create(intervention=other, quarter=2, amount=99_000)
    CostOutcomeFactory.create(  # not approved: no outcome
        intervention=competence, quarter=4, amount=50_000, status=CostOutcome.Status.SUBMITTED
    )

    result = funds()

    # Largest remainder, so that the shares add up to the total's 100 % (rounding each half
    # up would give 101 %); equal remainders go to the first kind.
    # budget: 1 250 000 / 550 000 / 200 000 of 2 000 000 -> 62.5, 27.5, 10 -> 63, 27, 10
    # outcome: 415 000 / 585 000 / 0 of 1 000 000 -> 41.5, 58.5, 0 -> 42, 58, 0
    assert result == tables.FundsByKindTable(
        rows=[
            tables.FundsKindRow("individ", 1_250_000, 415_000, 63, 42, 60),
            tables.FundsKindRow("struktur", 550_000, 585_000, 27, 58, 30),
            tables.FundsKindRow("kompetens", 200_000, 0, 10, 0, 10),
        ],
        other=tables.FundsKindRow("ovrig", 300_000, 99_000, None, None, None),
        total_budget=2_000_000,
        total_outcome=1_000_000,
    )


def test_funds_by_kind_empty_denominator_gives_no_share(association: Association) -> None:
    other = make(association, "O", kind=Kind.OTHER)
    BudgetFactory.create(intervention=other, year=2022, amount=400_000)

    result = funds({**DEFAULT_TARGETS, "funds_individual": 70, "funds_structural": 20})

    assert result == tables.FundsByKindTable(
        rows=[
            tables.FundsKindRow("individ", 0, 0, None, None, 70),
            tables.FundsKindRow("struktur", 0, 0, None, None, 20),
            tables.FundsKindRow("kompetens", 0, 0, None, None, 10),
        ],
        other=tables.FundsKindRow("ovrig", 400_000, 0, None, None, None),
        total_budget=0,
        total_outcome=0,
    )


def test_funds_by_kind_leaves_out_other_associations(association: Association) -> None:
    mine = make(association, "A")
    theirs = make(AssociationFactory.create(slug="annat"), "X")
    BudgetFactory.create(intervention=mine, year=2022, amount=100_000)
    BudgetFactory.create(intervention=theirs, year=2022, amount=900_000)

    result = tables.funds_by_kind_table(
        H2,
        interventions=Intervention.objects.filter(association=association),
        budgets=Budget.objects.filter(association=association),
        deviations=Deviation.objects.filter(association=association),
        costs=CostOutcome.objects.filter(association=association),
        targets=DEFAULT_TARGETS,
    )

    assert (result.rows[0].budget, result.total_budget) == (100_000, 100_000)


# --- query counts -------------------------------------------------------------------------


def arrange_interventions(association: Association, count: int) -> None:
    """``count`` interventions, each with every kind of data the tables read."""
    for number in range(count):
        intervention = make(
            association,
            f"I{number}",
            kind=[Kind.INDIVIDUAL, Kind.STRUCTURAL, Kind.COMPETENCE][number % 3],
            end_date=dt.date(2022, 12, 31),
        )
        intervention.partners.set([OrganisationFactory.create(association=association)])
        report(intervention, 3)
        report(intervention, 4, colour="green")
        deviation(intervention, dt.date(2022, 9, 1), DeviationKind.BUDGET)
        deviation(intervention, dt.date(2022, 9, 2), DeviationKind.METHOD)
        BudgetFactory.create(intervention=intervention, year=2022, amount=400_000)
        CostOutcomeFactory.create(intervention=intervention, quarter=3)
        extension(intervention, dt.date(2022, 10, 14))
        final = FinalReport.objects.create(
            association=association,
            intervention=intervention,
            status=FinalReport.Status.SUBMITTED,
            submitted_on=dt.date(2023, 1, 15),
        )
        FinalReportGoal.objects.create(
            association=association,
            final_report=final,
            goal=GoalFactory.create(intervention=intervention),
        )


def build_every_table() -> None:
    interventions = Intervention.objects.all()
    tables.interventions_table(
        H2, interventions=interventions, decisions=FundingDecision.objects.all()
    )
    tables.goal_status_table(H2, interventions=interventions, reports=QuarterlyReport.objects.all())
    tables.ended_table(H2, interventions=interventions, final_reports=FinalReport.objects.all())
    tables.conditions_table(H2, **everything())
    tables.quality_table(H2, **everything())
    funds()


@pytest.mark.parametrize("count", [1, 3])
def test_followup_tables_query_count_independent_of_interventions(
    association: Association, count: int, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    arrange_interventions(association, count)

    # interventions 2, goal_status 2, ended 4, conditions 3, quality 3, funds 5
    with django_assert_num_queries(19):
        build_every_table()


def test_followup_tables_rows_for_three_interventions(association: Association) -> None:
    arrange_interventions(association, 3)

    result = tables.conditions_table(H2, **everything())

    assert result.rows == [
        tables.ConditionsRow(code, False, False, True, 2) for code in ("I0", "I1", "I2")
    ]


def test_followup_tables_inside_scope_show_only_the_association(
    association: Association,
) -> None:
    arrange_interventions(association, 1)
    arrange_interventions(AssociationFactory.create(slug="annat"), 1)  # same codes elsewhere

    with scope(association=association.pk):
        build_every_table()  # every query, prefetches included, works under the scope
        ended = tables.ended_table(
            H2, interventions=Intervention.objects.all(), final_reports=FinalReport.objects.all()
        )
        money = funds()

    assert ([row.intervention for row in ended.rows], money.total_budget) == (["I0"], 400_000)


@given(st.lists(st.integers(min_value=0, max_value=10**10), min_size=1, max_size=6))
def test_shares_of_whole_sum_to_100_and_stay_within_one_of_the_exact_share(
    parts: list[int],
) -> None:
    shares = tables.shares_of_whole(parts)

    whole = sum(parts)
    if whole == 0:
        assert shares == [None] * len(parts)
    else:
        assert sum(s or 0 for s in shares) == 100
        assert all(
            abs((s or 0) - part * 100 / whole) < 1 for s, part in zip(shares, parts, strict=True)
        )
