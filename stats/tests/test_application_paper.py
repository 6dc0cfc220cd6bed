"""The application paper a board decides on: the statistics layer's plain values."""

from __future__ import annotations

import datetime as dt

from funding.tests.factories import ApplicationFactory
from funding.tests.scenarios import BRYGGAN_NAME, bryggan
from stats.application_paper import (
    ApplicationPaper,
    PaperAssessment,
    PaperGoal,
    PaperYear,
    application_paper,
)
from testing.personas import World


def test_application_paper_holds_the_facts_years_goals_and_assessment(world: World) -> None:
    application = bryggan(world)

    paper = application_paper(str(application.pk))

    assert paper == ApplicationPaper(
        pk=application.pk,
        name=BRYGGAN_NAME,
        owner="Östhammars kommun",
        partners=("Arbetsförmedlingen", "Försäkringskassan", "Region Uppsala"),
        kind="Individinsats",
        aim="Arbetsåtergång",
        start_date=dt.date(2023, 9, 1),
        end_date=dt.date(2025, 12, 31),
        expected_participants=60,
        received_on=application.received_on,
        years=(PaperYear(2023, 580_000), PaperYear(2024, 1_880_000), PaperYear(2025, 1_880_000)),
        total=4_340_000,
        target_group=application.target_group,
        goals=(
            PaperGoal("Planering inom en månad.", "90 %"),
            PaperGoal("Stegförflyttning enligt SMAIL.", "70 %"),
        ),
        method=application.method,
        follow_up_plan=application.follow_up_plan,
        assessment=PaperAssessment(
            recommendation="Bevilja",
            assessed_on=dt.date(2023, 3, 20),
            text="Insatsen ligger i linje med förbundets inriktning.",
        ),
    )


def test_application_paper_is_found_by_code_and_none_for_an_unknown_reference(
    world: World,
) -> None:
    application = ApplicationFactory.create(association=world.association, code="KOD1")

    found = (application_paper("KOD1"), application_paper("999999"), application_paper("okänd"))

    assert (found[0] is not None and found[0].pk, found[1], found[2]) == (
        application.pk,
        None,
        None,
    )
